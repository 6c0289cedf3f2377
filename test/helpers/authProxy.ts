// A reverse proxy on 127.0.0.1 (ephemeral port) that demands HTTP Basic credentials before forwarding to a
// loopback server (`hg serve`, a dumb-HTTP git host). Tests use it to prove that credentials written into a
// repository URL are really sent, and count its requests to prove that offline runs send none.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface AuthProxy {
	/** `http://user:password@127.0.0.1:<port>` */
	urlWithCredentials: string;
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Requests received (with or without valid credentials). */
	requests: number;
	/** Requests that carried the right credentials. */
	authorized: number;
	close(): Promise<void>;
}

export function startAuthProxy(target: string, user: string, password: string): Promise<AuthProxy> {
	const expected = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
	const targetUrl = new URL(target);
	const sockets = new Set<Socket>();
	const state = { requests: 0, authorized: 0 };
	const server = http.createServer((req, res) => {
		state.requests++;
		if (req.headers.authorization !== expected) {
			res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"', 'Content-Length': '0' }).end();
			return;
		}
		state.authorized++;
		const headers = { ...req.headers, host: targetUrl.host };
		delete headers.authorization;
		const forward = http.request({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		forward.on('error', () => res.writeHead(502).end());
		req.pipe(forward);
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as AddressInfo).port;
			resolve({
				url: `http://127.0.0.1:${port}`,
				urlWithCredentials: `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
				get requests() {
					return state.requests;
				},
				get authorized() {
					return state.authorized;
				},
				close: () => new Promise<void>((done) => {
					for (const s of sockets) {
						s.destroy();
					}
					server.close(() => done());
				}),
			});
		});
	});
}
