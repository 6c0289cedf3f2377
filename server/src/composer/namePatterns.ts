// Composer's package-name patterns (BasePackage::packageNamesToRegexp), used by `only`/`exclude` filters and by
// a composer repository's `available-package-patterns`: each pattern is anchored at both ends, compared without
// case, and `*` stands for any run of characters (`/` included, a line break not). Composer builds one regex
// `^(?:a.*b|…)$` from them; in JavaScript a pattern with many stars makes that regex try every way of cutting a
// long name (polynomial in the number of stars). The patterns are matched here piece by piece instead, each
// literal piece found once, leftmost, with a linear string search.

/** What JavaScript's `.` does not match (so `*` does not either). */
const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

const foldCache = new Map<string, string>();

/** A regex's case-insensitive (non-Unicode) canonical form of one UTF-16 unit: its upper case, unless that leaves ASCII or one unit. */
function foldUnit(c: string): string {
	let folded = foldCache.get(c);
	if (folded === undefined) {
		const upper = c.toUpperCase();
		folded = upper.length !== 1 || (c.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? c : upper;
		if (foldCache.size < 4096) foldCache.set(c, folded);
	}
	return folded;
}

function fold(s: string): string {
	// ASCII letters fold by toUpperCase alone; other text unit by unit.
	if (!/[^\x00-\x7f]/.test(s)) return s.toUpperCase();
	let out = '';
	for (let i = 0; i < s.length; i++) out += foldUnit(s[i]);
	return out;
}

/** First index of `needle` in `text[from, to)`, or -1 (Knuth–Morris–Pratt: linear whatever the text). */
function indexOfLinear(text: string, needle: string, from: number, to: number): number {
	if (needle === '') return from <= to ? from : -1;
	const fail = new Int32Array(needle.length);
	for (let i = 1, k = 0; i < needle.length; i++) {
		while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1];
		if (needle[i] === needle[k]) k++;
		fail[i] = k;
	}
	for (let i = from, k = 0; i < to; i++) {
		while (k > 0 && text[i] !== needle[k]) k = fail[k - 1];
		if (text[i] === needle[k]) k++;
		if (k === needle.length) return i - needle.length + 1;
	}
	return -1;
}

/** Whether a folded, line-break-free `name` matches the folded star pattern `pieces` (the text between stars). */
function matchesLine(pieces: readonly string[], name: string): boolean {
	if (pieces.length === 1) return name === pieces[0];
	const first = pieces[0];
	const last = pieces[pieces.length - 1];
	if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
	let at = first.length;
	const end = name.length - last.length;
	for (let i = 1; i < pieces.length - 1; i++) {
		const found = indexOfLinear(name, pieces[i], at, end);
		if (found < 0 || found + pieces[i].length > end) return false;
		at = found + pieces[i].length;
	}
	return true;
}

/** Splits at line terminators, keeping them (a star never crosses one, so they must pair up one to one). */
function splitLines(s: string): { lines: string[]; breaks: string } {
	const lines: string[] = [];
	let breaks = '';
	let start = 0;
	for (let i = 0; i < s.length; i++) {
		if (isLineTerminator(s[i])) {
			lines.push(s.slice(start, i));
			breaks += s[i];
			start = i + 1;
		}
	}
	lines.push(s.slice(start));
	return { lines, breaks };
}

interface CompiledPattern {
	breaks: string;
	/** Per line of the pattern: its pieces between stars. */
	lines: string[][];
}

function compile(pattern: string): CompiledPattern {
	const { lines, breaks } = splitLines(fold(pattern));
	return { breaks, lines: lines.map((line) => line.split('*')) };
}

export interface NamePatterns {
	/** Whether the name matches one of the patterns. */
	test(name: string): boolean;
}

/** BasePackage::packageNamesToRegexp: anchored, case-insensitive patterns where `*` is any run of characters. */
export function compileNamePatterns(patterns: readonly unknown[]): NamePatterns {
	const compiled = patterns.map((p) => compile(String(p)));
	// `^(?:)$`: with no pattern at all only the empty name matches.
	if (compiled.length === 0) return { test: (name) => name === '' };
	return {
		test(name) {
			const { lines, breaks } = splitLines(fold(name));
			return compiled.some((p) => breaks === p.breaks && lines.every((line, i) => matchesLine(p.lines[i], line)));
		},
	};
}
