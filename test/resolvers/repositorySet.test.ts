// The merged repository list (order, keyed form, packagist.org last, disable forms) and the lookup across
// repositories (canonical, only/exclude), with inline package repositories and fake resolvers.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { buildFilter } from '../../server/src/resolvers/filters';
import { compileNamePatterns } from '../../server/src/composer/namePatterns';
import { resolverFor } from '../../server/src/resolvers/registry';
import { parseComposerJson } from '../../server/src/model/composerDocument';
import { buildRepositoryList } from '../../server/src/resolvers/repositoryList';
import { resolveRepositories } from '../../server/src/resolvers/repositorySet';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import type { LoadResult, RepositoryResolver, ResolveContext } from '../../server/src/resolvers/types';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { noProgramsRunner, vcsRepo, vcsTestContext } from '../helpers/vcsDriverContext';

function order(project: unknown, global?: unknown): string[] {
	const list = buildRepositoryList({ document: parseComposerJson(typeof project === 'string' ? project : JSON.stringify(project)), file: 'composer.json' }, global === undefined ? undefined : { document: parseComposerJson(JSON.stringify(global)), file: 'config.json' });
	// Integer keys are renumbered by the merge (as PHP does), so only string keys are shown.
	return list.repositories.map((r) => `${typeof r.key === 'number' ? '#' : r.key}=${String(r.config.url ?? r.config.type)}`);
}

const A = { type: 'vcs', url: 'https://a' };
const B = { type: 'composer', url: 'https://b' };

describe('repository list', () => {
	test('list order with packagist.org appended last', () => {
		assert.deepEqual(order({ repositories: [A, B] }), ['#=https://a', '#=https://b', 'packagist.org=https://repo.packagist.org']);
	});

	test('project repositories come before global ones', () => {
		assert.deepEqual(order({ repositories: [A] }, { repositories: [B] }), ['#=https://a', '#=https://b', 'packagist.org=https://repo.packagist.org']);
	});

	test('keyed form: a project key replaces the global one in place', () => {
		assert.deepEqual(order({ repositories: { l: A, g: { type: 'path', url: 'g2' } } }, { repositories: { g: B } }), ['l=https://a', 'g=g2', 'packagist.org=https://repo.packagist.org']);
	});

	test('disable forms: list and keyed, packagist alias, wherever the entry sits', () => {
		assert.deepEqual(order({ repositories: [A, { 'packagist.org': false }, B] }), ['#=https://a', '#=https://b']);
		assert.deepEqual(order({ repositories: [{ packagist: false }] }), []);
		assert.deepEqual(order({ repositories: { packagist: false, a: A } }), ['a=https://a']);
		assert.deepEqual(order({ repositories: [{ g: false }] }, { repositories: { g: B } }), ['packagist.org=https://repo.packagist.org']);
	});

	test('the name property cannot disable; redefining packagist replaces the default', () => {
		assert.deepEqual(order({ repositories: [{ name: 'foo', type: 'path', url: 'x' }, { foo: false }] }), ['#=x', 'packagist.org=https://repo.packagist.org']);
		assert.deepEqual(order({ repositories: [{ type: 'composer', url: 'https://packagist.org' }] }), ['#=https://packagist.org']);
		assert.deepEqual(order({ repositories: { packagist: { type: 'composer', url: 'https://mirror.example/' }, a: A } }), ['a=https://a', 'packagist.org=https://mirror.example/']);
	});

	test('key order is kept as written, integer-like keys included', () => {
		assert.deepEqual(order(`{"repositories": {"z": ${JSON.stringify(A)}, "5": ${JSON.stringify(B)}}}`), ['z=https://a', '#=https://b', 'packagist.org=https://repo.packagist.org']);
	});

	test('entries that are not repositories are errors, labels never hold passwords', () => {
		const list = buildRepositoryList({ document: parseComposerJson(JSON.stringify({ repositories: [{ url: 'x' }, 3, { type: 'composer', url: 'https://user:secret@example.org' }] })), file: 'composer.json' });
		assert.deepEqual(list.errors.map((e) => e.message), ['Repository "2" ({"url":"x"}) must have a type defined', 'Repository "1" (3) should be an array, integer given']);
		assert.equal(list.repositories[0].label, 'composer repo (https://***@example.org)');
		assert.ok(!JSON.stringify(list.repositories.map((r) => r.label)).includes('secret'));
	});
});

describe('filters', () => {
	test('patterns are anchored, case-insensitive, * spans slashes; only: [] blocks everything', () => {
		const re = compileNamePatterns(['acme/*', 'x.y/z']);
		assert.ok(re.test('ACME/lib') && re.test('acme/') && re.test('x.y/z'));
		assert.ok(!re.test('xacme/lib') && !re.test('x-y/z'));
		const none = buildFilter({ only: [] }, 'r');
		assert.ok(none.ok && !none.filter.allows('acme/lib'));
	});

	test('invalid filter configs give Composer\'s messages', () => {
		const both = buildFilter({ only: ['a/*'], exclude: ['b/*'] }, 'path repo (x)');
		assert.ok(!both.ok && both.message === 'Only one of "only" and "exclude" can be specified for repository path repo (x)');
		const badCanonical = buildFilter({ canonical: 'no' }, 'r');
		assert.ok(!badCanonical.ok && /"canonical" key for repository r should be a boolean/.test(badCanonical.message));
	});
});

describe('lookup across repositories', () => {
	const ctx = {} as ResolveContext;
	const pkg = (name: string, ...versions: string[]) => ({ type: 'package', package: versions.map((version) => ({ name, version })) });
	const repos = (configs: Array<Record<string, unknown>>) => configs.map((config, i) => ({ key: i, config, label: `repo${i}` }));
	const registry = {};

	test('the first canonical repository hides later ones; canonical: false adds versions', async () => {
		const r = await resolveRepositories(repos([pkg('acme/a', '1.0.0'), pkg('acme/a', '2.0.0')]), undefined, ctx, registry);
		assert.deepEqual(r.packages.get('acme/a'), { name: 'acme/a', versions: ['1.0.0'], repository: 'repo0' });
		const nc = await resolveRepositories(repos([{ ...pkg('acme/a', '1.0.0'), canonical: false }, pkg('acme/a', '2.0.0')]), ['acme/a'], ctx, registry);
		assert.deepEqual(nc.packages.get('acme/a')?.versions, ['2.0.0', '1.0.0']);
	});

	test('only/exclude let names fall through to later repositories', async () => {
		const r = await resolveRepositories(repos([{ ...pkg('acme/a', '1.0.0'), exclude: ['acme/*'] }, pkg('acme/a', '2.0.0')]), undefined, ctx, registry);
		assert.deepEqual(r.packages.get('acme/a'), { name: 'acme/a', versions: ['2.0.0'], repository: 'repo1' });
		const o = await resolveRepositories(repos([{ ...pkg('acme/a', '1.0.0'), only: ['other/*'] }, pkg('acme/a', '2.0.0')]), ['acme/a'], ctx, registry);
		assert.equal(o.packages.get('acme/a')?.repository, 'repo1');
	});

	test('a failing repository is reported and does not stop the others; unneeded ones are not reported', async () => {
		const r = await resolveRepositories(repos([pkg('acme/a', '1.0.0'), { type: 'pear', url: 'x' }, { type: 'forgejo', url: 'y' }]), undefined, ctx, registry);
		assert.deepEqual(r.packages.get('acme/a')?.versions, ['1.0.0']);
		assert.deepEqual(r.errors.map((e) => e.message), ['The PEAR repository has been removed from Composer 2.x', 'Repository type is not registered: forgejo']);
		const named = await resolveRepositories(repos([pkg('acme/a', '1.0.0'), { type: 'pear', url: 'x' }]), ['acme/a'], ctx, registry);
		assert.deepEqual(named.errors, []);
	});

	test('the 9999999-dev alias is hidden, other aliases are listed, newest first', async () => {
		const r = await resolveRepositories(repos([{ type: 'package', package: [
			{ name: 'acme/x', version: 'dev-main', 'default-branch': true },
			{ name: 'acme/x', version: 'dev-next', extra: { 'branch-alias': { 'dev-next': '3.0.x-dev' } } },
			{ name: 'acme/x', version: 'v1.0.0' }, { name: 'acme/x', version: '2.0.0-beta1' }, { name: 'acme/x', version: '1.x-dev' },
		] }]), ['acme/x'], ctx, registry);
		assert.deepEqual(r.packages.get('acme/x')?.versions, ['3.0.x-dev', '2.0.0-beta1', '1.x-dev', 'v1.0.0', 'dev-main', 'dev-next']);
	});

	test('perforce without p4 and unknown types are clear error values, never throws', async () => {
		// The check is the perforce driver's, through the process runner, whatever this machine has.
		const noP4 = vcsTestContext({ runner: noProgramsRunner });
		let p4: LoadResult;
		try {
			p4 = await resolverFor('perforce', { vcs: vcsRepositoryResolver }).loadPackages(vcsRepo({ type: 'perforce', url: 'p4.example.invalid:1666', depot: 'Depot' }), undefined, noP4.ctx);
		} finally {
			noP4.cleanup();
		}
		assert.ok(!p4.ok && /p4/.test(p4.error.message));
		const throwing: RepositoryResolver = { loadPackages: async () => { throw new Error('boom'); } };
		const r = await resolveRepositories(repos([{ type: 'weird' }]), undefined, ctx, { overrides: { weird: throwing } });
		assert.deepEqual(r.errors.map((e) => e.message), ['boom']);
	});
});

describe('resolve context', () => {
	test('domains with github-oauth / gitlab-token / gitlab-oauth credentials join github-domains / gitlab-domains, as in Composer', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-ctx-'));
		try {
			fs.writeFileSync(path.join(dir, 'auth.json'), JSON.stringify({
				'github-oauth': { 'github.com': 'tokenA1', 'ghe.example': 'tokenB2' },
				'gitlab-token': { 'git.example:8443': 'tokenC3' },
				'gitlab-oauth': { 'gl.example': 'tokenD4' },
				'http-basic': { 'other.example': { username: 'u', password: 'p' } },
			}));
			const ctx = createNodeResolveContext({
				composerJson: path.join(dir, 'composer.json'), env: { HOME: dir, COMPOSER_HOME: path.join(dir, 'home') }, homeDir: dir, cacheDir: false,
				configLayers: [{ 'github-domains': ['ghe.configured'] }],
			});
			assert.deepEqual(ctx.config.githubDomains, ['github.com', 'ghe.configured', 'ghe.example']);
			assert.deepEqual(ctx.config.gitlabDomains, ['gitlab.com', 'gl.example', 'git.example:8443']);
			assert.equal(ctx.cacheDir, path.join(dir, '.cache', 'composer-repos'), 'VCS mirrors live next to the HTTP cache');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
