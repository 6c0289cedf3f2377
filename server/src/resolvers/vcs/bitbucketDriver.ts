// Composer's GitBitbucketDriver over the Bitbucket Cloud 2.0 API (`/repositories/{o}/{r}`, `/refs/tags`,
// `/refs/branches`, `/src/{ref}/composer.json`) at ctx.apiBaseUrls.bitbucket. Only `http(s)://bitbucket.org/o/r`
// URLs are accepted (Composer's exact rule); others go to the git driver.
import * as l10n from '@vscode/l10n';
import { BITBUCKET_URL } from '../../composer/vcsHostUrls';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriverFactory, type VcsSource } from './driver';
import { HostApiDriver, apiBase, apiGet, apiGetIfFound, asArray, asObject, decodeJson, paginate, sameOrigin } from './hostApi';
import { redactUrl } from './urlSafety';

export class BitbucketDriver extends HostApiDriver {
	protected readonly kind = 'bitbucket';
	private owner = '';
	private repository = '';
	private rootIdentifier = 'master';
	private cloneHttpsUrl = '';
	private vcsType = 'git';

	override async initialize(): Promise<void> {
		const m = BITBUCKET_URL.exec(this.url);
		if (!m) {
			throw new VcsDriverError('invalid-url', l10n.t('The Bitbucket repository URL {0} is invalid. It must be the HTTPS URL of a Bitbucket repository.', redactUrl(this.url)));
		}
		this.owner = m[1];
		this.repository = m[2];
		await super.initialize();
	}

	private repoPath(): string {
		return `${apiBase(this.ctx.apiBaseUrls.bitbucket, '/2.0')}/2.0/repositories/${this.owner}/${this.repository}`;
	}

	protected fallbackUrl(): string {
		// Composer clones git@bitbucket.org:o/r.git (needs ssh keys); the https form works for public repositories.
		return `https://bitbucket.org/${this.owner}/${this.repository}.git`;
	}

	protected async apiInitialize(): Promise<void> {
		const url = `${this.repoPath()}?fields=-project,-owner`;
		const data = asObject(decodeJson(await apiGet(this.ctx, url), url));
		for (const link of asArray(asObject(data.links).clone).map(asObject)) {
			if (link.name === 'https' && typeof link.href === 'string') {
				this.cloneHttpsUrl = link.href.replace(/^https:\/\/([^@/]+@)?/, 'https://');
			}
		}
		this.vcsType = typeof data.scm === 'string' ? data.scm : 'git';
		if (this.vcsType !== 'git') {
			throw new VcsDriverError('not-git', l10n.t('{0} does not appear to be a git repository, use {1} but remember that Bitbucket no longer supports the mercurial repositories. https://bitbucket.org/blog/sunsetting-mercurial-support-in-bitbucket', redactUrl(this.url), this.cloneHttpsUrl));
		}
		const name = asObject(data.mainbranch).name;
		this.rootIdentifier = typeof name === 'string' ? name : 'master';
	}

	protected apiRootIdentifier(): string {
		return this.rootIdentifier;
	}

	protected async apiRefs(kind: 'tags' | 'branches'): Promise<Map<string, string>> {
		const fields = kind === 'tags' ? 'values.name,values.target.hash,next' : 'values.name,values.target.hash,values.heads,next';
		const first = `${this.repoPath()}/refs/${kind}?pagelen=100&fields=${encodeURIComponent(fields)}&sort=-target.date`;
		const refs = new Map<string, string>();
		await paginate(this.ctx, first, (page) => {
			const data = asObject(page);
			for (const item of asArray(data.values).map(asObject)) {
				const hash = asObject(item.target).hash;
				if (typeof item.name === 'string' && typeof hash === 'string') {
					refs.set(item.name, hash);
				}
			}
			// `next` comes from the server: follow it only on the API's own origin.
			return typeof data.next === 'string' && data.next !== '' && sameOrigin(data.next, first) ? data.next : null;
		});
		return refs;
	}

	protected async apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		let ref = identifier;
		if (ref.includes('/')) {
			ref = (await this.getBranches()).get(ref) ?? ref;
		}
		const response = await apiGetIfFound(this.ctx, `${this.repoPath()}/src/${ref}/composer.json`, '*/*');
		return response && parseComposerJson(response.body, identifier);
	}

	protected apiSource(identifier: string): VcsSource {
		return { type: this.vcsType, url: this.cloneHttpsUrl || this.fallbackUrl(), reference: identifier };
	}

	protected apiDist(identifier: string): { type: string; url: string; reference: string } {
		return { type: 'zip', url: `https://bitbucket.org/${this.owner}/${this.repository}/get/${identifier}.zip`, reference: identifier };
	}
}

export const bitbucketDriverFactory: VcsDriverFactory = {
	name: 'bitbucket',
	async supports(url) {
		return BITBUCKET_URL.test(url);
	},
	create(url, repoConfig, ctx) {
		return new BitbucketDriver(url, repoConfig, ctx);
	},
};
