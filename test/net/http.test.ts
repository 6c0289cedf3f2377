import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { createHttpClient } from '../../server/src/net/http';
import { json, neverEnds, notFound, redirect, serverError } from '../helpers/loopbackServer';
import { loopbackServersForFile } from '../helpers/fileResources';
import { loopbackHttpClient } from '../helpers/noInternet';

const server = loopbackServersForFile();

describe('NodeHttpClient', () => {
	test('GET returns the body, sends a User-Agent and decodes gzip', async () => {
		const s = await server({ routes: { '/a.json': json({ hello: 'world' }) }, gzip: true });
		const http = loopbackHttpClient();
		const r = await http.request({ url: s.url + '/a.json' });
		assert.equal(r.ok, true);
		assert.ok(r.ok);
		assert.equal(r.status, 200);
		assert.deepEqual(JSON.parse(r.body.toString()), { hello: 'world' });
		assert.match(String(s.requests[0].headers['user-agent']), /^composer-repositories\//);
		assert.match(String(s.requests[0].headers['accept-encoding']), /gzip/);
	});

	test('HTTP error statuses are values, not failures', async () => {
		const s = await server({ routes: { '/missing': notFound(), '/boom': serverError() } });
		const http = loopbackHttpClient();
		const a = await http.request({ url: s.url + '/missing' });
		const b = await http.request({ url: s.url + '/boom' });
		assert.ok(a.ok && a.status === 404);
		assert.ok(b.ok && b.status === 500);
	});

	test('secure-http refuses http:// with Composer\'s message and sends nothing', async () => {
		const s = await server({ routes: { '/x': json({}) } });
		const http = createHttpClient({ allowUrl: () => true });
		const r = await http.request({ url: s.url + '/x' });
		assert.equal(r.ok, false);
		assert.ok(!r.ok);
		assert.equal(r.code, 'insecure');
		assert.equal(r.message, `Your configuration does not allow connections to ${s.url}/x. See https://getcomposer.org/doc/06-config.md#secure-http for details.`);
		assert.equal(s.requests.length, 0);
		// The per-request switch (config.secure-http: false) lets it through.
		const ok = await http.request({ url: s.url + '/x', secureHttp: false });
		assert.ok(ok.ok && ok.status === 200);
	});

	test('follows a redirect chain and reports the final URL', async () => {
		const s = await server({ routes: { '/r1': redirect('/r2', 301), '/r2': redirect('/r3', 307), '/r3': json({ end: true }) } });
		const r = await loopbackHttpClient().request({ url: s.url + '/r1' });
		assert.ok(r.ok);
		assert.equal(r.url, s.url + '/r3');
		assert.deepEqual(s.requests.map((q) => q.url), ['/r1', '/r2', '/r3']);
	});

	test('a redirect loop stops after the configured number of hops', async () => {
		const s = await server({ routes: { '/loop': redirect('/loop') } });
		const r = await loopbackHttpClient({ maxRedirects: 3 }).request({ url: s.url + '/loop' });
		assert.ok(!r.ok);
		assert.equal(r.code, 'network');
		assert.match(r.message, /Too many redirects/);
		assert.equal(s.requests.length, 4);
	});

	test('a redirect to a non-loopback host is refused by the test guard', async () => {
		const s = await server({ routes: { '/out': redirect('https://example.com/x') } });
		const r = await loopbackHttpClient().request({ url: s.url + '/out' });
		assert.ok(!r.ok);
		assert.match(r.message, /Refused to connect to https:\/\/example\.com\/x/);
	});

	test('timeout: a slow response becomes a timeout value', async () => {
		const s = await server({ routes: { '/slow': { body: '{}', delayMs: 5_000 } } });
		const r = await loopbackHttpClient().request({ url: s.url + '/slow', timeoutMs: 100 });
		assert.ok(!r.ok);
		assert.equal(r.code, 'timeout');
		assert.match(r.message, /timed out after 100 ms/);
		await s.waitForClose(s.requests[0].connection);
	});

	test('cancellation closes the socket of a response that never ends', async () => {
		const s = await server({ routes: { '/hang': neverEnds() } });
		const controller = new AbortController();
		const pending = loopbackHttpClient().request({ url: s.url + '/hang', signal: controller.signal });
		await s.waitForRequests(1);
		controller.abort();
		const r = await pending;
		assert.ok(!r.ok);
		assert.equal(r.code, 'cancelled');
		await s.waitForClose(s.requests[0].connection);
		assert.ok(s.closed.has(s.requests[0].connection));
	});

	test('a connection dropped mid-body is a network error value', async () => {
		const s = await server({
			routes: {
				'/drop': (_req, res) => {
					res.writeHead(200, { 'content-length': '100' });
					res.write('{"partial":');
					res.socket?.destroy();
				},
			},
		});
		const r = await loopbackHttpClient().request({ url: s.url + '/drop' });
		assert.ok(!r.ok);
		assert.equal(r.code, 'network');
	});

	test('the size cap stops an oversized body', async () => {
		const s = await server({ routes: { '/big': { body: 'x'.repeat(5000) } } });
		const r = await loopbackHttpClient({ maxBytes: 1000 }).request({ url: s.url + '/big' });
		assert.ok(!r.ok);
		assert.equal(r.code, 'too-large');
	});

	test('the size cap applies after decompression (gzip bomb)', async () => {
		const bomb = zlib.gzipSync(Buffer.alloc(200_000));
		const s = await server({ routes: { '/bomb': { body: bomb, headers: { 'content-encoding': 'gzip' } } } });
		const r = await loopbackHttpClient({ maxBytes: 10_000 }).request({ url: s.url + '/bomb' });
		assert.ok(!r.ok);
		assert.equal(r.code, 'too-large');
	});

	test('the concurrency limit bounds requests on the wire', async () => {
		// Responses are held until released, so what the server sees does not depend on timing.
		const held: Array<() => void> = [];
		const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
		for (let i = 0; i < 6; i++) {
			routes[`/c${i}`] = (_req, res) => held.push(() => res.end(`{"i":${i}}`));
		}
		const s = await server({ routes });
		const http = loopbackHttpClient({ maxConcurrent: 2 });
		const pending = Promise.all(Object.keys(routes).map((p) => http.request({ url: s.url + p })));
		await s.waitForRequests(2);
		for (let i = 0; i < 20; i++) {
			await new Promise((r) => setImmediate(r));
		}
		assert.equal(s.requests.length, 2, 'only two requests may be on the wire');
		while (s.requests.length < 6 || held.length > 0) {
			held.shift()?.();
			await new Promise((r) => setImmediate(r));
		}
		const results = await pending;
		assert.ok(results.every((r) => r.ok && r.status === 200));
		assert.equal(s.maxInFlight, 2);
	});

	test('identical in-flight GETs are de-duplicated', async () => {
		const s = await server({ routes: { '/d': { body: '{"d":1}', delayMs: 30 } } });
		const http = loopbackHttpClient();
		const results = await Promise.all([1, 2, 3].map(() => http.request({ url: s.url + '/d' })));
		assert.equal(s.requestsTo('/d').length, 1);
		for (const r of results) {
			assert.ok(r.ok);
			assert.equal(r.body.toString(), '{"d":1}');
		}
		// Different headers are a different request.
		await Promise.all([http.request({ url: s.url + '/d' }), http.request({ url: s.url + '/d', headers: { Accept: 'text/plain' } })]);
		assert.equal(s.requestsTo('/d').length, 3);
	});

	test('one waiter leaving does not cancel a shared fetch; the last one does', async () => {
		const s = await server({ routes: { '/shared': { body: '{"s":1}', delayMs: 50 }, '/hang': neverEnds() } });
		const http = loopbackHttpClient();
		const a = new AbortController();
		const pa = http.request({ url: s.url + '/shared', signal: a.signal });
		const pb = http.request({ url: s.url + '/shared' });
		await s.waitForRequests(1);
		a.abort();
		const [ra, rb] = await Promise.all([pa, pb]);
		assert.ok(!ra.ok && ra.code === 'cancelled');
		assert.ok(rb.ok && rb.body.toString() === '{"s":1}');

		const c1 = new AbortController();
		const c2 = new AbortController();
		const p1 = http.request({ url: s.url + '/hang', signal: c1.signal });
		const p2 = http.request({ url: s.url + '/hang', signal: c2.signal });
		await s.waitForRequests(2);
		assert.equal(s.requestsTo('/hang').length, 1);
		c1.abort();
		c2.abort();
		const [r1, r2] = await Promise.all([p1, p2]);
		assert.ok(!r1.ok && !r2.ok);
		await s.waitForClose(s.requestsTo('/hang')[0].connection);
	});

	test('an unreachable port is a network value whose message names the URL', async () => {
		const s = await server();
		const url = s.url + '/gone';
		await s.close();
		const r = await loopbackHttpClient().request({ url });
		assert.ok(!r.ok);
		assert.equal(r.code, 'network');
		assert.match(r.message, /Could not fetch http:\/\/127\.0\.0\.1:\d+\/gone/);
	});
});
