// Composer's HgDriver: local repositories are read in place, remote ones are cloned (`--noupdate`, no working
// files) into a cache folder and pulled on later runs. Tags come from `hg tags` (without `tip`), branches
// from `hg branches` merged over `hg bookmarks` (a branch wins a name clash), the root identifier from the
// tip changeset, so the default-branch alias never applies (Repository/Vcs/HgDriver.php::getRootIdentifier).
// Every command gets `-R <absolute dir>` (never a cwd search), `--noninteractive`, a batch-mode ssh and
// HGPLAIN (set by the process runner); URLs and file names follow `--`, identifiers must be hex node ids.
// The listings and the composer.json reads each run as one command-server session (hgCommandServer.ts).
// Offline, a cached clone answers alone (with a warning), and so does it when the remote cannot be reached.
// The clone never records the URL (it may carry a password): it is made with `hg init` + `hg pull <url>`, not
// `hg clone` (which writes the source into .hg/hgrc), and every later pull names the URL again.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, VcsProgramDriver, type VcsDriver, type VcsDriverFactory } from './driver';
import { isLocalPath, localPath } from './gitDriver';
import { checkSecureTransport, redactUrl } from './urlSafety';
import { cleanStderr } from './gitProcess';
import { runHgBatch, type HgCommandResult } from './hgCommandServer';
import {
	cachePath, credentialsOutOfUrl, freshPartial, isDirectory, offlineModeReason, offlineNoCache, removePartial, runVcs, staleCacheWarning, withLock,
	type Settled,
} from './vcsTools';

/** HgDriver::supports shallow regex (Bitbucket's former hg hosting, Kiln). */
const HG_URL = /(^(?:https?|ssh):\/\/(?:[^@]+@)?bitbucket.org|https:\/\/(?:.*?)\.kilnhg.com)/i;

/**
 * Options put before every hg command. `--config` values come from us only: an ssh that never prompts (so a
 * `ui.ssh` from a hostile or unexpected config cannot wait on a password), no interaction at all.
 */
export const HG_HARDENING = ['--noninteractive', '--config', 'ui.interactive=false', '--config', 'ui.ssh=ssh -o BatchMode=yes'];

const NODE = /^[0-9a-f]{12,40}$/;

function notFound(url: string): string {
	return l10n.t('Failed to clone {0}, hg was not found, check that it is installed and in your PATH env.', redactUrl(url));
}

/**
 * Whether a URL carries a password. hg reads user:password from the URL itself (its [auth] alternative would put
 * them in a file), so such a URL reaches hg only on the command server's stdin, never in argv.
 */
function hasPassword(url: string): boolean {
	return credentialsOutOfUrl(url).url !== url;
}

/** `hg tags` / `hg branches` / `hg bookmarks` lines as Composer's expressions read them (names without spaces). */
export function parseHgTags(output: string): Map<string, string> {
	const tags = new Map<string, string>();
	for (const line of output.split(/\r?\n/)) {
		const m = /^(\S+)\s+\d+:(.*)$/.exec(line);
		if (m) {
			tags.set(m[1], m[2]);
		}
	}
	tags.delete('tip');
	return tags;
}

export function parseHgBranches(branchesOutput: string, bookmarksOutput: string): Map<string, string> {
	const branches = new Map<string, string>();
	for (const line of branchesOutput.split(/\r?\n/)) {
		const m = /^(\S+)\s+\d+:([a-f0-9]+)/.exec(line);
		if (m && !m[1].startsWith('-')) {
			branches.set(m[1], m[2]);
		}
	}
	const merged = new Map<string, string>();
	for (const line of bookmarksOutput.split(/\r?\n/)) {
		const m = parseBookmarkLine(line);
		if (m && !m[0].startsWith('-')) {
			merged.set(m[0], m[1]);
		}
	}
	// PHP's array_merge($bookmarks, $branches): bookmark order first, a branch overwrites a same-named bookmark.
	for (const [name, node] of branches) {
		merged.set(name, node);
	}
	return merged;
}

const BOOKMARK_TAIL = /\s+\d+:(.*)$/y;

/**
 * Name and node of a `hg bookmarks` line, exactly as Composer's `^(?:[\s*]*)([^\s]+)\s+\d+:(.*)$` reads it, in
 * linear time: as a regex, `*` belongs to both the prefix and the name, so a line of stars retries every split
 * (quadratic). The name is a run of non-spaces ending where the prefix-and-name reading lets the tail match; the
 * prefix is as long as possible, so the candidates are tried from the right.
 */
export function parseBookmarkLine(line: string): [string, string] | undefined {
	const isSpace = (c: string): boolean => /\s/.test(c);
	let prefixEnd = 0;
	while (prefixEnd < line.length && (line[prefixEnd] === '*' || isSpace(line[prefixEnd]))) prefixEnd++;
	let end = prefixEnd;
	while (end < line.length && !isSpace(line[end])) end++;
	let tried = -1;
	for (let start = prefixEnd; start >= 0; start--) {
		// The name starts at a non-space: the first character after the prefix, or a `*` given back from it; it
		// ends where its run of non-spaces ends (a space right after it moves that end back to it).
		const c = line[start];
		if (c === undefined || isSpace(c)) {
			end = start;
			continue;
		}
		if (end === tried) continue; // same tail as the previous candidate, which failed
		tried = end;
		BOOKMARK_TAIL.lastIndex = end;
		const m = BOOKMARK_TAIL.exec(line);
		if (m) return [line.slice(start, end), m[1]];
	}
	return undefined;
}

export class HgDriver extends VcsProgramDriver implements VcsDriver {
	readonly label: string;
	protected readonly vcsType = 'hg';
	readonly warnings: string[] = [];
	private repoDir = '';
	private tags = new Map<string, string>();
	private branches = new Map<string, string>();
	private rootIdentifier = '';
	private info = new Map<string, Settled<Record<string, unknown> | null>>();

	constructor(protected readonly url: string, private readonly ctx: ResolveContext) {
		super();
		this.label = `hg ${redactUrl(url)}`;
	}

	/** Runs commands in one hg command-server session; a listing that fails stops the repository. */
	private async batch(commands: string[][]): Promise<HgCommandResult[]> {
		return runHgBatch(this.ctx, [...HG_HARDENING, '-R', this.repoDir], commands.map((c) => [...HG_HARDENING, ...c]), { cwd: this.repoDir, notFound: notFound(this.url) });
	}

	async initialize(): Promise<void> {
		if (isLocalPath(this.url)) {
			this.repoDir = localPath(this.url, this.ctx.baseDir);
			if (!isDirectory(this.repoDir)) {
				throw new VcsDriverError('path-not-found', l10n.t('Failed to read package information from {0} as the path does not exist', redactUrl(this.url)));
			}
		} else {
			const insecure = checkSecureTransport(this.url, this.ctx.config);
			if (insecure) {
				throw new VcsDriverError('insecure-url', insecure.message);
			}
			this.repoDir = cachePath(this.ctx, 'hg', this.url);
			await withLock(this.repoDir, () => this.syncClone());
		}
		const [tags, branches, bookmarks, tip] = await this.batch([['tags'], ['branches'], ['bookmarks'], ['log', '-r', 'tip', '--template', '{node}']]);
		for (const [result, what] of [[tags, 'hg tags'], [branches, 'hg branches'], [bookmarks, 'hg bookmarks'], [tip, 'hg tip']] as const) {
			if (result.exitCode !== 0) {
				throw new VcsDriverError('hg-failed', l10n.t('{0} failed: {1}', what, cleanStderr(result.stderr || result.stdout)));
			}
		}
		this.tags = parseHgTags(tags.stdout);
		this.branches = parseHgBranches(branches.stdout, bookmarks.stdout);
		this.rootIdentifier = tip.stdout.split(/\r?\n/)[0].trim();
		await this.readComposerFiles([this.rootIdentifier, ...this.branches.values(), ...this.tags.values()]);
	}

	/**
	 * Every ref's composer.json in one session. Identifiers come from hg's own listings; anything that is not a node
	 * id could be a revset, so it is never run.
	 */
	private async readComposerFiles(identifiers: string[]): Promise<void> {
		const ids = [...new Set(identifiers)].filter((id) => !this.info.has(id));
		for (const id of ids.filter((i) => !NODE.test(i))) {
			this.info.set(id, id.startsWith('-')
				? { ok: false, error: new VcsDriverError('invalid-identifier', l10n.t('Invalid hg identifier detected. Identifier must not start with a -, given: {0}', id)) }
				: { ok: true, value: null });
		}
		const nodes = ids.filter((i) => NODE.test(i));
		const results = await this.batch(nodes.map((id) => ['cat', '-r', id, '--', 'path:composer.json']));
		nodes.forEach((id, i) => {
			// Composer ignores hg's exit status: no output means no composer.json.
			try {
				this.info.set(id, { ok: true, value: results[i].exitCode === 0 ? parseComposerJson(results[i].stdout, id) : null });
			} catch (error) {
				this.info.set(id, { ok: false, error });
			}
		});
	}

	private async syncClone(): Promise<void> {
		const hasClone = isDirectory(path.join(this.repoDir, '.hg'));
		if (hasClone) {
			// Clones made by `hg clone` in earlier versions kept the source URL (credentials included) there.
			rmSync(path.join(this.repoDir, '.hg', 'hgrc'), { force: true });
		}
		if (this.ctx.offline) {
			if (!hasClone) {
				throw offlineNoCache(this.url);
			}
			this.warnings.push(staleCacheWarning(this.url, offlineModeReason()));
			return;
		}
		if (hasClone) {
			const reason = await this.pull(this.repoDir);
			if (reason !== null) {
				this.warnings.push(staleCacheWarning(this.url, reason));
			}
			return;
		}
		mkdirSync(path.dirname(this.repoDir), { recursive: true });
		// Built next to the final name and renamed, so an interrupted clone never looks like a usable cache.
		const partial = freshPartial(this.repoDir);
		let reason: string | null;
		try {
			const init = await runVcs(this.ctx, 'hg', [...HG_HARDENING, 'init', '--', partial], { notFound: notFound(this.url), cwd: path.dirname(this.repoDir) });
			reason = init.exitCode !== 0 ? init.stderr.trim() : await this.pull(partial);
		} catch (e) {
			removePartial(partial);
			throw e;
		}
		if (reason !== null) {
			removePartial(partial);
			throw new VcsDriverError('hg-failed', l10n.t('Failed to clone {0}, \n\n{1}', redactUrl(this.url), redactUrl(reason)));
		}
		rmSync(this.repoDir, { recursive: true, force: true });
		renameSync(partial, this.repoDir);
	}

	/** `hg pull` from the explicit URL into `dir`; null on success, otherwise why it failed (credential-free). */
	private async pull(dir: string): Promise<string | null> {
		try {
			const [pulled] = await runHgBatch(this.ctx, [...HG_HARDENING, '-R', dir], [[...HG_HARDENING, 'pull', '--quiet', '--', this.url]], {
				cwd: dir, notFound: notFound(this.url), secret: hasPassword(this.url),
			});
			return pulled.exitCode === 0 ? null : cleanStderr(pulled.stderr || pulled.stdout);
		} catch (e) {
			// A timeout is an unreachable remote too; a missing hg or a cancellation is not worth a stale answer.
			if (e instanceof VcsDriverError && e.code === 'hg-timeout') {
				return e.message;
			}
			throw e;
		}
	}

	async getRootIdentifier(): Promise<string> {
		return this.rootIdentifier;
	}

	async getBranches(): Promise<Map<string, string>> {
		return this.branches;
	}

	async getTags(): Promise<Map<string, string>> {
		return this.tags;
	}

	async getComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		if (!this.info.has(identifier)) {
			await this.readComposerFiles([identifier]);
		}
		const entry = this.info.get(identifier);
		if (entry && !entry.ok) {
			throw entry.error;
		}
		return entry?.ok && entry.value ? { ...entry.value } : null;
	}
}

export const hgDriverFactory: VcsDriverFactory = {
	name: 'hg',
	async supports(url, ctx, deep) {
		if (HG_URL.test(url)) {
			return true;
		}
		if (isLocalPath(url)) {
			const dir = localPath(url, ctx.baseDir);
			if (!isDirectory(dir)) {
				return false;
			}
			const r = await ctx.processes.run({ command: 'hg', args: [...HG_HARDENING, 'summary'], cwd: dir, signal: ctx.signal, timeoutMs: 30_000 });
			if (r.ok && r.exitCode === 0) {
				return true;
			}
		}
		if (!deep || checkSecureTransport(url, ctx.config)) {
			return false;
		}
		// Offline, a cached clone of this URL is the proof that it is an hg repository; online it also stands in
		// when the remote cannot be reached (the driver then serves it with a warning).
		const cloned = isDirectory(path.join(cachePath(ctx, 'hg', url), '.hg'));
		if (ctx.offline) {
			return cloned;
		}
		let identified = false;
		try {
			// From the temporary folder: hg reads the configuration of a repository it is started in, and the
			// project folder could be one.
			const [r] = await runHgBatch(ctx, HG_HARDENING, [[...HG_HARDENING, 'identify', '--', url]], { cwd: tmpdir(), notFound: notFound(url), secret: hasPassword(url) });
			identified = r.exitCode === 0;
		} catch {
			// hg missing or not answering: not an hg repository as far as we can tell.
		}
		return identified || cloned;
	},
	create(url, _repoConfig, ctx) {
		return new HgDriver(url, ctx);
	},
};
