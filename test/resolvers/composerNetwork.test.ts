import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ComposerCredentials } from '../../server/src/net/credentials';
import { HttpCache } from '../../server/src/net/httpCache';
import { composerResolver } from '../../server/src/resolvers/composer';
import { normalizeRepoUrl } from '../../server/src/resolvers/composer/url';
import { json, malformed, neverEnds, requireAuth, serverError } from '../helpers/loopbackServer';
import { loopbackServersForFile, tempDirForFile } from '../helpers/fileResources';
import { loopbackHttpClient } from '../helpers/noInternet';
import { composerRepo, testContext } from './composerTestContext';

const dir = tempDirForFile('cr-composer-');
const server = loopbackServersForFile();
const pkgRoot = (name: string, version: string): object => ({ packages: { [name]: { [version]: { name, version } } } });

describe('composer repository URL forms', () => {
	test('normalizeRepoUrl follows Composer', () => {
		const ok = (raw: string, opts = {}) => {
			const r = normalizeRepoUrl(raw, opts);
			assert.ok(r.ok, raw);
			return r;
		};
		assert.equal(ok('https://repo.example.org/').packagesJsonUrl, 'https://repo.example.org/packages.json');
		assert.equal(ok('repo.example.org').url, 'http://repo.example.org');
		assert.equal(ok('https?://repo.example.org').url, 'https://repo.example.org');
		assert.equal(ok('https://x.example/dir/index.json?x=1').packagesJsonUrl, 'https://x.example/dir/index.json?x=1');
		assert.equal(ok('https://x.example/dir/index.json?x=1').baseUrl, 'https://x.example/dir');
		assert.equal(ok('https://packagist.org').url, 'https://repo.packagist.org');
		assert.equal(ok('HTTPS://Packagist.org/').url, 'HTTPS://repo.packagist.org'); // the scheme is kept as written
		assert.equal(ok('https://packagist.org', { packagistRepo: 'http://127.0.0.1:1/fake/' }).url, 'http://127.0.0.1:1/fake');
		assert.equal(ok('https://repo.packagist.org', { packagistRepo: 'http://127.0.0.1:1/fake' }).url, 'http://127.0.0.1:1/fake');
		assert.equal(ok('http://packagist.org', { packagistRepo: 'http://127.0.0.1:1/fake' }).url, 'http://repo.packagist.org');
		assert.equal(ok('https://packagist.org/p2', { packagistRepo: 'http://127.0.0.1:1/fake' }).url, 'https://packagist.org/p2');
		assert.equal(ok('./local', { localPath: () => '/abs/local' }).url, 'file:///abs/local');
		const invalid = normalizeRepoUrl('1http://x');
		assert.ok(!invalid.ok);
		assert.equal(invalid.message, 'Invalid url given for Composer repository: 1http://x');
		assert.ok(!normalizeRepoUrl(42).ok);
	});

	test('packagist.org is resolved through its real protocol at the configured URL', async () => {
		const s = await server({
			routes: {
				'/packagist/packages.json': json({ packages: [], 'metadata-url': '/packagist/p2/%package%.json', 'providers-url': '/p/%package%$%hash%.json' }),
				'/packagist/p2/monolog/monolog.json': json({ minified: 'composer/2.0', packages: { 'monolog/monolog': [{ name: 'monolog/monolog', version: '3.0.0' }, { version: '2.9.0' }] } }),
			},
		});
		const ctx = testContext({ packagistRepo: s.url + '/packagist' });
		const r = await composerResolver.loadPackages(composerRepo('https://packagist.org'), ['monolog/monolog'], ctx);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.packages.map((p) => p.version), ['3.0.0', '2.9.0']);
		assert.deepEqual(ctx.http.refused, []);
	});

	test('a URL without a scheme becomes http:// and is refused under secure-http', async () => {
		const r = await composerResolver.loadPackages(composerRepo('127.0.0.1:9/repo'), ['a/b'], testContext({ secureHttp: true }));
		assert.ok(!r.ok);
		assert.equal(r.error.code, 'remote.insecure');
		assert.equal(r.error.message, 'Your configuration does not allow connections to http://127.0.0.1:9/repo/packages.json. See https://getcomposer.org/doc/06-config.md#secure-http for details.');
	});

	test('a local directory (relative to composer.json) is read as file://', async () => {
		const repoDir = fs.mkdtempSync(path.join(dir, 'local-'));
		fs.mkdirSync(path.join(repoDir, 'p2', 'acme'), { recursive: true });
		fs.writeFileSync(path.join(repoDir, 'packages.json'), JSON.stringify({ 'metadata-url': pathToFileURL(repoDir).href + '/p2/%package%.json' }));
		fs.writeFileSync(path.join(repoDir, 'p2', 'acme', 'f.json'), JSON.stringify({ packages: { 'acme/f': [{ name: 'acme/f', version: '1.0.0' }] } }));
		const ctx = testContext({ baseDir: dir });
		const r = await composerResolver.loadPackages(composerRepo('./' + path.basename(repoDir)), ['acme/f', 'acme/none'], ctx);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/f']);
		const file = await composerResolver.loadPackages(composerRepo(pathToFileURL(repoDir).href), ['acme/f'], ctx);
		assert.ok(file.ok);
	});
});

describe('composer repository failures are values', () => {
	test('garbage, 500 and 404 roots', async () => {
		const s = await server({ routes: { '/bad/packages.json': malformed(), '/err/packages.json': serverError(), '/arr/packages.json': json([1, 2]) } });
		const ctx = testContext();
		const bad = await composerResolver.loadPackages(composerRepo(s.url + '/bad'), ['a/b'], ctx);
		assert.ok(!bad.ok);
		assert.equal(bad.error.code, 'remote.invalid-json');
		assert.match(bad.error.message, new RegExp(`^"${s.url}/bad/packages.json" does not contain valid JSON`));
		const err = await composerResolver.loadPackages(composerRepo(s.url + '/err'), ['a/b'], ctx);
		assert.ok(!err.ok);
		assert.equal(err.error.message, `The "${s.url}/err/packages.json" file could not be downloaded (HTTP 500 Internal Server Error)`);
		const missing = await composerResolver.loadPackages(composerRepo(s.url + '/none'), ['a/b'], ctx);
		assert.ok(!missing.ok);
		assert.match(missing.error.message, /HTTP 404 Not Found/);
		const arr = await composerResolver.loadPackages(composerRepo(s.url + '/arr'), ['a/b'], ctx);
		assert.ok(!arr.ok);
		assert.match(arr.error.message, /does not contain a JSON object/);
	});

	test('a garbage p2 file fails the repository with a clear message', async () => {
		const s = await server({ routes: { '/packages.json': json({ 'metadata-url': '/p2/%package%.json' }), '/p2/acme/g.json': { body: '\u0000\u0001garbage' } } });
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/g'], testContext());
		assert.ok(!r.ok);
		assert.match(r.error.message, /p2\/acme\/g\.json" does not contain valid JSON/);
	});

	test('a slow server times out; a cancelled load returns promptly', async () => {
		const s = await server({ routes: { '/slow/packages.json': { body: '{}', delayMs: 5_000 }, '/hang/packages.json': neverEnds() } });
		const slow = await composerResolver.loadPackages(composerRepo(s.url + '/slow'), ['a/b'], testContext({ httpOptions: { timeoutMs: 100 } }));
		assert.ok(!slow.ok);
		assert.equal(slow.error.code, 'remote.timeout');
		const controller = new AbortController();
		const pending = composerResolver.loadPackages(composerRepo(s.url + '/hang'), ['a/b'], testContext({ signal: controller.signal }));
		await s.waitForRequests(2);
		controller.abort();
		const cancelled = await pending;
		assert.ok(!cancelled.ok);
		assert.equal(cancelled.error.code, 'remote.cancelled');
		await s.waitForClose(s.requestsTo('/hang/packages.json')[0].connection);
	});

	test('401 says where credentials go; with auth.json credentials the repository loads', async () => {
		const expected = 'Basic ' + Buffer.from('deploy:repo-secret-77').toString('base64');
		const s = await server({ routes: { '/packages.json': requireAuth(expected, { body: pkgRoot('acme/private', '1.0.0') }) } });
		const anon = await composerResolver.loadPackages(composerRepo(s.url), ['acme/private'], testContext());
		assert.ok(!anon.ok);
		assert.equal(anon.error.code, 'remote.auth');
		assert.match(anon.error.message, /HTTP 401 Unauthorized.*auth\.json/);
		const creds = new ComposerCredentials({ 'http-basic': { [`127.0.0.1:${s.port}`]: { username: 'deploy', password: 'repo-secret-77' } } });
		const authed = await composerResolver.loadPackages(composerRepo(s.url), ['acme/private'], testContext({ credentials: creds }));
		assert.ok(authed.ok, JSON.stringify(authed));
		assert.deepEqual(authed.namesFound, ['acme/private']);
		// Credentials in the repository URL work too and never show up in an error.
		const inUrl = await composerResolver.loadPackages(composerRepo(`http://deploy:repo-secret-77@127.0.0.1:${s.port}`), ['acme/private'], testContext());
		assert.ok(inUrl.ok);
		const wrong = await composerResolver.loadPackages(composerRepo(`http://deploy:repo-secret-77@127.0.0.1:${s.port}/nope`), ['acme/private'], testContext());
		assert.ok(!wrong.ok);
		assert.doesNotMatch(JSON.stringify(wrong), /repo-secret-77/);
	});
});

describe('composer repository caching', () => {
	test('second load revalidates (304); offline load serves the cache and says so', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json' }),
				'/p2/acme/c.json': json({ packages: { 'acme/c': [{ name: 'acme/c', version: '1.0.0' }] } }),
			},
			conditional: true,
		});
		const cache = new HttpCache(fs.mkdtempSync(path.join(dir, 'cache-')));
		const http = loopbackHttpClient({ cache });
		const first = await composerResolver.loadPackages(composerRepo(s.url), ['acme/c'], testContext({ http }));
		assert.ok(first.ok);
		const count = s.requests.length;
		assert.equal(count, 3, 'packages.json, acme/c.json, acme/c~dev.json');
		const second = await composerResolver.loadPackages(composerRepo(s.url), ['acme/c'], testContext({ http }));
		assert.ok(second.ok);
		assert.deepEqual(second.packages.map((p) => p.version), ['1.0.0']);
		const conditional = s.requests.slice(count).filter((q) => q.url !== '/p2/acme/c~dev.json');
		assert.equal(conditional.length, 2);
		assert.ok(conditional.every((q) => q.headers['if-none-match'] !== undefined));
		assert.deepEqual(second.warnings, []);

		const before = s.requests.length;
		const offline = await composerResolver.loadPackages(composerRepo(s.url), ['acme/c'], testContext({ http, offline: true }));
		assert.ok(offline.ok, JSON.stringify(offline));
		assert.deepEqual(offline.packages.map((p) => p.version), ['1.0.0']);
		assert.equal(s.requests.length, before);
		assert.equal(offline.warnings.length, 1);
		assert.match(offline.warnings[0], /could not be fully loaded \(offline mode\), package information was loaded from the local cache and may be out of date/);
	});

	test('offline without a cached copy is an error value', async () => {
		const r = await composerResolver.loadPackages(composerRepo('http://127.0.0.1:9/never'), ['a/b'], testContext({ offline: true, httpOptions: { cache: new HttpCache(fs.mkdtempSync(path.join(dir, 'empty-'))) } }));
		assert.ok(!r.ok);
		assert.equal(r.error.code, 'remote.offline');
	});
});
