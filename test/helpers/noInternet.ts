// An HttpClient wrapper for tests: any request to a host other than loopback is refused as a value
// (and remembered in `refused`), so no test can reach the internet even if a fixture or a bug asks.
import { createHttpClient, type HttpClientOptions } from '../../server/src/net/http';
import type { HttpClient, HttpRequest, HttpResult } from '../../server/src/net/types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
	try {
		return LOOPBACK.has(new URL(url).hostname);
	} catch {
		return false;
	}
}

export class NoInternet implements HttpClient {
	readonly refused: string[] = [];

	constructor(private readonly inner: HttpClient) {}

	request(req: HttpRequest): Promise<HttpResult> {
		if (!isLoopbackUrl(req.url)) {
			this.refused.push(req.url);
			return Promise.resolve({ ok: false, code: 'network', message: `noInternet: refused non-loopback URL ${req.url}`, url: req.url });
		}
		return this.inner.request(req);
	}
}

export function noInternet(inner: HttpClient): NoInternet {
	return new NoInternet(inner);
}

/** A real Node HTTP client that also refuses non-loopback redirect targets, wrapped in NoInternet. */
export function loopbackHttpClient(options: HttpClientOptions = {}): NoInternet {
	return new NoInternet(createHttpClient({ secureHttp: false, ...options, allowUrl: (u) => isLoopbackUrl(u.toString()) }));
}
