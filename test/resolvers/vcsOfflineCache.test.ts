// Offline mode and the on-disk cache of the hg, fossil and svn drivers against real remotes on 127.0.0.1
// (`hg serve` behind a Basic-auth proxy, `fossil http`, `svnserve` with a password database), each reached
// with a URL holding `user:secret@`: offline without a cache is an error value and runs nothing; a cached copy
// answers offline with a warning and without a single request or remote process; a remote that went away
// is served stale with a warning; local repositories are read in place offline. After every online run the
// cache folder is searched for the password (plain and base64) — git included (its mirror config, FETCH_HEAD
// and packed-refs once held the URL).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { mirrorFolder } from '../../server/src/resolvers/vcs/gitDriver';
import { redactUrl } from '../../server/src/resolvers/vcs/urlSafety';
import { cachePath } from '../../server/src/resolvers/vcs/vcsTools';
import type { LoadResult, ResolveContext } from '../../server/src/resolvers/types';
import { loadCredentials } from '../../server/src/net/credentials';
import { startAuthProxy, type AuthProxy } from '../helpers/authProxy';
import { secretsUnder } from '../helpers/cacheSecrets';
import { startFakeGitHosts, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { buildFossilRepo, restrictFossilRepo, serveFossil, type FossilRepo, type FossilServer } from '../helpers/fossilRepo';
import { bareClone, buildGitRepo, git, removeDir, tempDir } from '../helpers/gitRepo';
import { buildHgRepo, serveHg } from '../helpers/hgRepo';
import { createSvnRepo, serveSvn, svnCopy, svnImport, svnMkdir, type SvnRepo, type SvnServer } from '../helpers/svnRepo';
import { effectiveArgs, prettyVersions, RecordingRunner, vcsRepo, vcsTestContext, type VcsTestContext } from '../helpers/vcsDriverContext';

const USER = 'user';
const SECRET = 'secret';
const STALE = /could not be fully loaded \((.+)\), package information was loaded from the local cache and may be out of date/;

/** One run against a shared cache folder, with its own recording runner. */
function run(base: VcsTestContext, offline: boolean): { ctx: ResolveContext; runner: RecordingRunner } {
	const runner = new RecordingRunner();
	return { ctx: { ...base.ctx, offline, processes: runner }, runner };
}

function load(config: Record<string, unknown>, ctx: ResolveContext): Promise<LoadResult> {
	return vcsRepositoryResolver.loadPackages(vcsRepo(config), undefined, ctx);
}

function versionsOf(r: LoadResult): string[] {
	assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
	return prettyVersions(r.packages);
}

/** Commands that could reach a remote (stdin's included): naming its port, or a subcommand that talks to a server. */
function remoteCalls(runner: RecordingRunner, port: number | string): string[] {
	const network = new Set(['pull', 'clone', 'identify', 'incoming', 'sync', 'ls-remote', 'fetch', 'ls', 'info']);
	return runner.commandLines().filter((line) => line.split(' ').some((a) => a.includes(`:${port}`) || network.has(a)));
}

function offlineMessage(url: string): string {
	return `Offline and no cached copy of ${redactUrl(url)}.`;
}

describe('hg: cached clone, offline mode, credentials', () => {
	const base = vcsTestContext();
	let repo = '';
	let server: { url: string; stop(): void } | undefined;
	let proxy: AuthProxy;
	let url = '';
	const EXPECTED = ['1.0.0', 'dev-default'];
	before(async () => {
		repo = buildHgRepo([{ commit: { 'composer.json': { name: 'acme/hg-offline' } } }, { tag: '1.0.0' }]);
		server = await serveHg(repo);
		proxy = await startAuthProxy(server.url, USER, SECRET);
		url = proxy.urlWithCredentials + '/';
	});
	after(async () => {
		await proxy?.close();
		server?.stop();
		fs.rmSync(repo, { recursive: true, force: true });
		base.cleanup();
	});

	test('offline with nothing cached: an error value, no process, no request', async () => {
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'hg', url }, ctx);
		assert.ok(!r.ok);
		assert.equal(r.error.message, offlineMessage(url));
		assert.deepEqual(runner.calls, []);
		assert.equal(proxy.requests, 0);
	});

	test('online: cloned with the credentials, which land in no cache file', async () => {
		const { ctx } = run(base, false);
		const first = await load({ type: 'hg', url }, ctx);
		assert.deepEqual(versionsOf(first), EXPECTED);
		assert.deepEqual(first.ok && first.warnings, []);
		assert.ok(proxy.authorized > 0, 'the credentials from the URL were sent');
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
		// A later pull names the URL again (nothing remembered it) and still leaves no trace.
		const second = run(base, false);
		const again = await load({ type: 'hg', url }, second.ctx);
		assert.deepEqual(versionsOf(again), EXPECTED);
		assert.deepEqual(again.ok && again.warnings, []);
		assert.ok(second.runner.commandLines().some((l) => l.endsWith(`pull --quiet -- ${url}`)), second.runner.commandLines().join('\n'));
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
	});

	test('offline with a clone: same versions, a warning, no request and no remote process (type hg and vcs)', async () => {
		for (const type of ['hg', 'vcs']) {
			const before = proxy.requests;
			const { ctx, runner } = run(base, true);
			const r = await load({ type, url }, ctx);
			assert.deepEqual(versionsOf(r), EXPECTED, type);
			assert.ok(r.ok);
			assert.equal(r.warnings.join('\n').match(STALE)?.[1], 'offline mode');
			assert.deepEqual(remoteCalls(runner, new URL(proxy.url).port), []);
			assert.equal(proxy.requests, before, 'no request reached the server');
		}
	});

	test('a clone from an older version whose .hg/hgrc kept the URL is cleaned', async () => {
		const hgrc = path.join(cachePath(base.ctx, 'hg', url), '.hg', 'hgrc');
		fs.writeFileSync(hgrc, `[paths]\ndefault = ${url}\n`);
		assert.notDeepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
		const { ctx } = run(base, true);
		assert.deepEqual(versionsOf(await load({ type: 'hg', url }, ctx)), EXPECTED);
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
	});

	test('a local repository is read in place offline', async () => {
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'hg', url: repo }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok && r.warnings.length === 0);
		assert.ok(runner.calls.every((c) => c.args.includes(repo)), runner.lines().join('\n'));
	});

	test('the remote went away: the clone is served stale, with a warning', async () => {
		await proxy.close();
		const { ctx } = run(base, false);
		const r = await load({ type: 'hg', url }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		const reason = r.warnings.join('\n').match(STALE)?.[1] ?? '';
		assert.ok(reason !== '' && reason !== 'offline mode' && !reason.includes(SECRET), r.warnings.join('\n'));
	});
});

describe('fossil: cached repository, offline mode, credentials', () => {
	const base = vcsTestContext();
	let repo: FossilRepo;
	let server: FossilServer;
	let url = '';
	const EXPECTED = ['1.0.0', 'dev-trunk'];
	before(async () => {
		repo = buildFossilRepo([{ commit: { 'composer.json': { name: 'acme/fossil-offline' } } }, { tag: '1.0.0' }]);
		restrictFossilRepo(repo, USER, SECRET);
		server = await serveFossil(repo);
		url = server.url.replace('http://', `http://${USER}:${SECRET}@`);
	});
	after(async () => {
		await server?.stop();
		repo?.cleanup();
		base.cleanup();
	});

	test('offline with nothing cached: an error value, no process, no request', async () => {
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'fossil', url }, ctx);
		assert.ok(!r.ok);
		assert.equal(r.error.message, offlineMessage(url));
		assert.deepEqual(runner.calls, []);
		assert.equal(server.connections, 0);
	});

	test('the served repository refuses a clone without the credentials', async () => {
		const { ctx } = run(vcsTestContext(), false);
		const r = await load({ type: 'fossil', url: server.url }, ctx);
		assert.ok(!r.ok, 'anonymous clone must fail, or the credentials test below proves nothing');
		fs.rmSync(ctx.cacheDir as string, { recursive: true, force: true });
	});

	test('online: cloned and pulled with the credentials, which land in no cache file', async () => {
		for (let i = 0; i < 2; i++) {
			const { ctx, runner } = run(base, false);
			const r = await load({ type: 'fossil', url }, ctx);
			assert.deepEqual(versionsOf(r), EXPECTED);
			assert.deepEqual(r.ok && r.warnings, [], `run ${i + 1}`);
			const ran = runner.calls.flatMap(effectiveArgs);
			assert.ok(ran.some((args) => args[0] === (i === 0 ? 'clone' : 'pull') && args.includes('--once') && args.at(-1 - (i === 0 ? 1 : 0)) === url), runner.commandLines().join('\n'));
			assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
		}
	});

	test('offline with a cached repository: same versions, a warning, no connection and no remote process', async () => {
		const before = server.connections;
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'fossil', url }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		assert.equal(r.warnings.join('\n').match(STALE)?.[1], 'offline mode');
		assert.deepEqual(remoteCalls(runner, new URL(server.url).port), []);
		assert.equal(server.connections, before);
	});

	test('local sources are read offline: a checkout in place, a repository file through the cache', async () => {
		for (const local of [repo.checkout, repo.repoFile]) {
			const { ctx } = run(base, true);
			const r = await load({ type: 'fossil', url: local }, ctx);
			assert.deepEqual(versionsOf(r), EXPECTED, local);
			assert.ok(r.ok && r.warnings.length === 0, JSON.stringify(r.ok && r.warnings));
		}
	});

	test('the remote went away: the cached repository is served stale, with a warning', async () => {
		await server.stop();
		const { ctx } = run(base, false);
		const r = await load({ type: 'fossil', url }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		const reason = r.warnings.join('\n').match(STALE)?.[1] ?? '';
		assert.ok(reason !== '' && reason !== 'offline mode' && !reason.includes(SECRET), r.warnings.join('\n'));
	});
});

describe('svn: listing and composer.json cache, offline mode, credentials', () => {
	const base = vcsTestContext();
	let repo: SvnRepo;
	let server: SvnServer;
	let url = '';
	const EXPECTED = ['1.0.0', 'dev-feature', 'dev-trunk'];
	before(async () => {
		repo = createSvnRepo();
		svnImport(repo, { 'trunk/composer.json': { name: 'acme/svn-offline' } });
		svnMkdir(repo, 'branches', 'tags');
		svnCopy(repo, 'trunk', 'tags/1.0.0');
		svnCopy(repo, 'trunk', 'branches/feature');
		server = await serveSvn(repo, { user: USER, password: SECRET });
		url = server.url.replace('svn://', `svn://${USER}:${SECRET}@`);
	});
	after(async () => {
		await server?.stop();
		repo?.cleanup();
		base.cleanup();
	});

	test('offline with nothing cached: an error value, no process', async () => {
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'svn', url }, ctx);
		assert.ok(!r.ok);
		assert.equal(r.error.message, offlineMessage(url));
		assert.deepEqual(runner.calls, []);
	});

	test('online: the password goes on stdin, never in argv or in the cache; a warm run reads no composer.json again', async () => {
		const cold = run(base, false);
		const first = await load({ type: 'svn', url }, cold.ctx);
		assert.deepEqual(versionsOf(first), EXPECTED);
		assert.deepEqual(first.ok && first.warnings, []);
		for (const call of cold.runner.calls) {
			assert.ok(!call.args.some((a) => a.includes(SECRET)) && call.input === `${SECRET}\n`, cold.runner.lines().join('\n'));
			assert.ok(call.args.includes('--no-auth-cache'));
		}
		assert.ok(cold.runner.calls.some((c) => c.args[0] === 'cat'));
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);

		const warm = run(base, false);
		const again = await load({ type: 'svn', url }, warm.ctx);
		assert.deepEqual(versionsOf(again), EXPECTED);
		assert.deepEqual(again.ok && again.warnings, []);
		assert.deepEqual(warm.runner.calls.map((c) => c.args[0]), ['ls', 'ls', 'ls'], 'path@rev content is immutable: only the listings are read');
	});

	test('auth.json http-basic for the host is used when the URL has no credentials, as Composer does for svn', async () => {
		const plainUrl = server.url;
		const auth = { 'http-basic': { '127.0.0.1': { username: USER, password: SECRET } } };
		const withAuth = run(vcsTestContext(), false);
		const credentials = loadCredentials({ projectConfig: auth });
		const r = await load({ type: 'svn', url: plainUrl }, { ...withAuth.ctx, credentials });
		assert.deepEqual(versionsOf(r), EXPECTED);
		for (const call of withAuth.runner.calls) {
			assert.ok(!call.args.some((a) => a.includes(SECRET)) && call.input === `${SECRET}\n`, withAuth.runner.lines().join('\n'));
		}
		assert.deepEqual(secretsUnder(withAuth.ctx.cacheDir as string, USER, SECRET), []);
		fs.rmSync(withAuth.ctx.cacheDir as string, { recursive: true, force: true });

		// Without auth.json the same URL is refused: the credentials above really came from it.
		const without = run(vcsTestContext(), false);
		const refused = await load({ type: 'svn', url: plainUrl }, without.ctx);
		assert.ok(!refused.ok, JSON.stringify(refused));
		fs.rmSync(without.ctx.cacheDir as string, { recursive: true, force: true });
	});

	test('a wrong password is refused by the server (the credentials are really used)', async () => {
		const { ctx } = run(vcsTestContext(), false);
		const r = await load({ type: 'svn', url: server.url.replace('svn://', `svn://${USER}:wrong@`) }, ctx);
		assert.ok(!r.ok && !r.error.message.includes('wrong'), JSON.stringify(r));
		fs.rmSync(ctx.cacheDir as string, { recursive: true, force: true });
	});

	test('offline with a cache: same versions and data, a warning, no svn process at all (type svn and vcs)', async () => {
		for (const type of ['svn', 'vcs']) {
			const { ctx, runner } = run(base, true);
			const r = await load({ type, url }, ctx);
			assert.deepEqual(versionsOf(r), EXPECTED, type);
			assert.ok(r.ok && r.packages.every((p) => p.name === 'acme/svn-offline'));
			assert.equal(r.warnings.join('\n').match(STALE)?.[1], 'offline mode');
			assert.deepEqual(runner.lines(), []);
		}
	});

	test('another layout of the same URL is not answered from the cache of the first', async () => {
		const { ctx } = run(base, true);
		const r = await load({ type: 'svn', url, 'tags-path': false }, ctx);
		assert.ok(!r.ok && r.error.message === offlineMessage(url), JSON.stringify(r));
	});

	test('a file:// repository is local: read in place offline', async () => {
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'svn', url: repo.url }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok && r.warnings.length === 0);
		assert.ok(runner.calls.length > 0 && runner.calls.every((c) => c.args.at(-1)?.startsWith('file://')));
	});

	test('the server went away: the cache answers, with a warning', async () => {
		await server.stop();
		const { ctx } = run(base, false);
		const r = await load({ type: 'svn', url }, ctx);
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		const reason = r.warnings.join('\n').match(STALE)?.[1] ?? '';
		assert.ok(reason !== '' && reason !== 'offline mode' && !reason.includes(SECRET), r.warnings.join('\n'));
	});
});

describe('git: no credentials in the mirror', () => {
	const work = tempDir('vcs-offline-git-');
	const base = vcsTestContext();
	let hosts: FakeGitHosts;
	let proxy: AuthProxy;
	let url = '';
	before(async () => {
		const source = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'acme/git-secret' } } }, { tag: 'v1.0.0' }] }, path.join(work, 'source'));
		const bare = bareClone(source, path.join(work, 'served', 'repo.git'));
		hosts = await startFakeGitHosts({ repos: {}, gitRoots: { '/git/repo.git': bare } });
		proxy = await startAuthProxy(hosts.url, USER, SECRET);
		url = `${proxy.urlWithCredentials}/git/repo.git`;
	});
	after(async () => {
		await proxy?.close();
		await hosts?.close();
		removeDir(work);
		base.cleanup();
	});

	test('fetched with the credentials; config, FETCH_HEAD, packed-refs and the rest hold no trace of them', async () => {
		const { ctx } = run(base, false);
		const r = await load({ type: 'git', url }, ctx);
		assert.deepEqual(versionsOf(r), ['dev-main', 'v1.0.0']);
		assert.deepEqual(r.ok && r.warnings, []);
		assert.ok(proxy.authorized > 0, 'the credentials from the URL were sent');
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
	});

	test('a mirror from an older version that stored the URL is cleaned on the next run', async () => {
		const mirror = mirrorFolder(url, base.ctx);
		git(mirror, ['config', 'remote.origin.url', url]);
		assert.notDeepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
		const { ctx } = run(base, false);
		assert.deepEqual(versionsOf(await load({ type: 'git', url }, ctx)), ['dev-main', 'v1.0.0']);
		assert.deepEqual(secretsUnder(base.cacheDir, USER, SECRET), []);
	});

	test('offline: the mirror answers with a warning and no request', async () => {
		const before = proxy.requests;
		const { ctx, runner } = run(base, true);
		const r = await load({ type: 'git', url }, ctx);
		assert.deepEqual(versionsOf(r), ['dev-main', 'v1.0.0']);
		assert.ok(r.ok && STALE.test(r.warnings.join('\n')));
		assert.deepEqual(remoteCalls(runner, new URL(proxy.url).port), []);
		assert.equal(proxy.requests, before);
	});
});
