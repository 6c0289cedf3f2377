// LocalFacts that remember what the file system said, for the long-lived language server: a keystroke in a
// composer.json with hundreds of path and artifact repositories must not stat and list the same folders again.
// Every cached answer is guarded by an fs.watch on the folder whose change could alter it (the parent folder
// for a stat, the folder itself for a listing, the nearest existing ancestor when the parent is missing). The
// watcher is set up BEFORE the file system is asked, so a change during the question is never lost. Any event
// from a watcher drops the answers about that folder and everything below it, and the watcher itself; the next
// question asks the file system again. Watchers are bounded (inotify watches are a shared, per-user budget):
// beyond the bound, answers are simply not cached. The CLI, which validates once, uses the uncached facts.
// Limit (documented, accepted): a change behind a symlink (the target of a linked folder) is not observed.
import { watch, type FSWatcher } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { LocalFacts } from '../composerPaths/localFacts';
import { createNodeLocalFacts } from './localFacts';

export interface CachedLocalFacts extends LocalFacts {
	/** Forgets every answer (for a client's `workspace/didChangeWatchedFiles`, or tests). */
	invalidate(path?: string): void;
	/** Closes every watcher. */
	dispose(): void;
	/** How many folders are watched (tests and the bench). */
	readonly watcherCount: number;
}

type Stat = Awaited<ReturnType<LocalFacts['stat']>>;
type Listing = Awaited<ReturnType<LocalFacts['readDirectory']>>;

export const DEFAULT_MAX_WATCHERS = 256;

export function createCachedLocalFacts(options: { maxWatchers?: number; inner?: LocalFacts } = {}): CachedLocalFacts {
	const inner = options.inner ?? createNodeLocalFacts();
	const maxWatchers = options.maxWatchers ?? DEFAULT_MAX_WATCHERS;
	const stats = new Map<string, Promise<Stat>>();
	const listings = new Map<string, Promise<Listing>>();
	const watchers = new Map<string, FSWatcher>();

	const below = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);

	/** Drops what could have changed with `dir`: answers about it and below it, and the watchers below it. */
	function invalidate(dir?: string): void {
		if (dir === undefined) {
			stats.clear();
			listings.clear();
			for (const w of watchers.values()) w.close();
			watchers.clear();
			return;
		}
		for (const key of [...stats.keys()]) if (below(key, dir)) stats.delete(key);
		for (const key of [...listings.keys()]) if (below(key, dir)) listings.delete(key);
		for (const [key, w] of [...watchers]) {
			if (below(key, dir)) {
				w.close();
				watchers.delete(key);
			}
		}
	}

	/** Watches `dir` or, when it does not exist, its nearest existing ancestor; the folder watched, or undefined. */
	function ensureWatched(dir: string): string | undefined {
		for (let d = dir, depth = 0; depth < 64; depth++) {
			if (watchers.has(d)) return d;
			if (watchers.size >= maxWatchers) return undefined;
			try {
				// persistent: false — watchers must never keep the server process alive after `exit`.
				const w = watch(d, { persistent: false }, () => invalidate(d));
				w.on('error', () => invalidate(d));
				watchers.set(d, w);
				return d;
			} catch {
				const parent = dirname(d);
				if (parent === d) return undefined;
				d = parent;
			}
		}
		return undefined;
	}

	function cached<T>(cache: Map<string, Promise<T>>, key: string, watchDir: string, ask: () => Promise<T>): Promise<T> {
		const hit = cache.get(key);
		if (hit) return hit;
		if (ensureWatched(watchDir) === undefined) return ask();
		const answer = ask();
		cache.set(key, answer);
		return answer;
	}

	return {
		stat: (path) => cached(stats, path, dirname(path), () => inner.stat(path)),
		readDirectory: (path) => cached(listings, path, path, () => inner.readDirectory(path)),
		// Not cached: asked only for a text holding U+FFFD, and a save changes the answer without touching the folder's listing.
		...(inner.readFile ? { readFile: inner.readFile.bind(inner) } : {}),
		invalidate,
		dispose: () => invalidate(),
		get watcherCount() { return watchers.size; },
	};
}
