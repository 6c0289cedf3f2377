// URLs Composer reads differently from how they look (checked against Composer 2.5.5 and the git, hg and svn
// programs): nothing after `scheme://`, and a scheme in upper case. Composer's secure-http check compares the
// scheme exactly (Config::prohibitUrlByConfig: `in_array($scheme, ['http', 'git', 'ftp', 'svn'])`), so `HTTP://`
// slips past it and PHP, whose stream wrappers ignore case, downloads over plain http; git looks for a remote
// helper named after the scheme (`git-remote-HTTP`) and hg takes the URL for a folder, so both fail.
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Node } from '../../model/composerDocument';
import { INSECURE_SCHEMES } from '../../composer/secureHttp';
import { BITBUCKET_URL } from '../../composer/vcsHostUrls';
import { DiagnosticCode, type FixData } from './codes';
import type { RuleContext } from './context';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** GitDriver::supports, shallow pass: the urls `type: vcs` hands to git without asking. */
const GIT_SHALLOW = /(^git:\/\/|\.git\/?$|git(?:olite)?@|\/\/git\.|\/\/github.com\/)/i;
/** SvnDriver::supports, shallow pass. */
const SVN_SHALLOW = /(^svn:\/\/|^svn\+ssh:\/\/|svn\.)/i;
const HOST_API_TYPES = new Set(['github', 'gitlab', 'bitbucket', 'git-bitbucket']);
/** Types whose program is case-sensitive about schemes. */
const CASE_SENSITIVE_PROGRAM: Readonly<Record<string, string>> = { git: 'git', hg: 'hg', fossil: 'fossil' };

function composerFailure(type: string, url: string): string {
	if (type === 'composer') return `The "${url.replace(/\/+$/, '')}/packages.json" file could not be downloaded`;
	if (type === 'vcs' && !GIT_SHALLOW.test(url)) return `No driver found to handle VCS repository ${url}`;
	if (type === 'hg') return `Failed to clone ${url}, could not read packages from it`;
	return `Failed to clone ${url} to read package information from it`;
}

/** `https://`, `https:///a/b.git`: no host. Reported as Composer fails on it. */
function checkHost(ctx: RuleContext, node: Node, url: string, type: string, scheme: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[/?#]|$)/.test(url) || scheme.toLowerCase() === 'file') return false;
	const message = type === 'svn' || type === 'fossil' || type === 'perforce'
		? l10n.t('The URL has no host: nothing follows "{0}://", so Composer cannot reach the repository.', scheme)
		: l10n.t('The URL has no host: nothing follows "{0}://", and Composer fails with "{1}".', scheme, composerFailure(type, url));
	ctx.report(node, DiagnosticCode.urlNoHost, message);
	return true;
}

/** `HTTP://`, `Git://`: what the program behind the type does with an upper-case scheme. */
function checkCase(ctx: RuleContext, node: Node, url: string, type: string, scheme: string): boolean {
	const lower = scheme.toLowerCase();
	if (scheme === lower) return false;
	if (type === 'vcs' && BITBUCKET_URL.test(url)) return false; // GitBitbucketDriver reads its https API whatever the case
	const lowered: FixData = { kind: 'replace', title: l10n.t('Write "{0}://"', lower), newText: JSON.stringify(lower + url.slice(scheme.length)) };
	const program = CASE_SENSITIVE_PROGRAM[type] ?? (type === 'vcs' && GIT_SHALLOW.test(url) ? 'git' : undefined);
	if (program) {
		ctx.report(node, DiagnosticCode.uppercaseScheme, l10n.t('{0} does not understand the upper-case scheme "{1}://" and cannot read the repository, so Composer fails too. Write "{2}://".', program, scheme, lower), { fixes: [lowered] });
		return true;
	}
	if (type === 'vcs' && !BITBUCKET_URL.test(url) && !SVN_SHALLOW.test(url)) {
		ctx.report(node, DiagnosticCode.uppercaseScheme, l10n.t('git and Mercurial do not understand the upper-case scheme "{0}://": Composer can read this repository only if it is a Subversion one. Write "{1}://".', scheme, lower), { severity: DiagnosticSeverity.Warning, fixes: [lowered] });
		return true;
	}
	// PHP (composer repositories) and svn ignore the case, but Composer's secure-http check does not.
	if (INSECURE_SCHEMES.includes(lower) && (type === 'composer' || type === 'svn' || type === 'vcs')) {
		const fixes: FixData[] = lower === 'http'
			? [{ kind: 'replace', title: l10n.t('Use https://'), newText: JSON.stringify('https://' + url.slice(scheme.length + 3)) }, lowered]
			: [lowered];
		ctx.report(node, DiagnosticCode.uppercaseScheme, l10n.t('Composer\'s secure-http check compares schemes exactly: "{0}://" slips past it, and Composer connects over plain, unencrypted {1} without refusing or warning. Write https:// (or "{1}://" to be checked like any other URL).', scheme, lower), { severity: DiagnosticSeverity.Warning, fixes });
		return true;
	}
	return false;
}

/** True when the URL was reported here (the caller's other URL checks would only repeat the problem). */
export function checkSchemeForm(ctx: RuleContext, node: Node, url: string, type: string): boolean {
	const scheme = SCHEME.exec(url)?.[1];
	// The GitHub, GitLab and Bitbucket types have their drivers' own URL rules (urls.ts).
	if (scheme === undefined || HOST_API_TYPES.has(type)) return false;
	return checkHost(ctx, node, url, type, scheme) || checkCase(ctx, node, url, type, scheme);
}
