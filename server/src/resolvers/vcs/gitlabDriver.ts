// Composer's GitLabDriver over API v4 (`/projects/:id`, `/repository/tags`, `/repository/branches`,
// `/repository/files/composer.json/raw`). gitlab.com uses ctx.apiBaseUrls.gitlab; self-hosted instances
// listed in `gitlab-domains` (with port or sub-path) use their own origin, as Composer does.
import * as l10n from '@vscode/l10n';
import { matchGitLabUrl, parseGitLabUrl } from '../../composer/vcsHostUrls';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriverFactory, type VcsSource } from './driver';
import { HostApiDriver, apiBase, apiGet, apiGetIfFound, asArray, asObject, decodeJson, nextPageLink, paginate } from './hostApi';
import { redactUrl } from './urlSafety';

/** GitLabDriver::urlEncodeAll: everything but ASCII letters, digits, `-` and `_` is percent-encoded. */
function encodeAll(s: string): string {
	return Array.from(Buffer.from(s, 'utf8'))
		.map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0')))
		.join('');
}

export class GitLabDriver extends HostApiDriver {
	protected readonly kind = 'gitlab';
	private scheme = 'https';
	private origin = '';
	private namespace = '';
	private repository = '';
	private project: Record<string, unknown> = {};
	private isPrivate = true;

	override async initialize(): Promise<void> {
		if (matchGitLabUrl(this.url) === null) {
			throw new VcsDriverError('invalid-url', l10n.t('The GitLab repository URL {0} is invalid. It must be the HTTP URL of a GitLab project.', redactUrl(this.url)));
		}
		const parsed = parseGitLabUrl(this.url, this.ctx.config.gitlabDomains);
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

	protected async apiRefs(type: 'tags' | 'branches'): Promise<Map<string, string>> {
		const perPage = 100;
		const first = `${this.apiUrl()}/repository/${type}?per_page=${perPage}`;
		const refs = new Map<string, string>();
		await paginate(this.ctx, first, (page, response) => {
			const data = asArray(page);
			for (const item of data.map(asObject)) {
				const id = asObject(item.commit).id;
				if (typeof item.name === 'string' && typeof id === 'string') {
					refs.set(item.name, id);
				}
			}
			return data.length >= perPage ? nextPageLink(response.headers, first) : null;
		});
		return refs;
	}

	protected async apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		let ref = identifier;
		if (!/[a-f0-9]{40}/i.test(ref)) {
			ref = (await this.getBranches()).get(ref) ?? ref;
		}
		const response = await apiGetIfFound(this.ctx, `${this.apiUrl()}/repository/files/composer.json/raw?ref=${encodeURIComponent(ref)}`, '*/*');
		return response && parseComposerJson(response.body, identifier);
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
