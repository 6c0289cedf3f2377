// Where a package's repository lives and which API, token and web pages belong to it: github.com maps to the
// GitHub API base, a GitHub Enterprise host to its /api/v3, gitlab.com (or the configured GitLab's host) to the
// GitLab API, bitbucket.org to the Bitbucket API; anything else is read with `git ls-remote` only. The URL
// patterns are the ones Composer's drivers use (service/vcsHostUrls.ts).
import type { HookHostKind } from '../../../protocol/hooks';
import { redact } from '../net/credentials';
import { BITBUCKET_URL, GITHUB_URL, parseGitLabUrl } from '../composer/vcsHostUrls';
import type { HookContext } from './context';

export interface RepoLocation {
	kind: HookHostKind;
	/** The URL as found, credentials removed. */
	display: string;
	/** Lower-case host (with port). */
	host: string;
	/** The repository's web page, for links (null for other hosts). */
	webUrl: string | null;
	/** The host's API root (GitHub `…/api/v3` or api.github.com, GitLab `…/api/v4`, Bitbucket `…/2.0`). */
	apiBase?: string;
	token?: string;
	/** GitHub/Bitbucket owner or workspace and repository; GitLab project path (`group/sub/project`). */
	owner?: string;
	name?: string;
	projectPath?: string;
	/** What `git ls-remote` is given. */
	gitUrl: string;
	/** GitHub Enterprise Server (VS Code's `github-enterprise` sign-in). */
	enterprise?: boolean;
}

/** `git@host:path`, `ssh://user@host[:port]/path`, `https://host/path` → an https form the driver patterns read. */
export function canonicalHttps(url: string): { host: string; path: string; scheme: string } | null {
	const trimmed = url.trim();
	const scp = /^[^@/\s]+@([^:/\s]+):\/?(.+)$/.exec(trimmed);
	if (scp) {
		return { host: scp[1].toLowerCase(), path: scp[2], scheme: 'https' };
	}
	let u: URL;
	try {
		u = new URL(trimmed);
	} catch {
		return null;
	}
	if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(u.protocol)) {
		return null;
	}
	const host = (u.protocol === 'http:' || u.protocol === 'https:') && u.port ? `${u.hostname}:${u.port}` : u.hostname;
	return { host: host.toLowerCase(), path: u.pathname.replace(/^\/+/, ''), scheme: u.protocol === 'http:' ? 'http' : 'https' };
}

function hostOf(url: string | undefined): string | undefined {
	if (!url) {
		return undefined;
	}
	try {
		const u = new URL(url);
		return u.host.toLowerCase();
	} catch {
		return undefined;
	}
}

function stripGit(path: string): string {
	return path.replace(/\/+$/, '').replace(/\.git$/, '');
}

export function locateRepository(url: string, ctx: Pick<HookContext, 'bases' | 'credentials' | 'githubEnterpriseUrl'>): RepoLocation {
	const display = redact(url);
	const c = canonicalHttps(url);
	if (!c) {
		return { kind: 'other', display, host: '', webUrl: null, gitUrl: url };
	}
	const host = c.host.replace(/^www\./, '');
	const https = `${c.scheme}://${host}/${stripGit(c.path)}`;
	const githubApiHost = hostOf(ctx.bases.githubApi);
	const enterpriseHost = hostOf(ctx.githubEnterpriseUrl);

	const gh = GITHUB_URL.exec(https);
	if (gh && (host === 'github.com' || host === enterpriseHost || (githubApiHost !== 'api.github.com' && host === githubApiHost))) {
		const [owner, name] = [gh[3], gh[4]];
		const enterprise = host !== 'github.com' && host === enterpriseHost;
		const apiBase = host === 'github.com' || !enterprise ? ctx.bases.githubApi : `${ctx.githubEnterpriseUrl!.replace(/\/+$/, '')}/api/v3`;
		const webOrigin = enterprise ? new URL(ctx.githubEnterpriseUrl!).origin : `${c.scheme}://${host}`;
		const webUrl = `${webOrigin}/${owner}/${name}`;
		return {
			kind: 'github', display, host, webUrl, apiBase, owner, name, enterprise, gitUrl: `${webUrl}.git`,
			token: enterprise ? ctx.credentials.githubEnterprise : ctx.credentials.github,
		};
	}

	const gitlabHost = hostOf(ctx.bases.gitlab);
	if (host === 'gitlab.com' || host === gitlabHost) {
		const gl = parseGitLabUrl(https, [host]);
		if (gl) {
			const projectPath = [...gl.parts, gl.repo].join('/');
			const webUrl = `${c.scheme}://${host}/${projectPath}`;
			return {
				kind: 'gitlab', display, host, webUrl, apiBase: `${ctx.bases.gitlab}/api/v4`, projectPath, gitUrl: `${webUrl}.git`, token: ctx.credentials.gitlab,
			};
		}
	}

	const bb = BITBUCKET_URL.exec(`https://${host}/${stripGit(c.path)}`);
	if (bb) {
		const webUrl = `https://bitbucket.org/${bb[1]}/${bb[2]}`;
		return {
			kind: 'bitbucket', display, host, webUrl, apiBase: `${ctx.bases.bitbucketApi}/2.0`, owner: bb[1], name: bb[2], gitUrl: `${webUrl}.git`, token: ctx.credentials.bitbucket,
		};
	}
	return { kind: 'other', display, host, webUrl: null, gitUrl: url };
}

/** Authorization headers for a host API, or undefined without a token. */
export function authHeaders(repo: RepoLocation): Record<string, string> | undefined {
	if (!repo.token) {
		return undefined;
	}
	switch (repo.kind) {
		case 'github':
			return { Authorization: `Bearer ${repo.token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
		case 'gitlab':
			return { 'PRIVATE-TOKEN': repo.token };
		case 'bitbucket':
			// An Atlassian API token is used with the account e-mail (Basic); access tokens are Bearer.
			return repo.token.includes(':')
				? { Authorization: `Basic ${Buffer.from(repo.token).toString('base64')}` }
				: { Authorization: `Bearer ${repo.token}` };
		default:
			return undefined;
	}
}

/** Headers for a public read of the host API (GitHub wants its media type either way). */
export function publicHeaders(repo: RepoLocation): Record<string, string> | undefined {
	return authHeaders(repo) ?? (repo.kind === 'github' ? { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' } : undefined);
}

/** The page where the repository's hooks are set up. */
export function hookSettingsUrl(repo: RepoLocation, hookId?: string | number): string | null {
	if (!repo.webUrl) {
		return null;
	}
	switch (repo.kind) {
		case 'github':
			return `${repo.webUrl}/settings/hooks${hookId !== undefined ? `/${hookId}` : ''}`;
		case 'gitlab':
			return `${repo.webUrl}/-/settings/integrations/packagist/edit`;
		case 'bitbucket':
			return `${repo.webUrl}/admin/webhooks`;
		default:
			return null;
	}
}
