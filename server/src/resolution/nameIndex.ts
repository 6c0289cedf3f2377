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
	private constructor(
		/** Every name, sorted, each followed by SEPARATOR. */
		private readonly text: string,
		/** Offset of each name's first character in `text`. */
		private readonly starts: Uint32Array,
	) {}

	static readonly empty = new NameIndex('', new Uint32Array(0));

	/** Builds the index; names are lower-cased (Composer compares names case-insensitively). */
	static from(names: Iterable<string>): NameIndex {
		const unique = new Set<string>();
		for (const n of names) {
			if (typeof n === 'string' && n !== '' && !n.includes(SEPARATOR)) {
				unique.add(n.toLowerCase());
			}
		}
		const sorted = [...unique].sort();
		const starts = new Uint32Array(sorted.length);
		let offset = 0;
		sorted.forEach((name, i) => {
			starts[i] = offset;
			offset += name.length + 1;
		});
		// The join is flattened at once (a rope of 400,000 parts would be flattened on first search anyway).
		const text = sorted.length > 0 ? sorted.join(SEPARATOR) + SEPARATOR : '';
		return new NameIndex(text, starts);
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
		// Index of a name → its best rank so far (a name can contain the query more than once).
		const candidates = new Map<number, MatchRank>();
		for (let at = this.text.indexOf(q); at >= 0; at = this.text.indexOf(q, at + 1)) {
			const i = this.indexAtOffset(at);
			if (taken.has(i)) {
				continue;
			}
			const before = this.text[at - 1];
			const rank = before === '/' ? MatchRank.NamePrefix : before === '-' || before === '_' || before === '.' ? MatchRank.WordPrefix : MatchRank.Contains;
			const known = candidates.get(i);
			if (known === undefined && candidates.size >= MAX_SCAN_CANDIDATES) {
				break;
			}
			if (known === undefined || rank < known) {
				candidates.set(i, rank);
			}
		}
		const found = [...candidates].map(([i, rank]): RankedName => ({ name: this.nameAt(i), rank }));
		return sortRanked([...out, ...found]).slice(0, limit);
	}
}

function sortRanked(list: RankedName[]): RankedName[] {
	return list.sort((a, b) => a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
