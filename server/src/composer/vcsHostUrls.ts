// Which URLs Composer's GitHub, GitLab and Bitbucket drivers accept (their supports()/constructor patterns), in
// one place: the drivers use them to pick and parse a repository, the editor's diagnostics to warn before
// Composer fails, and the two must never disagree. Pure: no I/O, no messages.

/** GitHubDriver: groups 1/2 are the host (URL or git@ form), 3 the owner, 4 the repository. */
export const GITHUB_URL = /^(?:(?:https?|git):\/\/([^/]+)\/|git@([^:]+):\/?)([^/]+)\/([^/]+?)(?:\.git|\/)?$/;
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
	const g = matchGitLabUrl(url);
	if (g === null) {
		return null;
	}
	const parts = g.parts.split('/');
	const origin = determineOrigin(domains, g.domain, parts, g.port);
	return origin === false ? null : { scheme: g.scheme, origin, parts, repo: g.repo };
}

/** The groups of GitLabDriver's URL pattern; `scheme` is undefined for the `git@host:` form. */
export interface GitLabUrlGroups {
	scheme: string | undefined;
	domain: string;
	port: string | undefined;
	parts: string;
	repo: string;
}

/** What JavaScript's `.` does not match. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * GitLabDriver's pattern `#^(?:(?P<scheme>https?)://(?P<domain>.+?)(?::(?P<port>[0-9]+))?/|git@(?P<domain2>[^:]+):)
 * (?P<parts>.+)/(?P<repo>[^/]+?)(?:\.git|/)?$#`, read in one pass. Written as a JavaScript regex its lazy domain and
 * greedy parts try every pair of slashes (quadratic: 0.35 s for a 10,000-character URL); yet each group has only one
 * possible place. The repository is the last path segment (the one before a trailing `/`), minus a `.git` suffix;
 * the domain ends at the first `/` (a `:digits` just before it is the port); parts are what lies between.
 */
export function matchGitLabUrl(url: string): GitLabUrlGroups | null {
	let scheme: string | undefined;
	let start: number;
	if (url.startsWith('https://') || url.startsWith('http://')) {
		scheme = url[4] === 's' ? 'https' : 'http';
		start = scheme.length + 3;
	} else if (url.startsWith('git@')) {
		start = 4;
	} else {
		return null;
	}
	// The repository: one non-empty segment, then `.git`, `/` or nothing.
	const trailingSlash = url.endsWith('/');
	const body = trailingSlash ? url.slice(0, -1) : url;
	const split = body.lastIndexOf('/');
	let repo = body.slice(split + 1);
	if (split < 0 || repo === '') {
		return null;
	}
	if (!trailingSlash && repo.length > 4 && repo.endsWith('.git')) {
		repo = repo.slice(0, -4);
	}
	let domain: string;
	let port: string | undefined;
	let partsStart: number;
	if (scheme !== undefined) {
		// The lazy domain takes at least one character and stops at the first `/` after it.
		const slash = url.indexOf('/', start + 1);
		if (slash < 0) {
			return null;
		}
		domain = url.slice(start, slash);
		const colon = domain.lastIndexOf(':');
		if (colon > 0 && colon < domain.length - 1 && /^[0-9]+$/.test(domain.slice(colon + 1))) {
			port = domain.slice(colon + 1);
			domain = domain.slice(0, colon);
		}
		partsStart = slash + 1;
		// `.` in the domain and in the parts: no line terminator anywhere before the repository.
		if (LINE_TERMINATOR.test(url.slice(start, split))) {
			return null;
		}
	} else {
		// `[^:]+` then `:`: everything up to the first colon, line terminators included.
		const colon = url.indexOf(':', start);
		if (colon <= start) {
			return null;
		}
		domain = url.slice(start, colon);
		partsStart = colon + 1;
		if (LINE_TERMINATOR.test(url.slice(partsStart, split))) {
			return null;
		}
	}
	if (split <= partsStart) {
		return null;
	}
	return { scheme, domain, port, parts: url.slice(partsStart, split), repo };
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
