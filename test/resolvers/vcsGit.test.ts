// The git driver and Composer's VcsRepository algorithm against real repositories built in temp folders,
// checked against expected lists worked out from Composer's rules (Repository/VcsRepository.php::initialize with
// composer/semver) and against Debian's Composer itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PackageVersion, ResolveContext } from '../../server/src/resolvers/types';
import { prettyAlias, vcsRepositoryResolver } from '../../server/src/resolvers/vcs/index';
import { composerShowAll } from '../helpers/composerOracle';
import { startFakeGitHosts, vcsContext } from '../helpers/fakeGitHosts';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { bareClone, buildGitRepo, git, removeDir, tempDir, type GitStep } from '../helpers/gitRepo';

const work = tempDir('vcs-git-test-');
after(() => removeDir(work));

const cj = (name: string, more: Record<string, unknown> = {}) => ({ 'composer.json': { name, ...more } });

function ctx(more: Partial<ResolveContext> = {}): ResolveContext {
	return vcsContext({ baseDir: work, ...more });
}

async function load(url: string, type = 'vcs', c: ResolveContext = ctx()) {
	return vcsRepositoryResolver.loadPackages({ key: 0, config: { type, url }, label: `${type} ${url}` }, undefined, c);
}

async function versionsOf(url: string, type = 'vcs'): Promise<PackageVersion[]> {
	const r = await load(url, type);
	assert.ok(r.ok, JSON.stringify(r));
	return r.packages;
}

/** What `composer show --all NAME` prints for these packages: versions plus branch aliases, 9999999-dev hidden. */
function shown(packages: PackageVersion[], name?: string): string[] {
	const out = new Set<string>();
	for (const p of packages) {
		if (name !== undefined && p.name !== name) continue;
		out.add(p.version);
		if (p.aliasOf && p.aliasOf !== '9999999-dev') out.add(prettyAlias(p.aliasOf));
	}
	return [...out].sort();
}

async function assertAgreesWithComposer(url: string, packages: PackageVersion[]): Promise<void> {
	const oracle = await composerShowAll({ repositories: [{ type: 'vcs', url }] });
	const names = [...new Set(packages.map((p) => p.name))].sort();
	assert.deepEqual([...oracle.versions.keys()].sort(), names);
	for (const name of names) {
		// Composer 2.5.5 prints PHP array keys, so numeric versions come back as numbers; and it predates the
		// `#` → `+` rewrite of branch versions that Composer's current VcsRepository::initialize does.
		const theirs = (oracle.versions.get(name) ?? []).map((v) => String(v).replace(/^(dev-.*)#/, '$1+').replace(/#/g, '+'));
		// A purely numeric version (tag `20100102`) becomes an integer array key in `show`, which 2.5.5 then
		// prints as a list index; such versions are compared by the tag tests above instead.
		const numeric = (v: string) => /^\d+$/.test(v);
		assert.deepEqual(shown(packages, name).filter((v) => !numeric(v)), theirs.filter((v) => !numeric(v)).sort(), `versions of ${name}`);
	}
}

/** Composer's own VcsRepositoryTest::testLoadVersions scenario, rebuilt with our recipe. */
const composerScenario: GitStep[] = [
	{ commit: { README: 'readme' } }, { tag: '0.5.0' },
	{ commit: cj('a/b') }, { tag: '0.6.0' },
	{ commit: cj('a/b', { version: '1.0.0' }) }, { tag: '0.9.0' },
	{ commit: cj('a/b') }, { tag: '1.0.0', annotated: true },
	{ branch: 'oldbranch', from: '0.5.0' },
	{ branch: 'feature/a-1.0-B', from: 'master' }, { branch: 'foo#bar', from: 'master' }, { branch: 'feature-b', from: 'master' },
	{ branch: '1.0', from: 'master' }, { branch: '1.1.x', from: 'master' },
	{ checkout: 'master' }, { commit: cj('a/b', { version: '2.0.0' }) },
];

describe('git: Composer testLoadVersions scenario', () => {
	let dir = '';
	before(() => {
		dir = buildGitRepo({ initialBranch: 'master', steps: composerScenario }, path.join(work, 'scenario'));
	});

	test('exactly the versions Composer expects, with the default-branch alias', async () => {
		const packages = await versionsOf(dir);
		assert.deepEqual(packages.map((p) => p.version).sort(), ['0.6.0', '1.0.0', '1.0.x-dev', '1.1.x-dev', 'dev-feature-b', 'dev-feature/a-1.0-B', 'dev-foo+bar', 'dev-master'].sort());
		const master = packages.find((p) => p.version === 'dev-master');
		assert.equal(master?.defaultBranch, true);
		assert.equal(master?.aliasOf, '9999999-dev');
		assert.equal(packages.filter((p) => p.aliasOf).length, 1);
		assert.equal(packages.find((p) => p.version === '1.0.x-dev')?.versionNormalized, '1.0.9999999.9999999-dev');
		// master's "version": "2.0.0" is ignored for branches
		assert.ok(packages.every((p) => p.name === 'a/b'));
		assert.equal(packages.find((p) => p.version === '1.0.0')?.source?.type, 'git');
	});

	test('agrees with composer show --all', async () => {
		await assertAgreesWithComposer(dir, await versionsOf(dir));
	});

	test('a remote served over HTTP reads the same versions through a blob-less mirror', async () => {
		const bare = bareClone(dir, path.join(work, 'served', 'repo.git'));
		const hosts = await startFakeGitHosts({ repos: {}, gitRoots: { '/git/repo.git': bare } });
		try {
			const runner = new RecordingRunner();
			const r = await load(`${hosts.url}/git/repo.git`, 'vcs', ctx({ processes: runner }));
			assert.ok(r.ok, JSON.stringify(r));
			assert.deepEqual(shown(r.packages), shown(await versionsOf(dir)));
			const commands = runner.calls.map((c) => c.args.filter((a) => !a.startsWith('-')).slice(0, 1).join(''));
			assert.ok(commands.includes('ls-remote'));
			assert.ok(runner.calls.every((c) => c.command === 'git'));
		} finally {
			await hosts.close();
		}
	});
});

describe('git: tag and branch names', () => {
	const tags = ['1.0', 'v2.3.4.5', '1.0.0.0.1', '1.0.0-beta1', '1.0.0-BETA.2', '1.0.0RC1', '1.0.0-rc.1', '1.0.0a1', '1.0.0-p1', '1.0.0-patch2', '1.0.0-pl3',
		'3.0.0+build5', 'release-1.2.3', 'release-v1.2.4', '2.0-stable', '2010-01-02', '20100102', 'v4.0.0-beta.1+exp', '1.0.0-dev', '1.0.x-dev', 'dev-foo', 'latest', 'nightly', '1.0.0-SNAPSHOT'];
	const branches = ['develop', 'trunk', 'default', 'feature/foo', 'foo#bar', '1.x', 'v1.x', '1.0.x', 'v1.0', '2', 'v3', '2.4.0', '1.0.0.0', '1.0.0.0.0', '1.x-dev', 'release/1.0', '3.next', 'v1.x-hotfix', 'a,b', 'x||y'];
	let dir = '';
	before(() => {
		const steps: GitStep[] = [{ commit: cj('acme/names') }];
		for (const t of tags) steps.push({ tag: t });
		for (const b of branches) steps.push({ branch: b, from: 'main' });
		steps.push({ checkout: 'main' });
		dir = buildGitRepo({ steps }, path.join(work, 'names'));
	});

	test('tags map to versions; invalid, dev and duplicate tags are skipped', async () => {
		const packages = await versionsOf(dir);
		const byVersion = new Map(packages.map((p) => [p.version, p.versionNormalized]));
		const expected: Record<string, string> = {
			'1.0': '1.0.0.0', 'v2.3.4.5': '2.3.4.5', '1.0.0-beta1': '1.0.0.0-beta1', '1.0.0-BETA.2': '1.0.0.0-beta2', '1.0.0-rc.1': '1.0.0.0-RC1',
			'1.0.0a1': '1.0.0.0-alpha1', '1.0.0-p1': '1.0.0.0-patch1', '1.0.0-patch2': '1.0.0.0-patch2', '1.0.0-pl3': '1.0.0.0-patch3', '3.0.0+build5': '3.0.0.0',
			'1.2.3': '1.2.3.0', 'v1.2.4': '1.2.4.0', '2.0-stable': '2.0.0.0', '2010-01-02': '2010.01.02', '20100102': '20100102', 'v4.0.0-beta.1+exp': '4.0.0.0-beta1',
		};
		for (const [v, n] of Object.entries(expected)) {
			assert.equal(byVersion.get(v), n, `tag ${v}`);
		}
		// `1.0.0RC1` resolves to the same version as `1.0.0-rc.1`, which comes first in ref order.
		// (`1.0.x-dev` exists, but from the branch `1.0.x`; the tag of that name is skipped.)
		assert.equal(packages.filter((p) => p.version === '1.0.x-dev').length, 1);
		for (const skipped of ['1.0.0RC1', '1.0.0.0.1', '1.0.0-dev', '1.0.0', 'dev-foo', 'latest', 'nightly', '1.0.0-SNAPSHOT', 'release-1.2.3']) {
			assert.ok(!byVersion.has(skipped), `tag ${skipped} must be skipped`);
		}
	});

	test('branches map to dev versions; invalid names are skipped', async () => {
		const packages = await versionsOf(dir);
		const pairs = new Set(packages.map((p) => `${p.version} ${p.versionNormalized}`));
		for (const pair of [
			'dev-main dev-main', 'dev-develop dev-develop', 'dev-trunk dev-trunk', 'dev-default dev-default', 'dev-feature/foo dev-feature/foo', 'dev-foo+bar dev-foo+bar',
			'1.x-dev 1.9999999.9999999.9999999-dev', 'v1.x-dev 1.9999999.9999999.9999999-dev', '1.0.x-dev 1.0.9999999.9999999-dev', 'v1.0.x-dev 1.0.9999999.9999999-dev',
			'2.x-dev 2.9999999.9999999.9999999-dev', 'v3.x-dev 3.9999999.9999999.9999999-dev', '2.4.0.x-dev 2.4.0.9999999-dev', '1.0.0.0-dev 1.0.0.0-dev',
			'dev-1.0.0.0.0 dev-1.0.0.0.0', 'dev-1.x-dev dev-1.x-dev', 'dev-release/1.0 dev-release/1.0', 'dev-3.next dev-3.next', 'dev-v1.x-hotfix dev-v1.x-hotfix',
		]) {
			assert.ok(pairs.has(pair), `missing ${pair}`);
		}
		assert.ok(!packages.some((p) => p.version === 'dev-a,b' || p.version === 'dev-x||y'));
		assert.deepEqual(packages.filter((p) => p.defaultBranch).map((p) => p.version), ['dev-main']);
	});

	test('agrees with composer show --all', async () => {
		await assertAgreesWithComposer(dir, await versionsOf(dir));
	});
});

describe('git: names, aliases and forks', () => {
	test('the name comes from the default branch; without composer.json there each ref keeps its own', async () => {
		const renamed = buildGitRepo({ steps: [{ commit: cj('acme/old') }, { tag: '1.0.0' }, { commit: cj('acme/new') }, { tag: '2.0.0' }] }, path.join(work, 'renamed'));
		const packages = await versionsOf(renamed);
		assert.deepEqual([...new Set(packages.map((p) => p.name))], ['acme/new']);
		assert.deepEqual(packages.map((p) => p.version).sort(), ['1.0.0', '2.0.0', 'dev-main']);

		const headless = buildGitRepo({ steps: [{ commit: cj('acme/one') }, { tag: '1.0.0' }, { commit: cj('acme/two') }, { tag: '2.0.0' }, { commit: { 'composer.json': null } }] }, path.join(work, 'headless'));
		const p2 = await versionsOf(headless);
		assert.deepEqual(p2.map((p) => `${p.name} ${p.version}`).sort(), ['acme/one 1.0.0', 'acme/two 2.0.0']);
		await assertAgreesWithComposer(headless, p2);
	});

	test('extra.branch-alias, numeric prefixes, and no 9999999-dev alias for a numeric default branch', async () => {
		const dir = buildGitRepo({
			initialBranch: '2.x',
			steps: [
				{ commit: cj('acme/alias', { extra: { 'branch-alias': { 'dev-2.x': '9.0.x-dev', '2.x-dev': '2.1.x-dev' } } }) },
				{ branch: 'feature', from: '2.x' }, { commit: cj('acme/alias', { extra: { 'branch-alias': { 'dev-feature': '3.0.x-dev' } } }) },
				{ branch: '1.x', from: '2.x' }, { commit: cj('acme/alias', { extra: { 'branch-alias': { '1.x-dev': '2.0.x-dev' } } }) },
				{ checkout: '2.x' },
			],
		}, path.join(work, 'alias'));
		const packages = await versionsOf(dir);
		const alias = new Map(packages.map((p) => [p.version, p.aliasOf]));
		assert.equal(alias.get('2.x-dev'), '2.1.9999999.9999999-dev');
		assert.equal(alias.get('dev-feature'), '3.0.9999999.9999999-dev');
		assert.equal(alias.get('1.x-dev'), undefined, '1.x cannot alias to 2.0.x');
		assert.equal(packages.find((p) => p.version === '2.x-dev')?.defaultBranch, true);
		await assertAgreesWithComposer(dir, packages);
	});

	test('a fork with extra branches and tags lists its own refs under the upstream name', async () => {
		const upstream = buildGitRepo({ steps: [{ commit: cj('acme/lib') }, { tag: 'v1.0.0' }, { branch: '1.x' }, { checkout: 'main' }] }, path.join(work, 'upstream'));
		const fork = path.join(work, 'fork');
		git(work, ['clone', '--quiet', '--', upstream, fork]);
		git(fork, ['branch', '1.x', 'origin/1.x']);
		git(fork, ['checkout', '--quiet', '-b', 'fix/bug-42']);
		git(fork, ['commit', '--quiet', '--allow-empty', '-m', 'fix']);
		git(fork, ['tag', 'v1.0.1-patch1']);
		git(fork, ['checkout', '--quiet', 'main']);
		const packages = await versionsOf(fork);
		assert.deepEqual(shown(packages), ['1.x-dev', 'dev-fix/bug-42', 'dev-main', 'v1.0.0', 'v1.0.1-patch1']);
		await assertAgreesWithComposer(fork, packages);
	});

	test('invalid composer.json on a branch is reported like Composer; no composer.json anywhere is an error', async () => {
		const dir = buildGitRepo({ steps: [{ commit: cj('acme/x') }, { branch: 'broken' }, { commit: { 'composer.json': '{ nope' } }, { checkout: 'main' }] }, path.join(work, 'broken'));
		const r = await load(dir);
		assert.ok(r.ok);
		assert.deepEqual(r.packages.map((p) => p.version), ['dev-main']);
		assert.equal(r.warnings.length, 1);
		assert.match(r.warnings[0], /^Skipped branch broken, /);

		const empty = buildGitRepo({ steps: [{ commit: { README: 'x' } }, { tag: '1.0.0' }] }, path.join(work, 'empty'));
		const e = await load(empty);
		assert.ok(!e.ok);
		assert.match(e.error.message, /^No valid composer.json was found in any branch or tag of .*, could not load a package from it\.$/);
	});
});

describe('git: driver detection', () => {
	test('a local git folder is found by vcs; explicit git works; a missing path is an error value', async () => {
		const dir = buildGitRepo({ steps: [{ commit: cj('acme/local') }] }, path.join(work, 'local'));
		assert.deepEqual((await versionsOf(dir)).map((p) => p.version), ['dev-main']);
		assert.deepEqual((await versionsOf('./local', 'git')).map((p) => p.version), ['dev-main']);
		assert.deepEqual((await versionsOf(`${dir}/.git`, 'vcs')).map((p) => p.version), ['dev-main']);
		const missing = await load(path.join(work, 'nope'), 'git');
		assert.ok(!missing.ok);
		assert.match(missing.error.message, /Failed to read package information from .*nope as the path does not exist/);
		const notRepo = await load(work + '/', 'vcs');
		assert.ok(!notRepo.ok);
	});

	test('a `.git` URL goes to the git driver in the shallow pass (secure-http refuses http:// first)', async () => {
		const runner = new RecordingRunner();
		const r = await load('http://127.0.0.1:9/acme/x.git', 'vcs', ctx({ processes: runner, config: { secureHttp: true, githubDomains: ['github.com'], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: [] } }));
		assert.ok(!r.ok);
		assert.match(r.error.message, /^Your configuration does not allow connections to http:\/\/127\.0\.0\.1:9\/acme\/x\.git\. See https:\/\/getcomposer\.org\/doc\/06-config\.md#secure-http for details\.$/);
		assert.equal(runner.calls.length, 0);
	});
});
