// Text spans for small JSON edits that keep everything around them as the user wrote it (layout, comments,
// indentation, EOL): shared by the quick fixes.

export interface Span { start: number; end: number }

export function lineStart(text: string, offset: number): number {
	return text.lastIndexOf('\n', offset - 1) + 1;
}

export function indentOf(text: string, offset: number): string {
	return /^[ \t]*/.exec(text.slice(lineStart(text, offset), offset))?.[0] ?? '';
}

/** Only spaces/tabs between the line start and `offset`. */
export function firstOnLine(text: string, offset: number): boolean {
	return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** End of the line holding `offset` (after its line break) when only spaces/tabs follow `offset`, else undefined. */
export function restOfLineBlank(text: string, offset: number): number | undefined {
	const m = /^[ \t]*(\r?\n)/.exec(text.slice(offset));
	return m ? offset + m[0].length : undefined;
}

/**
 * The text range that removes `prop` (a property, or an element of an array) from its container together with the
 * comma that joined it: whole lines when it stands alone on its lines, so no blank line is left behind.
 */
export function removalSpan(text: string, prop: { offset: number; length: number }): Span {
	const start = prop.offset;
	const end = prop.offset + prop.length;
	const after = /^\s*,/.exec(text.slice(end));
	if (after) {
		const commaEnd = end + after[0].length;
		// Alone on its line(s): take the whole lines, so no blank line is left behind.
		const lineEnd = restOfLineBlank(text, commaEnd);
		if (firstOnLine(text, start) && lineEnd !== undefined) return { start: lineStart(text, start), end: lineEnd };
		const spaces = /^[ \t]*/.exec(text.slice(commaEnd))?.[0].length ?? 0;
		return { start, end: commaEnd + spaces };
	}
	// The last one: remove the comma before it instead, and keep what follows (the closing bracket's line).
	// Walked back by hand: a regex over the whole prefix would cost the file's length on every call.
	let comma = start - 1;
	while (comma >= 0 && /\s/.test(text[comma])) comma--;
	return { start: comma >= 0 && text[comma] === ',' ? comma : start, end };
}
