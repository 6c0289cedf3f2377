// Which part of a root constraint the cursor is in, for a completion that replaces just that part. Composer
// (composer/semver's parseConstraints, and semver/rootConstraint.ts's splitConstraintAtoms after it) splits a
// finished constraint on `||`/`|`, then on `,` or a space; an unfinished one is split the same way but read up
// to the cursor, because Composer's AND split keeps a trailing separator in its atom (`^1.0,` is one atom) and
// the user is usually halfway through typing:
//   `^1.0 || <|>`  `^1.0, <|>`  `^1.0 <|>`   a new constraint
//   `>= <|>`  `>=2.<|>`  `1.0 - <|>`          the version after an operator or in a hyphen range
//   `dev-fix as <|>`                         the target of an inline alias (an exact version)
//   `^1.0@<|>`                                a stability flag
// Offsets are into the raw text between the JSON string's quotes (escapes never hold a separator).

export type ConstraintSlotKind = 'constraint' | 'operand' | 'aliasTarget' | 'flag';

export interface ConstraintSlot {
	readonly kind: ConstraintSlotKind;
	/** The range a completion replaces: from the start of the part to its end (the cursor may be inside it). */
	readonly start: number;
	readonly end: number;
	/** What is typed before the cursor, from `start`. */
	readonly typed: string;
}

const OPERATOR = /^(?:<>|!=|>=?|<=?|==?)/;
const WHOLE_OPERATOR = /^(?:<>|!=|>=?|<=?|==?)$/;

/** Composer's separators: OR `|`, AND `,` or whitespace. */
function isSeparator(c: string | undefined): boolean {
	return c === ' ' || c === '\t' || c === '|' || c === ',';
}

function isBlank(c: string | undefined): boolean {
	return c === ' ' || c === '\t';
}

/** The slot at `cursor` (0 ≤ cursor ≤ content.length) in a constraint's raw text; undefined inside a `#ref`. */
export function constraintSlotAt(content: string, cursor: number): ConstraintSlot | undefined {
	let wordStart = cursor;
	while (wordStart > 0 && !isSeparator(content[wordStart - 1])) wordStart--;
	let wordEnd = cursor;
	while (wordEnd < content.length && !isSeparator(content[wordEnd])) wordEnd++;
	const before = content.slice(wordStart, cursor);

	const at = before.lastIndexOf('@');
	if (at >= 0) return { kind: 'flag', start: wordStart + at + 1, end: wordEnd, typed: before.slice(at + 1) };
	if (before.includes('#')) return undefined; // a commit reference: nothing to offer

	// The version part ends where a flag or a reference starts.
	const rest = content.slice(cursor, wordEnd).search(/[@#]/);
	const end = rest >= 0 ? cursor + rest : wordEnd;

	const operator = OPERATOR.exec(before);
	if (operator) return { kind: 'operand', start: wordStart + operator[0].length, end, typed: before.slice(operator[0].length) };

	// The word before, when only blanks separate it from this one (`>= 1.0`, `dev-x as 1.0`, `1.0 - 2.0`).
	let prevEnd = wordStart;
	while (prevEnd > 0 && isBlank(content[prevEnd - 1])) prevEnd--;
	if (prevEnd < wordStart && prevEnd > 0 && !isSeparator(content[prevEnd - 1])) {
		let prevStart = prevEnd;
		while (prevStart > 0 && !isSeparator(content[prevStart - 1])) prevStart--;
		const previous = content.slice(prevStart, prevEnd);
		if (previous === 'as') return { kind: 'aliasTarget', start: wordStart, end, typed: before };
		if (previous === '-' || WHOLE_OPERATOR.test(previous)) return { kind: 'operand', start: wordStart, end, typed: before };
	}
	return { kind: 'constraint', start: wordStart, end, typed: before };
}
