// Checks that run on repository definitions BEFORE any VCS process starts: a url such as
// `--upload-pack=touch /tmp/pwned`, an `ext::sh -c …` transport, a Perforce depot holding `$(…)`, a ref named
// `-x` must come back as an error value, never reach a command line. The decision is composer/commandSafety.ts,
// which the editor's diagnostics ask too; this module turns its verdicts into resolver error values.
import * as l10n from '@vscode/l10n';
import type { ResolveError } from '../types';
import { redact } from '../../net/credentials';
import { insecureMessage } from '../../net/http';
import { isUnsafeRefName, unsafeRepositoryValues, unsafeVcsUrl, type UnsafeValue } from '../../composer/commandSafety';
import { prohibitingSetting, type SecureHttpConfig } from '../../composer/secureHttp';

function refused(verdict: UnsafeValue): ResolveError {
	return { code: verdict.field === 'url' ? 'vcs.unsafe-url' : 'vcs.unsafe-value', message: verdict.message };
}

/**
 * Null when `url` may be handed to the VCS program of `type` as an operand; otherwise why not, as an error value
 * whose message is the editor's diagnostic (the decision is composer/commandSafety.ts, shared with the validator).
 */
export function checkVcsUrl(url: unknown, type = 'vcs'): ResolveError | null {
	if (typeof url !== 'string' || url.trim() === '') {
		return { code: 'vcs.invalid-url', message: l10n.t('The repository url must be a non-empty string.') };
	}
	const verdict = unsafeVcsUrl(url, type);
	return verdict ? refused(verdict) : null;
}

/** checkVcsUrl, then every other value of the definition a VCS program would receive (the Perforce settings). */
export function checkVcsDefinition(config: Readonly<Record<string, unknown>>): ResolveError | null {
	const type = typeof config.type === 'string' ? config.type : 'vcs';
	const url = checkVcsUrl(config.url, type);
	if (url) {
		return url;
	}
	const verdict = unsafeRepositoryValues({ ...config, type })[0];
	return verdict ? refused(verdict) : null;
}

/** Null when a ref name (branch, tag, bookmark) may be used; names starting with `-` or holding control characters are refused. */
export function checkRefName(name: string): ResolveError | null {
	if (isUnsafeRefName(name)) {
		return { code: 'vcs.unsafe-ref', message: l10n.t('The reference name "{0}" is not safe to pass to a VCS program and was skipped.', name.replace(/[\u0000-\u001f\u007f]/g, '?')) };
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
