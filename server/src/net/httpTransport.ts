// One HTTP exchange over node:http/https: no redirects, no cache, no policy. Reads the whole body
// (decompressing gzip/deflate/br), enforces a byte cap, and destroys the socket when the signal aborts,
// so a cancelled or timed-out request really stops using the network.
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import type { Readable } from 'node:stream';

export type HopResult =
	| { ok: true; status: number; headers: Record<string, string>; body: Buffer }
	| { ok: false; code: 'aborted' | 'network' | 'too-large'; message: string };

export interface HopRequest {
	url: URL;
	method: string;
	headers: Record<string, string>;
	body?: string;
	signal: AbortSignal;
	maxBytes: number;
	/** Redirect responses: don't read the body, we only need the Location header. */
	skipBody?: (status: number) => boolean;
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(h)) {
		if (v !== undefined) {
			out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
		}
	}
	return out;
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
	switch ((encoding ?? '').trim().toLowerCase()) {
		case 'gzip':
		case 'x-gzip':
			return zlib.createGunzip();
		case 'deflate':
			return zlib.createInflate();
		case 'br':
			return zlib.createBrotliDecompress();
		default:
			return undefined;
	}
}

export function performHop(req: HopRequest): Promise<HopResult> {
	return new Promise((resolve) => {
		let settled = false;
		const finish = (r: HopResult): void => {
			if (!settled) {
				settled = true;
				req.signal.removeEventListener('abort', onAbort);
				resolve(r);
			}
		};
		if (req.signal.aborted) {
			finish({ ok: false, code: 'aborted', message: 'aborted' });
			return;
		}
		const lib = req.url.protocol === 'https:' ? https : http;
		const headers: Record<string, string> = { ...req.headers };
		if (req.body !== undefined) {
			headers['content-length'] = String(Buffer.byteLength(req.body));
		}
		let clientReq: http.ClientRequest;
		try {
			clientReq = lib.request(req.url, { method: req.method, headers });
		} catch (e) {
			finish({ ok: false, code: 'network', message: (e as Error).message });
			return;
		}
		function onAbort(): void {
			// destroy() closes the socket instead of returning it to the keep-alive pool.
			clientReq.destroy();
			finish({ ok: false, code: 'aborted', message: 'aborted' });
		}
		req.signal.addEventListener('abort', onAbort);
		clientReq.on('error', (e) => finish({ ok: false, code: 'network', message: e.message }));
		clientReq.on('response', (res) => {
			const status = res.statusCode ?? 0;
			const resHeaders = flattenHeaders(res.headers);
			if (req.method === 'HEAD' || req.skipBody?.(status)) {
				res.resume();
				res.on('end', () => finish({ ok: true, status, headers: resHeaders, body: Buffer.alloc(0) }));
				res.on('error', (e) => finish({ ok: false, code: 'network', message: e.message }));
				return;
			}
			const declared = Number(resHeaders['content-length']);
			if (Number.isFinite(declared) && declared > req.maxBytes) {
				clientReq.destroy();
				finish({ ok: false, code: 'too-large', message: String(declared) });
				return;
			}
			const decoder = decoderFor(resHeaders['content-encoding']);
			let stream: Readable = res;
			if (decoder) {
				res.on('error', (e) => decoder.destroy(e));
				stream = res.pipe(decoder);
			}
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > req.maxBytes) {
					// Settle before destroying: destroying the socket emits `aborted`/`close` at once, which would
					// report a chunked body cut at the limit as "connection closed" instead.
					finish({ ok: false, code: 'too-large', message: String(size) });
					clientReq.destroy();
					stream.destroy();
					return;
				}
				chunks.push(chunk);
			});
			stream.on('error', (e) => finish({ ok: false, code: 'network', message: e.message }));
			stream.on('end', () => {
				if (decoder) {
					// The encoded representation is gone; its length header no longer describes the body.
					delete resHeaders['content-encoding'];
					delete resHeaders['content-length'];
				}
				finish({ ok: true, status, headers: resHeaders, body: Buffer.concat(chunks) });
			});
			res.on('aborted', () => finish({ ok: false, code: 'network', message: 'connection closed before the response was complete' }));
			res.on('close', () => {
				if (!res.complete) {
					finish({ ok: false, code: 'network', message: 'connection closed before the response was complete' });
				}
			});
		});
		clientReq.end(req.body);
	});
}
