import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpCache } from '../../server/src/net/httpCache';
import { json, serverError, LAST_MODIFIED } from '../helpers/loopbackServer';
import { loopbackServersForFile, tempDirForFile } from '../helpers/fileResources';
import { loopbackHttpClient } from '../helpers/noInternet';

const dir = tempDirForFile('cr-httpcache-');
const server = loopbackServersForFile();
function freshCache(): HttpCache {
	return new HttpCache(fs.mkdtempSync(path.join(dir, 'c-')));
}

describe('HTTP disk cache', () => {
	test('second call revalidates with If-None-Match / If-Modified-Since and reuses the body on 304', async () => {
		const s = await server({ routes: { '/p.json': json({ v: 1 }) }, conditional: true });
		const http = loopbackHttpClient({ cache: freshCache() });
		const first = await http.request({ url: s.url + '/p.json', cache: true });
		assert.ok(first.ok && first.fromCache === undefined);
		const second = await http.request({ url: s.url + '/p.json', cache: true });
		assert.ok(second.ok);
		assert.equal(second.fromCache, 'revalidated');
		assert.equal(second.status, 200);
		assert.deepEqual(JSON.parse(second.body.toString()), { v: 1 });
		const [r1, r2] = s.requestsTo('/p.json');
		assert.equal(r1.headers['if-none-match'], undefined);
		assert.match(String(r2.headers['if-none-match']), /^"[0-9a-f]{40}"$/);
		assert.equal(r2.headers['if-modified-since'], LAST_MODIFIED);
	});

	test('a changed resource replaces the cached copy', async () => {
		const s = await server({ routes: { '/c.json': json({ v: 1 }) }, conditional: true });
		const http = loopbackHttpClient({ cache: freshCache() });
		await http.request({ url: s.url + '/c.json', cache: true });
		s.route('/c.json', json({ v: 2 }));
		const r = await http.request({ url: s.url + '/c.json', cache: true });
		assert.ok(r.ok && r.fromCache === undefined);
		assert.deepEqual(JSON.parse(r.body.toString()), { v: 2 });
	});

	test('within maxAgeMs the cached copy is used without any request', async () => {
		const s = await server({ routes: { '/l.json': json({ packageNames: ['a/b'] }) }, conditional: true });
		const http = loopbackHttpClient({ cache: freshCache() });
		await http.request({ url: s.url + '/l.json', cache: true, maxAgeMs: 600_000 });
		const r = await http.request({ url: s.url + '/l.json', cache: true, maxAgeMs: 600_000 });
		assert.ok(r.ok && r.fromCache === 'fresh');
		assert.equal(s.requestsTo('/l.json').length, 1);
	});

	test('offline mode serves the cached copy as stale and makes no request', async () => {
		const s = await server({ routes: { '/o.json': json({ v: 'cached' }) } });
		const cache = freshCache();
		await loopbackHttpClient({ cache }).request({ url: s.url + '/o.json', cache: true });
		const offline = loopbackHttpClient({ cache, offline: true });
		const r = await offline.request({ url: s.url + '/o.json', cache: true });
		assert.ok(r.ok);
		assert.equal(r.fromCache, 'stale');
		assert.equal(r.staleReason, 'offline mode');
		assert.deepEqual(JSON.parse(r.body.toString()), { v: 'cached' });
		assert.equal(s.requests.length, 1);
		const miss = await offline.request({ url: s.url + '/never.json', cache: true });
		assert.ok(!miss.ok);
		assert.equal(miss.code, 'offline');
		assert.equal(s.requests.length, 1);
	});

	test('a network failure or a 5xx serves the stale copy and says why', async () => {
		const s = await server({ routes: { '/s.json': json({ v: 1 }) } });
		const cache = freshCache();
		const http = loopbackHttpClient({ cache });
		await http.request({ url: s.url + '/s.json', cache: true });
		s.route('/s.json', serverError());
		const r5 = await http.request({ url: s.url + '/s.json', cache: true });
		assert.ok(r5.ok && r5.fromCache === 'stale');
		assert.match(String(r5.staleReason), /500/);
		const url = s.url + '/s.json';
		await s.close();
		const down = await http.request({ url, cache: true });
		assert.ok(down.ok && down.fromCache === 'stale');
		assert.match(String(down.staleReason), /Could not fetch/);
	});

	test('a 404 is not hidden behind a cached copy', async () => {
		const s = await server({ routes: { '/g.json': json({ v: 1 }) } });
		const http = loopbackHttpClient({ cache: freshCache() });
		await http.request({ url: s.url + '/g.json', cache: true });
		s.route('/g.json', { status: 404, body: '' });
		const r = await http.request({ url: s.url + '/g.json', cache: true });
		assert.ok(r.ok && r.status === 404 && r.fromCache === undefined);
	});

	test('entries survive a new cache instance and ignore torn files', () => {
		const cacheDir = fs.mkdtempSync(path.join(dir, 'p-'));
		new HttpCache(cacheDir).put('https://x.test/a', 200, { etag: '"e"', authorization: 'Basic c2VjcmV0' }, Buffer.from('body'));
		const again = new HttpCache(cacheDir).get('https://x.test/a');
		assert.ok(again);
		assert.equal(again.etag, '"e"');
		assert.equal(again.headers.authorization, undefined);
		assert.equal(again.body.toString(), 'body');
		const files = fs.readdirSync(cacheDir, { recursive: true }).map(String).filter((f) => f.endsWith('.body'));
		fs.writeFileSync(path.join(cacheDir, files[0]), 'torn write');
		assert.equal(new HttpCache(cacheDir).get('https://x.test/a'), undefined);
	});
});
