// A fake GitHub / GitLab / Bitbucket API on 127.0.0.1 that replays the documented payload shapes for a
// repository model (usually read from a real git repo built by gitRepo.ts), plus a dumb-HTTP git endpoint
// serving a bare repository (for the API → git fallback), a minimal loopback-only HttpClient, a recording
// ProcessRunner and a ResolveContext builder for VCS tests.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { HttpClient, HttpRequest, HttpResult } from '../../server/src/net/types';
import type { ResolveContext } from '../../server/src/resolvers/types';
import type { RepoModel } from './gitRepo';
import { RecordingRunner } from './vcsDriverContext';

export interface FakeHostOptions {
	/** owner/repo (GitHub, Bitbucket) or namespace/project (GitLab) -> model. */
	repos: Record<string, RepoModel>;
	/** Status to answer to the repository metadata call (simulates outages, rate limits, private repos). */
	failRepoData?: number;
	/** Page size used for tag/branch lists (small values exercise pagination). */
	pageSize?: number;
	/** URL path prefix -> bare repository folder, served as dumb HTTP for git. */
	gitRoots?: Record<string, string>;
}

export interface FakeGitHosts {
	url: string;
	port: number;
	requests: string[];
	options: FakeHostOptions;
	close(): Promise<void>;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

function page<T>(items: T[], url: URL, size: number, sizeParam: string): { items: T[]; next: string | null } {
	const n = Number(url.searchParams.get('page') ?? '1');
	const slice = items.slice((n - 1) * size, n * size);
	if (n * size >= items.length) {
		return { items: slice, next: null };
	}
	const next = new URL(url.toString());
	next.searchParams.set('page', String(n + 1));
	next.searchParams.set(sizeParam, String(size));
	return { items: slice, next: next.toString() };
}

/**
 * Serves bare repositories as dumb HTTP for git (`prefix` -> bare repository folder, which needs
 * `git update-server-info`, as bareClone runs). True when the path was under one of the prefixes.
 */
export function serveGitRoots(roots: Record<string, string>, pathname: string, res: http.ServerResponse): boolean {
	for (const [prefix, dir] of Object.entries(roots)) {
		if (pathname.startsWith(prefix + '/')) {
			const file = path.join(dir, pathname.slice(prefix.length + 1));
			if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
				res.writeHead(404).end();
				return true;
			}
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			res.end(fs.readFileSync(file));
			return true;
		}
	}
	return false;
}

export async function startFakeGitHosts(options: FakeHostOptions): Promise<FakeGitHosts> {
	const requests: string[] = [];
	let base = '';
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', base);
		requests.push(url.pathname + url.search);
		const size = options.pageSize ?? 100;
		const p = decodeURIComponent(url.pathname);

		if (serveGitRoots(options.gitRoots ?? {}, url.pathname, res)) {
			return;
		}

		// GitHub: /repos/{o}/{r}..., also under /api/v3 for Enterprise hosts.
		let m = /^(?:\/api\/v3)?\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(p);
		if (m && options.repos[m[1]]) {
			const model = options.repos[m[1]];
			const rest = m[2] ?? '';
			const [owner, name] = m[1].split('/');
			if (rest === '') {
				if (options.failRepoData) return json(res, options.failRepoData, { message: 'Not Found' });
				return json(res, 200, {
					name, full_name: m[1], owner: { login: owner }, private: false, default_branch: model.defaultBranch, has_issues: true,
				});
			}
			if (rest === '/tags') {
				const pg = page(model.tags, url, size, 'per_page');
				return json(res, 200, pg.items.map((t) => ({ name: t.name, commit: { sha: t.commit, url: 'x' } })), pg.next ? { link: `<${pg.next}>; rel="next"` } : {});
			}
			if (rest === '/git/refs/heads') {
				const pg = page(model.branches, url, size, 'per_page');
				return json(res, 200, pg.items.map((b) => ({ ref: `refs/heads/${b.name}`, object: { sha: b.commit, type: 'commit' } })), pg.next ? { link: `<${pg.next}>; rel="next"` } : {});
			}
			if (rest === '/contents/composer.json') {
				const ref = url.searchParams.get('ref') ?? '';
				const commit = model.branches.find((b) => b.name === ref)?.commit ?? ref;
				const text = model.composerJson.get(commit);
				if (text === undefined) return json(res, 404, { message: 'Not Found' });
				return json(res, 200, { type: 'file', encoding: 'base64', name: 'composer.json', content: Buffer.from(text).toString('base64').replace(/(.{60})/g, '$1\n') });
			}
		}

		// GitLab: /api/v4/projects/{urlencoded path}...
		m = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(url.pathname);
		if (m) {
			const id = decodeURIComponent(m[1]);
			const model = options.repos[id];
			const rest = decodeURIComponent(m[2] ?? '');
			if (!model) return json(res, 404, { message: '404 Project Not Found' });
			if (rest === '') {
				if (options.failRepoData) return json(res, options.failRepoData, { message: '401 Unauthorized' });
				return json(res, 200, { id: 42, default_branch: model.defaultBranch, visibility: 'public', path_with_namespace: id, http_url_to_repo: `${base}/${id}.git`, ssh_url_to_repo: `git@127.0.0.1:${id}.git`, web_url: `${base}/${id}` });
			}
			const refs = rest === '/repository/tags' ? model.tags : rest === '/repository/branches' ? model.branches : null;
			if (refs) {
				// GitLab honours per_page (Composer stops paging when a page is shorter than per_page).
				const pg = page(refs, url, Number(url.searchParams.get('per_page') ?? '20'), 'per_page');
				return json(res, 200, pg.items.map((r) => ({ name: r.name, commit: { id: r.commit, committed_date: '2024-01-01T00:00:00Z' } })), pg.next ? { link: `<${pg.next}>; rel="next"` } : {});
			}
			if (rest === '/repository/files/composer.json/raw') {
				const text = model.composerJson.get(url.searchParams.get('ref') ?? '');
				if (text === undefined) return json(res, 404, { message: '404 File Not Found' });
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end(text);
				return;
			}
		}

		// Bitbucket: /2.0/repositories/{o}/{r}...
		m = /^\/2\.0\/repositories\/([^/]+\/[^/]+)(\/.*)?$/.exec(p);
		if (m && options.repos[m[1]]) {
			const model = options.repos[m[1]];
			const rest = m[2] ?? '';
			if (rest === '') {
				if (options.failRepoData) return json(res, options.failRepoData, { type: 'error', error: { message: 'Repository not found' } });
				return json(res, 200, {
					scm: 'git', full_name: m[1], has_issues: false, website: '', mainbranch: { type: 'branch', name: model.defaultBranch },
					links: { clone: [{ name: 'https', href: `https://someone@bitbucket.org/${m[1]}.git` }, { name: 'ssh', href: `git@bitbucket.org:${m[1]}.git` }], html: { href: `https://bitbucket.org/${m[1]}` }, tags: { href: `${base}/2.0/repositories/${m[1]}/refs/tags` }, branches: { href: `${base}/2.0/repositories/${m[1]}/refs/branches` } },
				});
			}
			const refs = rest === '/refs/tags' ? model.tags : rest === '/refs/branches' ? model.branches : null;
			if (refs) {
				const pg = page(refs, url, size, 'pagelen');
				return json(res, 200, { values: pg.items.map((r) => ({ name: r.name, target: { hash: r.commit } })), ...(pg.next ? { next: pg.next } : {}) });
			}
			const src = /^\/src\/([^/]+)\/composer\.json$/.exec(rest);
			if (src) {
				const text = model.composerJson.get(src[1]);
				if (text === undefined) return json(res, 404, { type: 'error', error: { message: 'No such file' } });
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end(text);
				return;
			}
		}
		json(res, 404, { message: 'Not Found' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	base = `http://127.0.0.1:${port}`;
	return {
		url: base,
		port,
		requests,
		options,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A minimal HttpClient for tests: GET over node:http, loopback hosts only, failures as values. */
export function loopbackHttpClient(): HttpClient {
	return {
		request(req: HttpRequest): Promise<HttpResult> {
			const url = new URL(req.url);
			if (url.hostname !== '127.0.0.1' || url.protocol !== 'http:') {
				return Promise.resolve({ ok: false, code: 'network', message: `test client refuses non-loopback URL ${req.url}`, url: req.url });
			}
			return new Promise((resolve) => {
				const r = http.get(url, { headers: req.headers }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => {
						const headers: Record<string, string> = {};
						for (const [k, v] of Object.entries(res.headers)) {
							if (typeof v === 'string') headers[k] = v;
						}
						resolve({ ok: true, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks), url: req.url });
					});
				});
				r.on('error', (e) => resolve({ ok: false, code: 'network', message: e.message, url: req.url }));
			});
		},
	};
}

export function vcsContext(overrides: Partial<ResolveContext> & { baseDir: string }): ResolveContext {
	return {
		env: {},
		homeDir: overrides.baseDir,
		config: { secureHttp: false, githubDomains: ['github.com'], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: [] },
		http: loopbackHttpClient(),
		processes: new RecordingRunner(),
		credentials: { headersFor: () => ({}) },
		offline: false,
		apiBaseUrls: { github: 'http://127.0.0.1:9/', gitlab: 'http://127.0.0.1:9/', bitbucket: 'http://127.0.0.1:9/', packagist: 'http://127.0.0.1:9/', packagistRepo: 'http://127.0.0.1:9/' },
		cacheDir: path.join(overrides.baseDir, '.cache'),
		...overrides,
	};
}
