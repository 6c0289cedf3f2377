// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough to be a typo.

/** Damerau-Levenshtein distance (optimal string alignment): a swap of two neighbours counts as one edit. */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
		}
	}
	return d[rows - 1][cols - 1];
}

const MAX_TYPO_LENGTH = 64;

/**
 * The candidate closest to `input`, or undefined when none is plausibly meant. Case and `_`/`-` differences
 * are cheap (Composer keys mix both styles); otherwise at most a third of the word may differ.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
	// No key, type or option name is this long: a longer input is no typo, and the distance would cost its square.
	if (input.length > MAX_TYPO_LENGTH) return undefined;
	const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');
	let best: string | undefined;
	let bestScore = Infinity;
	for (const c of candidates) {
		if (c === input) return undefined;
		// The length difference is a lower bound of the distance: too far apart, no need to compute it.
		if (Math.abs(c.length - input.length) > Math.max(1, Math.floor(Math.max(input.length, c.length) / 3))) continue;
		const score = norm(c) === norm(input) ? 0.5 : editDistance(norm(input), norm(c));
		if (score < bestScore) {
			best = c;
			bestScore = score;
		}
	}
	if (best === undefined) return undefined;
	const limit = Math.max(1, Math.floor(Math.max(input.length, best.length) / 3));
	return bestScore <= limit ? best : undefined;
}
