// Composer's GitLabDriver over API v4 (`/projects/:id`, `/repository/tags`, `/repository/branches`,
// `/repository/files/composer.json/raw`). gitlab.com uses ctx.apiBaseUrls.gitlab; self-hosted instances
// listed in `gitlab-domains` (with port or sub-path) use their own origin, as Composer does.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriverFactory, type VcsSource } from './driver';
import { HostApiDriver, apiBase, apiGet, asArray, asObject, decodeJson, isNotFound, nextPageLink } from './hostApi';
import { redactUrl } from './urlSafety';

const GITLAB_URL = /^(?:(?<scheme>https?):\/\/(?<domain>.+?)(?::(?<port>[0-9]+))?\/|git@(?<domain2>[^:]+):)(?<parts>.+)\/(?<repo>[^/]+?)(?:\.git|\/)?$/;

interface ParsedGitLabUrl {
	scheme: string | undefined;
	origin: string;
	/** Path segments left after the origin took the ones that belong to an instance under a sub-path. */
	parts: string[];
	repo: string;
}

/** GitLabDriver::determineOrigin: the configured domain (with port or leading path segments) the URL belongs to. */
function determineOrigin(domains: string[], guessed: string, parts: string[], port: string | undefined): string | false {
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

export function parseGitLabUrl(url: string, domains: string[]): ParsedGitLabUrl | null {
	const m = GITLAB_URL.exec(url);
	if (!m?.groups) {
		return null;
	}
	const g = m.groups;
	const parts = g.parts.split('/');
	const origin = determineOrigin(domains, g.domain ?? g.domain2, parts, g.port);
	return origin === false ? null : { scheme: g.scheme, origin, parts, repo: g.repo };
}

/** GitLabDriver::urlEncodeAll: everything but ASCII letters, digits, `-` and `_` is percent-encoded. */
function encodeAll(s: string): string {
	return Array.from(Buffer.from(s, 'utf8'))
		.map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0')))
		.join('');
}

export class GitLabDriver extends HostApiDriver {
	readonly label: string;
	private scheme = 'https';
	private origin = '';
	private namespace = '';
	private repository = '';
	private project: Record<string, unknown> = {};
	private isPrivate = true;
	private tags: Map<string, string> | null = null;
	private branches: Map<string, string> | null = null;

	constructor(url: string, repoConfig: Record<string, unknown>, ctx: ResolveContext) {
		super(url, repoConfig, ctx);
		this.label = `gitlab ${redactUrl(url)}`;
	}

	protected override noApi(): boolean {
		return Boolean(this.repoConfig['no-api']);
	}

	override async initialize(): Promise<void> {
		const parsed = GITLAB_URL.test(this.url) ? parseGitLabUrl(this.url, this.ctx.config.gitlabDomains) : null;
		if (!GITLAB_URL.test(this.url)) {
			throw new VcsDriverError('invalid-url', l10n.t('The GitLab repository URL {0} is invalid. It must be the HTTP URL of a GitLab project.', redactUrl(this.url)));
		}
		if (!parsed) {
			// Composer: a LogicException, only reachable with an explicit `type: gitlab` on an unlisted host.
			throw new VcsDriverError('invalid-url', l10n.t('It should not be possible to create a gitlab driver with an unparsable origin URL ({0})', redactUrl(this.url)));
		}
		this.scheme = parsed.scheme ?? (this.repoConfig['secure-http'] === false ? 'http' : 'https');
		this.origin = parsed.origin;
		this.namespace = parsed.parts.join('/');
		this.repository = parsed.repo.replace(/\.git$/, '');
		await super.initialize();
	}

	private apiUrl(): string {
		const root = this.origin === 'gitlab.com' ? apiBase(this.ctx.apiBaseUrls.gitlab, '/api/v4') : `${this.scheme}://${this.origin}`;
		return `${root}/api/v4/projects/${encodeAll(this.namespace)}%2F${encodeAll(this.repository)}`;
	}

	protected fallbackUrl(): string {
		if (/^https?:\/\//i.test(this.url)) {
			return `${this.scheme}://${this.origin}/${this.namespace}/${this.repository}.git`;
		}
		return this.url;
	}

	protected async apiInitialize(): Promise<void> {
		const url = this.apiUrl();
		const project = asObject(decodeJson(await apiGet(this.ctx, url), url));
		this.isPrivate = typeof project.visibility === 'string' ? project.visibility !== 'public' : false;
		if (typeof project.default_branch !== 'string') {
			if (project.repository_access_level === 'disabled') {
				throw new VcsDriverError('repository-disabled', l10n.t('The GitLab repository is disabled in the project'), { status: 400 });
			}
			throw new VcsDriverError('http-status', l10n.t('GitLab API seems to not be authenticated as it did not return a default_branch'), { status: 401 });
		}
		this.project = project;
	}

	protected apiRootIdentifier(): string {
		return this.project.default_branch as string;
	}

	private async references(type: 'tags' | 'branches'): Promise<Map<string, string>> {
		const perPage = 100;
		const first = `${this.apiUrl()}/repository/${type}?per_page=${perPage}`;
		const refs = new Map<string, string>();
		let url: string | null = first;
		const seen = new Set<string>();
		while (url && !seen.has(url)) {
			seen.add(url);
			const response = await apiGet(this.ctx, url);
			const data = asArray(decodeJson(response, url));
			for (const item of data.map(asObject)) {
				const id = asObject(item.commit).id;
				if (typeof item.name === 'string' && typeof id === 'string') {
					refs.set(item.name, id);
				}
			}
			url = data.length >= perPage ? nextPageLink(response.headers, first) : null;
		}
		return refs;
	}

	protected async apiTags(): Promise<Map<string, string>> {
		this.tags ??= await this.references('tags');
		return this.tags;
	}

	protected async apiBranches(): Promise<Map<string, string>> {
		this.branches ??= await this.references('branches');
		return this.branches;
	}

	protected async apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		let ref = identifier;
		if (!/[a-f0-9]{40}/i.test(ref)) {
			ref = (await this.apiBranches()).get(ref) ?? ref;
		}
		const url = `${this.apiUrl()}/repository/files/composer.json/raw?ref=${encodeURIComponent(ref)}`;
		try {
			return parseComposerJson((await apiGet(this.ctx, url, '*/*')).body, identifier);
		} catch (e) {
			if (isNotFound(e)) {
				return null;
			}
			throw e;
		}
	}

	protected apiSource(identifier: string): VcsSource {
		const key = this.isPrivate ? 'ssh_url_to_repo' : 'http_url_to_repo';
		const url = typeof this.project[key] === 'string' ? (this.project[key] as string) : this.fallbackUrl();
		return { type: 'git', url, reference: identifier };
	}

	protected apiDist(identifier: string): { type: string; url: string; reference: string } {
		return { type: 'zip', url: `${this.apiUrl()}/repository/archive.zip?sha=${identifier}`, reference: identifier };
	}
}

export const gitlabDriverFactory: VcsDriverFactory = {
	name: 'gitlab',
	async supports(url, ctx) {
		return parseGitLabUrl(url, ctx.config.gitlabDomains) !== null;
	},
	create(url, repoConfig, ctx) {
		return new GitLabDriver(url, repoConfig, ctx);
	},
};
