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

/** Expands `{a,b}` groups, nested ones too, into the alternatives glibc globs one after the other. */
export function expandBraces(pattern: string, escapes = true): string[] {
	const open = findOpenBrace(pattern, escapes);
	if (open < 0) return [pattern];
	let depth = 0;
	const bounds = [open];
	let close = -1;
	for (let i = open; i < pattern.length && close < 0; i++) {
		const c = pattern[i];
		if (escapes && c === '\\') i++;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) close = i;
		else if (c === ',' && depth === 1) bounds.push(i);
	}
	if (close < 0) return [pattern];
	bounds.push(close);
	const head = pattern.slice(0, open);
	const tail = pattern.slice(close + 1);
	const out: string[] = [];
	for (let k = 0; k + 1 < bounds.length; k++) {
		out.push(...expandBraces(head + pattern.slice(bounds[k] + 1, bounds[k + 1]) + tail, escapes));
	}
	return out;
}

function findOpenBrace(s: string, escapes: boolean): number {
	for (let i = 0; i < s.length; i++) {
		if (escapes && s[i] === '\\') i++;
		else if (s[i] === '{') return i;
	}
	return -1;
}

/** One path segment: a literal name (no wildcard), or a matcher for directory entry names. */
export type GlobSegment =
	| { readonly kind: 'literal'; readonly name: string }
	| { readonly kind: 'pattern'; readonly regex: RegExp; readonly byteRegex: RegExp; readonly matchesLeadingDot: boolean };

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

const NEVER = '(?!)';

function codePoint(cp: number): string {
	return `\\u{${cp.toString(16)}}`;
}

function literalRegex(ch: string): string {
	return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One character of a bracket expression; `cp` undefined: a collating element glob cannot match. */
interface ClassChar { cp: number | undefined; next: number }

/** The character of a bracket expression at `i`: `[.c.]`, `[=c=]`, an escaped or a plain character. */
function readClassChar(s: string, i: number, escapes: boolean): ClassChar | undefined {
	if (s[i] === '[' && (s[i + 1] === '.' || s[i + 1] === '=')) {
		const end = s.indexOf(`${s[i + 1]}]`, i + 2);
		if (end >= 0) {
			const inner = [...s.slice(i + 2, end)];
			// Multi-character collating elements do not exist in the C/UTF-8 locales glob runs in.
			return { cp: inner.length === 1 ? inner[0].codePointAt(0) : undefined, next: end + 2 };
		}
	}
	if (escapes && s[i] === '\\' && i + 1 < s.length) i++;
	const cp = s.codePointAt(i);
	return cp === undefined ? undefined : { cp, next: i + (cp > 0xffff ? 2 : 1) };
}

/** The regex for a bracket expression opened at `start`, or undefined when it is never closed. */
function bracketRegex(s: string, start: number, escapes: boolean, classes: ClassTable): { regex: string; next: number } | undefined {
	let i = start + 1;
	const negate = s[i] === '!' || s[i] === '^';
	if (negate) i++;
	let body = '';
	let valid = true;
	for (let first = true; i < s.length; first = false) {
		if (s[i] === ']' && !first) {
			const regex = !valid ? NEVER : negate ? `[^/${body}]` : body === '' ? NEVER : `[${body}]`;
			return { regex, next: i + 1 };
		}
		if (s[i] === '[' && s[i + 1] === ':') {
			const end = s.indexOf(':]', i + 2);
			if (end >= 0) {
				const name = s.slice(i + 2, end);
				if (Object.hasOwn(classes, name)) body += classes[name];
				else valid = false;
				i = end + 2;
				continue;
			}
		}
		const from = readClassChar(s, i, escapes);
		if (from === undefined) break;
		i = from.next;
		if (s[i] === '-' && i + 1 < s.length && s[i + 1] !== ']') {
			if (s[i + 1] === '[' && s[i + 2] === ':') { valid = false; i++; continue; } // a class cannot end a range
			const to = readClassChar(s, i + 1, escapes);
			if (to === undefined) break;
			i = to.next;
			if (from.cp === undefined || to.cp === undefined) valid = false;
			// A reversed range matches nothing, but the rest of the bracket still counts.
			else if (to.cp >= from.cp) body += `${codePoint(from.cp)}-${codePoint(to.cp)}`;
			continue;
		}
		if (from.cp === undefined) valid = false;
		else body += codePoint(from.cp);
	}
	return undefined;
}

interface Translation { source: string; name: string; magic: boolean }

function translate(segment: string, escapes: boolean, classes: ClassTable): Translation {
	let source = '';
	let name = '';
	let magic = false;
	for (let i = 0; i < segment.length;) {
		const c = segment[i];
		if (escapes && c === '\\' && i + 1 < segment.length) {
			const ch = String.fromCodePoint(segment.codePointAt(i + 1) as number);
			source += literalRegex(ch);
			name += ch;
			i += 1 + ch.length;
			continue;
		}
		if (c === '*' || c === '?') {
			magic = true;
			source += c === '*' ? '[^/]*' : '[^/]';
			i++;
			continue;
		}
		if (c === '[') {
			const bracket = bracketRegex(segment, i, escapes, classes);
			if (bracket) {
				magic = true;
				source += bracket.regex;
				i = bracket.next;
				continue;
			}
		}
		const ch = String.fromCodePoint(segment.codePointAt(i) as number);
		source += literalRegex(ch);
		name += ch;
		i += ch.length;
	}
	return { source, name, magic };
}

/** Compiles one segment (the text between separators) of a brace-free pattern. */
export function compileSegment(segment: string, escapes = true): GlobSegment {
	const chars = translate(segment, escapes, UNICODE_CLASSES);
	if (!chars.magic) return { kind: 'literal', name: chars.name };
	const bytes = translate(phpByteString(segment), escapes, BYTE_CLASSES);
	// glibc's FNM_PERIOD: only a literal `.` (escaped or not) at the start matches a leading dot.
	const matchesLeadingDot = segment.startsWith('.') || (escapes && segment.startsWith('\\.'));
	return { kind: 'pattern', regex: new RegExp(`^${chars.source}$`, 'u'), byteRegex: new RegExp(`^${bytes.source}$`, 'u'), matchesLeadingDot };
}

/** Whether a directory entry name matches a compiled pattern segment. */
export function segmentMatches(segment: GlobSegment, entryName: string): boolean {
	if (segment.kind === 'literal') return segment.name === entryName;
	if (entryName.startsWith('.') && !segment.matchesLeadingDot) return false;
	if (segment.regex.test(entryName)) return true;
	return /[^\x00-\x7f]/.test(entryName) && segment.byteRegex.test(phpByteString(entryName));
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
