// What every module of the hooks engine (issue 10) works with: the resolved base URLs, the user's tokens, the
// ports (HTTP, processes), the clock, the cancellation signal and the per-run rate-limit book. The engine never
// imports `vscode` or the LSP library: the CLI and the language server build a HookContext each their own way.
import * as l10n from '@vscode/l10n';
import type { HookBaseUrls, HookCredentials } from '../../../protocol/hooks';
import type { HttpClient, ProcessRunner } from '../net/types';
import { packageNameProblem } from '../composer/packageNames';
import type { HookStateStore } from './stateStore';

export const DEFAULT_HOOK_BASE_URLS: Required<HookBaseUrls> = {
	packagist: 'https://packagist.org',
	repo: 'https://repo.packagist.org',
	githubApi: 'https://api.github.com',
	gitlab: 'https://gitlab.com',
	bitbucketApi: 'https://api.bitbucket.org',
};

export const DEFAULT_GRACE_MINUTES = 15;

/** A base URL the user gave that cannot be used. */
export class HookInputError extends Error {}

/** Hosts a plain-http base URL may name: tokens must never cross a network in clear text. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Validates one base URL: absolute, http(s), no credentials, plain http only on loopback. Trailing slashes dropped. */
export function checkBaseUrl(name: string, value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new HookInputError(l10n.t('{0} must be an absolute URL, not "{1}".', name, value));
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new HookInputError(l10n.t('{0} must be an https URL, not "{1}".', name, value));
	}
	if (url.username || url.password) {
		throw new HookInputError(l10n.t('{0} must not contain a user name or password.', name));
	}
	if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
		throw new HookInputError(l10n.t('{0} must use https (plain http is only accepted for 127.0.0.1 and localhost): {1}', name, value));
	}
	return url.toString().replace(/\/+$/, '');
}

export function resolveBaseUrls(given: HookBaseUrls | undefined): Required<HookBaseUrls> {
	const out = { ...DEFAULT_HOOK_BASE_URLS };
	for (const key of Object.keys(out) as Array<keyof HookBaseUrls>) {
		const value = given?.[key];
		if (typeof value === 'string' && value.trim() !== '') {
			out[key] = checkBaseUrl(key, value.trim());
		}
	}
	return out;
}

/** A host whose API answered "rate limited", until when (epoch ms). */
export class RateLimitBook {
	private readonly until = new Map<string, number>();

	note(origin: string, untilMs: number): void {
		this.until.set(origin, Math.max(untilMs, this.until.get(origin) ?? 0));
	}

	/** The reset time when `origin` is still limited at `now`. */
	limitedUntil(origin: string, now: number): number | undefined {
		const t = this.until.get(origin);
		return t !== undefined && t > now ? t : undefined;
	}
}

export interface HookContext {
	/** Packagist (web, API, p2): at most 10 requests at once, as its API documentation asks. */
	http: HttpClient;
	/** The VCS hosts' APIs, with their own limit so that a vendor's listing keeps both sides busy. */
	hostHttp: HttpClient;
	processes: ProcessRunner;
	bases: Required<HookBaseUrls>;
	/** Web URL of a GitHub Enterprise Server whose repositories use `credentials.githubEnterprise`. */
	githubEnterpriseUrl?: string;
	credentials: HookCredentials;
	readMarker: boolean;
	graceMs: number;
	state: HookStateStore;
	rateLimits: RateLimitBook;
	now(): number;
	signal?: AbortSignal;
	log?(line: string): void;
	/** Packages checked at once by `warnings` (the HTTP client still caps the sockets). */
	concurrency?: number;
	/** Update job polling: first wait and the longest wait between polls, and the overall limit (ms). */
	poll?: { firstMs: number; maxMs: number; timeoutMs: number };
}

/** `HH:MM` in the machine's time zone, for "rate-limited until HH:MM". */
export function clockTime(ms: number): string {
	const d = new Date(ms);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** `YYYY-MM-DD HH:MM UTC`, for dates in details. */
export function shortDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Throws the AbortError-like value callers expect when the run was cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw new HookCancelledError(l10n.t('The check was cancelled.'));
	}
}

export class HookCancelledError extends Error {}

/** vendor/name, lower-cased, by the project's one package-name rule (platform packages are not Packagist packages). */
export function checkPackageName(name: string): string {
	const lower = name.trim().toLowerCase();
	const problem = packageNameProblem(lower);
	if (problem !== undefined || !lower.includes('/')) {
		throw new HookInputError(l10n.t('"{0}" is not a package name (vendor/name).', name));
	}
	return lower;
}
