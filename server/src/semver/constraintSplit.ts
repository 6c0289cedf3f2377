// How Composer cuts a constraint string into OR groups and AND atoms, with the offset of every
// piece in the original text (the editor features need ranges; the parser only needs the text).
import { phpTrim, phpTrimStart } from './phpCompat';

export interface Span {
	text: string;
	/** Offset of the first character in the analysed string (UTF-16 code units). */
	start: number;
	/** Offset just past the last character. */
	end: number;
}

/** PCRE `\s`: the characters around `|` that belong to the separator. */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
/**
 * A comma or a space is AND, except after an operator or `as`, next to a hyphen (so `1 - 2` stays a
 * range) or before `as` (so `x as y` stays together).
 */
const AND_SPLIT = new RegExp(`(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|\\n?$)`, 'g');

/** `preg_split()` for patterns that never match the empty string, keeping offsets. */
export function splitWithOffsets(re: RegExp, text: string, offset: number): Span[] {
	const out: Span[] = [];
	let last = 0;
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		out.push({ text: text.slice(last, m.index), start: offset + last, end: offset + m.index });
		last = m.index + m[0].length;
	}
	out.push({ text: text.slice(last), start: offset + last, end: offset + text.length });
	return out;
}

/**
 * `preg_split('{\s*\|\|?\s*}', …)`: `||` and a single `|` both mean OR, with the whitespace around them. Done by
 * hand: as a global regex, `\s*` restarts at every space of a long run that leads to no `|` (quadratic).
 */
export function splitOrWithOffsets(text: string, offset: number): Span[] {
	const out: Span[] = [];
	let last = 0;
	for (let bar = text.indexOf('|'); bar >= 0; bar = text.indexOf('|', bar)) {
		let start = bar;
		while (start > last && isSpace(text[start - 1])) start--;
		let end = text[bar + 1] === '|' ? bar + 2 : bar + 1;
		while (isSpace(text[end])) end++;
		out.push({ text: text.slice(last, start), start: offset + last, end: offset + start });
		last = end;
		bar = end;
	}
	out.push({ text: text.slice(last), start: offset + last, end: offset + text.length });
	return out;
}

/** The trimmed input split into OR groups, each split into AND atoms. */
export function splitConstraintGroups(input: string): Span[][] {
	const trimmed = phpTrim(input);
	return splitOrWithOffsets(trimmed, phpTrimStart(input)).map((group) => splitWithOffsets(AND_SPLIT, group.text, group.start));
}

/** Plain-text version of `splitConstraintGroups` for the hot path. */
export function splitOr(input: string): string[] {
	return splitOrWithOffsets(phpTrim(input), 0).map((group) => group.text);
}

export function splitAnd(group: string): string[] {
	return group.split(AND_SPLIT);
}
