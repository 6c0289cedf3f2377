// The credential shapes every message, label, hover and log line must not show, in one place: net/credentials.ts
// adds the secrets it loaded at run time, and the pure language service applies the same shapes to whatever text a
// live-data provider hands it (defence in depth: the provider promises redacted text). Pure: no I/O.
import { replaceUserinfo } from './urlUserinfo';

/** `\b[a-z][a-z0-9+.-]*://` then user-info up to whitespace, `/`, `@` or a quote (in linear time: urlUserinfo.ts). */
const REDACT_USERINFO = { wordBoundary: true, stops: (c: string) => /[\s/'"]/.test(c) };

/**
 * Removes credentials that can be recognised by their shape: URL userinfo with a password or a token-like user,
 * `access_token`/`private_token`/`token` query values, Authorization / PRIVATE-TOKEN / JOB-TOKEN header values
 * and GitHub/GitLab token formats.
 */
export function redactCredentialShapes(text: string): string {
	// user:password@ always goes; a bare user@ stays (ssh://git@host) unless it looks like a token.
	let out = replaceUserinfo(text, REDACT_USERINFO, (scheme, userinfo, m) =>
		userinfo.includes(':') || /^(?:[0-9a-f]{12,}|gh[pousr]_\w+|github_pat_\w+|glpat-[\w-]+|x-token-auth|oauth2)$/i.test(userinfo) ? `${scheme}***@` : m);
	out = out.replace(/([?&](?:access_token|private_token|token)=)[^&\s'"#]+/gi, '$1***');
	out = out.replace(/\b(authorization|private-token|job-token)(\s*[:=]\s*)(?:(basic|bearer|token)\s+)?[^\s,'"]+/gi,
		(_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? scheme + ' ' : ''}***`);
	return out.replace(/\b(?:gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_-]{16,})\b/g, '***');
}
