// Agreement with real Composer: the same composer repositories (every protocol variant) served on loopback,
// `composer show --all [NAME]` against our resolver's names and version lists.
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { composerResolver } from '../../server/src/resolvers/composer';
import { DEFAULT_BRANCH_ALIAS } from '../../server/src/semver';
import { prettyAlias } from '../../server/src/resolvers/package/loader';
import { json, startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { composerShowAllNames, composerShowVersions, oracleProject } from '../helpers/composerOracle';
import { composerRepo, sha256, testContext } from './composerTestContext';

let s: LoopbackServer;
let project: ReturnType<typeof oracleProject>;
const repoPaths = ['/v2', '/inline', '/v1', '/legacy'];

const d = (name: string, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	name, version, dist: { type: 'zip', url: `https://dl.example/${name}/${version}.zip`, reference: 'abc' }, ...extra,
});

before(async () => {
	const provider = JSON.stringify({ packages: { 'acme/prov': {
		'1.0.0': d('acme/prov', '1.0.0', { uid: 11 }), 'v1.2.0-RC1': d('acme/prov', 'v1.2.0-RC1', { uid: 12 }), 'dev-master': d('acme/prov', 'dev-master', { uid: 13 }),
	} } });
	const listing = JSON.stringify({ providers: { 'acme/prov': { sha256: sha256(provider) } } });
	s = await startLoopbackServer({
		routes: {
			'/v2/packages.json': json({ packages: [], 'metadata-url': '/v2/p2/%package%.json', 'available-packages': ['acme/m', 'acme/empty'] }),
			'/v2/p2/acme/m.json': json({ minified: 'composer/2.0', packages: { 'acme/m': [d('acme/m', 'v2.0.0'), { version: '1.1.0' }, { version: '1.0.0-beta2', dist: '__unset' }] } }),
			'/v2/p2/acme/m~dev.json': json({ minified: 'composer/2.0', packages: { 'acme/m': [
				d('acme/m', 'dev-main', { 'default-branch': true }), { version: '2.x-dev', extra: { 'branch-alias': { '2.x-dev': '2.1.x-dev' } }, 'default-branch': '__unset' },
			] } }),
			'/v2/p2/acme/empty.json': json({ packages: { 'acme/empty': [] } }),
			'/inline/packages.json': json({ packages: {
				'acme/in': {
					'v1.0.0': d('acme/in', 'v1.0.0'), '1.0.x-dev': d('acme/in', '1.0.x-dev', { extra: { 'branch-alias': { '1.0.x-dev': '1.0.x-dev' } } }),
					'dev-feature': d('acme/in', 'dev-feature', { extra: { 'branch-alias': { 'dev-feature': '3.0.x-dev' } } }),
				},
			} }),
			'/v1/packages.json': json({ packages: [], 'providers-url': '/v1/p/%package%$%hash%.json', 'provider-includes': { 'p/provider-all$%hash%.json': { sha256: sha256(listing) } } }),
			[`/v1/p/provider-all$${sha256(listing)}.json`]: { body: listing },
			[`/v1/p/acme/prov$${sha256(provider)}.json`]: { body: provider },
			'/legacy/packages.json': json({ 'acme/old': { versions: { '0.1.0': d('acme/old', '0.1.0'), '0.2.0-alpha': d('acme/old', '0.2.0-alpha') } } }),
		},
	});
	project = oracleProject({
		repositories: [...repoPaths.map((p) => ({ type: 'composer', url: s.url + p })), { 'packagist.org': false }],
		config: { 'secure-http': false },
	});
});

after(async () => {
	await s.close();
	project.cleanup();
});

/** What `composer show --all NAME` lists from a load: pretty versions plus branch aliases, without the default-branch alias. */
function shownVersions(packages: Array<{ version: string; aliasOf?: string }>): string[] {
	const out = new Set<string>();
	for (const p of packages) {
		out.add(p.version);
		if (p.aliasOf && p.aliasOf !== DEFAULT_BRANCH_ALIAS) {
			out.add(prettyAlias(p.aliasOf));
		}
	}
	return [...out].sort();
}

describe('composer repositories agree with `composer show --all`', () => {
	test('version lists per package', async () => {
		const cases: Array<[string, string]> = [['acme/m', '/v2'], ['acme/in', '/inline'], ['acme/prov', '/v1'], ['acme/old', '/legacy']];
		const oracle = await Promise.all(cases.map(([name]) => composerShowVersions(project, name)));
		for (const [i, [name, repoPath]] of cases.entries()) {
			const theirs = oracle[i];
			assert.ok(theirs.ok, `composer show ${name} failed: ${theirs.ok ? '' : theirs.stderr}`);
			const ours = await composerResolver.loadPackages(composerRepo(s.url + repoPath), [name], testContext());
			assert.ok(ours.ok, JSON.stringify(ours));
			assert.deepEqual(ours.namesFound, [name]);
			assert.deepEqual(shownVersions(ours.packages), [...theirs.versions].sort(), name);
		}
	});

	test('the names each repository enumerates', async () => {
		const theirs = await composerShowAllNames(project);
		assert.ok(theirs.ok, theirs.ok ? '' : theirs.stderr);
		const ours = new Set<string>();
		for (const p of repoPaths) {
			const r = await composerResolver.loadPackages(composerRepo(s.url + p), undefined, testContext());
			assert.ok(r.ok, JSON.stringify(r));
			for (const n of r.namesFound) {
				ours.add(n);
			}
		}
		assert.deepEqual([...ours].sort(), [...theirs.names].sort());
	});
});
