// URL checks: empty, missing scheme, insecure protocols under `secure-http`, and the URL forms the GitHub,
// GitLab, Bitbucket and git drivers reject (Config::prohibitUrlByConfig, VcsRepository::getDriver and the
// drivers' initialize() in Repository/Vcs/).
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getTypeSpec } from '../catalog';
import { getProperty, type Node, type RepositoryEntry } from '../../model/composerDocument';
import { unsafeVcsUrl } from '../../composer/commandSafety';
import { INSECURE_SCHEMES, prohibitingSetting, schemeAndHost } from '../../composer/secureHttp';
import { BITBUCKET_URL, GITHUB_URL, GITLAB_URL, githubOrigin, hostDriverFor, parseGitLabUrl, type HostDriver } from '../../composer/vcsHostUrls';
import { DiagnosticCode, type FixData } from './codes';
import { checkSchemeForm } from './schemes';
import type { RuleContext } from './context';

/** Composer's git driver refuses `ssh://user@host:` followed by something other than a port number. */
const SSH_NON_NUMERIC_PORT = /^ssh:\/\/[^@]+@[^:]+:[^0-9]+/;
const HAS_SCHEME = /^[\w.]+\??:\/\//;
const SCP_LIKE = /^[^/@:\s]+@[^:\s]+:/;
const LOCAL_LOOKING = /^(?:[/\\~$%.]|[a-z]:[\\/]|file:\/\/)/i;
/** `host.tld/…` without a scheme: almost certainly a forgotten `https://`. */
const HOST_WITHOUT_SCHEME = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?\//i;

/** Reports `http://`, `git://`, `ftp://`, `svn://` URLs the way Composer's secure-http setting treats them. */
export function checkInsecureUrl(ctx: RuleContext, node: Node, url: string): void {
	const parsed = schemeAndHost(url);
	if (!parsed || !INSECURE_SCHEMES.includes(parsed.scheme)) return;
	const fixes: FixData[] = parsed.scheme === 'http'
		? [{ kind: 'replace', title: l10n.t('Use https://'), newText: JSON.stringify('https://' + url.slice('http://'.length)) }]
		: [];
	switch (prohibitingSetting(url, ctx.doc.config)) {
		case null:
			// Allowed: either an svn:// host listed in secure-svn-domains, or secure-http is off (Composer warns).
			if (!ctx.doc.config.secureHttp) {
				ctx.report(node, DiagnosticCode.insecureUrl, l10n.t('{0}:// is an insecure protocol; Composer allows it only because secure-http is false, and warns.', parsed.scheme), { severity: DiagnosticSeverity.Warning, fixes });
			}
			return;
		case 'secure-svn-domains':
			ctx.report(node, DiagnosticCode.insecureUrl, l10n.t('Composer refuses svn:// connections to {0}: add the host to config.secure-svn-domains or use svn+ssh:// or https://.', parsed.host), { fixes });
			return;
		case 'secure-http':
			ctx.report(node, DiagnosticCode.insecureUrl, l10n.t('Composer refuses {0}:// URLs while config.secure-http is true (the default). Use https:// (or ssh), or set secure-http to false.', parsed.scheme), { fixes });
	}
}

export function checkUrls(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || !entry.type) continue;
		const spec = getTypeSpec(entry.type);
		const urlNode = getProperty(entry.object, 'url')?.valueNode;
		if (!spec || spec.family === 'package' || spec.family === 'pear' || urlNode?.type !== 'string') continue;
		const url = urlNode.value as string;
		if (url.trim() === '') {
			ctx.report(urlNode, DiagnosticCode.emptyUrl, l10n.t('The "url" is empty.'));
			continue;
		}
		if (spec.family === 'path' && /^file:\/\//i.test(url)) {
			// Composer globs the url as a plain path: with a file:// prefix nothing ever matches (artifact folders do accept it).
			const plain = url.replace(/^file:\/\//i, '');
			ctx.report(urlNode, DiagnosticCode.pathFileUrl, l10n.t('A path repository takes a folder path, not a file:// URL: Composer fails with "The url supplied for the path repository does not exist". Write "{0}".', plain), {
				fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', plain), newText: JSON.stringify(plain) }],
			});
			continue;
		}
		if (spec.family === 'path' || spec.family === 'artifact') continue; // local facts rule
		const secure = ctx.doc.config.secureHttp;
		if (unsafeVcsUrl(url, entry.type) && spec.family === 'vcs') continue; // the command-safety rule says what it would have done
		if (checkSchemeForm(ctx, urlNode, url, entry.type)) continue;
		if (spec.family === 'composer') {
			if (!HAS_SCHEME.test(url) && !LOCAL_LOOKING.test(url)) {
				const message = secure
					? l10n.t('The URL has no scheme: Composer reads it as http://{0}, which secure-http refuses. Write https://{0}.', url)
					: l10n.t('The URL has no scheme: Composer reads it as http://{0}, an insecure protocol. Write https://{0}.', url);
				ctx.report(urlNode, DiagnosticCode.urlNoScheme, message, {
					...(secure ? {} : { severity: DiagnosticSeverity.Warning }),
					fixes: [{ kind: 'replace', title: l10n.t('Use https://'), newText: JSON.stringify('https://' + url) }],
				});
				continue;
			}
			checkInsecureUrl(ctx, urlNode, url);
			continue;
		}
		// VCS family.
		const type = entry.type;
		if (type === 'github' && !GITHUB_URL.test(url)) {
			ctx.report(urlNode, DiagnosticCode.invalidGithubUrl, l10n.t('The GitHub driver rejects this URL: use https://github.com/OWNER/REPO or git@github.com:OWNER/REPO.git (or type "git" / "vcs" for other URLs).'));
			continue;
		}
		if (checkHostForType(ctx, entry, urlNode, url, type)) continue;
		if (type === 'gitlab') {
			if (!GITLAB_URL.test(url)) {
				ctx.report(urlNode, DiagnosticCode.invalidGitlabUrl, l10n.t('The GitLab driver rejects this URL: it must be the http(s) or git@ URL of a GitLab project, e.g. https://gitlab.com/GROUP/PROJECT.'));
				continue;
			}
			if (parseGitLabUrl(url, ctx.doc.config.gitlabDomains) === null) {
				ctx.report(urlNode, DiagnosticCode.gitlabDomainNotConfigured, l10n.t('This host is not in config.gitlab-domains of this file: Composer fails with type "gitlab" unless the global config lists it. Add it to "gitlab-domains" or use type "vcs" or "git".'));
			}
		}
		if ((type === 'bitbucket' || type === 'git-bitbucket') && !BITBUCKET_URL.test(url)) {
			ctx.report(urlNode, DiagnosticCode.invalidBitbucketUrl, l10n.t('The Bitbucket driver rejects this URL: use https://bitbucket.org/OWNER/REPO (or type "git" for ssh URLs).'));
			continue;
		}
		if ((type === 'git' || type === 'vcs') && SSH_NON_NUMERIC_PORT.test(url)) {
			ctx.report(urlNode, DiagnosticCode.invalidSshUrl, l10n.t('Composer rejects ssh:// URLs with something other than a port number after ":". Write ssh://git@example.com:22/path or git@example.com:path.'));
			continue;
		}
		if (!HAS_SCHEME.test(url) && !SCP_LIKE.test(url) && !LOCAL_LOOKING.test(url) && HOST_WITHOUT_SCHEME.test(url)) {
			ctx.report(urlNode, DiagnosticCode.urlNoScheme, l10n.t('The URL has no scheme, so Composer treats it as a local folder. Did you mean https://{0}?', url), {
				severity: DiagnosticSeverity.Warning,
				fixes: [{ kind: 'replace', title: l10n.t('Use https://'), newText: JSON.stringify('https://' + url) }],
			});
			continue;
		}
		// The GitHub and Bitbucket drivers talk to their https APIs whatever the URL's scheme.
		if (apiDriverHandles(type, url, ctx.doc.config.githubDomains)) continue;
		checkInsecureUrl(ctx, urlNode, url);
	}
}

const DRIVER_OF_TYPE: Readonly<Record<string, HostDriver>> = { github: 'github', gitlab: 'gitlab', bitbucket: 'bitbucket', 'git-bitbucket': 'bitbucket' };

/**
 * A host-specific type on a host another host-specific driver claims (`github` on gitlab.com, `gitlab` on
 * github.com), by the domains this file configures. The GitHub driver takes any other host for GitHub Enterprise
 * and calls `<host>/api/v3`, which GitLab and Bitbucket do not serve; the GitLab driver fails on a host outside
 * gitlab-domains. Composer's GitHubDriver, GitLabDriver and GitBitbucketDriver supports() decide the owner.
 */
function checkHostForType(ctx: RuleContext, entry: RepositoryEntry, urlNode: Node, url: string, type: string): boolean {
	const expected = DRIVER_OF_TYPE[type];
	const owner = expected && hostDriverFor(url, ctx.doc.config);
	if (!owner || owner === expected) return false;
	const typeNode = entry.typeProperty?.valueNode;
	const range = typeNode && { start: ctx.document.positionAt(typeNode.offset), end: ctx.document.positionAt(typeNode.offset + typeNode.length) };
	const hostName = { github: 'GitHub', gitlab: 'GitLab', bitbucket: 'Bitbucket' }[owner];
	const message = type === 'github'
		? l10n.t('This is a {0} repository: the GitHub driver would take its host for GitHub Enterprise and call its /api/v3, which {0} does not serve, then try to clone it with git over ssh. Use type "{1}" (or "vcs").', hostName, owner)
		: l10n.t('This is a {0} repository: the "{1}" driver does not handle its host, and Composer fails with type "{1}" here. Use type "{2}" (or "vcs").', hostName, type, owner);
	ctx.report(urlNode, DiagnosticCode.hostNotForType, message, range ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', owner), newText: JSON.stringify(owner), range }] } : undefined);
	return true;
}

function apiDriverHandles(type: string, url: string, githubDomains: readonly string[]): boolean {
	if (type === 'github' || type === 'bitbucket' || type === 'git-bitbucket') return true;
	if (type !== 'vcs') return false;
	if (BITBUCKET_URL.test(url)) return true;
	const origin = githubOrigin(url);
	return origin !== null && githubDomains.includes(origin);
}
