// Checks that run on repository definitions BEFORE any VCS process starts. The threat model is Composer's
// own advisories on argument injection through git/hg/perforce repository definitions (a url such as
// `--upload-pack=touch /tmp/pwned`, an `ext::sh -c …` transport, a ref named `-x`): such a definition
// must come back as an error value, never reach a command line.
import * as l10n from '@vscode/l10n';
import type { ResolveError } from '../types';
import { redact } from '../../net/credentials';
import { insecureMessage } from '../../net/http';
import { prohibitingSetting, type SecureHttpConfig } from '../../composer/secureHttp';

/** `<helper>::<address>` makes git run `git-remote-<helper>`; `ext::` and `fd::` run arbitrary commands. */
const REMOTE_HELPER = /^[A-Za-z0-9][A-Za-z0-9+.-]*::/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function unsafe(message: string): ResolveError {
	return { code: 'vcs.unsafe-url', message };
}

/** Null when `url` may be handed to a VCS program as an operand; otherwise the reason, as an error value. */
export function checkVcsUrl(url: unknown): ResolveError | null {
	if (typeof url !== 'string' || url.trim() === '') {
		return { code: 'vcs.invalid-url', message: l10n.t('The repository url must be a non-empty string.') };
	}
	if (CONTROL.test(url)) {
		return unsafe(l10n.t('The repository url contains control characters (such as a newline or NUL) and was not used.'));
	}
	const trimmed = url.trimStart();
	if (trimmed.startsWith('-')) {
		return unsafe(l10n.t('The repository url "{0}" starts with "-", which a VCS program would read as an option; it was not used.', url));
	}
	if (REMOTE_HELPER.test(trimmed)) {
		return unsafe(l10n.t('The repository url "{0}" uses a command transport ("{1}"), which could run programs; it was not used.', url, trimmed.slice(0, trimmed.indexOf('::') + 2)));
	}
	// ssh/scp-like forms: a host or user that starts with "-" becomes an ssh option (CVE-2017-1000117 family).
	const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(trimmed)?.[1];
	const scpLike = authority === undefined ? /^([^/:]+):/.exec(trimmed)?.[1] : undefined;
	for (const part of (authority ?? scpLike ?? '').split(/[@:]/)) {
		if (part.startsWith('-')) {
			return unsafe(l10n.t('The repository url "{0}" has a host or user starting with "-", which ssh would read as an option; it was not used.', url));
		}
	}
	return null;
}

/** Null when a ref name (branch, tag, bookmark) may be used; names starting with `-` or holding control characters are refused. */
export function checkRefName(name: string): ResolveError | null {
	if (name === '' || name.startsWith('-') || CONTROL.test(name)) {
		return { code: 'vcs.unsafe-ref', message: l10n.t('The reference name "{0}" is not safe to pass to a VCS program and was skipped.', name.replace(CONTROL, '?')) };
	}
	return null;
}

/**
 * Composer's `Config::prohibitUrlByConfig` before a VCS program connects (the rule itself is shared with the
 * editor's diagnostics), refused with Composer's own message.
 */
export function checkSecureTransport(url: string, config: SecureHttpConfig): ResolveError | null {
	switch (prohibitingSetting(url, config)) {
		case 'secure-http':
			return { code: 'vcs.insecure-url', message: insecureMessage(url) };
		case 'secure-svn-domains':
			return {
				code: 'vcs.insecure-url',
				message: l10n.t('Your configuration does not allow connections to {0}. See https://getcomposer.org/doc/06-config.md#secure-svn-domains for details.', redactUrl(url)),
			};
		default:
			return null;
	}
}

/**
 * Removes passwords and tokens from a URL so it can appear in labels and messages. One redaction rule for the
 * whole product (net/credentials.ts, after Composer's Url::sanitize): user:password and token-like user-info go,
 * and so does every secret read from auth.json.
 */
export function redactUrl(url: string): string {
	return redact(url);
}
