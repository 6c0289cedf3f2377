// PHP's `version_compare()`, which Composer uses for every ordering decision. Written from the
// documented algorithm: canonicalize both strings, then compare dot-separated parts, numbers as
// numbers and words by their rank (anything else < dev < alpha = a < beta = b < RC = rc < number < pl = p).
// PHP works on bytes, so strings with non-ASCII characters are compared as their UTF-8 bytes.

import { phpByteString } from './phpCompat';

export type CompareOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
	['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];
/** Stands for "a number" when a number meets a word (PHP uses the same marker). */
const NUMBER_FORM = '#N#';
const LONG_MAX = '9223372036854775807';

function isDigit(c: string | undefined): boolean {
	return c !== undefined && c >= '0' && c <= '9';
}

function isAlnum(c: string): boolean {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/**
 * `-`, `_`, `+` and other non-alphanumerics become a single `.`, and a `.` is put between a run of
 * digits and a run of other characters. The first character is kept as it is, as PHP does.
 */
export function canonicalizeVersion(version: string): string {
	if (version.length === 0) return '';
	let out = version[0];
	let last = version[0];
	let prev = version[0];
	const push = (c: string): void => {
		out += c;
		last = c;
	};
	for (let i = 1; i < version.length; i++) {
		const c = version[i];
		if (c === '-' || c === '_' || c === '+') {
			if (last !== '.') push('.');
		} else if ((!isDigit(prev) && prev !== '.' && isDigit(c)) || (isDigit(prev) && !isDigit(c) && c !== '.')) {
			if (last !== '.') push('.');
			push(c);
		} else if (!isAlnum(c)) {
			if (last !== '.') push('.');
		} else {
			push(c);
		}
		prev = c;
	}
	return out;
}

function specialFormOrder(form: string): number {
	for (const [name, order] of SPECIAL_FORMS) {
		if (form.startsWith(name)) return order;
	}
	return -1;
}

function compareSpecialForms(a: string, b: string): number {
	return Math.sign(specialFormOrder(a) - specialFormOrder(b));
}

/** C `strtol` on a part that starts with a digit: its leading digits, saturated at LONG_MAX. */
function leadingNumber(part: string): string {
	let end = 0;
	while (isDigit(part[end])) end++;
	let digits = part.slice(0, end).replace(/^0+(?=\d)/, '');
	if (digits.length > LONG_MAX.length || (digits.length === LONG_MAX.length && digits > LONG_MAX)) digits = LONG_MAX;
	return digits;
}

const SHORT_NUMBER = /^\d{1,15}$/;

function compareNumbers(a: string, b: string): number {
	// Parts of canonicalized strings are all digits; short ones compare exactly as doubles.
	if (SHORT_NUMBER.test(a) && SHORT_NUMBER.test(b)) return Math.sign(Number(a) - Number(b));
	const x = leadingNumber(a);
	const y = leadingNumber(b);
	if (x.length !== y.length) return x.length < y.length ? -1 : 1;
	return x === y ? 0 : x < y ? -1 : 1;
}

function cString(s: string): string {
	const nul = s.indexOf('\0');
	return nul < 0 ? s : s.slice(0, nul);
}

// The same few strings (constraint bounds above all) are compared over and over: keep their parts.
const PARTS_CACHE_LIMIT = 20_000;
const partsCache = new Map<string, string[]>();

/** The dot-separated parts PHP walks through; strings starting with `#` are not canonicalized. */
function partsOf(version: string): string[] {
	let parts = partsCache.get(version);
	if (parts === undefined) {
		parts = (version[0] === '#' ? version : canonicalizeVersion(version)).split('.');
		if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
		partsCache.set(version, parts);
	}
	return parts;
}

function compareCanonical(original1: string, original2: string): number {
	if (original1 === '' || original2 === '') {
		if (original1 === '' && original2 === '') return 0;
		return original1 !== '' ? 1 : -1;
	}
	const a = partsOf(original1);
	const b = partsOf(original2);
	const last1 = a.length - 1;
	const last2 = b.length - 1;
	// PHP walks both strings part by part while both have text left and both had a dot after the
	// previous part; `next` records whether the part just compared was followed by a dot.
	let i = 0;
	let j = 0;
	let next1 = true;
	let next2 = true;
	let compare = 0;
	while (!(i === last1 && a[i] === '') && !(j === last2 && b[j] === '') && next1 && next2) {
		const part1 = a[i];
		const part2 = b[j];
		next1 = i < last1;
		next2 = j < last2;
		const digit1 = isDigit(part1[0]);
		const digit2 = isDigit(part2[0]);
		if (digit1 && digit2) compare = compareNumbers(part1, part2);
		else if (!digit1 && !digit2) compare = compareSpecialForms(part1, part2);
		else compare = digit1 ? compareSpecialForms(NUMBER_FORM, part2) : compareSpecialForms(part1, NUMBER_FORM);
		if (compare !== 0) break;
		if (next1) i++;
		if (next2) j++;
	}
	if (compare === 0) {
		// The longer one decides: more numbers make it newer, a word (beta, dev…) older, pl/p newer.
		if (next1) compare = isDigit(a[i][0]) ? 1 : compareCanonical(a.slice(i).join('.'), NUMBER_FORM);
		else if (next2) compare = isDigit(b[j][0]) ? -1 : compareCanonical(NUMBER_FORM, b.slice(j).join('.'));
	}
	return compare;
}

/** `version_compare($a, $b)`: -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): -1 | 0 | 1 {
	return compareCanonical(phpByteString(cString(a)), phpByteString(cString(b))) as -1 | 0 | 1;
}

/** `version_compare($a, $b, $operator)` for Composer's operators (`=` and `<>` included). */
export function phpVersionCompareOp(a: string, b: string, operator: string): boolean {
	const c = phpVersionCompare(a, b);
	switch (operator) {
		case '<': return c === -1;
		case '<=': return c !== 1;
		case '>': return c === 1;
		case '>=': return c !== -1;
		case '==': case '=': return c === 0;
		case '!=': case '<>': return c !== 0;
		default: throw new Error(`Unknown version_compare operator "${operator}"`);
	}
}
