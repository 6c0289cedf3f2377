// What the GitHub/GitLab/Bitbucket drivers share: JSON GETs through the HttpClient port with HTTP errors
// as VcsDriverError (carrying the status, which VcsRepository uses to decide "fatal" vs "no composer.json"),
// Link-header pagination, and the switch to the git driver when the API cannot be used.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { VcsDriverError, type VcsDriver, type VcsSource } from './driver';
import { GitDriver } from './gitDriver';
import { redactUrl } from './urlSafety';
import { staleCacheWarning } from './vcsTools';

export interface ApiResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

const API_TIMEOUT_MS = 30_000;

/** Driver errors that git could not do better on. */
const NO_FALLBACK = new Set(['git-fallback-disabled', 'repository-disabled', 'not-git']);

export async function apiGet(ctx: ResolveContext, url: string, accept = 'application/json'): Promise<ApiResponse> {
	const result = await ctx.http.request({
		url,
		headers: { Accept: accept, ...ctx.credentials.headersFor(url) },
		signal: ctx.signal,
		timeoutMs: API_TIMEOUT_MS,
		cache: true,
		offline: ctx.offline,
		secureHttp: ctx.config.secureHttp,
	});
	if (!result.ok) {
		throw new VcsDriverError(`http-${result.code}`, result.message);
	}
	if (result.status < 200 || result.status >= 300) {
		throw new VcsDriverError('http-status', l10n.t('The "{0}" file could not be downloaded ({1})', redactUrl(url), `HTTP ${result.status}`), { status: result.status });
	}
	return { status: result.status, headers: result.headers, body: result.body };
}

/** apiGet, with a 404 as null: how every driver asks for a composer.json that a ref may not have. */
export async function apiGetIfFound(ctx: ResolveContext, url: string, accept?: string): Promise<ApiResponse | null> {
	try {
		return await apiGet(ctx, url, accept);
	} catch (e) {
		if (isNotFound(e)) {
			return null;
		}
		throw e;
	}
}

/**
 * GETs `first` and the pages after it; `readPage` takes each decoded page and returns the next URL or null.
 * Each URL is fetched once, so a server whose `next` links loop cannot keep us here.
 */
export async function paginate(ctx: ResolveContext, first: string, readPage: (data: unknown, response: ApiResponse) => string | null): Promise<void> {
	let url: string | null = first;
	const seen = new Set<string>();
	while (url && !seen.has(url)) {
		seen.add(url);
		const response = await apiGet(ctx, url);
		url = readPage(decodeJson(response, url), response);
	}
}

export function decodeJson(response: ApiResponse, url: string): unknown {
	try {
		return JSON.parse(response.body.toString('utf8'));
	} catch {
		throw new VcsDriverError('invalid-api-response', l10n.t('{0} did not return valid JSON.', redactUrl(url)));
	}
}

/** `Link: <…>; rel="next"`, only when it stays on the API's own origin. */
export function nextPageLink(headers: Record<string, string>, sameOriginAs: string): string | null {
	const header = headers['link'] ?? headers['Link'];
	if (!header) {
		return null;
	}
	for (const part of header.split(',')) {
		const m = /<(.+?)>; *rel="next"/.exec(part);
		if (m) {
			return sameOrigin(m[1], sameOriginAs) ? m[1] : null;
		}
	}
	return null;
}

export function sameOrigin(a: string, b: string): boolean {
	try {
		return new URL(a).origin === new URL(b).origin;
	} catch {
		return false;
	}
}

/** A configured API base without its trailing slash and without a version suffix the driver adds itself. */
export function apiBase(configured: string, versionSuffix: string): string {
	let base = configured.replace(/\/+$/, '');
	if (versionSuffix !== '' && base.endsWith(versionSuffix)) {
		base = base.slice(0, -versionSuffix.length);
	}
	return base;
}

function isNotFound(e: unknown): boolean {
	return e instanceof VcsDriverError && e.transport?.status === 404;
}

export function asObject(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/**
 * Base for API drivers: every call goes to the git driver once `useGit` ran (Composer's `gitDriver` field).
 * Subclasses implement the `api*` methods.
 */
export abstract class HostApiDriver implements VcsDriver {
	readonly warnings: string[] = [];
	protected git: GitDriver | null = null;
	protected readonly ctx: ResolveContext;
	/** Why an API answer came from the HTTP cache instead of the network (offline, outage), once known. */
	private staleReason: string | undefined;
	private tags: Map<string, string> | null = null;
	private branches: Map<string, string> | null = null;

	constructor(protected readonly url: string, protected readonly repoConfig: Record<string, unknown>, ctx: ResolveContext) {
		// Every API call goes through this client, so a stale cached answer is noticed wherever it happens.
		this.ctx = {
			...ctx,
			http: {
				request: async (req) => {
					const r = await ctx.http.request(req);
					if (r.ok && r.fromCache === 'stale' && this.staleReason === undefined) {
						this.staleReason = r.staleReason ?? l10n.t('network unavailable');
						this.warnings.push(staleCacheWarning(this.url, this.staleReason));
					}
					return r;
				},
			},
		};
	}

	/** The driver's name in labels and messages (`github`, `gitlab`, `bitbucket`). */
	protected abstract readonly kind: string;

	get label(): string {
		return `${this.kind} ${redactUrl(this.url)}`;
	}

	protected abstract apiInitialize(): Promise<void>;
	protected abstract apiRootIdentifier(): string;
	/** Ref name -> commit, read through the host's API (tags or branches). */
	protected abstract apiRefs(kind: 'tags' | 'branches'): Promise<Map<string, string>>;
	protected abstract apiComposerInformation(identifier: string): Promise<Record<string, unknown> | null>;
	protected abstract apiSource(identifier: string): VcsSource;
	protected abstract apiDist(identifier: string): { type: string; url: string; reference: string } | null;
	/** The URL git should use when the API cannot be used. */
	protected abstract fallbackUrl(): string;

	/** `allow-git-fallback: false` (Composer 2.9.3+) forbids reading the repository with git instead. */
	protected get allowGitFallback(): boolean {
		return this.repoConfig['allow-git-fallback'] !== false;
	}

	protected async useGit(url: string, reason?: VcsDriverError): Promise<void> {
		if (!this.allowGitFallback) {
			throw new VcsDriverError('git-fallback-disabled', reason ? `${l10n.t('Fallback to git driver disabled')}: ${reason.message}` : l10n.t('Fallback to git driver disabled'), reason?.transport);
		}
		const git = new GitDriver(url, this.ctx);
		// When git fails too, initialize() reports both failures as the error: no warning may claim a git read.
		await git.initialize();
		if (reason) {
			this.warnings.push(l10n.t('{0}: the API could not be used ({1}); the repository was read with git from {2} instead.', this.label, reason.message, redactUrl(url)));
		}
		this.warnings.push(...git.warnings);
		this.git = git;
	}

	/** `no-api: true` (GitHub adds `use-github-api: false`): read with git from the URL as written. */
	protected noApi(): boolean {
		return Boolean(this.repoConfig['no-api']);
	}

	async initialize(): Promise<void> {
		if (this.noApi()) {
			await this.useGit(this.url);
			return;
		}
		try {
			await this.apiInitialize();
		} catch (e) {
			if (!(e instanceof VcsDriverError) || NO_FALLBACK.has(e.code)) {
				throw e;
			}
			// Composer falls back to git (non-interactively) when the repository data call fails; we do so for
			// every failure of that call, so an outage or a rate limit still gives an answer.
			try {
				await this.useGit(this.fallbackUrl(), e);
			} catch (gitError) {
				if (gitError instanceof VcsDriverError && gitError.code !== 'git-fallback-disabled') {
					throw new VcsDriverError(gitError.code, l10n.t('{0} (the API had failed first: {1})', gitError.message, e.message), e.transport);
				}
				throw gitError;
			}
		}
	}

	async getRootIdentifier(): Promise<string> {
		return this.git ? this.git.getRootIdentifier() : this.apiRootIdentifier();
	}

	/** The API's branch list is fetched once per driver (composer.json lookups by branch name reuse it). */
	async getBranches(): Promise<Map<string, string>> {
		if (this.git) {
			return this.git.getBranches();
		}
		this.branches ??= await this.apiRefs('branches');
		return this.branches;
	}

	async getTags(): Promise<Map<string, string>> {
		if (this.git) {
			return this.git.getTags();
		}
		this.tags ??= await this.apiRefs('tags');
		return this.tags;
	}

	async getComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		return this.git ? this.git.getComposerInformation(identifier) : this.apiComposerInformation(identifier);
	}

	getSource(identifier: string): VcsSource {
		return this.git ? this.git.getSource(identifier) : this.apiSource(identifier);
	}

	getDist(identifier: string): { type: string; url: string; reference: string } | null {
		return this.git ? this.git.getDist() : this.apiDist(identifier);
	}
}
