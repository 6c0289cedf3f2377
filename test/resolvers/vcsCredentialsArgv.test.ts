// A password in a repository URL never appears on a command line. git (dumb HTTP behind a Basic-auth proxy), hg
// (`hg serve` behind the same proxy) and fossil (a repository only its user may clone) are run against servers on
// 127.0.0.1 that refuse anyone without the password, while a separate process reads every process's command line
// (/proc/*/cmdline, what `ps` shows) in a tight loop: the password, raw, URL-encoded or base64, must never be seen
// there, and the repositories must still be read (so the password did reach the servers, another way).
// Also: the partial clones a cancelled run leaves in the cache are removed by the next run.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { cachePath } from '../../server/src/resolvers/vcs/vcsTools';
import type { LoadResult, ResolveContext } from '../../server/src/resolvers/types';
import { ArgvWatcher } from '../helpers/argvWatcher';
import { loadHostileCorpus } from '../helpers/hostileCorpus';
import { startAuthProxy, type AuthProxy } from '../helpers/authProxy';
import { startFakeGitHosts, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { buildFossilRepo, restrictFossilRepo, serveFossil, type FossilRepo, type FossilServer } from '../helpers/fossilRepo';
import { bareClone, buildGitRepo, removeDir, tempDir } from '../helpers/gitRepo';
import { buildHgRepo, serveHg } from '../helpers/hgRepo';
import { prettyVersions, vcsRepo, vcsTestContext } from '../helpers/vcsDriverContext';

const USER = 'deploy';
/** Unique per run, so that no other process on the machine can hold it by chance. */
const SECRET = `pw-${crypto.randomBytes(12).toString('hex')}`;

interface CredentialCase { id: string; type: 'git' | 'vcs' | 'hg' | 'fossil'; url: string; found: string }

function credentialCases(): CredentialCase[] {
	const section = (loadHostileCorpus().resolution as { credentials?: { cases: CredentialCase[] } } | undefined)?.credentials;
	assert.ok(section && section.cases.length > 0, 'test/fixtures/hostile/resolution.json has no credentials cases');
	return section.cases;
}

function load(config: Record<string, unknown>, ctx: ResolveContext): Promise<LoadResult> {
	return vcsRepositoryResolver.loadPackages(vcsRepo(config), undefined, ctx);
}

function versionsOf(r: LoadResult): string[] {
	assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
	return prettyVersions(r.packages);
}

/** Loads the repository twice (clone, then update) while the watcher reads every command line. */
async function loadWatched(config: Record<string, unknown>, programs: string[]): Promise<string[]> {
	const t = vcsTestContext();
	const watcher = await ArgvWatcher.start([SECRET]);
	try {
		const first = versionsOf(await load(config, t.ctx));
		const second = versionsOf(await load(config, t.ctx));
		assert.deepEqual(second, first);
		return first;
	} finally {
		const report = await watcher.stop();
		t.cleanup();
		assert.deepEqual(report.hits, [], 'the password was on a command line');
		assert.ok(report.samples > 10, `the watcher looked only ${report.samples} times`);
		for (const program of programs) assert.ok(report.seen.includes(program), `${program} ran unseen (seen: ${report.seen.join(' ')})`);
	}
}

describe('passwords in repository URLs stay off command lines', () => {
	const work = tempDir('vcs-argv-');
	let gitHosts: FakeGitHosts;
	let gitProxy: AuthProxy;
	let hgServer: { url: string; stop(): void };
	let hgProxy: AuthProxy;
	let hgRepo = '';
	let fossilRepo: FossilRepo;
	let fossilServer: FossilServer;
	before(async () => {
		const source = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'acme/git-argv' } } }, { tag: 'v1.0.0' }] }, path.join(work, 'source'));
		const bare = bareClone(source, path.join(work, 'served', 'repo.git'));
		// Also under a name no driver recognises, so that type vcs has to ask git (ls-remote) whether it is one.
		gitHosts = await startFakeGitHosts({ repos: {}, gitRoots: { '/git/repo.git': bare, '/git/plain': bare } });
		gitProxy = await startAuthProxy(gitHosts.url, USER, SECRET);
		hgRepo = buildHgRepo([{ commit: { 'composer.json': { name: 'acme/hg-argv' } } }, { tag: '1.0.0' }]);
		hgServer = await serveHg(hgRepo);
		hgProxy = await startAuthProxy(hgServer.url, USER, SECRET);
		fossilRepo = buildFossilRepo([{ commit: { 'composer.json': { name: 'acme/fossil-argv' } } }, { tag: '1.0.0' }]);
		restrictFossilRepo(fossilRepo, USER, SECRET);
		fossilServer = await serveFossil(fossilRepo);
	});
	after(async () => {
		await gitProxy?.close();
		await gitHosts?.close();
		await hgProxy?.close();
		hgServer?.stop();
		await fossilServer?.stop();
		fossilRepo?.cleanup();
		fs.rmSync(hgRepo, { recursive: true, force: true });
		removeDir(work);
	});

	test('the watcher does see a password on a command line', async () => {
		const watcher = await ArgvWatcher.start([SECRET]);
		await new Promise<void>((resolve) => {
			execFile(process.execPath, ['-e', 'setTimeout(() => {}, 300)', `http://${USER}:${SECRET}@127.0.0.1:9/x`], () => resolve());
		});
		const report = await watcher.stop();
		assert.equal(report.hits.length, 1, JSON.stringify(report.hits));
		assert.ok(report.hits[0].includes(`http://${USER}:<secret>@`) && !report.hits[0].includes(SECRET));
	});

	// git gets the password over GIT_ASKPASS from a helper run without a shell; hg on its command server's stdin;
	// fossil on stdin as well (`--args -`).
	const servers = () => ({
		git: { host: new URL(gitProxy.url).host, proxy: gitProxy, program: 'git', versions: ['dev-main', 'v1.0.0'] },
		vcs: { host: new URL(gitProxy.url).host, proxy: gitProxy, program: 'git', versions: ['dev-main', 'v1.0.0'] },
		hg: { host: new URL(hgProxy.url).host, proxy: hgProxy, program: 'hg', versions: ['1.0.0', 'dev-default'] },
		fossil: { host: new URL(fossilServer.url).host, proxy: undefined, program: 'fossil', versions: ['1.0.0', 'dev-trunk'] },
	});
	for (const c of credentialCases()) {
		test(`${c.id} (was: ${c.found})`, async () => {
			const server = servers()[c.type];
			const url = c.url.replace('{user}', USER).replace('{password}', SECRET).replace('{server}', server.host);
			const authorized = server.proxy?.authorized ?? 0;
			assert.deepEqual(await loadWatched({ type: c.type, url }, [server.program]), server.versions);
			// Through the proxy, the server saw the credentials (fossil's own login cannot be read without them).
			if (server.proxy) assert.ok(server.proxy.authorized > authorized, 'the credentials reached the server');
		});
	}

	test('partial clones left by runs that were stopped are removed', async () => {
		const t = vcsTestContext();
		try {
			const url = fossilServer.url.replace('http://', `http://${USER}:${SECRET}@`);
			const file = cachePath(t.ctx, 'fossil', url, '.fossil');
			fs.mkdirSync(path.dirname(file), { recursive: true });
			// A process id that does not run: far above Linux's pid_max.
			const left = [`${file}.999999999.partial`, `${file}.999999999.partial-journal`];
			for (const f of left) fs.writeFileSync(f, 'left by a cancelled run');
			assert.deepEqual(versionsOf(await load({ type: 'fossil', url }, t.ctx)), ['1.0.0', 'dev-trunk']);
			assert.deepEqual(left.filter((f) => fs.existsSync(f)), []);
			assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.partial')), []);
		} finally {
			t.cleanup();
		}
	});

	test('a clone stopped midway leaves no partial clone behind', async () => {
		const t = vcsTestContext();
		const controller = new AbortController();
		try {
			const url = `${hgProxy.urlWithCredentials}/`;
			const ctx = { ...t.ctx, signal: controller.signal };
			// Stop as soon as hg has started.
			const pending = load({ type: 'hg', url }, ctx);
			const started = Date.now();
			while (!t.runner.calls.some((c) => c.args.includes('init')) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 5));
			controller.abort();
			const r = await pending;
			assert.ok(!r.ok);
			const folder = path.dirname(cachePath(t.ctx, 'hg', url));
			assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.includes('.partial')) : [], []);
		} finally {
			t.cleanup();
		}
	});
});
