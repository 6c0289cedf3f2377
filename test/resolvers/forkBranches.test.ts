// The branches "Use a fork…" offers, read with the VCS drivers from a real git repository on disk and from the
// fake GitHub API, named as Composer names their versions; and a required package's source on its providing
// repository (resolvers/packageSource.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ResolveContext } from '../../server/src/resolvers/types';
import { listForkBranches } from '../../server/src/resolvers/vcs/forkBranches';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs/index';
import { findPackageSource } from '../../server/src/resolvers/packageSource';
import { defaultRegistry } from '../../server/src/resolvers/registry';
import { buildRepositoryList } from '../../server/src/resolvers/repositoryList';
import { parseComposerJson } from '../../server/src/model/composerDocument';
import { startFakeGitHosts, vcsContext, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { buildGitRepo, readRepoModel, removeDir, tempDir } from '../helpers/gitRepo';
import { json, startLoopbackServer } from '../helpers/loopbackServer';

const work = tempDir('fork-branches-test-');
let fork = '';
let renamed = '';
let hosts: FakeGitHosts;

const cj = (name: string) => ({ 'composer.json': { name } });

before(async () => {
	fork = buildGitRepo({
		steps: [
			{ commit: cj('acme/lib') }, { tag: 'v2.1.0' },
			{ branch: '2.x' }, { commit: { 'a.php': '<?php' } },
			{ branch: 'fix', from: 'main' }, { commit: { 'fix.php': '<?php' } },
			{ branch: 'feature/y', from: 'main' },
			{ orphan: 'docs' }, { commit: { 'README.md': 'docs only' } },
		],
		head: 'main',
	}, path.join(work, 'fork'));
	renamed = buildGitRepo({ steps: [{ commit: cj('me/lib-fork') }, { branch: 'fix' }], head: 'main' }, path.join(work, 'renamed'));
	hosts = await startFakeGitHosts({ repos: { 'me/lib': readRepoModel(fork) } });
});

after(async () => {
	await hosts.close();
	removeDir(work);
});

function ctx(more: Partial<ResolveContext> = {}): ResolveContext {
	const api = { github: hosts.url, gitlab: hosts.url, bitbucket: hosts.url, packagist: hosts.url, packagistRepo: hosts.url };
	return vcsContext({ baseDir: work, apiBaseUrls: api, processes: new RecordingRunner(), ...more });
}

describe('fork branches', () => {
	test('a git repository on disk: default branch first, Composer versions, which branches provide the package', async () => {
		const listing = await listForkBranches(fork, 'acme/lib', ctx());
		assert.ok(listing.ok, JSON.stringify(listing));
		assert.equal(listing.defaultBranch, 'main');
		assert.deepEqual(listing.branches, [
			{ name: 'main', version: 'dev-main', providesPackage: true },
			{ name: '2.x', version: '2.x-dev', providesPackage: true },
			{ name: 'docs', version: 'dev-docs', providesPackage: false },
			{ name: 'feature/y', version: 'dev-feature/y', providesPackage: true },
			{ name: 'fix', version: 'dev-fix', providesPackage: true },
		]);
	});

	test('the providing branches are exactly the branch versions the VCS resolver loads for the package', async () => {
		const listing = await listForkBranches(fork, 'acme/lib', ctx());
		assert.ok(listing.ok);
		const loaded = await vcsRepositoryResolver.loadPackages({ key: 0, config: { type: 'vcs', url: fork }, label: fork }, ['acme/lib'], ctx());
		assert.ok(loaded.ok, JSON.stringify(loaded));
		const branchVersions = loaded.packages.map((p) => p.version).filter((v) => v.startsWith('dev-') || v.endsWith('-dev')).sort();
		assert.deepEqual(listing.branches.filter((b) => b.providesPackage).map((b) => b.version).sort(), branchVersions);
	});

	test('a fork whose composer.json names another package provides nothing; without a name nothing is marked', async () => {
		const listing = await listForkBranches(renamed, 'acme/lib', ctx());
		assert.ok(listing.ok);
		assert.deepEqual(listing.branches.map((b) => [b.name, b.providesPackage]), [['main', false], ['fix', false]]);
		const unnamed = await listForkBranches(renamed, undefined, ctx());
		assert.ok(unnamed.ok);
		assert.deepEqual(unnamed.branches, [{ name: 'main', version: 'dev-main' }, { name: 'fix', version: 'dev-fix' }]);
	});

	test('through the GitHub API driver', async () => {
		const listing = await listForkBranches('https://github.com/me/lib', 'acme/lib', ctx());
		assert.ok(listing.ok, JSON.stringify(listing));
		assert.deepEqual(listing.branches.map((b) => b.name), ['main', '2.x', 'docs', 'feature/y', 'fix']);
		assert.ok(hosts.requests.some((r) => r.includes('/repos/me/lib')), hosts.requests.join('\n'));
	});

	test('a URL that does not answer: a clear message', async () => {
		const listing = await listForkBranches(path.join(work, 'missing'), 'acme/lib', ctx());
		assert.equal(listing.ok, false);
		assert.match(listing.ok ? '' : listing.message, /^Could not list the branches of .*missing/);
	});

	test('credentials in the URL never reach the message', async () => {
		const listing = await listForkBranches('https://me:s3cr3t-pass@127.0.0.1:9/me/lib.git', 'acme/lib', ctx());
		assert.equal(listing.ok, false);
		const message = listing.ok ? '' : listing.message;
		assert.doesNotMatch(message, /s3cr3t/);
		assert.match(message, /\*\*\*@127\.0\.0\.1/);
	});

	test('a hostile URL is refused before any program runs', async () => {
		const runner = new RecordingRunner();
		for (const url of ['--upload-pack=touch /tmp/pwned', 'ext::sh -c touch% /tmp/pwned', '']) {
			const listing = await listForkBranches(url, 'acme/lib', ctx({ processes: runner }));
			assert.equal(listing.ok, false, url);
		}
		assert.deepEqual(runner.lines(), []);
	});
});

describe('package source', () => {
	function list(repositories: unknown[]) {
		return buildRepositoryList({ document: parseComposerJson(JSON.stringify({ repositories: [...repositories, { 'packagist.org': false }] })), file: path.join(work, 'composer.json') }).repositories;
	}
	const pkg = (version: string, url: string) => ({ name: 'acme/lib', version, source: { type: 'git', url, reference: 'abc' } });

	test('the newest version on the first repository that has the package', async () => {
		const repos = list([
			{ type: 'package', package: [{ name: 'other/x', version: '1.0.0' }] },
			{ type: 'package', package: [pkg('1.0.0', 'https://github.com/acme/old.git'), pkg('2.0.0', 'https://github.com/acme/lib.git')] },
			{ type: 'package', package: [pkg('3.0.0', 'https://github.com/elsewhere/lib.git')] },
		]);
		assert.equal(await findPackageSource(repos, 'Acme/Lib', ctx(), defaultRegistry()), 'https://github.com/acme/lib.git');
	});

	test('a repository whose filter refuses the name is skipped; a canonical one without a source ends the search', async () => {
		const excluded = list([
			{ type: 'package', exclude: ['acme/*'], package: [pkg('2.0.0', 'https://github.com/acme/lib.git')] },
			{ type: 'package', package: [pkg('1.0.0', 'https://github.com/second/lib.git')] },
		]);
		assert.equal(await findPackageSource(excluded, 'acme/lib', ctx(), defaultRegistry()), 'https://github.com/second/lib.git');
		const distOnly = list([
			{ type: 'package', package: [{ name: 'acme/lib', version: '1.0.0', dist: { type: 'zip', url: 'https://x.example/a.zip' } }] },
			{ type: 'package', package: [pkg('1.0.0', 'https://github.com/second/lib.git')] },
		]);
		assert.equal(await findPackageSource(distOnly, 'acme/lib', ctx(), defaultRegistry()), undefined);
	});

	test('a composer repository (packagist\'s protocol) on loopback: the source of the newest version', async () => {
		const server = await startLoopbackServer({
			routes: {
				'/packages.json': json({ 'metadata-url': '/p2/%package%.json' }),
				'/p2/acme/lib.json': json({ packages: { 'acme/lib': [
					{ name: 'acme/lib', version: '2.1.0', version_normalized: '2.1.0.0', source: { type: 'git', url: 'https://github.com/acme/lib.git', reference: 'b' } },
					{ name: 'acme/lib', version: '1.0.0', version_normalized: '1.0.0.0', source: { type: 'git', url: 'https://github.com/acme/old-lib.git', reference: 'a' } },
				] } }),
			},
		});
		try {
			const repos = list([{ type: 'composer', url: `http://127.0.0.1:${server.port}` }]);
			assert.equal(await findPackageSource(repos, 'acme/lib', ctx(), defaultRegistry()), 'https://github.com/acme/lib.git');
		} finally {
			await server.close();
		}
	});

	test('a vcs repository: its own URL as the driver reports the source', async () => {
		assert.equal(await findPackageSource(list([{ type: 'vcs', url: fork }]), 'acme/lib', ctx(), defaultRegistry()), fork);
		assert.equal(await findPackageSource(list([{ type: 'vcs', url: fork }]), 'nobody/none', ctx(), defaultRegistry()), undefined);
	});
});
