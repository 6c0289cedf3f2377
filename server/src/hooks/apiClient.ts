// JSON and text GETs for the hooks engine through the HttpClient port, with every outcome as a value the
// signals can explain: ok, an HTTP status (with the rate-limit reset when the host sent one), or a transport
// failure. Authenticated answers are never put in the disk cache: a hook list can hold a Packagist token in
// its URLs. Link-header and `next`-field pagination stay on the first page's origin.
import * as l10n from '@vscode/l10n';
import { redact } from '../net/credentials';
import { nextRelTarget } from '../resolvers/vcs/hostApi';
import { clockTime, type HookContext } from './context';

export type ApiAnswer =
	| { kind: 'ok'; status: number; data: unknown; text: string; headers: Record<string, string> }
	| { kind: 'http'; status: number; headers: Record<string, string>; message: string; rateLimitedUntil?: number }
	| { kind: 'failed'; message: string; cancelled: boolean };

export interface GetOptions {
	headers?: Record<string, string>;
	/** Public, unauthenticated data only: disk cache with revalidation (and no request within maxAgeMs). */
	cache?: boolean;
	maxAgeMs?: number;
	/** Parse the body as JSON (default) or keep it as text. */
	as?: 'json' | 'text';
	method?: 'GET' | 'POST';
	body?: string;
}

const TIMEOUT_MS = 30_000;

/** The reset time a 403/429 announces: GitHub `x-ratelimit-*`, GitLab `ratelimit-reset`, or `retry-after`. */
export function rateLimitReset(status: number, headers: Record<string, string>, now: number): number | undefined {
	if (status !== 403 && status !== 429) {
		return undefined;
	}
	const retryAfter = headers['retry-after'];
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) {
			return now + seconds * 1000;
		}
		const date = Date.parse(retryAfter);
		if (Number.isFinite(date)) {
			return date;
		}
	}
	const reset = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'];
	const remaining = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining'];
	if (reset !== undefined && (status === 429 || remaining === '0')) {
		const epoch = Number(reset);
		if (Number.isFinite(epoch)) {
			return epoch * 1000;
		}
	}
	return status === 429 ? now + 60_000 : undefined;
}

/** Whether a request carries a token: such answers never go to the disk cache. */
function carriesCredentials(headers: Record<string, string> | undefined): boolean {
	return Object.keys(headers ?? {}).some((k) => ['authorization', 'private-token'].includes(k.toLowerCase()));
}

/** `message` of a JSON error body (GitHub, GitLab) or Bitbucket's `error.message`, else nothing. */
function errorMessage(body: Buffer): string {
	try {
		const data = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
		if (typeof data.message === 'string') {
			return data.message;
		}
		const error = data.error as Record<string, unknown> | undefined;
		if (error && typeof error.message === 'string') {
			return error.message;
		}
	} catch {
		// not JSON: an HTML error page says nothing useful
	}
	return '';
}

export async function apiGet(ctx: HookContext, url: string, options: GetOptions = {}): Promise<ApiAnswer> {
	const origin = new URL(url).origin;
	const limited = ctx.rateLimits.limitedUntil(origin, ctx.now());
	if (limited !== undefined) {
		return { kind: 'http', status: 429, headers: {}, message: l10n.t('rate-limited until {0}', clockTime(limited)), rateLimitedUntil: limited };
	}
	const packagist = url.startsWith(`${ctx.bases.packagist}/`) || url.startsWith(`${ctx.bases.repo}/`);
	const result = await (packagist ? ctx.http : ctx.hostHttp).request({
		url,
		method: options.method ?? 'GET',
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		body: options.body,
		signal: ctx.signal,
		timeoutMs: TIMEOUT_MS,
		cache: options.cache === true && !carriesCredentials(options.headers),
		maxAgeMs: options.maxAgeMs,
		// Base URLs were checked (https, or http on loopback only), so the HTTP layer's secure-http rule
		// would only refuse the loopback fakes.
		secureHttp: false,
	});
	if (!result.ok) {
		return { kind: 'failed', message: redact(result.message), cancelled: result.code === 'cancelled' };
	}
	if (result.status < 200 || result.status >= 300) {
		const resetAt = rateLimitReset(result.status, result.headers, ctx.now());
		if (resetAt !== undefined) {
			ctx.rateLimits.note(origin, resetAt);
		}
		return { kind: 'http', status: result.status, headers: result.headers, message: redact(errorMessage(result.body)), rateLimitedUntil: resetAt };
	}
	const text = result.body.toString('utf8');
	if (options.as === 'text') {
		return { kind: 'ok', status: result.status, data: null, text, headers: result.headers };
	}
	try {
		return { kind: 'ok', status: result.status, data: text === '' ? null : JSON.parse(text), text, headers: result.headers };
	} catch {
		return { kind: 'failed', message: l10n.t('{0} did not return valid JSON.', redact(url)), cancelled: false };
	}
}

/** One readable phrase for a failed answer ("HTTP 500", "rate-limited until 14:05", the transport error). */
export function describeFailure(answer: Exclude<ApiAnswer, { kind: 'ok' }>): string {
	if (answer.kind === 'failed') {
		return answer.message;
	}
	if (answer.rateLimitedUntil !== undefined) {
		return l10n.t('rate-limited until {0}', clockTime(answer.rateLimitedUntil));
	}
	return answer.message ? `HTTP ${answer.status} (${answer.message})` : `HTTP ${answer.status}`;
}

/** `Link: <…>; rel="next"` on the same origin as `first`. */
export function nextLink(headers: Record<string, string>, first: string): string | null {
	const header = headers.link;
	if (!header) {
		return null;
	}
	for (const part of header.split(',')) {
		const target = nextRelTarget(part, true);
		if (target !== undefined) {
			return sameOrigin(target, first) ? target : null;
		}
	}
	return null;
}

export function sameOrigin(a: string, b: string): boolean {
	try {
		return new URL(a).origin === new URL(b).origin;
	} catch {
		return false;
	}
}

/**
 * GETs `first` and the pages after it (at most `maxPages`); `read` takes each page and returns the next URL.
 * Stops at the first failure and returns it; each URL is fetched once.
 */
export async function getPages(
	ctx: HookContext, first: string, options: GetOptions, read: (data: unknown, headers: Record<string, string>) => string | null, maxPages = 50,
): Promise<Exclude<ApiAnswer, { kind: 'ok' }> | null> {
	let url: string | null = first;
	const seen = new Set<string>();
	while (url && !seen.has(url) && seen.size < maxPages) {
		seen.add(url);
		const answer = await apiGet(ctx, url, options);
		if (answer.kind !== 'ok') {
			return answer;
		}
		const next = read(answer.data, answer.headers);
		url = next && sameOrigin(next, first) ? next : null;
	}
	return null;
}

export function asObject(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** Epoch ms of an ISO date string, or undefined. */
export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}
	const t = Date.parse(value);
	return Number.isFinite(t) ? t : undefined;
}
