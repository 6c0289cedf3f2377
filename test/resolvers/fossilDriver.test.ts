// The Fossil driver against real repositories: a checkout folder read in place, a repository file cloned
// into the cache (and pulled on the next run), tags (branch names included, as `fossil tag list` prints
// them), branches, `trunk` as the default branch (which gets the 9999999-dev alias), hostile definitions,
// and agreement with Composer 2.5.5.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { fossilDriverFactory, parseFossilBranches, parseFossilTags } from '../../server/src/resolvers/vcs/fossilDriver';
import type { LoadResult } from '../../server/src/resolvers/types';
import { composerShowVersions, oracleProject } from '../helpers/composerOracle';
import { buildFossilRepo, fossilEnv, type FossilRepo } from '../helpers/fossilRepo';
import { prettyVersions, testHostileUrlsRunNothing, testMissingProgram, vcsRepo, vcsTestContext, type VcsTestContext } from '../helpers/vcsDriverContext';
import { hostileUrls } from '../helpers/hostileDefinitions';

const EXPECTED = ['1.0.0', '1.1.0', '2.x-dev', 'dev-feature', 'dev-trunk'];

let repo: FossilRepo;
let t: VcsTestContext;

function versionsOf(result: LoadResult, name?: string): string[] {
	assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
	return prettyVersions(result.packages, name);
}

function load(config: Record<string, unknown>, context: VcsTestContext = t): Promise<LoadResult> {
	return vcsRepositoryResolver.loadPackages(vcsRepo(config), undefined, context.ctx);
}

before(() => {
	t = vcsTestContext();
	repo = buildFossilRepo([
		{ commit: { 'composer.json': { name: 'acme/fossil-main' } } },
		{ tag: '1.0.0' },
		{ tag: 'release-1.1.0' },
		{ tag: 'not-a-version' },
		{ commit: { 'composer.json': { name: 'acme/fossil-renamed' } }, branch: 'feature' },
		{ update: 'trunk' },
		{ branch: '2.x', from: 'trunk' },
		{ commit: { 'composer.json': { name: 'acme/fossil-main', description: 'newer trunk' } } },
	]);
});

after(() => {
	repo?.cleanup();
	t?.cleanup();
});

describe('fossil listings (pure)', () => {
	test('tags verbatim, branches without the current-branch star', () => {
		assert.deepEqual([...parseFossilTags('1.0.0\ntrunk\n')], [['1.0.0', '1.0.0'], ['trunk', 'trunk']]);
		assert.deepEqual([...parseFossilBranches('   feature\n * trunk\n')], [['feature', 'feature'], ['trunk', 'trunk']]);
	});
});

describe('fossil driver on real repositories', () => {
	test('checkout folder read in place: trunk is the default branch, name from trunk', async () => {
		const r = await load({ type: 'fossil', url: repo.checkout });
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		assert.ok(r.packages.every((p) => p.name === 'acme/fossil-main'));
		const trunk = r.packages.find((p) => p.version === 'dev-trunk');
		assert.equal(trunk?.defaultBranch, true);
		assert.equal(trunk?.aliasOf, '9999999-dev');
		assert.deepEqual(trunk?.source, { type: 'fossil', url: repo.checkout, reference: 'trunk' });
		assert.ok(!t.runner.lines().some((l) => l.includes('clone')), 'a checkout is not cloned');
	});

	test('repository file: cloned into the cache, pulled on the next run; found by type vcs (.fossil)', async () => {
		const c = vcsTestContext();
		try {
			assert.deepEqual(versionsOf(await load({ type: 'vcs', url: repo.repoFile }, c)), EXPECTED);
			const clone = c.runner.calls.find((call) => call.args[0] === 'clone');
			assert.ok(clone && clone.args.indexOf('--') === clone.args.indexOf(repo.repoFile) - 1, JSON.stringify(clone?.args));
			assert.ok(clone.env?.FOSSIL_HOME?.startsWith(c.cacheDir), 'fossil never touches the user\'s global configuration');
			c.runner.calls.length = 0;
			const again = await load({ type: 'fossil', url: repo.repoFile }, c);
			assert.deepEqual(versionsOf(again), EXPECTED);
			assert.deepEqual(again.ok && again.warnings, [], 'the pull succeeded');
			assert.ok(c.runner.calls.some((call) => call.args[0] === 'pull') && !c.runner.calls.some((call) => call.args[0] === 'clone'), c.runner.lines().join('\n'));
		} finally {
			c.cleanup();
		}
	});

	test('type vcs finds a checkout folder with fossil info', async () => {
		const c = vcsTestContext();
		try {
			assert.deepEqual(versionsOf(await load({ type: 'vcs', url: repo.checkout }, c)), EXPECTED);
			assert.ok(c.runner.calls.some((call) => call.command === 'fossil' && call.args[0] === 'info' && call.cwd === repo.checkout));
		} finally {
			c.cleanup();
		}
	});

	test('an unreadable repository is an error value naming the clone failure', async () => {
		const r = await load({ type: 'fossil', url: path.join(repo.root, 'missing.fossil') });
		assert.ok(!r.ok && r.error.code === 'vcs.fossil-failed' && /Failed to clone/.test(r.error.message), JSON.stringify(r));
	});
});

testMissingProgram(() => ({ type: 'fossil', url: repo.checkout }), 'vcs.fossil-not-found', 'fossil was not found');

describe('hostile fossil definitions run nothing', () => {
	testHostileUrlsRunNothing(['fossil', 'vcs'], hostileUrls('fossil', 'MARKER'));

	test('past the URL checks, the URL follows -- and option-like ref names are never read', async () => {
		const c = vcsTestContext();
		try {
			const driver = fossilDriverFactory.create('--args=/nonexistent', {}, c.ctx);
			await assert.rejects(driver.initialize(), /Failed to clone/);
			const clone = c.runner.calls.find((call) => call.args[0] === 'clone');
			assert.ok(clone && clone.args.indexOf('--') < clone.args.indexOf('--args=/nonexistent'));
			const local = fossilDriverFactory.create(repo.checkout, {}, c.ctx);
			await local.initialize();
			c.runner.calls.length = 0;
			assert.equal(await local.getComposerInformation('--args'), null);
			assert.deepEqual(c.runner.calls, []);
		} finally {
			c.cleanup();
		}
	});
});

describe('fossil agreement with composer show --all', () => {
	for (const which of ['checkout', 'repoFile'] as const) {
		test(which === 'checkout' ? 'checkout folder' : 'repository file (cloned)', async () => {
			const project = oracleProject({ repositories: [{ type: 'fossil', url: repo[which] }], env: { ...(fossilEnv(repo.root) as Record<string, string>) } });
			try {
				const theirs = await composerShowVersions(project, 'acme/fossil-main');
				assert.ok(theirs.ok, theirs.ok ? '' : theirs.stderr);
				assert.deepEqual([...theirs.versions].sort(), EXPECTED);
				assert.deepEqual(versionsOf(await load({ type: 'fossil', url: repo[which] })), EXPECTED);
			} finally {
				project.cleanup();
			}
		});
	}
});
