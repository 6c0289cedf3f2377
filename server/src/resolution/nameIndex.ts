// The package names a repository lists, kept compact: packagist.org's list has some 400,000 names, and an
// array of that many strings costs several times their bytes in object headers. Here the names are lower-cased,
// sorted, de-duplicated and joined into ONE string (one byte per character for ASCII names) with a Uint32Array
// of start offsets. A prefix search is a binary search; a "contains" search scans the one string with indexOf,
// stopping once it has enough candidates, so a keystroke costs milliseconds even over the whole list.

/** How well a name matches a query; lower is better. */
export const MatchRank = {
	Exact: 0,
	/** The whole name starts with the query (`mono` → `monolog/monolog`). */
	Prefix: 1,
	/** The package part starts with it (`log` → `psr/log`). */
	NamePrefix: 2,
	/** A word inside starts with it (after `-`, `_`, `.`). */
	WordPrefix: 3,
	Contains: 4,
} as const;
export type MatchRank = typeof MatchRank[keyof typeof MatchRank];

export interface RankedName {
	readonly name: string;
	readonly rank: MatchRank;
}

/** Candidates a contains-scan collects before it stops (a one-letter query would otherwise match everything). */
const MAX_SCAN_CANDIDATES = 2000;
const SEPARATOR = '\n';

export class NameIndex {
	/** The last contains-scan, reused while the user types on (see `containing`). */
	private lastScan?: { query: string; names: number[]; complete: boolean };

	private constructor(
		/** Every name, sorted, each followed by SEPARATOR. */
		private readonly text: string,
		/** Offset of each name's first character in `text`. */
		private readonly starts: Uint32Array,
	) {}

	static readonly empty = new NameIndex('', new Uint32Array(0));

	/** Builds the index at once: for the short lists of enumerable repositories. */
	static from(names: Iterable<string>): NameIndex {
		const lower: string[] = [];
		for (const n of names) {
			const name = usable(n);
			if (name !== undefined) {
				lower.push(name);
			}
		}
		const steps = NameIndex.layout(lower.sort(), Infinity);
		for (let step = steps.next(); ; step = steps.next()) {
			if (step.done) {
				return step.value;
			}
		}
	}

	/**
	 * Builds the index of a long list (packagist.org's 400,000 names) in slices of `slice` names, yielding to the
	 * event loop between them, so the server keeps answering keystrokes while it builds. A list that comes
	 * sorted (packagist.org's does) is not sorted again; otherwise slices are sorted and merged.
	 */
	static async build(names: readonly unknown[], slice = 5000, pause: () => Promise<void> = nextTurn): Promise<NameIndex> {
		const runs: string[][] = [];
		for (let i = 0; i < names.length; i += slice) {
			const run: string[] = [];
			for (let j = i; j < Math.min(names.length, i + slice); j++) {
				const name = usable(names[j]);
				if (name !== undefined) {
					run.push(name);
				}
			}
			if (!isSorted(run)) {
				run.sort();
			}
			runs.push(run);
			await pause();
		}
		// Merge runs pairwise; a run that already follows the previous one is simply appended.
		while (runs.length > 1) {
			const merged: string[][] = [];
			for (let i = 0; i < runs.length; i += 2) {
				merged.push(i + 1 < runs.length ? await mergeRuns(runs[i], runs[i + 1], slice, pause) : runs[i]);
			}
			runs.splice(0, runs.length, ...merged);
		}
		const steps = NameIndex.layout(runs[0] ?? [], slice);
		for (let step = steps.next(); ; step = steps.next()) {
			if (step.done) {
				return step.value;
			}
			await pause();
		}
	}

	/**
	 * Lays out `sorted` (sorted; duplicates are dropped), yielding after every `slice` names so a caller can let
	 * the event loop run. The parts are joined by one Array.join, which gives one flat string.
	 */
	private static *layout(sorted: readonly string[], slice: number): Generator<void, NameIndex> {
		const starts = new Uint32Array(sorted.length);
		// Joined a slice at a time, then once more: a single join of 400,000 parts would block for a quarter second.
		const chunks: string[] = [];
		let chunk: string[] = [];
		let count = 0;
		let offset = 0;
		for (let i = 0; i < sorted.length; i++) {
			if (i > 0 && sorted[i] === sorted[i - 1]) {
				continue;
			}
			starts[count++] = offset;
			offset += sorted[i].length + 1;
			chunk.push(sorted[i]);
			if (chunk.length >= slice) {
				chunk.push('');
				chunks.push(chunk.join(SEPARATOR));
				chunk = [];
				yield;
			}
		}
		chunk.push('');
		chunks.push(chunk.join(SEPARATOR));
		// One Array.join gives a flat one-byte string (`a + b` would make a rope, which V8 searches far more slowly).
		const text = count > 0 ? chunks.join('') : '';
		return new NameIndex(text, count === sorted.length ? starts : starts.slice(0, count));
	}

	get size(): number {
		return this.starts.length;
	}

	/** Bytes held: the joined string (one byte per ASCII character) and the offsets. */
	get byteSize(): number {
		return this.text.length + this.starts.byteLength;
	}

	nameAt(i: number): string {
		const start = this.starts[i];
		const end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length - 1;
		return this.text.slice(start, end);
	}

	/** Index of the first name >= `query` in sort order. */
	private lowerBound(query: string): number {
		let lo = 0;
		let hi = this.starts.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.nameAt(mid) < query) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		return lo;
	}

	has(name: string): boolean {
		const lower = name.toLowerCase();
		const i = this.lowerBound(lower);
		return i < this.starts.length && this.nameAt(i) === lower;
	}

	/** Index of the name that contains `offset` of the joined text. */
	private indexAtOffset(offset: number): number {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >>> 1;
			if (this.starts[mid] <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return lo;
	}

	/**
	 * Names containing `q` (index → best rank), at most MAX_SCAN_CANDIDATES. Typing extends the query one
	 * character at a time: when the previous scan was complete and `q` extends its query, only the names it
	 * found can match, so they are checked instead of scanning the whole list again.
	 */
	private containing(q: string): Map<number, MatchRank> {
		const last = this.lastScan;
		const candidates = new Map<number, MatchRank>();
		let complete = true;
		const consider = (i: number, at: number): boolean => {
			const before = this.text[at - 1];
			const rank = at === this.starts[i] ? MatchRank.Prefix : before === '/' ? MatchRank.NamePrefix : before === '-' || before === '_' || before === '.' ? MatchRank.WordPrefix : MatchRank.Contains;
			const known = candidates.get(i);
			if (known === undefined && candidates.size >= MAX_SCAN_CANDIDATES) {
				complete = false;
				return false;
			}
			if (known === undefined || rank < known) {
				candidates.set(i, rank);
			}
			return true;
		};
		if (last && last.complete && q.startsWith(last.query)) {
			for (const i of last.names) {
				const start = this.starts[i];
				const end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length - 1;
				for (let at = this.text.indexOf(q, start); at >= 0 && at + q.length <= end; at = this.text.indexOf(q, at + 1)) {
					consider(i, at);
				}
			}
		} else {
			for (let at = this.text.indexOf(q); at >= 0; at = this.text.indexOf(q, at + 1)) {
				if (!consider(this.indexAtOffset(at), at)) {
					break;
				}
			}
		}
		this.lastScan = { query: q, names: [...candidates.keys()], complete };
		return candidates;
	}

	/**
	 * Names matching `query` (case-insensitive), best first: exact, whole-name prefix, package-part prefix,
	 * word prefix, then anything containing it; ties by shorter name, then alphabetically. At most `limit`.
	 */
	search(query: string, limit: number): RankedName[] {
		const q = query.toLowerCase();
		if (limit <= 0 || this.starts.length === 0 || q.includes(SEPARATOR)) {
			return [];
		}
		const out: RankedName[] = [];
		const taken = new Set<number>();
		// Whole-name prefixes come out of the sorted order directly.
		for (let i = this.lowerBound(q); i < this.starts.length && out.length < limit; i++) {
			const name = this.nameAt(i);
			if (!name.startsWith(q)) {
				break;
			}
			out.push({ name, rank: name === q ? MatchRank.Exact : MatchRank.Prefix });
			taken.add(i);
		}
		if (out.length >= limit || q === '') {
			return sortRanked(out).slice(0, limit);
		}
		const candidates = this.containing(q);
		const found: RankedName[] = [];
		for (const [i, rank] of candidates) {
			if (!taken.has(i)) {
				found.push({ name: this.nameAt(i), rank });
			}
		}
		return sortRanked([...out, ...found]).slice(0, limit);
	}
}

/** A name as the index keeps it: lower-cased ASCII (Composer's package names are), or undefined to leave it out. */
function usable(n: unknown): string | undefined {
	if (typeof n !== 'string' || n === '') {
		return undefined;
	}
	const name = n.toLowerCase();
	return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}

function isSorted(run: readonly string[]): boolean {
	for (let i = 1; i < run.length; i++) {
		if (run[i - 1] > run[i]) {
			return false;
		}
	}
	return true;
}

async function mergeRuns(a: string[], b: string[], slice: number, pause: () => Promise<void>): Promise<string[]> {
	if (a.length === 0 || b.length === 0 || a[a.length - 1] <= b[0]) {
		return a.length === 0 ? b : b.length === 0 ? a : a.concat(b);
	}
	const out: string[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		const stop = out.length + slice;
		while (out.length < stop && (i < a.length || j < b.length)) {
			out.push(j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++]);
		}
		await pause();
	}
	return out;
}

function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function sortRanked(list: RankedName[]): RankedName[] {
	return list.sort((a, b) => a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
