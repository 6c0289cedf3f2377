// The pattern language of PHP's glob() with GLOB_BRACE, as glibc implements it (PHP on Linux calls libc glob;
// every rule below was checked against `php -r 'glob(..., GLOB_MARK|GLOB_ONLYDIR|GLOB_BRACE)'`):
// * `{a,b}` alternatives (nested, `\`-escapable) are expanded first, left to right; an unbalanced brace makes
//   the pattern a literal one (glibc retries without GLOB_BRACE);
// * within one path segment `*`, `?` and `[...]` never match `/`, nor a leading `.` unless the segment itself
//   starts with a literal `.`; a name matches when the pattern matches it either as characters or as UTF-8 bytes
//   (glibc's fnmatch in a UTF-8 locale does both: `?` and `??` each match `é`);
// * `[...]`: `!` or `^` negates, a `]` first is literal, ranges (a reversed one matches nothing), POSIX
//   `[:class:]` (an unknown class makes the pattern match nothing), `[.c.]` and `[=c=]`; an unclosed `[` is literal;
// * `\` escapes the next character (not on Windows, where it separates folders, as in PHP's own win32 glob).
// Pure: no node:* imports.
import { phpByteString } from '../semver/phpCompat';

/**
 * The `{a,b}` groups of a pattern as glibc expands them: the first unescaped `{` with its matching `}` is a group
 * whose top-level commas separate the alternatives (nested groups expand inside them); an unmatched `{` makes the
 * rest of the pattern literal (glibc retries without GLOB_BRACE). Braces are matched in one pass with a stack, and
 * nothing below recurses, so neither 18 groups in a row nor 5,000 nested ones can exhaust the stack.
 */
interface Braces {
	pattern: string;
	escapes: boolean;
	/** `{` index → its `}` index (absent: never closed). */
	close: Map<number, number>;
	/** `{` index → the commas that separate its alternatives. */
	commas: Map<number, number[]>;
	/** `{` index → the enclosing `{`, if any. */
	parent: Map<number, number>;
	/** Where the first unclosed `{` of the pattern's top level is (the rest is literal), or the pattern's length. */
	literalFrom: number;
}

function parseBraces(pattern: string, escapes: boolean): Braces {
	const close = new Map<number, number>();
	const commas = new Map<number, number[]>();
	const parent = new Map<number, number>();
	const open: number[] = [];
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (escapes && c === '\\') {
			i++;
		} else if (c === '{') {
			if (open.length > 0) parent.set(i, open[open.length - 1]);
			open.push(i);
			commas.set(i, []);
		} else if (c === ',' && open.length > 0) {
			commas.get(open[open.length - 1])!.push(i);
		} else if (c === '}' && open.length > 0) {
			close.set(open.pop()!, i);
		}
	}
	// Braces still open at the end were never closed; the first of them at the top level ends the expansion.
	const topUnclosed = open.filter((i) => !parent.has(i));
	return { pattern, escapes, close, commas, parent, literalFrom: topUnclosed.length > 0 ? topUnclosed[0] : pattern.length };
}

/**
 * How many patterns the `{a,b}` groups of `pattern` expand to (at most `cap + 1`: counting stops there), without
 * expanding them: 16 groups of two are 65,536 patterns, and a caller must be able to refuse those unread.
 */
export function countBraceAlternatives(pattern: string, escapes = true, cap = Number.MAX_SAFE_INTEGER): number {
	const b = parseBraces(pattern, escapes);
	const saturate = (n: number) => Math.min(n, cap + 1);
	// Inner groups close first: by the time a group is counted, its children are.
	const groups = [...b.close.entries()].sort((x, y) => x[1] - y[1]);
	const counts = new Map<number, number>();
	/** Per group, the product of the children counted so far in each alternative. */
	const products = new Map<number, number[]>();
	const top: number[] = [];
	for (const [open] of groups) {
		const perAlternative = products.get(open) ?? new Array<number>(b.commas.get(open)!.length + 1).fill(1);
		const count = saturate(perAlternative.reduce((sum, n) => saturate(sum + n), 0));
		counts.set(open, count);
		const p = b.parent.get(open);
		if (p === undefined) {
			if (open < b.literalFrom) top.push(count);
			continue;
		}
		if (!b.close.has(p)) continue; // inside a brace that never closes: literal text
		const bounds = b.commas.get(p)!;
		let alternative = 0;
		while (alternative < bounds.length && bounds[alternative] < open) alternative++;
		const list = products.get(p) ?? new Array<number>(bounds.length + 1).fill(1);
		list[alternative] = saturate(list[alternative] * count);
		products.set(p, list);
	}
	return top.reduce((product, n) => saturate(product * n), 1);
}

/** Work left while expanding: the text before, and the ranges still to read (innermost first). */
interface Expansion {
	prefix: string;
	/** A persistent stack of ranges [from, to) of the pattern still to expand, shared between alternatives. */
	rest: { from: number; to: number; next: Expansion['rest'] } | undefined;
}

/**
 * The alternatives of `{a,b}` groups, nested ones too, in the order glibc globs them (the first group's first
 * alternative, expanded fully, comes first), produced one at a time so a caller that stops early pays for no more.
 */
export function* braceAlternatives(pattern: string, escapes = true): Generator<string> {
	const b = parseBraces(pattern, escapes);
	const work: Expansion[] = [{ prefix: '', rest: { from: 0, to: pattern.length, next: undefined } }];
	while (work.length > 0) {
		let { prefix, rest } = work.pop()!;
		let branched = false;
		while (rest !== undefined && !branched) {
			const { from, to, next } = rest;
			let i = from;
			for (; i < to; i++) {
				const c = pattern[i];
				if (escapes && c === '\\') {
					prefix += pattern.slice(i, i + 2);
					i++;
				} else if (c === '{' && i < b.literalFrom && b.close.has(i)) {
					const end = b.close.get(i)!;
					const bounds = [i, ...b.commas.get(i)!, end];
					const after = { from: end + 1, to, next };
					// Pushed last first, so the first alternative is expanded (and yielded) first.
					for (let k = bounds.length - 2; k >= 0; k--) {
						work.push({ prefix, rest: { from: bounds[k] + 1, to: bounds[k + 1], next: after } });
					}
					branched = true;
					break;
				} else {
					prefix += c;
				}
			}
			if (!branched) rest = next;
		}
		if (!branched) yield prefix;
	}
}

/** Every alternative of `{a,b}` groups at once (small patterns; globbing reads them lazily with braceAlternatives). */
export function expandBraces(pattern: string, escapes = true): string[] {
	return Array.from(braceAlternatives(pattern, escapes));
}

/** One path segment: a literal name (no wildcard), or a matcher for directory entry names. */
export type GlobSegment =
	| { readonly kind: 'literal'; readonly name: string }
	| { readonly kind: 'pattern'; readonly chars: readonly GlobToken[]; readonly bytes: readonly GlobToken[]; readonly matchesLeadingDot: boolean };

/**
 * One step of a segment pattern: `*` (any run), or one character (a literal, `?`, a bracket expression). Matching
 * them directly keeps a pattern of many stars linear per try, where the equivalent regex `[^/]*a[^/]*a…` would
 * backtrack through every way of cutting the name.
 */
type GlobToken =
	| { readonly kind: 'star' }
	| { readonly kind: 'char'; readonly char: string }
	| { readonly kind: 'any' }
	/** A bracket expression: a one-character regex (null: it matches nothing). */
	| { readonly kind: 'class'; readonly regex: RegExp | null };

type ClassTable = Readonly<Record<string, string>>;

/** POSIX classes for characters (a UTF-8 locale's view). */
const UNICODE_CLASSES: ClassTable = {
	alpha: '\\p{Alphabetic}',
	digit: '0-9',
	alnum: '\\p{Alphabetic}\\p{Nd}',
	upper: '\\p{Uppercase}',
	lower: '\\p{Lowercase}',
	space: '\\s',
	blank: ' \\t',
	punct: '\\p{P}\\p{S}',
	graph: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}',
	print: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}',
	cntrl: '\\p{Cc}',
	xdigit: '0-9A-Fa-f',
};

/** POSIX classes for single bytes: bytes above 0x7F belong to none. */
const BYTE_CLASSES: ClassTable = {
	alpha: 'A-Za-z',
	digit: '0-9',
	alnum: 'A-Za-z0-9',
	upper: 'A-Z',
	lower: 'a-z',
	space: ' \\t\\n\\v\\f\\r',
	blank: ' \\t',
	punct: '!-/:-@\\[-`{-~',
	graph: '!-~',
	print: ' -~',
	cntrl: '\\x00-\\x1f\\x7f',
	xdigit: '0-9A-Fa-f',
};

function codePoint(cp: number): string {
	return `\\u{${cp.toString(16)}}`;
}

/** One character of a bracket expression; `cp` undefined: a collating element glob cannot match. */
interface ClassChar { cp: number | undefined; next: number }

/**
 * `s.indexOf(target, from)` for the few closing markers of a bracket expression (`.]`, `=]`, `:]`), remembering the
 * last answer per marker: asked again from a later position, the answer is the same until that position passes it,
 * so a segment full of `[.` is searched once, not once per `[.`.
 */
class MarkerFinder {
	/** Per marker: the answer `found` holds for every start in [from, found] (for all later starts when -1). */
	private readonly last = new Map<string, { from: number; found: number }>();
	constructor(private readonly s: string) {}

	indexOf(target: string, from: number): number {
		const known = this.last.get(target);
		if (known !== undefined && from >= known.from && (known.found < 0 || from <= known.found)) return known.found;
		const found = this.s.indexOf(target, from);
		this.last.set(target, { from, found });
		return found;
	}
}

/** The character of a bracket expression at `i`: `[.c.]`, `[=c=]`, an escaped or a plain character. */
function readClassChar(s: string, i: number, escapes: boolean, markers: MarkerFinder): ClassChar | undefined {
	if (s[i] === '[' && (s[i + 1] === '.' || s[i + 1] === '=')) {
		const end = markers.indexOf(`${s[i + 1]}]`, i + 2);
		if (end >= 0) {
			// Multi-character collating elements do not exist in the C/UTF-8 locales glob runs in.
			const cp = s.codePointAt(i + 2) as number;
			const single = end > i + 2 && i + 2 + (cp > 0xffff ? 2 : 1) === end;
			return { cp: single ? cp : undefined, next: end + 2 };
		}
	}
	if (escapes && s[i] === '\\' && i + 1 < s.length) i++;
	const cp = s.codePointAt(i);
	return cp === undefined ? undefined : { cp, next: i + (cp > 0xffff ? 2 : 1) };
}

/**
 * Where a bracket expression ends, for one segment: memoised per position reached after the first character (whether
 * and where a scan closes depends only on that position), so a segment of many unclosed `[` is read once, not once
 * per `[`.
 */
class BracketEnds {
	private readonly ends = new Map<number, number>();
	constructor(private readonly s: string, private readonly escapes: boolean, readonly markers: MarkerFinder) {}

	/** The index just past the closing `]` of a bracket opened at `start`, or -1 when it never closes. */
	closeOf(start: number): number {
		const s = this.s;
		let i = start + 1;
		if (s[i] === '!' || s[i] === '^') i++;
		const visited: number[] = [];
		let result = -1;
		for (let first = true; i < s.length; first = false) {
			if (!first) {
				const known = this.ends.get(i);
				if (known !== undefined) { result = known; break; }
				visited.push(i);
				if (s[i] === ']') { result = i + 1; break; }
			}
			if (s[i] === '[' && s[i + 1] === ':') {
				const end = this.markers.indexOf(':]', i + 2);
				if (end >= 0) { i = end + 2; continue; }
			}
			const from = readClassChar(s, i, this.escapes, this.markers);
			if (from === undefined) break;
			i = from.next;
			if (s[i] === '-' && i + 1 < s.length && s[i + 1] !== ']') {
				if (s[i + 1] === '[' && s[i + 2] === ':') { i++; continue; }
				const to = readClassChar(s, i + 1, this.escapes, this.markers);
				if (to === undefined) break;
				i = to.next;
			}
		}
		for (const v of visited) this.ends.set(v, result);
		return result;
	}
}

/** The token for a bracket expression opened at `start` and closing at `close` (from BracketEnds). */
function bracketToken(s: string, start: number, close: number, escapes: boolean, classes: ClassTable, markers: MarkerFinder): GlobToken {
	let i = start + 1;
	const negate = s[i] === '!' || s[i] === '^';
	if (negate) i++;
	let body = '';
	let valid = true;
	for (let first = true; i < close - 1 || (first && i < close); first = false) {
		if (s[i] === '[' && s[i + 1] === ':') {
			const end = markers.indexOf(':]', i + 2);
			if (end >= 0) {
				const name = s.slice(i + 2, end);
				if (Object.hasOwn(classes, name)) body += classes[name];
				else valid = false;
				i = end + 2;
				continue;
			}
		}
		const from = readClassChar(s, i, escapes, markers) as ClassChar;
		i = from.next;
		if (s[i] === '-' && i + 1 < s.length && s[i + 1] !== ']') {
			if (s[i + 1] === '[' && s[i + 2] === ':') { valid = false; i++; continue; } // a class cannot end a range
			const to = readClassChar(s, i + 1, escapes, markers) as ClassChar;
			i = to.next;
			if (from.cp === undefined || to.cp === undefined) valid = false;
			// A reversed range matches nothing, but the rest of the bracket still counts.
			else if (to.cp >= from.cp) body += `${codePoint(from.cp)}-${codePoint(to.cp)}`;
			continue;
		}
		if (from.cp === undefined) valid = false;
		else body += codePoint(from.cp);
	}
	const source = !valid ? undefined : negate ? `[^/${body}]` : body === '' ? undefined : `[${body}]`;
	return { kind: 'class', regex: source === undefined ? null : new RegExp(`^${source}$`, 'u') };
}

interface Translation { tokens: GlobToken[]; name: string; magic: boolean }

function translate(segment: string, escapes: boolean, classes: ClassTable): Translation {
	const tokens: GlobToken[] = [];
	const brackets = new BracketEnds(segment, escapes, new MarkerFinder(segment));
	let name = '';
	let magic = false;
	for (let i = 0; i < segment.length;) {
		const c = segment[i];
		if (escapes && c === '\\' && i + 1 < segment.length) {
			const ch = String.fromCodePoint(segment.codePointAt(i + 1) as number);
			tokens.push({ kind: 'char', char: ch });
			name += ch;
			i += 1 + ch.length;
			continue;
		}
		if (c === '*' || c === '?') {
			magic = true;
			// Consecutive stars are one star.
			if (c === '?') tokens.push({ kind: 'any' });
			else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
			i++;
			continue;
		}
		if (c === '[') {
			const close = brackets.closeOf(i);
			if (close >= 0) {
				magic = true;
				tokens.push(bracketToken(segment, i, close, escapes, classes, brackets.markers));
				i = close;
				continue;
			}
		}
		const ch = String.fromCodePoint(segment.codePointAt(i) as number);
		tokens.push({ kind: 'char', char: ch });
		name += ch;
		i += ch.length;
	}
	return { tokens, name, magic };
}

function tokenMatches(token: GlobToken, ch: string): boolean {
	switch (token.kind) {
		case 'char': return token.char === ch;
		case 'any': return ch !== '/';
		case 'class': return token.regex !== null && token.regex.test(ch);
		default: return false;
	}
}

/**
 * Wildcard matching with one-character tokens and stars: on a mismatch only the last star takes one more
 * character (an earlier star never needs to), so a try costs at most name × pattern steps. Names never hold `/`.
 */
function matchTokens(tokens: readonly GlobToken[], name: string): boolean {
	const chars = Array.from(name);
	let t = 0;
	let c = 0;
	let star = -1;
	let starFrom = 0;
	while (c < chars.length) {
		const token = tokens[t];
		if (token !== undefined && token.kind === 'star') {
			star = t++;
			starFrom = c;
		} else if (token !== undefined && tokenMatches(token, chars[c])) {
			t++;
			c++;
		} else if (star >= 0) {
			t = star + 1;
			c = ++starFrom;
		} else {
			return false;
		}
	}
	while (tokens[t]?.kind === 'star') t++;
	return t === tokens.length;
}

/** Compiles one segment (the text between separators) of a brace-free pattern. */
export function compileSegment(segment: string, escapes = true): GlobSegment {
	const chars = translate(segment, escapes, UNICODE_CLASSES);
	if (!chars.magic) return { kind: 'literal', name: chars.name };
	const bytes = translate(phpByteString(segment), escapes, BYTE_CLASSES);
	// glibc's FNM_PERIOD: only a literal `.` (escaped or not) at the start matches a leading dot.
	const matchesLeadingDot = segment.startsWith('.') || (escapes && segment.startsWith('\\.'));
	return { kind: 'pattern', chars: chars.tokens, bytes: bytes.tokens, matchesLeadingDot };
}

/** Whether a directory entry name matches a compiled pattern segment. */
export function segmentMatches(segment: GlobSegment, entryName: string): boolean {
	if (segment.kind === 'literal') return segment.name === entryName;
	if (entryName.startsWith('.') && !segment.matchesLeadingDot) return false;
	if (matchTokens(segment.chars, entryName)) return true;
	return /[^\x00-\x7f]/.test(entryName) && matchTokens(segment.bytes, phpByteString(entryName));
}

/** Orders strings as their UTF-8 bytes compare (glob sorts in the C locale), unlike UTF-16 code-unit order. */
export function compareUtf8(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x !== y) return utf8Rank(x) - utf8Rank(y);
	}
	return a.length - b.length;
}

/** Surrogates (code points above U+FFFF) come after U+E000–U+FFFF in UTF-8 but before them in UTF-16. */
function utf8Rank(unit: number): number {
	if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
	if (unit >= 0xe000) return unit - 0x800;
	return unit;
}
