// PHP behaviours that JavaScript does differently and that Composer's results depend on.
// Composer's regexes run on bytes without the `u` flag, so `\s` is ASCII whitespace only, `.` stops
// only at "\n", and `$` also matches before a final "\n". These constants are spliced into our
// regex sources so that every pattern keeps those meanings.

/** PCRE `\s` (no UCP): space, \t, \n, \v, \f, \r — JavaScript's `\s` also matches NBSP and friends. */
export const WS = '[\\t\\n\\v\\f\\r ]';
/** PCRE `[^\s]`. */
export const NOT_WS = '[^\\t\\n\\v\\f\\r ]';
/** PCRE `[^,\s]`: neither a comma nor whitespace. */
export const NOT_COMMA_WS = '[^,\\t\\n\\v\\f\\r ]';
/** PCRE `.` without the `s` flag: anything but "\n" (JavaScript's `.` also refuses \r, \u2028, \u2029). */
export const DOT = '[^\\n]';
/** PCRE `$` without the `D` flag: the end, or just before a final "\n". */
export const END = '(?=\\n?$)';

/**
 * Where a match of a pattern that cannot cross "\n" and ends at END may start: after the last "\n" that is not
 * the final one. Searching from there instead of from 0 keeps an unanchored pattern such as `#.+$` linear (tried
 * from every `#` of `#a#a#a…\nx`, it rescans the rest each time).
 */
export function lastLineStart(s: string): number {
	const before = s.endsWith('\n') ? s.length - 2 : s.length - 1;
	return before < 0 ? 0 : s.lastIndexOf('\n', before) + 1;
}

const TRIMMED = ' \t\n\r\0\v';

/** PHP `trim()` with its default character list (it does not strip \f or Unicode spaces). */
export function phpTrim(s: string): string {
	let start = 0;
	let end = s.length;
	while (start < end && TRIMMED.includes(s[start])) start++;
	while (end > start && TRIMMED.includes(s[end - 1])) end--;
	return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * PHP `rtrim($s, $chars)` for single characters (no `..` ranges). Replaces `s.replace(/\/+$/, '')`, which V8
 * runs in quadratic time on a long run of slashes that does not end the string.
 */
export function phpRtrim(s: string, chars: string): string {
	let end = s.length;
	while (end > 0 && chars.includes(s[end - 1])) end--;
	return end === s.length ? s : s.slice(0, end);
}

/** PHP `trim($s, $chars)` for single characters. */
export function phpTrimChars(s: string, chars: string): string {
	let start = 0;
	while (start < s.length && chars.includes(s[start])) start++;
	return phpRtrim(start === 0 ? s : s.slice(start), chars);
}

/** Number of characters `phpTrim` removes from the start of `s`. */
export function phpTrimStart(s: string): number {
	let start = 0;
	while (start < s.length && TRIMMED.includes(s[start])) start++;
	return start;
}

/** PHP 8 `strtolower()`: ASCII only, whatever the locale. */
export function asciiLower(s: string): string {
	return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

const PHP_INT_MAX = 9223372036854775807n;

/**
 * `$digits + $n` in PHP for a numeric string of decimal digits: an int while it fits, otherwise a
 * float printed with PHP's default precision of 14 (`9.2233720368548E+18`). Composer builds range
 * bounds this way, so huge version parts produce these odd strings in PHP too.
 */
export function phpIncrement(digits: string, n: number): string {
	if (digits === '') digits = '0';
	const big = BigInt(digits);
	if (big <= PHP_INT_MAX) {
		const sum = big + BigInt(n);
		if (sum <= PHP_INT_MAX) return sum.toString();
		return phpFloatToString(Number(big) + n);
	}
	return phpFloatToString(Number(digits) + n);
}

/** PHP's float to string conversion (precision 14) for values too large for an int. */
function phpFloatToString(x: number): string {
	const [mantissa, exponent] = x.toPrecision(14).split('e');
	let m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
	if (exponent === undefined) return m;
	if (!m.includes('.')) m += '.0';
	const exp = Number(exponent);
	return `${m}E${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

const NUMERIC_RE = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\v\f]*$/;
const INTEGER_RE = /^[ \t\n\r\v\f]*[+-]?\d+[ \t\n\r\v\f]*$/;

/** PHP 8 `$a == $b` on two strings: numeric strings compare as numbers (`"2010.01" == "2010.010"`). */
export function phpLooseEquals(a: string, b: string): boolean {
	if (a === b) return true;
	if (!NUMERIC_RE.test(a) || !NUMERIC_RE.test(b)) return false;
	if (INTEGER_RE.test(a) && INTEGER_RE.test(b)) return BigInt(a.trim()) === BigInt(b.trim());
	return Number(a) === Number(b);
}

/**
 * A string as PHP sees it: its UTF-8 bytes, one char code (0–255) per byte. PHP's string functions and
 * non-`u` regexes work on bytes, so per-character rules (version_compare, glob character classes) must too.
 */
export function phpByteString(s: string): string {
	if (!/[^\x00-\x7f]/.test(s)) return s;
	let out = '';
	for (const ch of s) {
		const cp = ch.codePointAt(0) as number;
		if (cp < 0x80) out += ch;
		else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
		else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
		else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
	}
	return out;
}
