// URL handling of a `composer` repository (Repository/ComposerRepository.php: __construct, getPackagesJsonUrl,
// canonicalizeUrl). Pure string work, no I/O except the local-path check
// the caller injects.
import { redact } from '../../net/credentials';
import * as l10n from '@vscode/l10n';
import { phpRtrim } from '../../semver/phpCompat';

export type RepoUrl =
	| { ok: true; url: string; packagesJsonUrl: string; baseUrl: string }
	| { ok: false; message: string };

export interface RepoUrlOptions {
	/** Absolute path when `raw` names an existing local path (Composer HEAD turns it into file://). */
	localPath?: (raw: string) => string | undefined;
	/** Where `https://repo.packagist.org` really lives (tests point it at loopback). */
	packagistRepo?: string;
}

const PACKAGIST = /^(https?):\/\/packagist\.org\/?$/i;
const REPO_PACKAGIST = /^(https?):\/\/repo\.packagist\.org\/?$/i;

/** Normalizes a repository `url` the way Composer's constructor does. */
export function normalizeRepoUrl(raw: unknown, options: RepoUrlOptions = {}): RepoUrl {
	if (typeof raw !== 'string') {
		return { ok: false, message: l10n.t('The url of a composer repository must be a string.') };
	}
	let url = raw;
	if (!/^[\w.]+\??:\/\//.test(url)) {
		const local = options.localPath?.(url);
		// Without a scheme Composer assumes http:// (which secure-http then refuses) unless it is a local path.
		url = local !== undefined ? 'file://' + local : 'http://' + url;
	}
	url = phpRtrim(url, '/');
	if (url === '') {
		return { ok: false, message: l10n.t('The repository url must not be an empty string') };
	}
	if (url.startsWith('https?')) {
		url = 'https' + url.slice(6);
	}
	const scheme = /^([^:/?#]+):/.exec(url.replace(/\\/g, '/'));
	if (!scheme || !/^[a-z][a-z0-9+.-]*$/i.test(scheme[1])) {
		return { ok: false, message: l10n.t('Invalid url given for Composer repository: {0}', url) };
	}
	const packagist = PACKAGIST.exec(url);
	if (packagist) {
		url = packagist[1] + '://repo.packagist.org';
	}
	// repo.packagist.org is served from a configurable base (https only: http:// stays and meets secure-http).
	if (options.packagistRepo && /^https:/i.test(url) && REPO_PACKAGIST.test(url)) {
		url = phpRtrim(options.packagistRepo, '/');
	}
	const baseUrl = phpRtrim(url.slice(0, jsonFileSuffixStart(url)), '/');
	return { ok: true, url, packagesJsonUrl: packagesJsonUrl(url), baseUrl: baseUrl === '' ? url : baseUrl };
}

const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/**
 * Where Composer's `{(?:/[^/\\\\]+\.json)?(?:[?#].*)?$}` (the root file name, then a query or fragment) starts
 * matching, so the base URL is what comes before. Unanchored, the regex rescans the rest of the URL from every `?`
 * and `#` (quadratic); here each path segment is read once. The earliest of: a `/name.json` segment after which
 * only a query or fragment (or nothing) follows, or a `?`/`#` with no line terminator after it; else the end.
 */
export function jsonFileSuffixStart(url: string): number {
	let lastBreak = -1;
	for (let i = 0; i < url.length; i++) if (isLineTerminator(url[i])) lastBreak = i;
	// A `?…`/`#…` tail may start at q: `.` matches anything but a line terminator up to the end.
	const tailAt = (q: number): boolean => q === url.length || ((url[q] === '?' || url[q] === '#') && q > lastBreak);
	for (let p = 0; p < url.length; p++) {
		if (url[p] === '/') {
			// `/` + at least one character + `.json`, all inside one segment (no `/` or `\`).
			let end = p + 1;
			while (end < url.length && url[end] !== '/' && url[end] !== '\\') end++;
			for (let q = p + 7; q <= end; q++) {
				if (url.endsWith('.json', q) && tailAt(q)) return p;
			}
		} else if (tailAt(p)) {
			return p;
		}
	}
	return url.length;
}

/** A URL whose path contains `.json` is the root file itself; otherwise `<url>/packages.json`. */
export function packagesJsonUrl(url: string): string {
	const m = /^[^:]+:\/\/[^/?#]*([^?#]*)/.exec(url.replace(/\\/g, '/'));
	const pathPart = m ? m[1] : url;
	return pathPart.includes('.json') ? url : url + '/packages.json';
}

/**
 * canonicalizeUrl: a value starting with `/` is relative to the repository's host root (scheme://host),
 * anything else is used verbatim (so `p2/%package%.json` is NOT resolved against the repo path).
 */
export function canonicalizeUrl(value: string, repoUrl: string): string {
	if (value.startsWith('/')) {
		const m = /^[^:]+:\/\/[^/]*/.exec(repoUrl);
		return m ? m[0] + value : repoUrl;
	}
	return value;
}

/** Composer's Url::sanitize for labels and messages: drop userinfo passwords. */
export function sanitizeUrl(url: string): string {
	// One redaction rule for labels and messages alike (net/credentials.ts).
	return redact(url);
}

/** `$` in provider URLs is sent as %24 (bad proxies choke on it), only the first one, as Composer does. */
export function encodeDollar(url: string): string {
	const pos = url.indexOf('$');
	return pos > 0 && /^https?:\/\//i.test(url) ? url.slice(0, pos) + '%24' + url.slice(pos + 1) : url;
}
