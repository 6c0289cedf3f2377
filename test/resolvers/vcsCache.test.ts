// Offline mode and caching for VCS repositories, against real remotes: a bare repository served as dumb HTTP
// on 127.0.0.1 (git driver) and the fake GitHub API (API driver, through the real HTTP client and disk cache).
// Offline answers come from the mirror / HTTP cache with a warning and start no remote call; without a cached
// copy they are a clear error value; a remote that went away is served stale with a warning; an unchanged
// `ls-remote` listing skips the fetch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { HttpCache } from '../../server/src/net/httpCache';
import type { PackageVersion, ResolveContext } from '../../server/src/resolvers/types';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs/index';
import { startFakeGitHosts, vcsContext, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { bareClone, buildGitRepo, git, readRepoModel, removeDir, tempDir } from '../helpers/gitRepo';
import { loopbackHttpClient } from '../helpers/noInternet';
import { neverEnds, startLoopbackServer } from '../helpers/loopbackServer';
import { NodeProcessRunner } from '../../server/src/net/processRunner';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../server/src/net/types';

const work = tempDir('vcs-cache-test-');
let source = '';
let bare = '';
after(() => removeDir(work));

before(() => {
	const cj = (more: Record<string, unknown> = {}) => ({ 'composer.json': { name: 'acme/cached', ...more } });
	source = buildGitRepo({
		steps: [
			{ commit: cj() }, { tag: 'v1.0.0' },
			{ commit: cj({ description: 'two' }) }, { tag: 'v1.1.0', annotated: true },
			{ branch: '1.x' }, { checkout: 'main' }, { commit: cj({ description: 'three' }) },
		],
	}, path.join(work, 'source'));
	bare = bareClone(source, path.join(work, 'served', 'cached.git'));
});

const versions = (packages: PackageVersion[]) => packages.map((p) => p.version).sort();

/** Calls that would reach the remote: anything naming its URL or a network subcommand. */
function remoteCalls(runner: RecordingRunner, url: string): string[] {
	return runner.calls
		.filter((c) => c.args.some((a) => a.includes(url) || a === 'ls-remote' || a === 'fetch' || a === 'clone'))
		.map((c) => [c.command, ...c.args].join(' '));
}

async function load(url: string, c: ResolveContext, type = 'vcs') {
	return vcsRepositoryResolver.loadPackages({ key: 0, config: { type, url }, label: url }, undefined, c);
}

describe('git remote: mirror cache and offline mode', () => {
	let hosts: FakeGitHosts;
	let url = '';
	const cacheDir = path.join(work, 'git-cache');
	before(async () => {
		hosts = await startFakeGitHosts({ repos: {}, gitRoots: { '/git/cached.git': bare } });
		url = `${hosts.url}/git/cached.git`;
	});
	after(() => hosts.close());

	const ctx = (more: Partial<ResolveContext> = {}) => vcsContext({ baseDir: work, cacheDir, processes: new RecordingRunner(), ...more });

	test('cold, then warm: an unchanged listing skips the fetch and gives the same versions', async () => {
		const cold = ctx();
		const first = await load(url, cold);
		assert.ok(first.ok, JSON.stringify(first));
		assert.deepEqual(versions(first.packages), ['1.x-dev', 'dev-main', 'v1.0.0', 'v1.1.0']);
		assert.deepEqual(first.warnings, []);
		assert.ok((cold.processes as RecordingRunner).calls.some((c) => c.args.includes('fetch')), 'cold run fetches');

		const warm = ctx();
		const second = await load(url, warm);
		assert.ok(second.ok, JSON.stringify(second));
		assert.deepEqual(versions(second.packages), versions(first.packages));
		assert.deepEqual(second.warnings, []);
		const calls = (warm.processes as RecordingRunner).calls.map((c) => c.args.filter((a) => !a.startsWith('-'))[0]);
		assert.ok(calls.includes('ls-remote'));
		assert.ok(!(warm.processes as RecordingRunner).calls.some((c) => c.args.includes('fetch')), 'warm run with unchanged refs does not fetch');
	});

	test('--offline answers from the mirror, says so, and runs nothing against the remote', async () => {
		const requestsBefore = hosts.requests.length;
		const c = ctx({ offline: true });
		const r = await load(url, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(versions(r.packages), ['1.x-dev', 'dev-main', 'v1.0.0', 'v1.1.0']);
		assert.match(r.warnings.join('\n'), /could not be fully loaded \(offline mode\), package information was loaded from the local cache and may be out of date/);
		assert.deepEqual(remoteCalls(c.processes as RecordingRunner, url), []);
		assert.equal(hosts.requests.length, requestsBefore, 'no HTTP request reached the git server');
	});

	test('--offline without a mirror is an error value naming the URL, with no remote call', async () => {
		const c = ctx({ offline: true, cacheDir: path.join(work, 'empty-cache') });
		const r = await load(url, c);
		assert.ok(!r.ok);
		assert.equal(r.error.message, `Offline and no cached copy of ${url}.`);
		assert.deepEqual(remoteCalls(c.processes as RecordingRunner, url), []);
	});

	test('a changed remote is fetched again (new tag listed)', async () => {
		git(bare, ['tag', 'v1.2.0', 'main']);
		git(bare, ['update-server-info']);
		const c = ctx();
		const r = await load(url, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.ok(versions(r.packages).includes('v1.2.0'));
		assert.ok((c.processes as RecordingRunner).calls.some((call) => call.args.includes('fetch')));
	});

	test('a remote that cannot be reached is served stale from the mirror, with a warning', async () => {
		const gone = await startFakeGitHosts({ repos: {}, gitRoots: { '/git/cached.git': bare } });
		const goneUrl = `${gone.url}/git/cached.git`;
		const c1 = ctx();
		assert.ok((await load(goneUrl, c1)).ok);
		await gone.close();
		const c2 = ctx();
		const r = await load(goneUrl, c2);
		assert.ok(r.ok, JSON.stringify(r));
		assert.ok(versions(r.packages).includes('v1.2.0'));
		assert.match(r.warnings.join('\n'), /could not be fully loaded \(.*\), package information was loaded from the local cache and may be out of date/);
	});
});

describe('GitHub API: HTTP cache and offline mode', () => {
	let hosts: FakeGitHosts;
	let host = '';
	const httpCacheDir = path.join(work, 'api-http-cache');
	before(async () => {
		hosts = await startFakeGitHosts({ repos: { 'acme/cached': readRepoModel(source) } });
		host = `127.0.0.1:${hosts.port}`;
	});
	after(() => hosts.close());

	function ctx(cacheFolder: string, offline: boolean): ResolveContext {
		const http = loopbackHttpClient({ cache: new HttpCache(cacheFolder) });
		return vcsContext({
			baseDir: work, offline, http, processes: new RecordingRunner(), cacheDir: path.join(cacheFolder, 'vcs-mirrors'),
			config: { secureHttp: false, githubDomains: ['github.com', host], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: [] },
		});
	}

	test('offline after a warm run: same versions from the HTTP cache, a warning, no request', async () => {
		const url = `http://${host}/acme/cached`;
		const online = await load(url, ctx(httpCacheDir, false));
		assert.ok(online.ok, JSON.stringify(online));
		assert.deepEqual(online.warnings, []);

		const before = hosts.requests.length;
		const c = ctx(httpCacheDir, true);
		const offline = await load(url, c);
		assert.ok(offline.ok, JSON.stringify(offline));
		assert.deepEqual(versions(offline.packages), versions(online.packages));
		assert.match(offline.warnings.join('\n'), /loaded from the local cache and may be out of date/);
		assert.equal(hosts.requests.length, before, 'no API request in offline mode');
		assert.deepEqual(remoteCalls(c.processes as RecordingRunner, url), []);
	});

	test('offline with an empty cache: "Offline and no cached copy", no request, no process', async () => {
		const url = `http://${host}/acme/cached`;
		const before = hosts.requests.length;
		const c = ctx(path.join(work, 'api-empty-cache'), true);
		const r = await load(url, c);
		assert.ok(!r.ok);
		assert.match(r.error.message, new RegExp(`^Offline and no cached copy of ${url.replace(/[.]/g, '\\.')}\\.`));
		assert.equal(hosts.requests.length, before);
		assert.deepEqual(remoteCalls(c.processes as RecordingRunner, url), []);
	});

	test('an API that went away is served stale from the HTTP cache, with a warning', async () => {
		const gone = await startFakeGitHosts({ repos: { 'acme/cached': readRepoModel(source) } });
		const goneHost = `127.0.0.1:${gone.port}`;
		const folder = path.join(work, 'api-gone-cache');
		const make = () => {
			const c = ctx(folder, false);
			c.config.githubDomains.push(goneHost);
			return c;
		};
		const url = `http://${goneHost}/acme/cached`;
		const first = await load(url, make());
		assert.ok(first.ok, JSON.stringify(first));
		await gone.close();
		const r = await load(url, make());
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(versions(r.packages), versions(first.packages));
		assert.match(r.warnings.join('\n'), /could not be fully loaded \(Could not fetch .*\), package information was loaded from the local cache/);
	});
});

describe('git remote that hangs', () => {
	test('the process timeout kills git (its connection closes) and the load is an error value', async () => {
		const server = await startLoopbackServer({ routes: { '/hang.git/info/refs': neverEnds() } });
		try {
			// The driver's own timeout is minutes; the same code path with a short one.
			const inner = new NodeProcessRunner();
			const short: ProcessRunner = { run: (req: ProcessRequest): Promise<ProcessResult> => inner.run({ ...req, timeoutMs: 500 }) };
			const runner = new RecordingRunner(short);
			const r = await load(`${server.url}/hang.git`, vcsContext({ baseDir: work, cacheDir: path.join(work, 'hang-cache'), processes: runner }));
			assert.ok(!r.ok);
			assert.equal(r.error.code, 'vcs.git-timeout');
			assert.match(r.error.message, /git did not finish within 1 seconds and was stopped/);
			await server.waitForRequests(1);
			await Promise.all(server.requests.map((q) => server.waitForClose(q.connection)));
		} finally {
			await server.close();
		}
	});
});
