// Composer's GitHubDriver over the REST API (`/repos/{o}/{r}`, `/tags`, `/git/refs/heads`, `/contents/composer.json`)
// at a configurable base URL: ctx.apiBaseUrls.github for github.com, `<host>/api/v3` for GitHub Enterprise hosts
// listed in `github-domains`. Falls back to the git driver as described in hostApi.ts.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriverFactory, type VcsSource } from './driver';
import { HostApiDriver, apiBase, apiGet, asArray, asObject, decodeJson, isNotFound, nextPageLink } from './hostApi';
import { redactUrl } from './urlSafety';

const GITHUB_URL = /^(?:(?:https?|git):\/\/([^/]+)\/|git@([^:]+):\/?)([^/]+)\/([^/]+?)(?:\.git|\/)?$/;

export class GitHubDriver extends HostApiDriver {
	readonly label: string;
	private owner = '';
	private repository = '';
	private originUrl = '';
	private rootIdentifier = 'master';
	private isPrivate = false;
	private tags: Map<string, string> | null = null;
	private branches: Map<string, string> | null = null;

	constructor(url: string, repoConfig: Record<string, unknown>, ctx: ResolveContext) {
		super(url, repoConfig, ctx);
		this.label = `github ${redactUrl(url)}`;
	}

	protected override noApi(): boolean {
		return this.ctx.config.useGithubApi === false || Boolean(this.repoConfig['no-api']);
	}

	override async initialize(): Promise<void> {
		const m = GITHUB_URL.exec(this.url);
		if (!m) {
			throw new VcsDriverError('invalid-url', l10n.t('The GitHub repository URL {0} is invalid.', redactUrl(this.url)));
		}
		this.owner = m[3];
		this.repository = m[4];
		this.originUrl = (m[1] ?? m[2]).toLowerCase();
		if (this.originUrl === 'www.github.com') {
			this.originUrl = 'github.com';
		}
		await super.initialize();
	}

	private apiUrl(): string {
		if (this.originUrl === 'github.com') {
			return apiBase(this.ctx.apiBaseUrls.github, '');
		}
		// Composer always uses https for Enterprise hosts; an explicit http:// repository URL keeps http
		// (then subject to secure-http in the HTTP layer), which also lets tests run on loopback.
		const scheme = /^http:\/\//i.test(this.url) ? 'http' : 'https';
		return `${scheme}://${this.originUrl}/api/v3`;
	}

	private repoPath(): string {
		return `${this.apiUrl()}/repos/${this.owner}/${this.repository}`;
	}

	protected fallbackUrl(): string {
		// Composer clones the ssh form (git@host:o/r.git) here, which needs keys; the URL as written works
		// for public repositories and for https credential helpers, without prompting.
		return this.url;
	}

	protected async apiInitialize(): Promise<void> {
		const url = this.repoPath();
		const data = asObject(decodeJson(await apiGet(this.ctx, url), url));
		const owner = asObject(data.owner).login;
		if (typeof owner === 'string' && typeof data.name === 'string') {
			// Renamed/transferred repositories: the API answers with the current owner and name.
			this.owner = owner;
			this.repository = data.name;
		}
		this.isPrivate = Boolean(data.private);
		const branch = typeof data.default_branch === 'string' ? data.default_branch : typeof data.master_branch === 'string' ? data.master_branch : 'master';
		this.rootIdentifier = branch;
	}

	protected apiRootIdentifier(): string {
		return this.rootIdentifier;
	}

	private async paginate(first: string, each: (item: Record<string, unknown>) => void): Promise<void> {
		let url: string | null = first;
		const seen = new Set<string>();
		while (url && !seen.has(url)) {
			seen.add(url);
			const response = await apiGet(this.ctx, url);
			for (const item of asArray(decodeJson(response, url))) {
				each(asObject(item));
			}
			url = nextPageLink(response.headers, first);
		}
	}

	protected async apiTags(): Promise<Map<string, string>> {
		if (!this.tags) {
			const tags = new Map<string, string>();
			await this.paginate(`${this.repoPath()}/tags?per_page=100`, (tag) => {
				const sha = asObject(tag.commit).sha;
				if (typeof tag.name === 'string' && typeof sha === 'string') {
					tags.set(tag.name, sha);
				}
			});
			this.tags = tags;
		}
		return this.tags;
	}

	protected async apiBranches(): Promise<Map<string, string>> {
		if (!this.branches) {
			const branches = new Map<string, string>();
			await this.paginate(`${this.repoPath()}/git/refs/heads?per_page=100`, (ref) => {
				const sha = asObject(ref.object).sha;
				if (typeof ref.ref === 'string' && typeof sha === 'string') {
					const name = ref.ref.slice('refs/heads/'.length);
					if (name !== 'gh-pages') {
						branches.set(name, sha);
					}
				}
			});
			this.branches = branches;
		}
		return this.branches;
	}

	protected async apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		const url = `${this.repoPath()}/contents/composer.json?ref=${encodeURIComponent(identifier)}`;
		let resource: Record<string, unknown>;
		try {
			resource = asObject(decodeJson(await apiGet(this.ctx, url), url));
			// Files over 1 MB come back without content; the blob API still has them.
			if ((resource.content === undefined || resource.content === '') && resource.encoding === 'none' && typeof resource.git_url === 'string') {
				resource = asObject(decodeJson(await apiGet(this.ctx, resource.git_url), resource.git_url));
			}
		} catch (e) {
			if (isNotFound(e)) {
				return null;
			}
			throw e;
		}
		if (typeof resource.content !== 'string' || resource.encoding !== 'base64') {
			throw new VcsDriverError('invalid-api-response', l10n.t('Could not retrieve {0} for {1}', 'composer.json', identifier));
		}
		return parseComposerJson(Buffer.from(resource.content, 'base64'), identifier);
	}

	protected apiSource(identifier: string): VcsSource {
		const url = this.isPrivate
			? (this.originUrl.includes(':') ? `ssh://git@${this.originUrl}/${this.owner}/${this.repository}.git` : `git@${this.originUrl}:${this.owner}/${this.repository}.git`)
			: `https://${this.originUrl}/${this.owner}/${this.repository}.git`;
		return { type: 'git', url, reference: identifier };
	}

	protected apiDist(identifier: string): { type: string; url: string; reference: string } {
		return { type: 'zip', url: `${this.repoPath()}/zipball/${identifier}`, reference: identifier };
	}
}

export const githubDriverFactory: VcsDriverFactory = {
	name: 'github',
	async supports(url, ctx) {
		const m = GITHUB_URL.exec(url);
		if (!m) {
			return false;
		}
		const origin = (m[1] ?? m[2]).replace(/^www\./i, '').toLowerCase();
		return ctx.config.githubDomains.includes(origin);
	},
	create(url, repoConfig, ctx) {
		return new GitHubDriver(url, repoConfig, ctx);
	},
};
