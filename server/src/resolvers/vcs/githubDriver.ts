// Composer's GitHubDriver over the REST API (`/repos/{o}/{r}`, `/tags`, `/git/refs/heads`, `/contents/composer.json`)
// at a configurable base URL: ctx.apiBaseUrls.github for github.com, `<host>/api/v3` for GitHub Enterprise hosts
// listed in `github-domains`. Falls back to the git driver as described in hostApi.ts.
import * as l10n from '@vscode/l10n';
import { GITHUB_URL, githubOrigin } from '../../composer/vcsHostUrls';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriverFactory, type VcsSource } from './driver';
import { HostApiDriver, apiBase, apiGet, apiGetIfFound, asArray, asObject, decodeJson, nextPageLink, paginate } from './hostApi';
import { redactUrl } from './urlSafety';

export class GitHubDriver extends HostApiDriver {
	protected readonly kind = 'github';
	private owner = '';
	private repository = '';
	private originUrl = '';
	private rootIdentifier = 'master';
	private isPrivate = false;

	protected override noApi(): boolean {
		return this.ctx.config.useGithubApi === false || super.noApi();
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

	/** GitHub lists are arrays paged with Link headers. */
	private async eachListed(first: string, each: (item: Record<string, unknown>) => void): Promise<void> {
		await paginate(this.ctx, first, (page, response) => {
			asArray(page).map(asObject).forEach(each);
			return nextPageLink(response.headers, first);
		});
	}

	protected apiRefs(kind: 'tags' | 'branches'): Promise<Map<string, string>> {
		return kind === 'tags' ? this.listTags() : this.listBranches();
	}

	private async listTags(): Promise<Map<string, string>> {
		const tags = new Map<string, string>();
		await this.eachListed(`${this.repoPath()}/tags?per_page=100`, (tag) => {
			const sha = asObject(tag.commit).sha;
			if (typeof tag.name === 'string' && typeof sha === 'string') {
				tags.set(tag.name, sha);
			}
		});
		return tags;
	}

	private async listBranches(): Promise<Map<string, string>> {
		const branches = new Map<string, string>();
		await this.eachListed(`${this.repoPath()}/git/refs/heads?per_page=100`, (ref) => {
			const sha = asObject(ref.object).sha;
			if (typeof ref.ref === 'string' && typeof sha === 'string') {
				const name = ref.ref.slice('refs/heads/'.length);
				if (name !== 'gh-pages') {
					branches.set(name, sha);
				}
			}
		});
		return branches;
	}

	protected async apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		const url = `${this.repoPath()}/contents/composer.json?ref=${encodeURIComponent(identifier)}`;
		const response = await apiGetIfFound(this.ctx, url);
		if (!response) {
			return null;
		}
		let resource = asObject(decodeJson(response, url));
		// Files over 1 MB come back without content; the blob API still has them.
		if ((resource.content === undefined || resource.content === '') && resource.encoding === 'none' && typeof resource.git_url === 'string') {
			const blob = await apiGetIfFound(this.ctx, resource.git_url);
			if (!blob) {
				return null;
			}
			resource = asObject(decodeJson(blob, resource.git_url));
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
		const origin = githubOrigin(url);
		return origin !== null && ctx.config.githubDomains.includes(origin);
	},
	create(url, repoConfig, ctx) {
		return new GitHubDriver(url, repoConfig, ctx);
	},
};
