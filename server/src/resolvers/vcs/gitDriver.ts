// Composer's GitDriver, done the cheapest honest way: one `git ls-remote --symref` for the default branch,
// branches and tags; for remote URLs one shallow blob-less fetch of exactly those refs into a bare cache
// repository plus one fetch of the composer.json blobs; then one `git cat-file --batch` for all trees and
// one for all composer.json files. Local repositories are read in place (Composer does not mirror them).
// The mirror keeps the `ls-remote` listing it was last completed for: when a new listing is identical the
// fetch is skipped (warm runs), and offline or when the remote cannot be reached the mirror answers alone,
// with a warning that the data may be out of date.
// The mirror never stores the URL (it may hold a user name and password): every command that talks to the
// remote gets it with `-c remote.origin.url=…`, and the mirror's own config has no `url` at all. A password is
// never on git's command line either: it is taken out of the URL and given to git by an askpass helper.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, VcsProgramDriver, type VcsDriver, type VcsDriverFactory } from './driver';
import { credentialOptions, findTreeEntry, parseCatFileBatch, parseLsRemote, runGit, type GitRunOptions, type RemoteRefs } from './gitProcess';
import { checkSecureTransport, redactUrl } from './urlSafety';
import { cacheEntryName, credentialsOutOfUrl, offlineModeReason, offlineNoCache, staleCacheWarning, vcsCacheRoot, withLock, type UrlCredentials } from './vcsTools';

/** Filesystem::isLocalPath (non-Windows flavour plus drive letters). */
export function isLocalPath(url: string): boolean {
	return /^(file:\/\/|\/|\/?[a-z]:[\\/]|\.\.[\\/]|[a-z0-9_.-]+[\\/])/i.test(url);
}

/** Filesystem::getPlatformPath plus resolution against the composer.json folder. */
export function localPath(url: string, baseDir: string): string {
	const p = url.replace(/^file:\/\//, '');
	return path.resolve(baseDir, p);
}

function isDirectory(p: string): boolean {
	try {
		return statSync(p).isDirectory();
	} catch {
		return false;
	}
}

/** GitDriver::supports shallow regex. */
const GIT_URL = /(^git:\/\/|\.git\/?$|git(?:olite)?@|\/\/git\.|\/\/github.com\/)/i;

/** File inside a mirror holding the `ls-remote --symref` output the mirror is complete for. */
const LISTING_FILE = 'composer-repos-listing';
/**
 * Reading a mirror without the network: a partial clone would fetch a missing object from its promisor remote
 * on demand, so the remote is pointed at a path that cannot exist for those reads.
 */
const NO_REMOTE = ['-c', 'remote.origin.url=/nonexistent/composer-repos-offline'];

/** Folder of the bare mirror of a remote URL under the resolver cache folder (directly under it, unlike other kinds). */
export function mirrorFolder(url: string, ctx: ResolveContext): string {
	return path.join(vcsCacheRoot(ctx), `${cacheEntryName(url)}.git`);
}

/**
 * Mirrors made before URLs were kept out of them stored `remote.origin.url` (credentials included); one git
 * call removes it. Cheap check first: most mirrors have no such line.
 */
async function scrubStoredUrl(ctx: ResolveContext, dir: string): Promise<void> {
	let config: string;
	try {
		config = readFileSync(path.join(dir, 'config'), 'utf8');
	} catch {
		return;
	}
	if (/^\s*url\s*=/m.test(config)) {
		await runGit(ctx, ['config', '--unset-all', 'remote.origin.url'], { cwd: dir, okCodes: [0, 5] });
	}
}

/** The listing a mirror is complete for, or undefined when there is no complete mirror. */
export function readMirrorListing(dir: string): string | undefined {
	try {
		return readFileSync(path.join(dir, LISTING_FILE), 'utf8');
	} catch {
		return undefined;
	}
}

export class GitDriver extends VcsProgramDriver implements VcsDriver {
	readonly label: string;
	protected readonly vcsType = 'git';
	protected url: string;
	private repoDir = '';
	/** The mirror was fetched blob-less, so composer.json blobs must be fetched before reading them. */
	private partial = false;
	/** repoDir is a cache mirror of a remote (not a local repository read in place). */
	private mirror = false;
	private refs: RemoteRefs = { head: null, heads: new Map(), tags: new Map() };
	private rootIdentifier = 'master';
	/** Commit id -> composer.json data (null = none) or the error reading it. */
	private readonly info = new Map<string, Record<string, unknown> | null | VcsDriverError>();
	/** Set when the answer comes from the mirror alone (offline, or the remote failed). */
	private cachedOnly = false;
	/** The remote as it goes on git's command line (no password), and the credentials taken out of it. */
	private remoteUrl = '';
	private credentials: UrlCredentials | undefined;
	readonly warnings: string[] = [];

	constructor(url: string, private readonly ctx: ResolveContext) {
		super();
		this.url = url;
		this.label = `git ${redactUrl(url)}`;
	}

	async initialize(): Promise<void> {
		if (isLocalPath(this.url)) {
			this.url = this.url.replace(/[\\/]\.git\/?$/, '');
			const dir = localPath(this.url, this.ctx.baseDir);
			if (!isDirectory(dir)) {
				throw new VcsDriverError('path-not-found', l10n.t('Failed to read package information from {0} as the path does not exist', redactUrl(this.url)));
			}
			this.repoDir = dir;
			await this.readLocalRefs();
		} else {
			const insecure = checkSecureTransport(this.url, this.ctx.config);
			if (insecure) {
				throw new VcsDriverError('insecure-url', insecure.message);
			}
			if (/^ssh:\/\/[^@]+@[^:]+:[^0-9]+/.test(this.url)) {
				throw new VcsDriverError('invalid-url', l10n.t('The source URL {0} is invalid, ssh URLs should have a port number after ":".\nUse ssh://git@example.com:22/path or just git@example.com:path if you do not want to provide a password or custom port.', redactUrl(this.url)));
			}
			({ url: this.remoteUrl, credentials: this.credentials } = credentialsOutOfUrl(this.url));
			this.repoDir = mirrorFolder(this.url, this.ctx);
			this.mirror = true;
			await withLock(this.repoDir, () => this.readRemote());
			return;
		}
		this.dropIgnoredBranches();
		await this.readComposerFiles([...new Set([...this.refs.heads.values(), ...this.refs.tags.values()])]);
	}

	private dropIgnoredBranches(): void {
		// Composer ignores branch names that start with "-" and remote `*/HEAD` entries.
		for (const name of [...this.refs.heads.keys()]) {
			if (name.startsWith('-') || /^[^/]+\/HEAD$/.test(name)) {
				this.refs.heads.delete(name);
			}
		}
	}

	private useListing(listing: string): void {
		this.refs = parseLsRemote(listing);
		this.rootIdentifier = this.refs.head ?? 'master';
		this.dropIgnoredBranches();
	}

	/** Answers from the mirror alone, saying why and that the data may be out of date. */
	private useMirrorOnly(listing: string, reason: string): void {
		this.useListing(listing);
		this.cachedOnly = true;
		this.warnings.push(staleCacheWarning(this.url, reason));
	}

	/**
	 * Global options that give git the remote's URL for one command (it is never written to the mirror); a password
	 * is not part of it, git gets that over GIT_ASKPASS (runGitRemote).
	 */
	private remote(): string[] {
		return this.cachedOnly ? NO_REMOTE : [...credentialOptions(this.credentials), '-c', `remote.origin.url=${this.remoteUrl}`];
	}

	/** runGit for a command that may reach the remote: with the credentials of the URL, if it had any. */
	private runGitRemote(args: string[], options: GitRunOptions = {}): Promise<Buffer> {
		return runGit(this.ctx, args, { ...options, credentials: this.cachedOnly ? undefined : this.credentials });
	}

	/** A remote: list refs, then bring the mirror up to date unless the listing is the one it is complete for. */
	private async readRemote(): Promise<void> {
		const saved = readMirrorListing(this.repoDir);
		if (this.ctx.offline) {
			if (saved === undefined) {
				throw offlineNoCache(this.url);
			}
			this.useMirrorOnly(saved, offlineModeReason());
		} else {
			await scrubStoredUrl(this.ctx, this.repoDir);
			let listing: string;
			try {
				listing = (await this.runGitRemote([...credentialOptions(this.credentials), 'ls-remote', '--symref', '--', this.remoteUrl])).toString('utf8');
			} catch (e) {
				const code = e instanceof VcsDriverError ? e.code : '';
				if (saved === undefined || code === 'git-cancelled' || code === 'git-not-found') {
					throw e;
				}
				this.useMirrorOnly(saved, (e as Error).message);
				await this.readCommits();
				return;
			}
			this.useListing(listing);
			if (saved === listing) {
				this.ctx.log?.(`[vcs] ${this.label}: refs unchanged since the last fetch, mirror reused`);
			} else {
				rmSync(path.join(this.repoDir, LISTING_FILE), { force: true });
				await this.syncMirror();
				if (await this.readCommits()) {
					writeFileSync(path.join(this.repoDir, LISTING_FILE), listing);
				}
				return;
			}
		}
		await this.readCommits();
	}

	private readCommits(): Promise<boolean> {
		return this.readComposerFiles([...new Set([...this.refs.heads.values(), ...this.refs.tags.values()])]);
	}

	private async readLocalRefs(): Promise<void> {
		const listing = await runGit(this.ctx, ['show-ref', '--dereference'], { cwd: this.repoDir, okCodes: [0, 1] });
		this.refs = parseLsRemote(listing.toString('utf8').replace(/^([0-9a-f]+) /gm, '$1\t'));
		const head = await runGit(this.ctx, ['symbolic-ref', '-q', 'HEAD'], { cwd: this.repoDir, okCodes: [0, 1] });
		const branch = /^refs\/heads\/(\S+)/.exec(head.toString('utf8').trim())?.[1];
		// Composer takes the starred entry of `git branch`; on a detached HEAD that entry is "(HEAD detached …)",
		// whose first word matches no branch, so no branch becomes the default.
		this.rootIdentifier = branch ?? (this.refs.heads.has('master') ? 'master' : '(HEAD');
	}

	private async syncMirror(): Promise<void> {
		await runGit(this.ctx, ['init', '--bare', '--quiet', '--', this.repoDir]);
		const specs = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
		const common = ['fetch', '--no-tags', '--no-write-fetch-head', '--quiet', '--no-recurse-submodules'];
		try {
			// Only the tip commits and their trees: enough to find every ref's composer.json blob.
			await this.runGitRemote([...this.remote(), ...common, '--depth=1', '--filter=blob:none', 'origin', ...specs], { cwd: this.repoDir });
			this.partial = true;
		} catch (e) {
			this.ctx.log?.(`[vcs] shallow partial fetch of ${redactUrl(this.url)} failed (${(e as Error).message}); fetching in full`);
			// Servers without shallow/filter support (dumb HTTP, old daemons). Start from a fresh folder: the
			// failed attempt may have left a promisor setup that would make git chase missing objects forever.
			rmSync(this.repoDir, { recursive: true, force: true });
			await runGit(this.ctx, ['init', '--bare', '--quiet', '--', this.repoDir]);
			await this.runGitRemote([...this.remote(), ...common, 'origin', ...specs], { cwd: this.repoDir });
		}
	}

	/**
	 * Reads the composer.json of each commit: trees in one batch, then missing blobs in one fetch, then blobs in
	 * one batch. True when every tree and blob was there (the mirror is complete for these commits).
	 */
	private async readComposerFiles(commits: string[]): Promise<boolean> {
		if (commits.length === 0) {
			return true;
		}
		// Local repositories are read in place and have no remote; a mirror gets its URL only on the command line.
		const local = this.mirror ? this.remote() : [];
		const treeRequests = commits.map((c) => `${c}^{tree}`);
		const trees = parseCatFileBatch(await this.runGitRemote([...local, 'cat-file', '--batch'], { cwd: this.repoDir, input: treeRequests.join('\n') + '\n' }), treeRequests);
		let complete = trees.length === commits.length && trees.every((t) => t.type === 'tree');
		const blobOf = new Map<string, string | null>();
		trees.forEach((tree, i) => {
			const oidBytes = commits[i].length / 2;
			blobOf.set(commits[i], tree.type === 'tree' && tree.content ? findTreeEntry(tree.content, 'composer.json', oidBytes) : null);
		});
		const blobs = [...new Set([...blobOf.values()].filter((b): b is string => b !== null))];
		if (this.partial && blobs.length > 0) {
			try {
				await this.runGitRemote([...this.remote(), '-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--no-tags', '--no-write-fetch-head', '--quiet', 'origin', ...blobs], { cwd: this.repoDir });
			} catch (e) {
				// Objects are then fetched lazily one by one by cat-file (partial clone promisor remote).
				this.ctx.log?.(`[vcs] batch blob fetch failed for ${redactUrl(this.url)}: ${(e as Error).message}`);
			}
		}
		const contents = new Map<string, Buffer | null>();
		if (blobs.length > 0) {
			const out = await this.runGitRemote([...local, 'cat-file', '--batch'], { cwd: this.repoDir, input: blobs.join('\n') + '\n' });
			for (const obj of parseCatFileBatch(out, blobs)) {
				contents.set(obj.request, obj.type === 'blob' ? obj.content : null);
				complete &&= obj.type === 'blob';
			}
			complete &&= contents.size === blobs.length;
		}
		for (const commit of commits) {
			const blob = blobOf.get(commit);
			const content = blob ? contents.get(blob) ?? null : null;
			try {
				this.info.set(commit, content === null ? null : parseComposerJson(content, commit));
			} catch (e) {
				this.info.set(commit, e as VcsDriverError);
			}
		}
		return complete;
	}

	async getRootIdentifier(): Promise<string> {
		return this.rootIdentifier;
	}

	async getBranches(): Promise<Map<string, string>> {
		return this.refs.heads;
	}

	async getTags(): Promise<Map<string, string>> {
		return this.refs.tags;
	}

	async getComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		if (identifier.startsWith('-')) {
			throw new VcsDriverError('invalid-identifier', l10n.t('Invalid git identifier detected. Identifier must not start with a -, given: {0}', identifier));
		}
		const commit = this.refs.heads.get(identifier) ?? identifier;
		if (!this.info.has(commit)) {
			if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(commit)) {
				return null;
			}
			await this.readComposerFiles([commit]);
		}
		const value = this.info.get(commit) ?? null;
		if (value instanceof VcsDriverError) {
			throw value;
		}
		return value === null ? null : { ...value };
	}
}

export const gitDriverFactory: VcsDriverFactory = {
	name: 'git',
	async supports(url, ctx, deep) {
		if (GIT_URL.test(url)) {
			return true;
		}
		if (isLocalPath(url)) {
			const dir = localPath(url, ctx.baseDir);
			if (isDirectory(dir)) {
				const r = await ctx.processes.run({ command: 'git', args: ['rev-parse', '--git-dir'], cwd: dir, signal: ctx.signal, timeoutMs: 30_000 });
				if (r.ok && r.exitCode === 0) {
					return true;
				}
			}
		}
		if (!deep || checkSecureTransport(url, ctx.config)) {
			return false;
		}
		// Offline, a complete mirror of this URL is the proof that it is a git repository; online it also
		// stands in when the remote cannot be reached (the driver then serves it with a warning).
		const mirrored = readMirrorListing(mirrorFolder(url, ctx)) !== undefined;
		if (ctx.offline) {
			return mirrored;
		}
		const remote = credentialsOutOfUrl(url);
		const r = await ctx.processes.run({
			command: 'git', args: [...credentialOptions(remote.credentials), 'ls-remote', '--heads', '--', remote.url], signal: ctx.signal, timeoutMs: 60_000, askPass: remote.credentials,
		});
		return (r.ok && r.exitCode === 0) || mirrored;
	},
	create(url, _repoConfig, ctx) {
		return new GitDriver(url, ctx);
	},
};
