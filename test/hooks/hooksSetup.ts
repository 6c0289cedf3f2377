// Shared by the hooks tests: one real git repository (tags v1.2.0, v1.3.0 annotated, v1.4.0, a tag that is not a
// version, and a commit after the last tag on main), its bare clone served as dumb HTTP, the scenario packages
// the fake services know, the tokens, and a HookContext on the real HTTP client (loopback only, with a disk cache
// in a temp folder) and the real process runner (git redirected to the fake by `url.insteadOf`).
import * as path from 'node:path';
import type { HookCredentials, HookSettings } from '../../protocol/hooks';
import { HttpCache } from '../../server/src/net/httpCache';
import { NodeProcessRunner } from '../../server/src/net/processRunner';
import type { HookContext } from '../../server/src/hooks/context';
import { createHookContext } from '../../server/src/hooks/engine';
import { MemoryStateStore, type HookStateStore } from '../../server/src/hooks/stateStore';
import { gitRedirectEnv, type FakeHooksPackage, type FakePackagist, type FakeTokens } from '../helpers/fakePackagist';
import { bareClone, buildGitRepo, readRepoModel, type RepoModel } from '../helpers/gitRepo';
import { loopbackHttpClient } from '../helpers/noInternet';
import { RecordingRunner } from '../helpers/vcsDriverContext';

export const TOKENS: FakeTokens = {
	github: 'ghTokHooksS3cr3tA1b2C3',
	gitlab: 'glTokHooksS3cr3tD4e5F6',
	bitbucket: 'bbTokHooksS3cr3tG7h8I9',
	packagist: { username: 'jdoe', token: 'pkgTokHooksS3cr3tJ0k1L2' },
	hookToken: 'hookUrlTokS3cr3tM3n4O5',
};

export const SECRETS = [TOKENS.github, TOKENS.gitlab, TOKENS.bitbucket, TOKENS.packagist.token, TOKENS.hookToken];

export const ALL_CREDENTIALS: HookCredentials = {
	github: TOKENS.github, gitlab: TOKENS.gitlab, bitbucket: TOKENS.bitbucket, packagist: TOKENS.packagist,
};

export interface Repos {
	model: RepoModel;
	bare: string;
}

export function buildLibrary(work: string): Repos {
	const lib = buildGitRepo({
		steps: [
			{ commit: { 'composer.json': { name: 'acme/lib' } } },
			{ tag: 'v1.2.0' },
			{ commit: { 'README.md': 'one' } },
			{ tag: 'v1.3.0', annotated: true },
			{ commit: { 'README.md': 'two' } },
			{ tag: 'v1.4.0' },
			{ tag: 'release-notes' },
			{ commit: { 'README.md': 'three' } },
		],
	}, path.join(work, 'lib'));
	return { model: readRepoModel(lib), bare: bareClone(lib, path.join(work, 'served', 'lib.git')) };
}

/** The scenarios, by name; see each comment for the expected verdict. */
export function scenarioPackages(r: Repos): FakeHooksPackage[] {
	const gh = (name: string, extra: Partial<FakeHooksPackage>): FakeHooksPackage => ({
		name, host: 'github', model: r.model, bare: r.bare, tags: 'p2-tags-to-1.4.json', devAt: 'main', page: 'page-auto-updated.html', job: 'job-completed.json', ...extra,
	});
	return [
		// ok: official hook delivering 202, every tag and the head on Packagist, page says auto-updated.
		gh('acme/alpha', { github: { hooks: 'hooks-official.json', deliveries: { 412345678: 'deliveries-ok.json' } } }),
		// problem: the hook's newest delivery got 403; v1.4.0 missing and dev-main stale; the update job fails.
		gh('acme/failing', { tags: 'p2-tags-to-1.3.json', devAt: 'v1.3.0', job: 'job-failed.json', github: { hooks: 'hooks-failing.json', deliveries: { 412345678: 'deliveries-403.json' } } }),
		// problem: no Packagist hook at all, page says not auto-updated.
		gh('acme/nohook', { page: 'page-not-auto-updated.html', github: { hooks: 'hooks-none.json' } }),
		// problem: ?username= hook without a secret (refused every time).
		gh('acme/nosecret', { github: { hooks: 'hooks-username-no-secret.json' } }),
		// hook unknown (no admin: 404); in sync and marked: ok, unverified.
		gh('acme/noadmin', { github: { status: 404, body: 'not-found.json' } }),
		// hook unknown (rate-limited with a reset time); page not crawled: unknown.
		gh('acme/limited', { page: 'page-not-crawled.html', github: { status: 403, body: 'rate-limited.json', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' } } }),
		// warning: token-in-URL hook (legacy), its token must never be shown.
		gh('acme/legacy', { github: { hooks: 'hooks-token-in-url.json' } }),
		// the GitHub API is down for repository data: freshness read with git ls-remote instead.
		gh('acme/down', { apiDown: 500, github: { hooks: 'hooks-official.json', deliveries: { 412345678: 'deliveries-ok.json' } } }),
		// GitLab integration active, but Packagist lacks v1.4.0 (pushed long ago): problem although the hook is fine.
		{ name: 'acme/beta', host: 'gitlab', model: r.model, bare: r.bare, tags: 'p2-tags-to-1.3.json', devAt: 'main', page: 'page-auto-updated.html', gitlab: { integration: 'integration-active.json' } },
		// GitLab without the integration: a project webhook with recent 202 events: ok.
		{ name: 'acme/betahook', host: 'gitlab', model: r.model, bare: r.bare, tags: 'p2-tags-to-1.4.json', devAt: 'main', page: 'page-auto-updated.html', gitlab: { integration: 'integration-not-found.json', hooks: 'hooks.json', events: 'hook-events.json' } },
		// Bitbucket webhook present: ok.
		{ name: 'acme/gamma', host: 'bitbucket', model: r.model, bare: r.bare, tags: 'p2-tags-to-1.4.json', devAt: 'main', page: 'page-auto-updated.html', bitbucket: { hooks: 'hooks.json' } },
		// A self-hosted git server: hooks unknown, dev-main stale (first seen now: warning, later: problem).
		{ name: 'acme/delta', host: 'other', model: r.model, bare: r.bare, tags: 'p2-tags-to-1.4.json', devAt: 'v1.3.0', page: 'page-auto-updated.html' },
		// Abandoned (p2 says so only through the listing here).
		gh('acme/retired', { abandoned: 'acme/alpha', github: { hooks: 'hooks-none.json' } }),
	];
}

export interface TestContextOptions {
	credentials?: HookCredentials;
	settings?: Partial<HookSettings>;
	now?: () => number;
	state?: HookStateStore;
	cacheDir: string;
	signal?: AbortSignal;
	concurrency?: number;
	poll?: HookContext['poll'];
}

export function testContext(fake: FakePackagist, options: TestContextOptions): { ctx: HookContext; runner: RecordingRunner; log: string[] } {
	const log: string[] = [];
	const runner = new RecordingRunner(new NodeProcessRunner({ env: { ...process.env, ...gitRedirectEnv(fake) } }));
	const ctx = createHookContext({
		settings: { baseUrls: fake.bases, readMarker: true, ...options.settings },
		credentials: options.credentials ?? ALL_CREDENTIALS,
		runtime: {
			http: loopbackHttpClient({ maxConcurrent: 10, cache: new HttpCache(options.cacheDir), log: (l) => log.push(l) }),
			hostHttp: loopbackHttpClient({ maxConcurrent: 10, log: (l) => log.push(l) }),
			processes: runner,
			state: options.state ?? new MemoryStateStore(),
		},
		now: options.now,
		signal: options.signal,
		concurrency: options.concurrency,
		poll: options.poll,
		log: (l) => log.push(l),
	});
	return { ctx, runner, log };
}
