// GitHub / GitLab / Bitbucket drivers against a fake API on 127.0.0.1 that replays the documented payload
// shapes for a real git repository, including pagination, the API → git fallback and URL validation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PackageVersion, ResolveContext } from '../../server/src/resolvers/types';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs/index';
import { startFakeGitHosts, vcsContext, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { bareClone, buildGitRepo, readRepoModel, removeDir, tempDir, type RepoModel } from '../helpers/gitRepo';

const work = tempDir('vcs-hosts-test-');
let repoDir = '';
let bare = '';
let model: RepoModel;
let hosts: FakeGitHosts;

before(async () => {
	const cj = (more: Record<string, unknown> = {}) => ({ 'composer.json': { name: 'acme/lib', ...more } });
	repoDir = buildGitRepo({
		steps: [
			{ commit: { README: 'x' } }, { tag: '0.1.0' },
			{ commit: cj() }, { tag: 'v1.0.0', annotated: true },
			{ commit: cj({ version: '9.9.9' }) }, { tag: 'v1.1.0' },
			{ commit: cj() }, { tag: 'v1.2.0' },
			{ branch: '1.x' }, { branch: 'gh-pages' }, { checkout: 'main' },
			{ commit: cj({ extra: { 'branch-alias': { 'dev-main': '2.0.x-dev' } } }) },
		],
	}, path.join(work, 'lib'));
	model = readRepoModel(repoDir);
	bare = bareClone(repoDir, path.join(work, 'served', 'lib.git'));
	hosts = await startFakeGitHosts({ repos: { 'acme/lib': model, 'acme/sub/lib': model }, pageSize: 2, gitRoots: { '/acme/lib.git': bare } });
});

after(async () => {
	await hosts.close();
	removeDir(work);
});

function ctx(more: Partial<ResolveContext> = {}): ResolveContext {
	const api = { github: hosts.url, gitlab: hosts.url, bitbucket: hosts.url, packagist: hosts.url, packagistRepo: hosts.url };
	return vcsContext({ baseDir: work, apiBaseUrls: api, processes: new RecordingRunner(), ...more });
}

function domains(github: string[], gitlab: string[]): ResolveContext['config'] {
	return { secureHttp: false, githubDomains: github, gitlabDomains: gitlab, useGithubApi: true, secureSvnDomains: [] };
}

async function load(config: Record<string, unknown>, c: ResolveContext) {
	return vcsRepositoryResolver.loadPackages({ key: 0, config, label: String(config.url) }, undefined, c);
}

const list = (packages: PackageVersion[]) => packages.map((p) => `${p.version}${p.aliasOf ? ` (${p.aliasOf})` : ''}${p.defaultBranch ? ' *' : ''}`).sort();

/** The same repository read from disk by the git driver, minus GitHub's dropped gh-pages branch. */
async function viaGit(dropGhPages: boolean): Promise<string[]> {
	const r = await load({ type: 'git', url: repoDir }, ctx());
	assert.ok(r.ok, JSON.stringify(r));
	return list(r.packages.filter((p) => !(dropGhPages && p.version === 'dev-gh-pages')));
}

describe('host API drivers', () => {
	test('GitHub: vcs picks the API driver; tags, branches (paginated) and composer.json come from the API', async () => {
		const c = ctx();
		hosts.requests.length = 0;
		const r = await load({ type: 'vcs', url: 'https://github.com/acme/lib' }, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(list(r.packages), await viaGit(true));
		assert.ok(list(r.packages).includes('dev-main (2.0.9999999.9999999-dev) *'));
		assert.ok(!r.packages.some((p) => p.version === 'v1.1.0'), 'tag whose composer.json version disagrees is skipped');
		assert.equal((c.processes as RecordingRunner).calls.length, 0, 'no git process for an API-served repository');
		assert.ok(hosts.requests.some((u) => u.startsWith('/repos/acme/lib/tags?') && u.includes('page=2')), 'follows Link rel=next');
		assert.equal(r.packages[0].dist?.type, 'zip');
	});

	test('GitLab: nested namespace, API v4 paths, composer.json raw files', async () => {
		const c = ctx();
		hosts.requests.length = 0;
		const r = await load({ type: 'vcs', url: 'https://gitlab.com/acme/sub/lib.git' }, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(list(r.packages), await viaGit(false));
		assert.ok(hosts.requests.some((u) => u.startsWith('/api/v4/projects/acme%2Fsub%2Flib/repository/files/composer.json/raw?ref=')));
		assert.equal((c.processes as RecordingRunner).calls.length, 0);
	});

	test('Bitbucket: 2.0 API with `next` pagination', async () => {
		const c = ctx();
		const r = await load({ type: 'vcs', url: 'https://bitbucket.org/acme/lib' }, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(list(r.packages), await viaGit(false));
		assert.equal(r.packages[0].source?.url, 'https://bitbucket.org/acme/lib.git', 'user name stripped from the clone URL');
		assert.equal((c.processes as RecordingRunner).calls.length, 0);
	});

	test('API failure falls back to git (GitHub Enterprise host from github-domains)', async () => {
		const host = `127.0.0.1:${hosts.port}`;
		hosts.options.failRepoData = 500;
		try {
			const c = ctx({ config: domains(['github.com', host], ['gitlab.com']) });
			const r = await load({ type: 'vcs', url: `http://${host}/acme/lib.git` }, c);
			assert.ok(r.ok, JSON.stringify(r));
			assert.deepEqual(list(r.packages), await viaGit(false));
			assert.match(r.warnings.join('\n'), /the API could not be used .*read with git/);
			assert.ok((c.processes as RecordingRunner).calls.some((call) => call.args.includes('ls-remote')));

			const refused = await load({ type: 'github', url: `http://${host}/acme/lib.git`, 'allow-git-fallback': false }, ctx({ config: domains([host], []) }));
			assert.ok(!refused.ok);
			assert.match(refused.error.message, /^Fallback to git driver disabled/);
		} finally {
			hosts.options.failRepoData = undefined;
		}
	});

	test('API and git both failing: the error says both, and no warning claims a git read', async () => {
		const host = `127.0.0.1:${hosts.port}`;
		hosts.options.failRepoData = 500;
		try {
			const r = await load({ type: 'github', url: `http://${host}/acme/missing.git` }, ctx({ config: domains([host], []) }));
			assert.ok(!r.ok, JSON.stringify(r));
			assert.match(r.error.message, /^git ls-remote failed: .* \(the API had failed first: .*HTTP \d+.*\)$/);
			assert.deepEqual((r.warnings ?? []).filter((w) => /read with git/.test(w)), []);
		} finally {
			hosts.options.failRepoData = undefined;
		}
	});

	test('no-api reads with git without calling the API (self-hosted GitLab with a port)', async () => {
		const host = `127.0.0.1:${hosts.port}`;
		hosts.requests.length = 0;
		const r = await load({ type: 'gitlab', url: `http://${host}/acme/lib.git`, 'no-api': true }, ctx({ config: domains([], [host]) }));
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(list(r.packages), await viaGit(false));
		assert.ok(!hosts.requests.some((u) => u.startsWith('/api/')));
	});

	test('explicit types validate URLs with Composer\'s messages, before any request or process', async () => {
		const cases: Array<[string, string, RegExp]> = [
			['github', 'https://github.com/only-owner', /^The GitHub repository URL https:\/\/github\.com\/only-owner is invalid\.$/],
			['gitlab', 'gitlab.com/acme/lib', /^The GitLab repository URL gitlab\.com\/acme\/lib is invalid\. It must be the HTTP URL of a GitLab project\.$/],
			['bitbucket', 'git@bitbucket.org:acme/lib.git', /^The Bitbucket repository URL git@bitbucket\.org:acme\/lib\.git is invalid\. It must be the HTTPS URL of a Bitbucket repository\.$/],
			['git-bitbucket', 'https://github.com/acme/lib', /^The Bitbucket repository URL .* is invalid\./],
		];
		for (const [type, url, message] of cases) {
			const c = ctx();
			hosts.requests.length = 0;
			const r = await load({ type, url }, c);
			assert.ok(!r.ok, type);
			assert.match(r.error.message, message);
			assert.equal((c.processes as RecordingRunner).calls.length, 0);
			assert.equal(hosts.requests.length, 0);
		}
	});
});
