// The one HTTP layer (Node implementation of the HttpClient port). Policy lives here, the socket work in
// httpTransport.ts: secure-http refusal, offline mode, credentials per hop (never across origins on a
// redirect), bounded redirects, a global concurrency limit, de-duplication of identical in-flight GETs
// (a shared fetch is aborted only when its last waiter leaves or its timeout fires), and the disk cache
// with ETag / Last-Modified revalidation that serves stale copies when the network fails.
import * as l10n from '@vscode/l10n';
import type { Credentials } from './types';
import type { HttpClient, HttpRequest, HttpResult } from './types';
import { redact, registerSecret } from './credentials';
import type { HttpCache } from './httpCache';
import { performHop, type HopResult } from './httpTransport';

export interface HttpClientOptions {
	userAgent?: string;
	/** Requests on the wire at once, over all hosts. */
	maxConcurrent?: number;
	/** Default per-request timeout in milliseconds (connect to last byte, redirects included). */
	timeoutMs?: number;
	/** Largest body accepted, after decompression. */
	maxBytes?: number;
	maxRedirects?: number;
	/** Default for HttpRequest.secureHttp (Composer's default is true). */
	secureHttp?: boolean;
	/** Default for HttpRequest.offline. */
	offline?: boolean;
	cache?: HttpCache;
	/** Adds auth headers for each hop's own URL. */
	credentials?: Credentials;
	log?: (line: string) => void;
	/** Checked for every hop (redirects included); false refuses the URL (tests: loopback only). */
	allowUrl?: (url: URL) => boolean;
}

type Ok = Extract<HttpResult, { ok: true }>;
type Fail = Extract<HttpResult, { ok: false }>;

const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'private-token', 'job-token', 'cookie'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Composer's refusal text for insecure URLs (Config::prohibitUrlByConfig), credentials removed. */
export function insecureMessage(url: string): string {
	return l10n.t('Your configuration does not allow connections to {0}. See https://getcomposer.org/doc/06-config.md#secure-http for details.', redact(url));
}

/** A FIFO semaphore whose waiters can leave the queue when their signal aborts. */
class Limiter {
	private active = 0;
	private readonly queue: Array<() => void> = [];
	constructor(private readonly max: number) {}

	acquire(signal: AbortSignal): Promise<boolean> {
		if (signal.aborted) {
			return Promise.resolve(false);
		}
		if (this.active < this.max) {
			this.active++;
			return Promise.resolve(true);
		}
		return new Promise((resolve) => {
			const grant = (): void => {
				signal.removeEventListener('abort', leave);
				this.active++;
				resolve(true);
			};
			const leave = (): void => {
				const i = this.queue.indexOf(grant);
				if (i >= 0) {
					this.queue.splice(i, 1);
				}
				resolve(false);
			};
			signal.addEventListener('abort', leave, { once: true });
			this.queue.push(grant);
		});
	}

	release(): void {
		this.active--;
		this.queue.shift()?.();
	}
}

interface Shared {
	promise: Promise<HttpResult>;
	controller: AbortController;
	waiters: number;
}

export class NodeHttpClient implements HttpClient {
	private readonly limiter: Limiter;
	private readonly inFlight = new Map<string, Shared>();
	private readonly userAgent: string;

	constructor(private readonly options: HttpClientOptions = {}) {
		this.limiter = new Limiter(Math.max(1, options.maxConcurrent ?? 8));
		this.userAgent = options.userAgent ?? `composer-repositories/0.1.0 (${process.platform}; Node.js ${process.version})`;
	}

	async request(req: HttpRequest): Promise<HttpResult> {
		const method = req.method ?? 'GET';
		let parsed: URL;
		try {
			parsed = new URL(req.url);
		} catch {
			return this.fail('network', l10n.t('Invalid URL: {0}', redact(req.url)), req.url);
		}
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
			return this.fail('network', l10n.t('Unsupported URL scheme in {0}', redact(req.url)), req.url);
		}
		// Credentials in the URL become a header for that origin only (HttpDownloader does the same).
		let userinfoAuth: { origin: string; header: string } | undefined;
		if (parsed.username || parsed.password) {
			const user = decodeURIComponent(parsed.username);
			const pass = decodeURIComponent(parsed.password);
			registerSecret(user);
			registerSecret(pass);
			userinfoAuth = { origin: parsed.origin, header: 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64') };
			parsed.username = '';
			parsed.password = '';
		}
		const url = parsed.toString();
		const secure = req.secureHttp ?? this.options.secureHttp ?? true;
		if (secure && parsed.protocol === 'http:') {
			return this.fail('insecure', insecureMessage(url), url);
		}
		if (req.signal?.aborted) {
			return this.fail('cancelled', l10n.t('Request to {0} was cancelled.', redact(url)), url);
		}
		const useCache = req.cache === true && method === 'GET' && this.options.cache !== undefined;
		if (req.offline ?? this.options.offline ?? false) {
			const entry = useCache ? this.options.cache!.get(url) : undefined;
			if (entry) {
				return { ok: true, status: entry.status, headers: entry.headers, body: entry.body, url, fromCache: 'stale', staleReason: l10n.t('offline mode') };
			}
			return this.fail('offline', l10n.t('Offline mode: {0} was not fetched and is not in the cache.', redact(url)), url);
		}

		const work = { ...req, method, url, secure, useCache, userinfoAuth };
		if (method !== 'GET') {
			const controller = new AbortController();
			const detach = forward(req.signal, controller);
			try {
				return await this.fetch(work, controller.signal);
			} finally {
				detach();
			}
		}
		const key = JSON.stringify([url, sortHeaders(req.headers), useCache, req.maxAgeMs ?? null, secure, userinfoAuth?.header ?? null]);
		let shared = this.inFlight.get(key);
		if (!shared) {
			const controller = new AbortController();
			const created: Shared = { controller, waiters: 0, promise: Promise.resolve(null as unknown as HttpResult) };
			created.promise = this.fetch(work, controller.signal).finally(() => {
				if (this.inFlight.get(key) === created) {
					this.inFlight.delete(key);
				}
			});
			this.inFlight.set(key, created);
			shared = created;
		}
		return this.wait(shared, req.signal, url);
	}

	/** One waiter on a shared fetch: leaving early resolves as cancelled; the last to leave aborts the fetch. */
	private wait(shared: Shared, signal: AbortSignal | undefined, url: string): Promise<HttpResult> {
		shared.waiters++;
		if (!signal) {
			return shared.promise;
		}
		return new Promise((resolve) => {
			const onAbort = (): void => {
				shared.waiters--;
				if (shared.waiters === 0) {
					shared.controller.abort();
				}
				resolve(this.fail('cancelled', l10n.t('Request to {0} was cancelled.', redact(url)), url));
			};
			signal.addEventListener('abort', onAbort, { once: true });
			shared.promise.then((r) => {
				signal.removeEventListener('abort', onAbort);
				resolve(r);
			});
		});
	}

	private async fetch(
		req: HttpRequest & { method: string; url: string; secure: boolean; useCache: boolean; userinfoAuth?: { origin: string; header: string } },
		signal: AbortSignal,
	): Promise<HttpResult> {
		const cache = req.useCache ? this.options.cache : undefined;
		const entry = cache?.get(req.url);
		if (entry && req.maxAgeMs !== undefined && cache!.ageMs(entry) <= req.maxAgeMs) {
			this.log(`[cache] fresh ${req.url}`);
			return { ok: true, status: entry.status, headers: entry.headers, body: entry.body, url: req.url, fromCache: 'fresh' };
		}
		const headers: Record<string, string> = { ...(req.headers ?? {}) };
		if (entry?.etag) {
			headers['If-None-Match'] = entry.etag;
		}
		if (entry?.lastModified) {
			headers['If-Modified-Since'] = entry.lastModified;
		}
		const result = await this.fetchWithRedirects(req, headers, signal);
		if (!cache) {
			return result;
		}
		if (result.ok && result.status === 304 && entry) {
			cache.touch(req.url, result.headers);
			this.log(`[cache] revalidated ${req.url}`);
			return { ok: true, status: entry.status, headers: { ...entry.headers }, body: entry.body, url: req.url, fromCache: 'revalidated' };
		}
		if (result.ok && result.status >= 200 && result.status < 300) {
			cache.put(req.url, result.status, result.headers, result.body);
			return result;
		}
		const serverFailed = result.ok ? result.status >= 500 : result.code === 'network' || result.code === 'timeout';
		if (entry && serverFailed) {
			const reason = result.ok ? l10n.t('HTTP status {0}', String(result.status)) : result.message;
			this.log(`[cache] stale ${req.url} (${reason})`);
			return { ok: true, status: entry.status, headers: entry.headers, body: entry.body, url: req.url, fromCache: 'stale', staleReason: reason };
		}
		return result;
	}

	private async fetchWithRedirects(
		req: HttpRequest & { method: string; url: string; secure: boolean; userinfoAuth?: { origin: string; header: string } },
		baseHeaders: Record<string, string>,
		signal: AbortSignal,
	): Promise<HttpResult> {
		if (!(await this.limiter.acquire(signal))) {
			return this.fail('cancelled', l10n.t('Request to {0} was cancelled.', redact(req.url)), req.url);
		}
		const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 30_000;
		const controller = new AbortController();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, timeoutMs);
		const detach = forward(signal, controller);
		const started = Date.now();
		try {
			const firstOrigin = new URL(req.url).origin;
			let url = new URL(req.url);
			let method = req.method;
			let body = req.body;
			const maxRedirects = this.options.maxRedirects ?? 10;
			for (let hop = 0; ; hop++) {
				const headers: Record<string, string> = {};
				for (const [k, v] of Object.entries(baseHeaders)) {
					// Headers the caller set (possibly credentials) never follow a redirect to another origin.
					if (url.origin === firstOrigin || !SENSITIVE_HEADERS.includes(k.toLowerCase())) {
						headers[k] = v;
					}
				}
				Object.assign(headers, this.options.credentials?.headersFor(url.toString()) ?? {});
				if (req.userinfoAuth && url.origin === req.userinfoAuth.origin) {
					headers.Authorization = req.userinfoAuth.header;
				}
				if (this.options.allowUrl && !this.options.allowUrl(url)) {
					return this.fail('network', l10n.t('Refused to connect to {0}.', redact(url.toString())), url.toString());
				}
				setDefault(headers, 'User-Agent', this.userAgent);
				setDefault(headers, 'Accept-Encoding', 'gzip, deflate, br');
				const r: HopResult = await performHop({
					url, method, headers, body, signal: controller.signal, maxBytes: this.options.maxBytes ?? 64 * 1024 * 1024,
					skipBody: (status) => REDIRECTS.has(status),
				});
				const shown = redact(url.toString());
				if (!r.ok) {
					if (r.code === 'aborted') {
						return timedOut
							? this.fail('timeout', l10n.t('Request to {0} timed out after {1} ms.', shown, String(timeoutMs)), url.toString())
							: this.fail('cancelled', l10n.t('Request to {0} was cancelled.', shown), url.toString());
					}
					if (r.code === 'too-large') {
						return this.fail('too-large', l10n.t('Response from {0} is larger than the allowed {1} bytes.', shown, String(this.options.maxBytes ?? 64 * 1024 * 1024)), url.toString());
					}
					return this.fail('network', l10n.t('Could not fetch {0}: {1}', shown, redact(r.message)), url.toString());
				}
				this.log(`[http] ${method} ${shown} -> ${r.status} (${Date.now() - started} ms)`);
				const location = r.headers.location;
				if (!REDIRECTS.has(r.status) || !location) {
					return { ok: true, status: r.status, headers: r.headers, body: r.body, url: url.toString() };
				}
				if (hop >= maxRedirects) {
					return this.fail('network', l10n.t('Too many redirects (more than {0}) starting at {1}.', String(maxRedirects), redact(req.url)), url.toString());
				}
				let next: URL;
				try {
					next = new URL(location, url);
				} catch {
					return this.fail('network', l10n.t('Invalid redirect location from {0}.', shown), url.toString());
				}
				if (next.protocol !== 'http:' && next.protocol !== 'https:') {
					return this.fail('network', l10n.t('Refused redirect from {0} to a non-HTTP URL.', shown), url.toString());
				}
				if (req.secure && next.protocol === 'http:') {
					return this.fail('insecure', insecureMessage(next.toString()), next.toString());
				}
				if (r.status === 303 || ((r.status === 301 || r.status === 302) && method === 'POST')) {
					method = 'GET';
					body = undefined;
				}
				// Userinfo in a Location header must not smuggle credentials either.
				next.username = '';
				next.password = '';
				url = next;
			}
		} finally {
			clearTimeout(timer);
			detach();
			this.limiter.release();
		}
	}

	private fail(code: Fail['code'], message: string, url: string): Fail {
		this.log(`[http] ${code}: ${message}`);
		return { ok: false, code, message: redact(message), url: redact(url) };
	}

	private log(line: string): void {
		this.options.log?.(redact(line));
	}
}

function setDefault(headers: Record<string, string>, name: string, value: string): void {
	if (!Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase())) {
		headers[name] = value;
	}
}

function sortHeaders(h: Record<string, string> | undefined): Array<[string, string]> {
	return Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v] as [string, string]).sort((a, b) => a[0].localeCompare(b[0]));
}

/** Propagates an outer abort into a controller; returns the unsubscribe function. */
function forward(signal: AbortSignal | undefined, controller: AbortController): () => void {
	if (!signal) {
		return () => undefined;
	}
	if (signal.aborted) {
		controller.abort();
		return () => undefined;
	}
	const onAbort = (): void => controller.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	return () => signal.removeEventListener('abort', onAbort);
}

export function createHttpClient(options: HttpClientOptions = {}): NodeHttpClient {
	return new NodeHttpClient(options);
}

export type { Ok as HttpOk };
