// Composer's FossilDriver: a local checkout folder is read in place; anything else is `fossil clone`d into a
// repository file in the cache (pulled on later runs) and read with `-R <file>`, without opening a checkout
// (Composer opens one; reading the repository file directly gives the same answers with less I/O).
// Tags are `fossil tag list` verbatim (branch names included, as in Composer), branches `fossil branch list`,
// the root identifier is `trunk`, and each ref's composer.json comes from `fossil cat -r <name> -- composer.json`.
// FOSSIL_HOME points into the cache, so the user's global fossil settings are neither read nor changed.
// Clones and pulls use `--once`, so the URL (which may carry a password) is never remembered in the cached
// repository; every pull names it again. Offline, or when a remote cannot be reached, the cached repository
// answers alone with a warning; a local source (checkout folder or repository file) is no remote and is read
// the same way in both modes.
import { mkdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, VcsProgramDriver, type VcsDriver, type VcsDriverFactory } from './driver';
import { isLocalPath, localPath } from './gitDriver';
import { cleanStderr } from './gitProcess';
import { checkRefName, checkSecureTransport, checkVcsUrl, redactUrl } from './urlSafety';
import {
	cachePath, freshPartial, isDirectory, isFile, offlineModeReason, offlineNoCache, READ_CONCURRENCY, readAll, removePartial, runVcs, settledValue,
	staleCacheWarning, withLock, type Settled, type VcsRunOutput,
} from './vcsTools';

/** FossilDriver::supports regexes. */
const FOSSIL_HOST = /(^(?:https?|ssh):\/\/(?:[^@]@)?(?:chiselapp\.com|fossil\.))/i;
const FOSSIL_PATH = /\/fossil\/|\.fossil/;

function notFound(): string {
	return l10n.t('fossil was not found, check that it is installed and in your PATH env.');
}

function fossilEnv(ctx: ResolveContext): Record<string, string> {
	const home = cachePath(ctx, 'fossil', 'home');
	mkdirSync(home, { recursive: true });
	// A pull needs a local user name; without USER in the environment fossil stops with "cannot determine user".
	// Clones are made with that user as admin, so it exists in every cached repository.
	return { FOSSIL_HOME: home, FOSSIL_USER: 'composer-repos' };
}

export function parseFossilTags(output: string): Map<string, string> {
	const tags = new Map<string, string>();
	for (const line of output.split(/\r?\n/)) {
		if (line !== '') {
			tags.set(line, line);
		}
	}
	return tags;
}

export function parseFossilBranches(output: string): Map<string, string> {
	const branches = new Map<string, string>();
	for (const line of output.split(/\r?\n/)) {
		const name = line.trim().replace(/^\*/, '').trim();
		if (name !== '') {
			branches.set(name, name);
		}
	}
	return branches;
}

export class FossilDriver extends VcsProgramDriver implements VcsDriver {
	readonly label: string;
	protected readonly vcsType = 'fossil';
	readonly warnings: string[] = [];
	/** Checkout folder (local) used as cwd, or the cached repository file passed with -R. */
	private checkoutDir: string | null = null;
	private repoFile: string | null = null;
	private tags = new Map<string, string>();
	private branches = new Map<string, string>();
	private info = new Map<string, Settled<Record<string, unknown> | null>>();
	private env: Record<string, string> = {};

	constructor(protected readonly url: string, private readonly ctx: ResolveContext) {
		super();
		this.label = `fossil ${redactUrl(url)}`;
	}

	/** `fossil <sub> [-R <cached file>] <rest>`: against the checkout (cwd) or the cached repository file. */
	private args(sub: string[], rest: string[] = []): string[] {
		return [...sub, ...(this.repoFile === null ? [] : ['-R', this.repoFile]), ...rest];
	}

	private cwd(): string {
		return this.checkoutDir ?? path.dirname(this.repoFile as string);
	}

	async initialize(): Promise<void> {
		this.env = fossilEnv(this.ctx);
		const local = isLocalPath(this.url) ? localPath(this.url, this.ctx.baseDir) : null;
		if (local !== null && isDirectory(local)) {
			this.checkoutDir = local;
		} else {
			const insecure = checkSecureTransport(this.url, this.ctx.config);
			if (insecure) {
				throw new VcsDriverError('insecure-url', insecure.message);
			}
			this.repoFile = cachePath(this.ctx, 'fossil', this.url, '.fossil');
			// A local repository file is cloned by its absolute path (relative ones resolve against composer.json).
			await withLock(this.repoFile, () => this.syncClone(local ?? this.url, local !== null));
		}
		this.tags = parseFossilTags(await this.list(['tag', 'list']));
		this.branches = parseFossilBranches(await this.list(['branch', 'list']));
		this.info = await readAll(['trunk', ...this.branches.keys(), ...this.tags.keys()], READ_CONCURRENCY, (id) => this.readComposerJson(id));
	}

	/**
	 * Composer ignores the exit status of the listings: a folder that is no fossil checkout (which, with fossil
	 * 2.x, `fossil info` does not detect) ends as "no valid composer.json". The reason is kept as a warning.
	 */
	private async list(sub: string[]): Promise<string> {
		const out = await runVcs(this.ctx, 'fossil', this.args(sub), { cwd: this.cwd(), env: this.env, notFound: notFound() });
		if (out.exitCode !== 0) {
			this.warnings.push(l10n.t('{0} failed: {1}', `fossil ${sub.join(' ')}`, cleanStderr(out.stderr || out.stdout)));
			return '';
		}
		return out.stdout;
	}

	private async syncClone(source: string, local: boolean): Promise<void> {
		const file = this.repoFile as string;
		const cached = isFile(file);
		if (this.ctx.offline && !local) {
			if (!cached) {
				throw offlineNoCache(this.url);
			}
			this.warnings.push(staleCacheWarning(this.url, offlineModeReason()));
			return;
		}
		if (cached) {
			const reason = await this.pull(file, source);
			if (reason !== null) {
				this.warnings.push(staleCacheWarning(this.url, reason));
			}
			return;
		}
		mkdirSync(path.dirname(file), { recursive: true });
		// Clone next to the final name and rename, so an interrupted clone never looks like a usable cache.
		const partial = freshPartial(file);
		let cloned: VcsRunOutput;
		try {
			// The source (a URL that may hold a password) reaches fossil on stdin (`--args -`), never in argv.
			cloned = await runVcs(this.ctx, 'fossil', ['clone', '--once', '-A', 'composer-repos', '--', '--args', '-', partial], {
				cwd: path.dirname(file), env: this.env, notFound: notFound(), input: `${source}\n`,
			});
		} catch (e) {
			removePartial(partial);
			throw e;
		}
		if (cloned.exitCode !== 0 || !isFile(partial)) {
			removePartial(partial);
			throw new VcsDriverError('fossil-failed', l10n.t('Failed to clone {0} to repository {1}\n\n{2}', redactUrl(this.url), file, redactUrl((cloned.stderr || cloned.stdout).trim())));
		}
		renameSync(partial, file);
	}

	/** `fossil pull --once` from the explicit source; null on success, otherwise why it failed (credential-free). */
	private async pull(file: string, source: string): Promise<string | null> {
		// fossil 2.x's pull takes no `--`; the resolver refuses such URLs earlier, this keeps the driver safe alone.
		const unsafe = checkVcsUrl(source);
		if (unsafe) {
			return unsafe.message;
		}
		try {
			const pulled = await runVcs(this.ctx, 'fossil', ['pull', '--once', '-R', file, '--args', '-'], { cwd: path.dirname(file), env: this.env, notFound: notFound(), input: `${source}\n` });
			// fossil 2.x exits with 0 when it cannot reach the server and only says so on stderr.
			return pulled.exitCode === 0 && pulled.stderr.trim() === '' ? null : cleanStderr(pulled.stderr || pulled.stdout);
		} catch (e) {
			if (e instanceof VcsDriverError && e.code === 'fossil-timeout') {
				return e.message;
			}
			throw e;
		}
	}

	private async readComposerJson(name: string): Promise<Record<string, unknown> | null> {
		// Tag and branch names are user data; one that looks like an option is never put on a command line.
		if (checkRefName(name)) {
			return null;
		}
		const out = await runVcs(this.ctx, 'fossil', this.args(['cat'], ['-r', name, '--', 'composer.json']), { cwd: this.cwd(), env: this.env, notFound: notFound() });
		// Composer ignores fossil's exit status: no output means no composer.json.
		return out.exitCode === 0 ? parseComposerJson(out.stdout, name) : null;
	}

	async getRootIdentifier(): Promise<string> {
		return 'trunk';
	}

	async getBranches(): Promise<Map<string, string>> {
		return this.branches;
	}

	async getTags(): Promise<Map<string, string>> {
		return this.tags;
	}

	async getComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		const value = await settledValue(this.info, identifier, (id) => this.readComposerJson(id));
		return value === null ? null : { ...value };
	}
}

export const fossilDriverFactory: VcsDriverFactory = {
	name: 'fossil',
	async supports(url, ctx) {
		if (FOSSIL_HOST.test(url) || FOSSIL_PATH.test(url)) {
			return true;
		}
		if (!isLocalPath(url)) {
			return false;
		}
		const dir = localPath(url, ctx.baseDir);
		if (!isDirectory(dir)) {
			return false;
		}
		const r = await ctx.processes.run({ command: 'fossil', args: ['info'], cwd: dir, env: fossilEnv(ctx), signal: ctx.signal, timeoutMs: 30_000 });
		return r.ok && r.exitCode === 0;
	},
	create(url, _repoConfig, ctx) {
		return new FossilDriver(url, ctx);
	},
};
