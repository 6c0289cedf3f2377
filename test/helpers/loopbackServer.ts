// A real HTTP server on 127.0.0.1:<random port> for resolver and network tests. Serves a route table
// and/or a fixture directory, records every request (with its connection id), and offers switches for
// the faults a repository can show: conditional requests (ETag / Last-Modified → 304), 404, 401 with
// WWW-Authenticate, 500, redirect chains, malformed JSON, slow responses and responses that never end.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export interface RecordedRequest {
	method: string;
	/** Path and query as sent. */
	url: string;
	headers: http.IncomingHttpHeaders;
	connection: number;
}

export interface StaticResponse {
	status?: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON. */
	body?: string | Buffer | object;
	/** Wait this long before answering. */
	delayMs?: number;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest) => void;
export type Route = StaticResponse | Handler;

export interface LoopbackOptions {
	routes?: Record<string, Route>;
	/** Files under this directory are served for paths without a route. */
	root?: string;
	/** Send ETag and Last-Modified for static bodies and answer matching conditional requests with 304. */
	conditional?: boolean;
	/** gzip static bodies when the client accepts it. */
	gzip?: boolean;
	/** Answers requests that no route and no fixture file matched (instead of the plain 404). */
	fallback?: Handler;
}

export const LAST_MODIFIED = 'Tue, 01 Jul 2025 10:00:00 GMT';

export class LoopbackServer {
	readonly requests: RecordedRequest[] = [];
	/** Connection ids whose socket has closed. */
	readonly closed = new Set<number>();
	/** Highest number of requests being handled at the same time. */
	maxInFlight = 0;
	private inFlight = 0;
	private nextConnection = 0;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly closeWaiters = new Map<number, Array<() => void>>();
	readonly routes: Record<string, Route>;
	port = 0;

	constructor(private readonly options: LoopbackOptions, private readonly server: http.Server) {
		this.routes = { ...(options.routes ?? {}) };
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Adds or replaces a route. */
	route(p: string, r: Route): void {
		this.routes[p] = r;
	}

	/** Requests whose path (without query) equals `p`. */
	requestsTo(p: string): RecordedRequest[] {
		return this.requests.filter((r) => r.url.split('?')[0] === p);
	}

	/** Resolves once the socket of connection `id` has closed. */
	waitForClose(id: number): Promise<void> {
		if (this.closed.has(id)) {
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const list = this.closeWaiters.get(id) ?? [];
			list.push(resolve);
			this.closeWaiters.set(id, list);
		});
	}

	/** Resolves once `n` requests have been received. */
	async waitForRequests(n: number): Promise<void> {
		while (this.requests.length < n) {
			await new Promise((r) => setImmediate(r));
		}
	}

	setTimer(fn: () => void, ms: number): void {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		this.timers.add(t);
	}

	attach(socket: Socket): number {
		const id = ++this.nextConnection;
		this.sockets.add(socket);
		socket.on('close', () => {
			this.sockets.delete(socket);
			this.closed.add(id);
			for (const w of this.closeWaiters.get(id) ?? []) {
				w();
			}
			this.closeWaiters.delete(id);
		});
		return id;
	}

	handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, connection: (req.socket as Socket & { loopbackId: number }).loopbackId,
		};
		this.requests.push(recorded);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		let done = false;
		const finished = (): void => {
			if (!done) {
				done = true;
				this.inFlight--;
			}
		};
		res.on('finish', finished);
		res.on('close', finished);
		const pathOnly = recorded.url.split('?')[0];
		const route = this.routes[recorded.url] ?? this.routes[decodeURIComponent(pathOnly)] ?? this.routes[pathOnly];
		if (typeof route === 'function') {
			route(req, res, recorded);
			return;
		}
		if (route) {
			const send = (): void => this.sendStatic(req, res, route);
			if (route.delayMs) {
				this.setTimer(send, route.delayMs);
			} else {
				send();
			}
			return;
		}
		if (this.options.root) {
			const file = path.join(this.options.root, decodeURIComponent(pathOnly));
			if (file.startsWith(path.resolve(this.options.root) + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
				this.sendStatic(req, res, { body: fs.readFileSync(file) });
				return;
			}
		}
		if (this.options.fallback) {
			this.options.fallback(req, res, recorded);
			return;
		}
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('not found');
	}

	private sendStatic(req: http.IncomingMessage, res: http.ServerResponse, r: StaticResponse): void {
		const status = r.status ?? 200;
		let body: Buffer = Buffer.isBuffer(r.body) ? r.body : typeof r.body === 'string' ? Buffer.from(r.body) : r.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.body));
		const headers: Record<string, string> = { 'content-type': 'application/json', ...(r.headers ?? {}) };
		if (this.options.conditional && status === 200) {
			const etag = '"' + crypto.createHash('sha1').update(body).digest('hex') + '"';
			headers.etag = etag;
			headers['last-modified'] = LAST_MODIFIED;
			const inm = req.headers['if-none-match'];
			const ims = req.headers['if-modified-since'];
			if ((inm !== undefined && inm === etag) || (inm === undefined && ims === LAST_MODIFIED)) {
				res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
				res.end();
				return;
			}
		}
		if (this.options.gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
			body = zlib.gzipSync(body);
			headers['content-encoding'] = 'gzip';
		}
		headers['content-length'] = String(body.length);
		res.writeHead(status, headers);
		res.end(body);
	}

	async close(): Promise<void> {
		for (const t of this.timers) {
			clearTimeout(t);
		}
		for (const s of this.sockets) {
			s.destroy();
		}
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

export async function startLoopbackServer(options: LoopbackOptions = {}): Promise<LoopbackServer> {
	const server = http.createServer();
	const lb = new LoopbackServer(options, server);
	server.on('connection', (socket: Socket & { loopbackId?: number }) => {
		socket.loopbackId = lb.attach(socket);
	});
	server.on('request', (req, res) => lb.handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	lb.port = (server.address() as AddressInfo).port;
	return lb;
}

// Fault switches, usable as routes.

export const json = (body: unknown, extra: Omit<StaticResponse, 'body'> = {}): StaticResponse => ({ ...extra, body: JSON.stringify(body) });
export const notFound = (): StaticResponse => ({ status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } });
export const serverError = (): StaticResponse => ({ status: 500, body: 'boom', headers: { 'content-type': 'text/plain' } });
export const malformed = (): StaticResponse => ({ body: '{"packages": {"a/b": [ <html>oops' });
export const redirect = (to: string, status = 302): StaticResponse => ({ status, headers: { location: to }, body: '' });

/** 401 with a WWW-Authenticate challenge unless the request carries exactly `expected` as Authorization. */
export function requireAuth(expected: string, inner: StaticResponse): Handler {
	return (req, res) => {
		if (req.headers.authorization === expected) {
			const body = typeof inner.body === 'string' ? inner.body : JSON.stringify(inner.body ?? {});
			res.writeHead(inner.status ?? 200, { 'content-type': 'application/json', ...(inner.headers ?? {}) });
			res.end(body);
			return;
		}
		res.writeHead(401, { 'www-authenticate': 'Basic realm="loopback"', 'content-type': 'text/plain' });
		res.end('authentication required');
	};
}

/** Sends headers and a first chunk, then never finishes (until the server closes). */
export function neverEnds(): Handler {
	return (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write('{"packages": {');
	};
}
