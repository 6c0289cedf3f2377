// The hooks engine's status check, end to end against the fake Packagist/GitHub/GitLab/Bitbucket on loopback and
// a real git repository: every scenario's verdict, the three signals, the advice link, the "unknown, never
// missing" rule without a token or rights, the rate-limit reset, the git ls-remote fallback, the grace period,
// and the repository taken from the workspace's git remote.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HookReport, HookSignal } from '../../protocol/hooks';
import { clockTime, HookInputError } from '../../server/src/hooks/context';
import { MemoryStateStore } from '../../server/src/hooks/stateStore';
import { checkPackage, readComposerProject } from '../../server/src/hooks/status';
import { startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { git, removeDir, tempDir } from '../helpers/gitRepo';
import { buildLibrary, scenarioPackages, SECRETS, testContext, TOKENS, type Repos } from './hooksSetup';

const work = tempDir('cr-hooks-status-');
let repos: Repos;
let fake: FakePackagist;

before(async () => {
	repos = buildLibrary(work);
	fake = await startFakePackagist(scenarioPackages(repos), TOKENS);
});

after(async () => {
	await fake?.close();
	removeDir(work);
});

function sig(report: HookReport, kind: HookSignal['kind']): HookSignal {
	const s = report.signals.find((x) => x.kind === kind);
	assert.ok(s, `${report.package} has a ${kind} signal: ${JSON.stringify(report.signals)}`);
	return s;
}

async function check(name: string, options: Partial<Parameters<typeof testContext>[1]> = {}): Promise<HookReport> {
	const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache'), ...options });
	return checkPackage(ctx, { name });
}

function noSecrets(value: unknown): void {
	const text = JSON.stringify(value);
	for (const secret of SECRETS) {
		assert.ok(!text.includes(secret), `a secret appears in ${text.slice(0, 300)}`);
	}
}

describe('hooks status', () => {
	test('a healthy GitHub package is ok, with the delivery codes and the package page as link', async () => {
		const r = await check('acme/alpha');
		assert.equal(r.verdict, 'ok', JSON.stringify(r, null, 2));
		assert.equal(r.repository, 'https://github.com/acme/alpha');
		assert.equal(r.host, 'github');
		assert.equal(sig(r, 'hook').status, 'ok');
		assert.match(sig(r, 'hook').detail, /202, 202/);
		assert.equal(sig(r, 'freshness').status, 'ok');
		assert.match(sig(r, 'freshness').detail, /v1\.4\.0/);
		assert.equal(sig(r, 'freshness').source, 'GitHub API + p2');
		assert.equal(sig(r, 'marker').status, 'ok');
		assert.equal(r.link, `${fake.bases.packagist}/packages/acme/alpha`);
		assert.equal(r.hookSettingsUrl, 'https://github.com/acme/alpha/settings/hooks/412345678');
		assert.deepEqual(r.signals.map((s) => s.kind), ['hook', 'freshness', 'marker']);
	});

	test('a failing hook (403 deliveries), a missing tag and a stale branch are a problem pointing at the hook', async () => {
		const r = await check('acme/failing');
		assert.equal(r.verdict, 'problem');
		const hook = sig(r, 'hook');
		assert.equal(hook.status, 'problem');
		assert.match(hook.detail, /HTTP 403/);
		assert.match(hook.detail, /403, 202/, 'the recent delivery codes are listed');
		const fresh = sig(r, 'freshness');
		assert.equal(fresh.status, 'problem');
		assert.match(fresh.detail, /v1\.4\.0/);
		assert.doesNotMatch(fresh.detail, /release-notes/, 'a tag that is not a version is ignored');
		assert.match(fresh.detail, /dev-main on Packagist is at [0-9a-f]{7}/);
		assert.equal(r.link, 'https://github.com/acme/failing/settings/hooks/412345678');
	});

	test('no Packagist webhook is "problem" with the hooks settings link; the page says not auto-updated', async () => {
		const r = await check('acme/nohook');
		assert.equal(r.verdict, 'problem');
		assert.equal(sig(r, 'hook').status, 'problem');
		assert.match(sig(r, 'hook').detail, /No webhook/);
		assert.equal(sig(r, 'marker').status, 'problem');
		assert.match(sig(r, 'marker').detail, /2026-07-08 03:12:40 UTC/);
		assert.equal(r.link, 'https://github.com/acme/nohook/settings/hooks');
	});

	test('a ?username= hook without a secret is broken', async () => {
		const r = await check('acme/nosecret');
		assert.equal(sig(r, 'hook').status, 'problem');
		assert.match(sig(r, 'hook').detail, /no secret/);
	});

	test('without admin rights the hook is unknown, never missing; in sync and marked gives ok', async () => {
		const r = await check('acme/noadmin');
		const hook = sig(r, 'hook');
		assert.equal(hook.status, 'unknown');
		assert.match(hook.detail, /HTTP 404/);
		assert.match(hook.detail, /admin/);
		assert.equal(r.verdict, 'ok');
		assert.match(r.advice, /admin/);
	});

	test('without a token the hook is unknown and says why (with the caller\'s hint)', async () => {
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache'), credentials: {} });
		const r = await checkPackage(ctx, { name: 'acme/nohook' }, { hints: { github: 'Set GITHUB_TOKEN.' } });
		const hook = sig(r, 'hook');
		assert.equal(hook.status, 'unknown');
		assert.match(hook.detail, /No GitHub token/);
		assert.match(hook.detail, /Set GITHUB_TOKEN\./);
		assert.equal(r.verdict, 'problem', 'the page still says not auto-updated');
	});

	test('a rejected token is unknown (401) and freshness still comes through git ls-remote', async () => {
		const { ctx, runner } = testContext(fake, { cacheDir: path.join(work, 'cache'), credentials: { github: 'wrongTokenXYZ123' } });
		const r = await checkPackage(ctx, { name: 'acme/alpha' });
		assert.equal(sig(r, 'hook').status, 'unknown');
		assert.match(sig(r, 'hook').detail, /401/);
		assert.equal(sig(r, 'freshness').status, 'ok');
		assert.equal(sig(r, 'freshness').source, 'git ls-remote + p2');
		assert.ok(runner.lines().some((l) => l.startsWith('git ls-remote --symref -- https://github.com/acme/alpha.git')), runner.lines().join('\n'));
	});

	test('a rate limit says until when', async () => {
		const r = await check('acme/limited');
		const hook = sig(r, 'hook');
		assert.equal(hook.status, 'unknown');
		assert.match(hook.detail, new RegExp(`rate-limited the requests until ${clockTime(1893456000 * 1000)}`));
		assert.equal(sig(r, 'marker').status, 'unknown', 'a page without the marker is unknown');
		assert.equal(r.verdict, 'unknown');
	});

	test('a token-in-URL hook is a legacy warning and its token is never shown', async () => {
		const r = await check('acme/legacy');
		assert.equal(r.verdict, 'warning');
		assert.equal(sig(r, 'hook').status, 'warning');
		assert.match(sig(r, 'hook').detail, /apiToken=\*\*\*/);
		assert.match(r.advice, /secret/);
		noSecrets(r);
	});

	test('when the host API fails, freshness is read with git ls-remote and says so', async () => {
		const { ctx, runner } = testContext(fake, { cacheDir: path.join(work, 'cache') });
		const r = await checkPackage(ctx, { name: 'acme/down' });
		const fresh = sig(r, 'freshness');
		assert.equal(fresh.status, 'ok', fresh.detail);
		assert.equal(fresh.source, 'git ls-remote + p2');
		assert.match(fresh.detail, /HTTP 500/);
		assert.equal(runner.calls.length, 1);
		assert.equal(r.verdict, 'ok');
	});

	test('GitLab: an active integration, yet Packagist lacks v1.4.0: problem, with the package page to read the log', async () => {
		const r = await check('acme/beta');
		assert.equal(r.host, 'gitlab');
		assert.equal(sig(r, 'hook').status, 'ok');
		assert.match(sig(r, 'hook').detail, /integration is active/);
		assert.equal(sig(r, 'freshness').status, 'problem');
		assert.equal(sig(r, 'freshness').source, 'GitLab API + p2');
		assert.equal(r.verdict, 'problem');
		assert.equal(r.link, `${fake.bases.packagist}/packages/acme/beta`);
		assert.match(r.advice, /update log/);
	});

	test('GitLab without the integration: the project webhook and its recent events decide', async () => {
		const r = await check('acme/betahook');
		assert.equal(sig(r, 'hook').status, 'ok', sig(r, 'hook').detail);
		assert.match(sig(r, 'hook').detail, /Recent deliveries answered 202/);
		assert.match(sig(r, 'hook').detail, /apiToken=\*\*\*/);
		noSecrets(r);
		assert.equal(r.verdict, 'ok');
		const gitlabPaths = fake.requests.map((q) => q.url).filter((u) => u.includes('/gitlab/api/v4/projects/acme%2Fbetahook'));
		assert.ok(gitlabPaths.some((u) => u.includes('/integrations/packagist')) && gitlabPaths.some((u) => u.endsWith('/hooks?per_page=100')), gitlabPaths.join('\n'));
	});

	test('Bitbucket: the webhook list decides, and the token goes only to the Bitbucket API', async () => {
		const r = await check('acme/gamma');
		assert.equal(r.host, 'bitbucket');
		assert.equal(sig(r, 'hook').status, 'ok');
		assert.equal(r.hookSettingsUrl, 'https://bitbucket.org/acme/gamma/admin/webhooks');
		assert.equal(r.verdict, 'ok');
		for (const q of fake.requests) {
			const auth = String(q.headers.authorization ?? '') + String(q.headers['private-token'] ?? '');
			if (auth.includes(TOKENS.bitbucket)) {
				assert.ok(q.url.startsWith('/bitbucket/'), `the Bitbucket token went to ${q.url}`);
			}
			if (auth.includes(TOKENS.github)) {
				assert.ok(q.url.startsWith('/github/'), `the GitHub token went to ${q.url}`);
			}
			if (auth.includes(TOKENS.gitlab)) {
				assert.ok(q.url.startsWith('/gitlab/'), `the GitLab token went to ${q.url}`);
			}
		}
	});

	test('another host: git ls-remote only; a stale head is a warning when first seen, a problem after the grace period', async () => {
		const state = new MemoryStateStore();
		let now = Date.parse('2026-12-01T10:00:00Z');
		const first = await check('acme/delta', { state, now: () => now });
		assert.equal(first.host, 'other');
		assert.equal(sig(first, 'hook').status, 'unknown');
		assert.equal(sig(first, 'freshness').status, 'warning', sig(first, 'freshness').detail);
		assert.equal(sig(first, 'freshness').source, 'git ls-remote + p2');
		assert.equal(first.verdict, 'warning');
		now += 16 * 60_000;
		const later = await check('acme/delta', { state, now: () => now });
		assert.equal(sig(later, 'freshness').status, 'problem');
		assert.equal(later.verdict, 'problem');
		assert.equal(later.link, `${fake.bases.packagist}/about#how-to-update-packages`);
	});

	test('a package Packagist does not know: freshness problem, no repository', async () => {
		const r = await check('acme/nope');
		assert.equal(r.repository, null);
		assert.equal(sig(r, 'freshness').status, 'problem');
		assert.match(sig(r, 'freshness').detail, /not on Packagist/);
		assert.equal(sig(r, 'hook').status, 'unknown');
		assert.equal(r.verdict, 'problem');
	});

	test('the marker read can be turned off', async () => {
		const before = fake.requests.length;
		const r = await check('acme/nohook', { settings: { readMarker: false } });
		assert.equal(sig(r, 'marker').status, 'unknown');
		assert.match(sig(r, 'marker').detail, /turned off/);
		assert.ok(!fake.requests.slice(before).some((q) => q.url === '/packagist/packages/acme/nohook'), 'the page was not requested');
	});

	test('composer.json: the package name, and the git remote when Packagist has no repository', async () => {
		const project = path.join(work, 'project');
		fs.mkdirSync(project, { recursive: true });
		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'acme/nope' }));
		git(project, ['init', '--quiet']);
		git(project, ['remote', 'add', 'origin', 'https://github.com/acme/alpha.git']);
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache') });
		const target = await readComposerProject(ctx, path.join(project, 'composer.json'));
		assert.deepEqual(target, { name: 'acme/nope', localRepository: 'https://github.com/acme/alpha.git' });
		const r = await checkPackage(ctx, target);
		assert.equal(r.repository, 'https://github.com/acme/alpha.git');
		assert.equal(sig(r, 'hook').status, 'ok', 'the remote\'s hooks were read');
		assert.match(sig(r, 'freshness').detail, /git remote/);

		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ description: 'no name' }));
		await assert.rejects(readComposerProject(ctx, path.join(project, 'composer.json')), (e: unknown) => e instanceof HookInputError && /no "name"/.test(e.message));
	});

	test('a bad package name or base URL is an input error, before any request', async () => {
		const before = fake.requests.length;
		await assert.rejects(check('not a name'), HookInputError);
		assert.throws(() => testContext(fake, { cacheDir: work, settings: { baseUrls: { packagist: 'http://packagist.example.com' } } }), /https/);
		assert.throws(() => testContext(fake, { cacheDir: work, settings: { baseUrls: { githubApi: 'https://user:pw@api.example.com' } } }), /user name or password/);
		assert.equal(fake.requests.length, before);
	});
});
