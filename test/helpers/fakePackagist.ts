// One loopback server playing Packagist (web + API under /packagist, p2 metadata under /repo), the GitHub API
// (/github), GitLab (/gitlab/api/v4), the Bitbucket API (/bitbucket/2.0) and dumb-HTTP git (/git/<name>.git) for
// the hooks engine tests. Payloads are the fixture files in test/fixtures/hooks/ (see its README); refs, tags
// and default branches come from real git repositories built by gitRepo.ts, so `{{REF:v1.3.0}}` in a p2 fixture
// is the commit that tag really has. Every request is recorded (LoopbackServer.requests, maxInFlight).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { serveGitRoots } from './fakeGitHosts';
import type { RepoModel } from './gitRepo';
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from './loopbackServer';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hooks');

export interface FakeHooksPackage {
	/** vendor/name; also the owner/repo (or group/project) on its host. */
	name: string;
	host: 'github' | 'gitlab' | 'bitbucket' | 'other';
	/** The repository's refs (from a real git repository). */
	model: RepoModel;
	/** Bare repository served as /git/<name>.git (hosts without an API, and the git fallback). */
	bare?: string;
	/** p2 tags fixture (packagist/…), or null for a 404. */
	tags: string | null;
	/** Tag or branch whose commit Packagist lists as dev-main; null: no ~dev file (404). */
	devAt: string | null;
	/** Package page fixture, or null for a 404. */
	page: string | null;
	/** Listed as abandoned (true or the replacement). */
	abandoned?: boolean | string;
	/** false: /packages/{name}.json answers 404. */
	packageJson?: boolean;
	/** GitHub: hooks list fixture or a failure, deliveries fixture per hook id. */
	github?: { hooks?: string; status?: number; headers?: Record<string, string>; body?: string; deliveries?: Record<string, string> };
	/** GitLab: the Packagist integration and project hooks. */
	gitlab?: { integration: 'integration-active.json' | 'integration-not-found.json'; hooks?: string; events?: string };
	bitbucket?: { hooks?: string; status?: number };
	/** The host API's last-push time (GitHub pushed_at, GitLab last_activity_at, Bitbucket updated_on). */
	pushedAt?: string;
	/** The update job's outcome after one "running" poll. */
	job?: 'job-completed.json' | 'job-failed.json';
	/** The host API fails with this status for repository data (the engine falls back to git ls-remote). */
	apiDown?: number;
}

export interface FakeTokens {
	github: string;
	gitlab: string;
	bitbucket: string;
	packagist: { username: string; token: string };
	/** The Packagist token some hook URLs carry (`apiToken=`): must never show in output. */
	hookToken: string;
}

export interface FakePackagist {
	server: LoopbackServer;
	url: string;
	bases: { packagist: string; repo: string; githubApi: string; gitlab: string; bitbucketApi: string };
	/** The server of the repositories of hosts without an API (`other`). */
	gitUrl: string;
	/** The same as CLI flags. */
	flags: string[];
	repositoryOf(pkg: FakeHooksPackage): string;
	requests: RecordedRequest[];
	/** Most requests handled at once, for Packagist (web, API, p2) and for the VCS host APIs. */
	peak: { packagist: number; hosts: number };
	/** POSTs to /api/update-package with their bodies. */
	updates: Array<{ authorization: string | undefined; body: string }>;
	close(): Promise<void>;
}

const fixtureTexts = new Map<string, string>();

/** A fixture file with its `{{KEY}}` placeholders replaced (files are read once per process). */
export function readFixture(file: string, vars: Record<string, string> = {}): string {
	let text = fixtureTexts.get(file);
	if (text === undefined) {
		text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
		fixtureTexts.set(file, text);
	}
	return text.replace(/\{\{([A-Z_]+(?::[^}]+)?)\}\}/g, (m, key: string) => vars[key] ?? m);
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(body);
}

export function jobIdOf(name: string): string {
	return crypto.createHash('sha1').update(name).digest('hex');
}

export async function startFakePackagist(packages: FakeHooksPackage[], tokens: FakeTokens, options: { delayMs?: number } = {}): Promise<FakePackagist> {
	const byName = new Map(packages.map((p) => [p.name, p]));
	const polls = new Map<string, number>();
	const updates: FakePackagist['updates'] = [];
	let base = '';
	// Hosts without an API get their own server: on the same host:port as the GitLab fake, a repository
	// would count as one on a self-managed GitLab.
	let gitBase = '';
	const repositoryOf = (p: FakeHooksPackage): string => ({
		github: `https://github.com/${p.name}`,
		gitlab: `https://gitlab.com/${p.name}`,
		bitbucket: `https://bitbucket.org/${p.name}`,
		other: `${gitBase}/git/${p.name}.git`,
	})[p.host];
	const refOf = (p: FakeHooksPackage, ref: string): string => {
		const found = p.model.tags.find((t) => t.name === ref) ?? p.model.branches.find((b) => b.name === ref);
		if (!found) {
			throw new Error(`fake: ${p.name} has no ref ${ref}`);
		}
		return found.commit;
	};
	const vars = (p: FakeHooksPackage): Record<string, string> => {
		const v: Record<string, string> = { NAME: p.name, REPOSITORY: repositoryOf(p), BASE: base, HOOK_TOKEN: tokens.hookToken, JOB: jobIdOf(p.name) };
		for (const t of p.model.tags) {
			v[`REF:${t.name}`] = t.commit;
		}
		if (p.devAt) {
			v['REF:DEV'] = refOf(p, p.devAt);
		}
		return v;
	};

	const packagist = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, rest: string): void => {
		if (rest === '/packages/list.json') {
			const vendor = url.searchParams.get('vendor') ?? '';
			const listed = packages.filter((p) => p.name.startsWith(`${vendor}/`));
			const body = vendor === 'acme'
				? readFixture('packagist/list-vendor.json', { BASE: base, GIT_BASE: gitBase })
				: JSON.stringify({
					packages: Object.fromEntries(listed.map((p) => [p.name, { repository: repositoryOf(p), abandoned: p.abandoned ?? false }])),
				});
			return send(res, 200, body);
		}
		let m = /^\/users\/([^/]+)\/packages\.json$/.exec(rest);
		if (m) {
			if (m[1] !== 'jdoe') {
				res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404</html>');
				return;
			}
			return send(res, 200, readFixture(url.searchParams.get('page') === '2' ? 'packagist/user-page2.json' : 'packagist/user-page1.json', { BASE: base }));
		}
		m = /^\/packages\/([^/]+\/[^/.]+)\.json$/.exec(rest);
		if (m) {
			const p = byName.get(m[1]);
			if (!p || p.packageJson === false) {
				return send(res, 404, readFixture('packagist/package-not-found.json'));
			}
			return send(res, 200, readFixture('packagist/package.json', vars(p)));
		}
		m = /^\/packages\/([^/]+\/[^/.]+)$/.exec(rest);
		if (m) {
			const p = byName.get(m[1]);
			if (!p?.page) {
				res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
				return;
			}
			res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
			res.end(readFixture(`packagist/${p.page}`, vars(p)));
			return;
		}
		if (rest === '/api/update-package' && req.method === 'POST') {
			let body = '';
			req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
			req.on('end', () => {
				updates.push({ authorization: req.headers.authorization, body });
				if (req.headers.authorization !== `Bearer ${tokens.packagist.username}:${tokens.packagist.token}`) {
					return send(res, 403, readFixture('packagist/update-bad-credentials.json'));
				}
				let repository = '';
				try {
					repository = String((JSON.parse(body) as { repository?: unknown }).repository ?? '');
				} catch {
					return send(res, 406, '{"status":"error","message":"Missing payload parameter"}');
				}
				const p = packages.find((q) => repository === `${base}/packagist/packages/${q.name}`);
				if (!p?.job) {
					return send(res, 404, readFixture('packagist/update-not-maintainer.json'));
				}
				send(res, 202, readFixture('packagist/update-accepted.json', vars(p)));
			});
			return;
		}
		m = /^\/jobs\/([0-9a-f]{40})$/.exec(rest);
		if (m) {
			const p = packages.find((q) => jobIdOf(q.name) === m![1]);
			const n = (polls.get(m[1]) ?? 0) + 1;
			polls.set(m[1], n);
			return send(res, 200, p?.job && n >= 2 ? readFixture(`packagist/${p.job}`, vars(p)) : readFixture('packagist/job-running.json'));
		}
		send(res, 404, '{"status":"error","message":"Not found"}');
	};

	const p2 = (res: http.ServerResponse, rest: string): void => {
		const m = /^\/p2\/([^/]+\/[^/~.]+)(~dev)?\.json$/.exec(rest);
		const p = m ? byName.get(m[1]) : undefined;
		if (!p) {
			res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
			return;
		}
		const file = m![2] ? (p.devAt ? 'packagist/p2-dev.json' : null) : p.tags ? `packagist/${p.tags}` : null;
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
			return;
		}
		send(res, 200, readFixture(file, vars(p)), { 'last-modified': 'Mon, 20 Jul 2026 08:01:52 GMT' });
	};

	const needsToken = (req: http.IncomingMessage, expected: string, header: 'authorization' | 'private-token'): 'ok' | 'missing' | 'bad' => {
		const value = req.headers[header];
		if (value === undefined) {
			return 'missing';
		}
		const want = header === 'authorization' ? [`Bearer ${expected}`, `Basic ${Buffer.from(expected).toString('base64')}`] : [expected];
		return want.includes(String(value)) ? 'ok' : 'bad';
	};

	const github = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, rest: string): void => {
		const m = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(rest);
		const p = m ? byName.get(m[1]) : undefined;
		if (!p || p.host !== 'github') {
			return send(res, 404, readFixture('github/not-found.json'));
		}
		const auth = needsToken(req, tokens.github, 'authorization');
		if (auth === 'bad') {
			return send(res, 401, readFixture('github/bad-credentials.json'));
		}
		const sub = m![2] ?? '';
		if (sub === '') {
			if (p.apiDown) {
				return send(res, p.apiDown, '{"message":"Server Error"}');
			}
			return send(res, 200, JSON.stringify({ id: 123456789, full_name: p.name, private: false, default_branch: p.model.defaultBranch, pushed_at: p.pushedAt ?? '2024-01-01T00:00:00Z', archived: false, permissions: { admin: auth === 'ok', push: true, pull: true } }));
		}
		if (sub === '/git/matching-refs/tags') {
			return send(res, 200, JSON.stringify(p.model.tags.map((t) => ({ ref: `refs/tags/${t.name}`, node_id: 'REF_x', url: 'x', object: { sha: t.commit, type: 'commit', url: 'x' } }))));
		}
		let b = /^\/branches\/(.+)$/.exec(sub);
		if (b) {
			const branch = p.model.branches.find((x) => x.name === decodeURIComponent(b![1]));
			return branch
				? send(res, 200, JSON.stringify({ name: branch.name, commit: { sha: branch.commit, commit: { committer: { date: '2024-01-01T00:00:00Z' } } } }))
				: send(res, 404, readFixture('github/not-found.json'));
		}
		if (auth !== 'ok') {
			return send(res, 404, readFixture('github/not-found.json'));
		}
		if (sub === '/hooks') {
			const g = p.github ?? {};
			if (g.status) {
				return send(res, g.status, g.body ? readFixture(`github/${g.body}`) : '{"message":"Not Found"}', g.headers);
			}
			return send(res, 200, readFixture(`github/${g.hooks ?? 'hooks-none.json'}`, vars(p)));
		}
		b = /^\/hooks\/(\d+)\/deliveries$/.exec(sub);
		if (b) {
			const file = p.github?.deliveries?.[b[1]];
			return send(res, 200, file ? readFixture(`github/${file}`) : '[]');
		}
		void url;
		send(res, 404, readFixture('github/not-found.json'));
	};

	const gitlab = (req: http.IncomingMessage, res: http.ServerResponse, rest: string): void => {
		const m = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(rest);
		const p = m ? byName.get(decodeURIComponent(m[1])) : undefined;
		if (!p || p.host !== 'gitlab') {
			return send(res, 404, readFixture('gitlab/project-not-found.json'));
		}
		const auth = needsToken(req, tokens.gitlab, 'private-token');
		if (auth === 'bad') {
			return send(res, 401, '{"message":"401 Unauthorized"}');
		}
		const sub = decodeURIComponent(m![2] ?? '');
		if (sub === '') {
			if (p.apiDown) {
				return send(res, p.apiDown, '{"message":"500 Internal Server Error"}');
			}
			return send(res, 200, JSON.stringify({ id: 4242, default_branch: p.model.defaultBranch, path_with_namespace: p.name, last_activity_at: p.pushedAt ?? '2024-01-01T00:00:00Z' }));
		}
		if (sub === '/repository/tags') {
			return send(res, 200, JSON.stringify(p.model.tags.map((t) => ({ name: t.name, commit: { id: t.commit, committed_date: '2024-01-01T00:00:00Z' } }))));
		}
		const b = /^\/repository\/branches\/(.+)$/.exec(sub);
		if (b) {
			const branch = p.model.branches.find((x) => x.name === b[1]);
			return branch ? send(res, 200, JSON.stringify({ name: branch.name, commit: { id: branch.commit } })) : send(res, 404, '{"message":"404 Branch Not Found"}');
		}
		if (auth !== 'ok') {
			return send(res, 401, '{"message":"401 Unauthorized"}');
		}
		if (sub === '/integrations/packagist') {
			const file = p.gitlab?.integration ?? 'integration-not-found.json';
			return send(res, file === 'integration-active.json' ? 200 : 404, readFixture(`gitlab/${file}`));
		}
		if (sub === '/hooks') {
			return send(res, 200, p.gitlab?.hooks ? readFixture(`gitlab/${p.gitlab.hooks}`, vars(p)) : '[]');
		}
		if (/^\/hooks\/\d+\/events$/.test(sub)) {
			return p.gitlab?.events ? send(res, 200, readFixture(`gitlab/${p.gitlab.events}`, vars(p))) : send(res, 404, '{"error":"404 Not Found"}');
		}
		send(res, 404, '{"message":"404 Not Found"}');
	};

	const bitbucket = (req: http.IncomingMessage, res: http.ServerResponse, rest: string): void => {
		const m = /^\/2\.0\/repositories\/([^/]+\/[^/]+)(\/.*)?$/.exec(rest);
		const p = m ? byName.get(m[1]) : undefined;
		if (!p || p.host !== 'bitbucket') {
			return send(res, 404, '{"type":"error","error":{"message":"Repository not found"}}');
		}
		const auth = needsToken(req, tokens.bitbucket, 'authorization');
		if (auth === 'bad') {
			return send(res, 401, '{"type":"error","error":{"message":"Unauthorized"}}');
		}
		const sub = m![2] ?? '';
		if (sub === '') {
			return send(res, 200, JSON.stringify({ full_name: p.name, mainbranch: { type: 'branch', name: p.model.defaultBranch }, updated_on: p.pushedAt ?? '2024-01-01T00:00:00+00:00' }));
		}
		if (sub === '/refs/tags') {
			return send(res, 200, JSON.stringify({ pagelen: 100, values: p.model.tags.map((t) => ({ name: t.name, target: { hash: t.commit } })) }));
		}
		const b = /^\/refs\/branches\/(.+)$/.exec(sub);
		if (b) {
			const branch = p.model.branches.find((x) => x.name === decodeURIComponent(b[1]));
			return branch ? send(res, 200, JSON.stringify({ name: branch.name, target: { hash: branch.commit } })) : send(res, 404, '{"type":"error"}');
		}
		if (sub === '/hooks') {
			if (auth !== 'ok') {
				return send(res, 403, '{"type":"error","error":{"message":"Forbidden"}}');
			}
			if (p.bitbucket?.status) {
				return send(res, p.bitbucket.status, '{"type":"error","error":{"message":"Forbidden"}}');
			}
			return send(res, 200, p.bitbucket?.hooks ? readFixture(`bitbucket/${p.bitbucket.hooks}`, vars(p)) : '{"pagelen":10,"values":[]}');
		}
		send(res, 404, '{"type":"error"}');
	};

	const inFlight = { packagist: 0, hosts: 0 };
	const peak = { packagist: 0, hosts: 0 };
	const gitRoots = Object.fromEntries(packages.filter((p) => p.bare).map((p) => [`/git/${p.name}.git`, p.bare!]));
	const server = await startLoopbackServer({
		fallback: (req, res) => {
			const side = /^\/(packagist|repo)\//.test(req.url ?? '') ? 'packagist' : 'hosts';
			inFlight[side]++;
			peak[side] = Math.max(peak[side], inFlight[side]);
			let counted = true;
			const done = (): void => {
				if (counted) {
					counted = false;
					inFlight[side]--;
				}
			};
			res.on('finish', done);
			res.on('close', done);
			const answer = (): void => {
				const url = new URL(req.url ?? '/', base);
				const p = url.pathname;
				const under = (prefix: string): string | undefined => (p === prefix || p.startsWith(prefix + '/') ? p.slice(prefix.length) : undefined);
				let rest: string | undefined;
				if ((rest = under('/packagist')) !== undefined) return packagist(req, res, url, rest);
				if ((rest = under('/repo')) !== undefined) return p2(res, rest);
				if ((rest = under('/github')) !== undefined) return github(req, res, url, rest);
				if ((rest = under('/gitlab')) !== undefined) return gitlab(req, res, rest);
				if ((rest = under('/bitbucket')) !== undefined) return bitbucket(req, res, rest);
				res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			};
			if (options.delayMs) {
				server.setTimer(answer, options.delayMs);
			} else {
				answer();
			}
		},
	});
	base = server.url;
	const gitServer = await startLoopbackServer({
		fallback: (req, res) => {
			if (!serveGitRoots(gitRoots, new URL(req.url ?? '/', gitBase).pathname, res)) {
				res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			}
		},
	});
	gitBase = gitServer.url;
	const bases = {
		packagist: `${base}/packagist`, repo: `${base}/repo`, githubApi: `${base}/github`, gitlab: `${base}/gitlab`, bitbucketApi: `${base}/bitbucket`,
	};
	return {
		server,
		url: base,
		gitUrl: gitBase,
		bases,
		flags: [
			'--packagist-url', bases.packagist, '--repo-url', bases.repo, '--github-api-url', bases.githubApi,
			'--gitlab-url', bases.gitlab, '--bitbucket-api-url', bases.bitbucketApi,
		],
		repositoryOf,
		peak,
		requests: server.requests,
		updates,
		close: async () => {
			await Promise.all([server.close(), gitServer.close()]);
		},
	};
}

/**
 * Environment for git so that `git ls-remote https://github.com/acme/x.git` (and gitlab.com, bitbucket.org)
 * reads the fake's dumb-HTTP copies instead of the internet: git's own `url.<base>.insteadOf`.
 */
export function gitRedirectEnv(fake: FakePackagist): Record<string, string> {
	const hosts = ['https://github.com/', 'https://gitlab.com/', 'https://bitbucket.org/'];
	const env: Record<string, string> = { GIT_CONFIG_COUNT: String(hosts.length) };
	hosts.forEach((h, i) => {
		env[`GIT_CONFIG_KEY_${i}`] = `url.${fake.gitUrl}/git/.insteadOf`;
		env[`GIT_CONFIG_VALUE_${i}`] = h;
	});
	return env;
}
