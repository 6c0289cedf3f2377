// Small shared pieces of the svn/hg/fossil/perforce drivers: running a VCS program through the
// ProcessRunner port (argument arrays only, a timeout, failures turned into VcsDriverError values with a
// per-tool "not installed" message), a cache folder per URL, a per-folder lock, and a bounded-concurrency
// prefetch so that every ref's composer.json is read in parallel instead of one process after another.
import { createHash } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { VcsDriverError } from './driver';
import { redactUrl } from './urlSafety';

const VCS_TIMEOUT_MS = 300_000;
/** Two cores are common; more parallel Python (hg) processes only queue up. */
export const READ_CONCURRENCY = 4;

export interface VcsRunOptions {
	cwd?: string;
	env?: Record<string, string>;
	/** Written to stdin (e.g. a password for `--password-from-stdin`, which then never shows on a command line). */
	input?: string;
	/** Message used when the program is missing (Composer's wording per tool). */
	notFound: string;
}

export interface VcsRunOutput {
	exitCode: number;
	stdout: string;
	stderr: string;
}

/** Runs `command args` once; spawn failures, timeouts and cancellation are thrown as VcsDriverError, exit codes are returned. */
export async function runVcs(ctx: ResolveContext, command: string, args: string[], options: VcsRunOptions): Promise<VcsRunOutput> {
	const result = await ctx.processes.run({
		command, args, cwd: options.cwd, env: options.env, input: options.input, signal: ctx.signal, timeoutMs: VCS_TIMEOUT_MS,
	});
	if (!result.ok) {
		if (result.code === 'not-found') {
			throw new VcsDriverError(`${command}-not-found`, options.notFound);
		}
		throw new VcsDriverError(`${command}-${result.code}`, redactUrl(result.message));
	}
	return { exitCode: result.exitCode, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
}

export function isDirectory(p: string): boolean {
	try {
		return statSync(p).isDirectory();
	} catch {
		return false;
	}
}

export function isFile(p: string): boolean {
	try {
		return statSync(p).isFile();
	} catch {
		return false;
	}
}

/**
 * The URL without its user-info (user name, password or token). This is the only form of a remote URL that
 * may be written into the cache, be it as a file name, a hash input or a file's content.
 */
export function withoutCredentials(url: string): string {
	return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}

/** What a remote URL carries in its user-info, taken out of it (see credentialsOutOfUrl). */
export interface UrlCredentials {
	username: string;
	password: string;
	/** `scheme://host[:port]`: the only origin the credentials are given to. */
	origin: string;
}

function decodeUserinfo(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

/**
 * The URL to put on a VCS program's command line, and the credentials taken out of it. A password never stays in
 * the URL (argv is readable by every local user); for http(s) the user name and password are returned (decoded, as
 * git reads them) for the program to get another way; for other schemes (ssh, where only keys work
 * non-interactively) the password is simply dropped. A URL with a user name alone is left as it is.
 */
export function credentialsOutOfUrl(url: string): { url: string; credentials?: UrlCredentials } {
	const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)/.exec(url);
	if (!m) {
		return { url };
	}
	const authority = m[2];
	const at = authority.lastIndexOf('@');
	const colon = at < 0 ? -1 : authority.indexOf(':');
	if (colon < 0 || colon > at) {
		return { url };
	}
	const host = authority.slice(at + 1);
	const rest = url.slice(m[0].length);
	const scheme = m[1].slice(0, -3).toLowerCase();
	if (scheme !== 'http' && scheme !== 'https') {
		return { url: `${m[1]}${authority.slice(0, colon)}@${host}${rest}` };
	}
	return {
		url: `${m[1]}${host}${rest}`,
		credentials: { username: decodeUserinfo(authority.slice(0, colon)), password: decodeUserinfo(authority.slice(colon + 1, at)), origin: `${m[1]}${host}` },
	};
}

/** A cache entry name for a URL: readable prefix plus a hash, both of the credential-free URL. */
export function cacheEntryName(url: string): string {
	const clean = withoutCredentials(url);
	const safe = clean.replace(/[^a-z0-9.]/gi, '-').slice(0, 80);
	const hash = createHash('sha256').update(clean).digest('hex').slice(0, 12);
	return `${safe}-${hash}`;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: it exists, it is just not ours.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The partial clone of `target` this process builds (`<target>.<pid>.partial`), after removing what cancelled runs
 * left: partial clones (and their SQLite `-journal` files) of processes that no longer exist, or of this one.
 */
export function freshPartial(target: string): string {
	const dir = path.dirname(target);
	const prefix = `${path.basename(target)}.`;
	let names: string[] = [];
	try {
		names = readdirSync(dir);
	} catch {
		// No folder yet: nothing was left in it.
	}
	for (const name of names) {
		const m = /^(\d+)\.partial(?:-journal)?$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
		if (m && (Number(m[1]) === process.pid || !isAlive(Number(m[1])))) {
			rmSync(path.join(dir, name), { recursive: true, force: true });
		}
	}
	return `${target}.${process.pid}.partial`;
}

/** Removes a partial clone and the journal SQLite may have left beside it. */
export function removePartial(partial: string): void {
	rmSync(partial, { recursive: true, force: true });
	rmSync(`${partial}-journal`, { force: true });
}

/** The folder every VCS driver keeps its clones and listings in. */
export function vcsCacheRoot(ctx: ResolveContext): string {
	return path.join(ctx.cacheDir ?? path.join(tmpdir(), 'composer-repos-cache'), 'vcs');
}

/** A stable folder/file name for a URL under the cache (never holding the credentials). */
export function cachePath(ctx: ResolveContext, kind: string, url: string, suffix = ''): string {
	return path.join(vcsCacheRoot(ctx), kind, `${cacheEntryName(url)}${suffix}`);
}

/** The warning every driver gives when it answers from its cache alone (the git driver's wording). */
export function staleCacheWarning(url: string, reason: string): string {
	return l10n.t('{0} could not be fully loaded ({1}), package information was loaded from the local cache and may be out of date', redactUrl(url), reason);
}

export function offlineModeReason(): string {
	return l10n.t('offline mode');
}

/** `--offline` and nothing cached for this URL. */
export function offlineNoCache(url: string): VcsDriverError {
	return new VcsDriverError('offline', l10n.t('Offline and no cached copy of {0}.', redactUrl(url)));
}

const locks = new Map<string, Promise<unknown>>();

/** Serialises work on one cache entry inside this process (two resolutions of one URL share a clone). */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const previous = locks.get(key) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(fn);
	locks.set(key, next);
	try {
		return await next;
	} finally {
		if (locks.get(key) === next) {
			locks.delete(key);
		}
	}
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `read` for every key with at most `limit` at a time and returns the settled results. Results are
 * stored settled (not as rejected promises) so a failure that nobody asks for never becomes an unhandled rejection.
 */
export async function readAll<T>(keys: string[], limit: number, read: (key: string) => Promise<T>): Promise<Map<string, Settled<T>>> {
	const out = new Map<string, Settled<T>>();
	const queue = [...new Set(keys)];
	const worker = async () => {
		for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
			try {
				out.set(key, { ok: true, value: await read(key) });
			} catch (error) {
				out.set(key, { ok: false, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
	return out;
}

/** The result of readAll for one key, thrown again if it failed; `fallback` reads keys that were not prefetched. */
export async function settledValue<T>(cache: Map<string, Settled<T>>, key: string, fallback: (key: string) => Promise<T>): Promise<T> {
	let entry = cache.get(key);
	if (entry === undefined) {
		try {
			entry = { ok: true, value: await fallback(key) };
		} catch (error) {
			entry = { ok: false, error };
		}
		cache.set(key, entry);
	}
	if (!entry.ok) {
		throw entry.error;
	}
	return entry.value;
}

/** PHP's string conversion of a scalar config value (`true` → "1"); `false` stays false, null/undefined → undefined. */
export function phpConfigString(value: unknown): string | false | undefined {
	if (value === undefined || value === null) {
		return undefined;
	}
	if (value === false) {
		return false;
	}
	if (value === true) {
		return '1';
	}
	return typeof value === 'string' || typeof value === 'number' ? String(value) : 'Array';
}
