// The repository side of the freshness check: its tags, its default branch and that branch's head, read from
// the host's API for GitHub, GitLab and Bitbucket (which also tell when the repository was last pushed: an
// upper bound on when any of its refs arrived), else with `git ls-remote` (the safe process runner, URL checked
// first, `--` before operands). When the API cannot be used (rate limit, outage, private repository without a
// token) the same answer comes from `git ls-remote`, with a note saying why.
import * as l10n from '@vscode/l10n';
import { redact } from '../net/credentials';
import { cleanStderr, parseLsRemote } from '../resolvers/vcs/gitProcess';
import { checkVcsUrl } from '../resolvers/vcs/urlSafety';
import { apiGet, asArray, asObject, asString, describeFailure, getPages, nextLink, parseTime, type ApiAnswer } from './apiClient';
import type { HookContext } from './context';
import { publicHeaders, type RepoLocation } from './repository';

export interface RemoteTag {
	name: string;
	sha: string;
}

export interface RemoteState {
	/** `GitHub API`, `GitLab API`, `Bitbucket API` or `git ls-remote`. */
	source: string;
	defaultBranch: string | null;
	head: string | null;
	tags: RemoteTag[];
	/** Epoch ms of the last push (GitHub pushed_at, GitLab last_activity_at, Bitbucket updated_on). */
	lastPush?: number;
	/** Why the API was not used. */
	note?: string;
}

const LS_REMOTE_TIMEOUT_MS = 60_000;

class ApiFailure extends Error {
	constructor(readonly answer: Exclude<ApiAnswer, { kind: 'ok' }>) {
		super(describeFailure(answer));
	}
}

async function getOk(ctx: HookContext, url: string, headers: Record<string, string> | undefined): Promise<Extract<ApiAnswer, { kind: 'ok' }>> {
	const answer = await apiGet(ctx, url, { headers });
	if (answer.kind !== 'ok') {
		throw new ApiFailure(answer);
	}
	return answer;
}

async function allPages(
	ctx: HookContext, first: string, headers: Record<string, string> | undefined, read: (data: unknown, headers: Record<string, string>) => string | null,
): Promise<void> {
	const failure = await getPages(ctx, first, { headers }, read);
	if (failure) {
		throw new ApiFailure(failure);
	}
}

async function readGitHub(ctx: HookContext, repo: RepoLocation): Promise<RemoteState> {
	const headers = publicHeaders(repo);
	const base = `${repo.apiBase}/repos/${repo.owner}/${repo.name}`;
	const data = asObject((await getOk(ctx, base, headers)).data);
	const defaultBranch = asString(data.default_branch) ?? null;
	const tags: RemoteTag[] = [];
	await allPages(ctx, `${base}/git/matching-refs/tags?per_page=100`, headers, (page, h) => {
		for (const ref of asArray(page).map(asObject)) {
			const name = asString(ref.ref)?.replace(/^refs\/tags\//, '');
			const sha = asString(asObject(ref.object).sha);
			if (name && sha) {
				tags.push({ name, sha });
			}
		}
		return nextLink(h, base);
	});
	let head: string | null = null;
	if (defaultBranch) {
		const branch = asObject((await getOk(ctx, `${base}/branches/${encodeURIComponent(defaultBranch)}`, headers)).data);
		head = asString(asObject(branch.commit).sha) ?? null;
	}
	return { source: repo.enterprise ? 'GitHub Enterprise API' : 'GitHub API', defaultBranch, head, tags, lastPush: parseTime(data.pushed_at) };
}

async function readGitLab(ctx: HookContext, repo: RepoLocation): Promise<RemoteState> {
	const headers = publicHeaders(repo);
	const base = `${repo.apiBase}/projects/${encodeURIComponent(repo.projectPath!)}`;
	const data = asObject((await getOk(ctx, base, headers)).data);
	const defaultBranch = asString(data.default_branch) ?? null;
	const tags: RemoteTag[] = [];
	await allPages(ctx, `${base}/repository/tags?per_page=100`, headers, (page, h) => {
		for (const tag of asArray(page).map(asObject)) {
			const name = asString(tag.name);
			const sha = asString(asObject(tag.commit).id);
			if (name && sha) {
				tags.push({ name, sha });
			}
		}
		return nextLink(h, base);
	});
	let head: string | null = null;
	if (defaultBranch) {
		const branch = asObject((await getOk(ctx, `${base}/repository/branches/${encodeURIComponent(defaultBranch)}`, headers)).data);
		head = asString(asObject(branch.commit).id) ?? null;
	}
	return { source: 'GitLab API', defaultBranch, head, tags, lastPush: parseTime(data.last_activity_at) };
}

async function readBitbucket(ctx: HookContext, repo: RepoLocation): Promise<RemoteState> {
	const headers = publicHeaders(repo);
	const base = `${repo.apiBase}/repositories/${repo.owner}/${repo.name}`;
	const data = asObject((await getOk(ctx, base, headers)).data);
	const defaultBranch = asString(asObject(data.mainbranch).name) ?? null;
	const tags: RemoteTag[] = [];
	await allPages(ctx, `${base}/refs/tags?pagelen=100`, headers, (page) => {
		const p = asObject(page);
		for (const tag of asArray(p.values).map(asObject)) {
			const name = asString(tag.name);
			const sha = asString(asObject(tag.target).hash);
			if (name && sha) {
				tags.push({ name, sha });
			}
		}
		return asString(p.next) ?? null;
	});
	let head: string | null = null;
	if (defaultBranch) {
		const branch = asObject((await getOk(ctx, `${base}/refs/branches/${encodeURIComponent(defaultBranch)}`, headers)).data);
		head = asString(asObject(branch.target).hash) ?? null;
	}
	return { source: 'Bitbucket API', defaultBranch, head, tags, lastPush: parseTime(data.updated_on) };
}

/** `git ls-remote --symref -- URL HEAD refs/heads/* refs/tags/*`. */
export async function lsRemote(ctx: HookContext, url: string): Promise<RemoteState | { error: string }> {
	const unsafe = checkVcsUrl(url);
	if (unsafe) {
		return { error: unsafe.message };
	}
	const result = await ctx.processes.run({
		command: 'git',
		args: ['ls-remote', '--symref', '--', url, 'HEAD', 'refs/heads/*', 'refs/tags/*'],
		signal: ctx.signal,
		timeoutMs: LS_REMOTE_TIMEOUT_MS,
	});
	if (!result.ok) {
		return { error: redact(result.message) };
	}
	if (result.exitCode !== 0) {
		return { error: l10n.t('git ls-remote failed: {0}', redact(cleanStderr(result.stderr))) };
	}
	const refs = parseLsRemote(result.stdout.toString('utf8'));
	return {
		source: 'git ls-remote',
		defaultBranch: refs.head,
		head: refs.head ? refs.heads.get(refs.head) ?? null : null,
		tags: [...refs.tags].map(([name, sha]) => ({ name, sha })),
	};
}

export async function readRemote(ctx: HookContext, repo: RepoLocation): Promise<RemoteState | { error: string }> {
	const reader = repo.kind === 'github' ? readGitHub : repo.kind === 'gitlab' ? readGitLab : repo.kind === 'bitbucket' ? readBitbucket : undefined;
	if (!reader) {
		return lsRemote(ctx, repo.gitUrl);
	}
	try {
		return await reader(ctx, repo);
	} catch (error) {
		if (!(error instanceof ApiFailure)) {
			throw error;
		}
		if (error.answer.kind === 'failed' && error.answer.cancelled) {
			return { error: error.message };
		}
		ctx.log?.(`[hooks] ${repo.kind} API unusable for ${repo.display} (${error.message}); using git ls-remote`);
		const viaGit = await lsRemote(ctx, repo.gitUrl);
		if ('error' in viaGit) {
			return { error: l10n.t('the host API failed ({0}) and so did git ls-remote: {1}', error.message, viaGit.error) };
		}
		return { ...viaGit, note: l10n.t('the host API could not be used ({0})', error.message) };
	}
}
