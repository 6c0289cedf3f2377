// Which URLs Composer's GitHub, GitLab and Bitbucket drivers accept (their supports()/constructor patterns), in
// one place: the drivers use them to pick and parse a repository, the editor's diagnostics to warn before
// Composer fails, and the two must never disagree. Pure: no I/O, no messages.

/** GitHubDriver: groups 1/2 are the host (URL or git@ form), 3 the owner, 4 the repository. */
export const GITHUB_URL = /^(?:(?:https?|git):\/\/([^/]+)\/|git@([^:]+):\/?)([^/]+)\/([^/]+?)(?:\.git|\/)?$/;
export const GITLAB_URL = /^(?:(?<scheme>https?):\/\/(?<domain>.+?)(?::(?<port>[0-9]+))?\/|git@(?<domain2>[^:]+):)(?<parts>.+)\/(?<repo>[^/]+?)(?:\.git|\/)?$/;
/** GitBitbucketDriver: only bitbucket.org itself; groups 1 and 2 are owner and repository. */
export const BITBUCKET_URL = /^https?:\/\/bitbucket\.org\/([^/]+)\/([^/]+?)(?:\.git|\/?)?$/i;

/** The GitHub host a URL names (lower case, `www.` dropped, port kept), compared by Composer with github-domains. */
export function githubOrigin(url: string): string | null {
	const m = GITHUB_URL.exec(url);
	return m ? (m[1] ?? m[2]).replace(/^www\./i, '').toLowerCase() : null;
}

export interface ParsedGitLabUrl {
	scheme: string | undefined;
	origin: string;
	/** Path segments left after the origin took the ones that belong to an instance under a sub-path. */
	parts: string[];
	repo: string;
}

/** GitLabDriver::determineOrigin: the configured domain (with port or leading path segments) the URL belongs to. */
function determineOrigin(domains: readonly string[], guessed: string, parts: string[], port: string | undefined): string | false {
	let domain = guessed.toLowerCase();
	if (domains.includes(domain) || (port !== undefined && domains.includes(`${domain}:${port}`))) {
		return port !== undefined ? `${domain}:${port}` : domain;
	}
	if (port !== undefined) {
		domain += `:${port}`;
	}
	while (parts.length > 0) {
		domain += '/' + parts.shift();
		if (domains.includes(domain) || (port !== undefined && domains.includes(domain.replace(/:\d+/, '')))) {
			return domain;
		}
	}
	return false;
}

/** A GitLab project URL on one of `domains` (gitlab-domains), or null when the URL does not match or the host is not listed. */
export function parseGitLabUrl(url: string, domains: readonly string[]): ParsedGitLabUrl | null {
	const m = GITLAB_URL.exec(url);
	if (!m?.groups) {
		return null;
	}
	const g = m.groups;
	const parts = g.parts.split('/');
	const origin = determineOrigin(domains, g.domain ?? g.domain2, parts, g.port);
	return origin === false ? null : { scheme: g.scheme, origin, parts, repo: g.repo };
}

export type HostDriver = 'github' | 'gitlab' | 'bitbucket';

/**
 * The host-specific driver whose supports() claims `url`, asked in VcsRepository's order (GitHubDriver: a host in
 * github-domains; GitLabDriver: a host in gitlab-domains; GitBitbucketDriver: bitbucket.org), or undefined.
 */
export function hostDriverFor(url: string, domains: { githubDomains: readonly string[]; gitlabDomains: readonly string[] }): HostDriver | undefined {
	const github = githubOrigin(url);
	if (github !== null && domains.githubDomains.includes(github)) return 'github';
	if (parseGitLabUrl(url, domains.gitlabDomains) !== null) return 'gitlab';
	if (BITBUCKET_URL.test(url)) return 'bitbucket';
	return undefined;
}
