import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { composerResolver } from '../../server/src/resolvers/composer';
import { json, notFound } from '../helpers/loopbackServer';
import { loopbackServersForFile } from '../helpers/fileResources';
import { composerRepo, sha1, sha256, testContext, versionsOf } from './composerTestContext';

const server = loopbackServersForFile();

const v = (name: string, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	name, version, dist: { type: 'zip', url: `https://dl.example/${name}/${version}.zip` }, ...extra,
});

describe('composer repository: inline packages, includes, legacy', () => {
	test('inline packages: names found whatever their versions; unknown names not found', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({
					packages: {
						'acme/a': { '1.0.0': v('acme/a', '1.0.0'), 'dev-main': v('acme/a', 'dev-main', { 'default-branch': true }) },
						'Acme/B': { 'v2.0.0-beta1': v('Acme/B', 'v2.0.0-beta1') },
					},
				}),
			},
		});
		const ctx = testContext();
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/a', 'ACME/B', 'nope/x'], ctx);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound.sort(), ['acme/a', 'acme/b']);
		assert.deepEqual(versionsOf(r.packages), ['Acme/B v2.0.0-beta1', 'acme/a 1.0.0', 'acme/a dev-main']);
		const main = r.packages.find((p) => p.version === 'dev-main')!;
		assert.equal(main.defaultBranch, true);
		assert.equal(main.aliasOf, '9999999-dev');
		assert.equal(r.packages.find((p) => p.version === '1.0.0')!.versionNormalized, '1.0.0.0');
		const all = await composerResolver.loadPackages(composerRepo(s.url + '/'), undefined, ctx);
		assert.ok(all.ok);
		assert.deepEqual(all.namesFound.sort(), ['acme/a', 'acme/b']);
		assert.equal(all.packages.length, 3);
		assert.deepEqual(ctx.http.refused, []);
	});

	test('includes are fetched relative to the base URL ($ sent as %24), recursively', async () => {
		const inner = JSON.stringify({ packages: { 'acme/deep': { '3.0.0': v('acme/deep', '3.0.0') } } });
		const outer = JSON.stringify({ packages: { 'acme/inc': { '1.2.3': v('acme/inc', '1.2.3') } }, includes: { 'more/deep.json': { sha1: sha1(inner) } } });
		const s = await server({
			routes: {
				'/sub/repo/packages.json': json({ packages: [], includes: { 'include/all$1f2e.json': { sha1: sha1(outer) } } }),
				'/sub/repo/include/all$1f2e.json': { body: outer },
				'/sub/repo/more/deep.json': { body: inner },
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url + '/sub/repo'), undefined, testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(versionsOf(r.packages), ['acme/deep 3.0.0', 'acme/inc 1.2.3']);
		assert.ok(s.requests.some((q) => q.url === '/sub/repo/include/all%241f2e.json'));
	});

	test('a URL whose path names a .json file is the root file; its folder is the base URL', async () => {
		const s = await server({
			routes: {
				'/custom/index.json': json({ packages: [], includes: { 'inc.json': { sha1: 'x' } } }),
				'/custom/inc.json': json({ packages: { 'acme/c': { '1.0.0': v('acme/c', '1.0.0') } } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url + '/custom/index.json'), ['acme/c'], testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/c']);
	});

	test('legacy whole-file form {name: {versions: {...}}}', async () => {
		const s = await server({ routes: { '/packages.json': json({ 'acme/old': { versions: { '0.1.0': v('acme/old', '0.1.0'), '0.2.0': v('acme/old', '0.2.0') } } }) } });
		const r = await composerResolver.loadPackages(composerRepo(s.url), undefined, testContext());
		assert.ok(r.ok);
		assert.deepEqual(versionsOf(r.packages), ['acme/old 0.1.0', 'acme/old 0.2.0']);
	});

	test('a mismatching packages key warns once', async () => {
		const s = await server({ routes: { '/packages.json': json({ packages: { 'acme/key': { '1.0.0': v('acme/other', '1.0.0') } } }) } });
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/other'], testContext());
		assert.ok(r.ok);
		assert.deepEqual(r.namesFound, ['acme/other']);
		assert.equal(r.warnings.length, 1);
		assert.match(r.warnings[0], /the packages key 'acme\/key' doesn't match the name defined in the package metadata 'acme\/other'/);
	});
});

describe('composer repository: v1 providers', () => {
	test('provider-includes (base URL) + providers-url (host root), both verified by sha256', async () => {
		const provider = JSON.stringify({ packages: { 'acme/p': {
			'1.0.0': { ...v('acme/p', '1.0.0'), uid: 1 }, '1.1.0': { ...v('acme/p', '1.1.0'), uid: 2 }, 'dup': { ...v('acme/p', '1.1.0'), uid: 2 },
			'other': { ...v('acme/zzz', '9.0.0'), uid: 3 },
		} } });
		const listing = JSON.stringify({ providers: { 'acme/p': { sha256: sha256(provider) }, 'acme/q': { sha256: sha256('nope') } } });
		const s = await server({
			routes: {
				'/v1/packages.json': json({ packages: [], 'providers-url': '/v1/p/%package%$%hash%.json', 'provider-includes': { 'p/provider-latest$%hash%.json': { sha256: sha256(listing) } } }),
				[`/v1/p/provider-latest$${sha256(listing)}.json`]: { body: listing },
				[`/v1/p/acme/p$${sha256(provider)}.json`]: { body: provider },
				[`/v1/p/acme/q$${sha256('nope')}.json`]: { body: '{"packages": {}}' },
			},
		});
		const ctx = testContext();
		const r = await composerResolver.loadPackages(composerRepo(s.url + '/v1'), ['acme/p', 'acme/unlisted'], ctx);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/p']);
		assert.deepEqual(versionsOf(r.packages), ['acme/p 1.0.0', 'acme/p 1.1.0']);
		assert.equal(s.requestsTo('/v1/p/acme/unlisted').length, 0);
		// Enumeration lists the providers; acme/q's file doesn't match its hash → a signature error value.
		const all = await composerResolver.loadPackages(composerRepo(s.url + '/v1'), undefined, ctx);
		assert.ok(!all.ok);
		assert.equal(all.error.code, 'remote.signature');
		assert.match(all.error.message, /do not match its signature/);
	});

	test('providers-lazy-url: 404 means not found', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ packages: [], 'providers-lazy-url': '/lazy/%package%.json' }),
				'/lazy/acme/l.json': json({ packages: { 'acme/l': { '2.0.0': { ...v('acme/l', '2.0.0'), uid: 5 } } } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/l', 'acme/none'], testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/l']);
		assert.deepEqual(versionsOf(r.packages), ['acme/l 2.0.0']);
		assert.equal(s.requestsTo('/lazy/acme/none.json').length, 1);
	});
});

describe('composer repository: v2 metadata-url', () => {
	const minified = {
		minified: 'composer/2.0',
		packages: { 'acme/m': [
			{ ...v('acme/m', '2.0.0'), require: { php: '>=8.1' }, description: 'M' },
			{ version: '1.1.0', version_normalized: '1.1.0.0', require: { php: '>=7.4' } },
			{ version: '1.0.0', require: '__unset' },
		] },
	};
	const dev = { minified: 'composer/2.0', packages: { 'acme/m': [{ ...v('acme/m', 'dev-main'), 'default-branch': true }, { version: '2.x-dev', extra: { 'branch-alias': { '2.x-dev': '2.1.x-dev' } } }] } };

	test('plain and ~dev files, minified expansion with __unset', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ packages: [], 'metadata-url': '/p2/%package%.json' }),
				'/p2/acme/m.json': json(minified),
				'/p2/acme/m~dev.json': json(dev),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/m'], testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/m']);
		assert.deepEqual(r.packages.map((p) => p.version), ['2.0.0', '1.1.0', '1.0.0', 'dev-main', '2.x-dev']);
		const byVersion = new Map(r.packages.map((p) => [p.version, p]));
		assert.deepEqual(byVersion.get('1.1.0')!.data!.require, { php: '>=7.4' });
		assert.equal(byVersion.get('1.0.0')!.data!.require, undefined);
		assert.equal(byVersion.get('1.0.0')!.data!.description, 'M');
		assert.equal(byVersion.get('dev-main')!.aliasOf, '9999999-dev');
		assert.equal(byVersion.get('2.x-dev')!.versionNormalized, '2.9999999.9999999.9999999-dev');
		assert.equal(byVersion.get('2.x-dev')!.aliasOf, '2.1.9999999.9999999-dev');
	});

	test('an empty version list still counts as found; 404 is not found; other names in a file are ignored', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json' }),
				'/p2/acme/empty.json': json({ packages: { 'acme/empty': [] } }),
				'/p2/acme/stranger.json': json({ packages: { 'acme/other': [v('acme/other', '1.0.0')] } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/empty', 'acme/missing', 'acme/stranger', 'php', 'ext-json'], testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound, ['acme/empty']);
		assert.equal(r.packages.length, 0);
		assert.equal(s.requestsTo('/p2/php.json').length, 0, 'platform packages are never requested');
	});

	test('available-packages: unlisted names make no request; enumeration lists exactly them', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json', 'available-packages': ['Acme/A', 'acme/b'] }),
				'/p2/acme/a.json': json({ packages: { 'acme/a': [v('Acme/A', '1.0.0')] } }),
				'/p2/acme/b~dev.json': json({ packages: { 'acme/b': [v('acme/b', 'dev-master')] } }),
			},
		});
		const ctx = testContext();
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/a', 'other/x'], ctx);
		assert.ok(r.ok);
		assert.deepEqual(r.namesFound, ['acme/a']);
		assert.equal(s.requests.filter((q) => q.url.includes('other')).length, 0);
		const all = await composerResolver.loadPackages(composerRepo(s.url), undefined, ctx);
		assert.ok(all.ok);
		assert.deepEqual(all.namesFound.sort(), ['acme/a', 'acme/b']);
		assert.deepEqual(versionsOf(all.packages), ['Acme/A 1.0.0', 'acme/b dev-master']);
	});

	test('available-package-patterns restrict requests to matching names', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json', 'available-package-patterns': ['acme/*', 'solo/one'] }),
				'/p2/acme/x.json': json({ packages: { 'acme/x': [v('acme/x', '1.0.0')] } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/x', 'solo/one', 'solo/two'], testContext());
		assert.ok(r.ok);
		assert.deepEqual(r.namesFound, ['acme/x']);
		assert.equal(s.requestsTo('/p2/solo/one.json').length, 1);
		assert.equal(s.requestsTo('/p2/solo/two.json').length, 0);
	});

	test('the list endpoint enumerates names (cached for 600 s)', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json', list: '/list.json' }),
				'/list.json': json({ packageNames: ['acme/one', 'acme/two'] }),
				'/p2/acme/one.json': json({ packages: { 'acme/one': [v('acme/one', '1.0.0')] } }),
				'/p2/acme/two.json': json({ packages: { 'acme/two': [v('acme/two', '0.5.0')] } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url), undefined, testContext());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound.sort(), ['acme/one', 'acme/two']);
		assert.deepEqual(versionsOf(r.packages), ['acme/one 1.0.0', 'acme/two 0.5.0']);
	});

	test('partial packages inline in the root are served from it; other names from metadata-url', async () => {
		const s = await server({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json', packages: { 'acme/inline': { '1.0.0': { ...v('acme/inline', '1.0.0'), uid: 1 }, '1.1.0': { ...v('acme/inline', '1.1.0'), uid: 2 } } } }),
				'/p2/acme/remote.json': json({ packages: { 'acme/remote': [v('acme/remote', '4.0.0')] } }),
			},
		});
		const ctx = testContext();
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/inline', 'acme/remote'], ctx);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.namesFound.sort(), ['acme/inline', 'acme/remote']);
		assert.deepEqual(versionsOf(r.packages), ['acme/inline 1.0.0', 'acme/inline 1.1.0', 'acme/remote 4.0.0']);
		assert.equal(s.requestsTo('/p2/acme/inline.json').length, 0);
		const all = await composerResolver.loadPackages(composerRepo(s.url), undefined, ctx);
		assert.ok(all.ok);
		assert.deepEqual(all.namesFound, ['acme/inline']);
	});

	test('partial packages without a uid fail the load, as Composer does', async () => {
		const s = await server({ routes: { '/packages.json': json({ 'metadata-url': '/p2/%package%.json', packages: { 'acme/nouid': { '1.0.0': v('acme/nouid', '1.0.0') } } }) } });
		const r = await composerResolver.loadPackages(composerRepo(s.url), ['acme/nouid'], testContext());
		assert.ok(!r.ok);
		assert.equal(r.error.code, 'composer.missing-uid');
		assert.match(r.error.message, /Version 1\.0\.0 of acme\/nouid .* has no "uid"/);
	});

	test('a relative metadata-url without a leading / is used verbatim (not resolved against the repo)', async () => {
		const s = await server({ routes: { '/r/packages.json': json({ 'metadata-url': 'p2/%package%.json' }), '/r/p2/acme/a.json': notFound() } });
		const r = await composerResolver.loadPackages(composerRepo(s.url + '/r'), ['acme/a'], testContext());
		// "p2/acme/a.json" is not a URL: the fetch fails, so the repository reports an error.
		assert.ok(!r.ok);
		assert.equal(s.requestsTo('/r/p2/acme/a.json').length, 0);
	});

	test('a leading / in metadata-url is relative to the host root, not the repository path', async () => {
		const s = await server({
			routes: {
				'/deep/path/packages.json': json({ 'metadata-url': '/p2/%package%.json' }),
				'/p2/acme/a.json': json({ packages: { 'acme/a': [v('acme/a', '1.0.0')] } }),
			},
		});
		const r = await composerResolver.loadPackages(composerRepo(s.url + '/deep/path'), ['acme/a'], testContext());
		assert.ok(r.ok);
		assert.deepEqual(r.namesFound, ['acme/a']);
	});
});
