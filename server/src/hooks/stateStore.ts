// What the hooks engine remembers between runs, in one small JSON file next to the HTTP cache: when it first
// saw a tag or a branch head that Packagist lacked (`git ls-remote` gives no dates, so "missing for longer than
// the grace period" needs a first sighting), and when it triggered a manual update itself (which sets
// Packagist's sticky "auto-updated" flag, so a later marker must not count as proof of a hook). Package
// names, ref names and times only: never a credential. Best-effort: an unreadable file is an empty store.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HookStateStore {
	/** When `key` of `pkg` was first seen (recording `now` when it was not). */
	firstSeen(pkg: string, key: string, now: number): number;
	/** Forgets the first sightings of `pkg` that are not in `keep` (a ref that reached Packagist). */
	keepOnly(pkg: string, keep: Set<string>): void;
	manualUpdateAt(pkg: string): number | undefined;
	recordManualUpdate(pkg: string, at: number): void;
}

interface StateData {
	firstSeen: Record<string, Record<string, number>>;
	manualUpdates: Record<string, number>;
}

const MAX_AGE_MS = 90 * 24 * 3600 * 1000;

export class MemoryStateStore implements HookStateStore {
	protected data: StateData = { firstSeen: {}, manualUpdates: {} };

	firstSeen(pkg: string, key: string, now: number): number {
		const seen = (this.data.firstSeen[pkg] ??= {});
		if (seen[key] === undefined) {
			seen[key] = now;
			this.changed();
		}
		return seen[key];
	}

	keepOnly(pkg: string, keep: Set<string>): void {
		const seen = this.data.firstSeen[pkg];
		if (!seen) {
			return;
		}
		let dropped = false;
		for (const key of Object.keys(seen)) {
			if (!keep.has(key)) {
				delete seen[key];
				dropped = true;
			}
		}
		if (Object.keys(seen).length === 0) {
			delete this.data.firstSeen[pkg];
		}
		if (dropped) {
			this.changed();
		}
	}

	manualUpdateAt(pkg: string): number | undefined {
		return this.data.manualUpdates[pkg];
	}

	recordManualUpdate(pkg: string, at: number): void {
		this.data.manualUpdates[pkg] = at;
		this.changed();
	}

	protected changed(): void {
		// in memory only
	}
}

/** The store in `<cache root>/hooks-state.json`; entries older than 90 days are dropped on load. */
export class FileStateStore extends MemoryStateStore {
	constructor(private readonly file: string, now = Date.now()) {
		super();
		try {
			const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StateData>;
			const fresh = (t: unknown): t is number => typeof t === 'number' && now - t < MAX_AGE_MS;
			for (const [pkg, keys] of Object.entries(raw.firstSeen ?? {})) {
				const kept = Object.fromEntries(Object.entries(keys ?? {}).filter(([, t]) => fresh(t)));
				if (Object.keys(kept).length > 0) {
					this.data.firstSeen[pkg] = kept as Record<string, number>;
				}
			}
			this.data.manualUpdates = Object.fromEntries(Object.entries(raw.manualUpdates ?? {}).filter(([, t]) => fresh(t))) as Record<string, number>;
		} catch {
			// absent or unreadable: start empty
		}
	}

	protected override changed(): void {
		try {
			fs.mkdirSync(path.dirname(this.file), { recursive: true });
			const tmp = `${this.file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
			fs.writeFileSync(tmp, JSON.stringify(this.data));
			fs.renameSync(tmp, this.file);
		} catch {
			// a read-only cache folder only costs the memory of first sightings
		}
	}
}
