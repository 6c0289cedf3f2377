// Test markers inside fixture documents: `<|>` is a cursor, `<<…>>` marks an expected range.
// `<|>` is used instead of a bare `|` because Composer constraints contain `||`.

export const CURSOR = '<|>';
export const SPAN_OPEN = '<<';
export const SPAN_CLOSE = '>>';

export interface Span { start: number; end: number }

/** Removes the single `<|>` marker; throws when it is absent or given twice. */
export function parseCursor(text: string): { text: string; offset: number } {
	const offset = text.indexOf(CURSOR);
	if (offset < 0) throw new Error(`no ${CURSOR} cursor marker in document`);
	if (text.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`more than one ${CURSOR} cursor marker in document`);
	return { text: text.slice(0, offset) + text.slice(offset + CURSOR.length), offset };
}

/**
 * Removes every `<<…>>` span (not nested) and returns their offsets in the cleaned text, in document order.
 * Throws when there is no span, or when an opener has no closer (or the reverse).
 */
export function parseSpans(text: string): { text: string; spans: Span[] } {
	const spans: Span[] = [];
	let out = '';
	let i = 0;
	let open = -1;
	while (i < text.length) {
		if (text.startsWith(SPAN_OPEN, i)) {
			if (open >= 0) throw new Error(`nested ${SPAN_OPEN} at offset ${i}`);
			open = out.length;
			i += SPAN_OPEN.length;
		} else if (text.startsWith(SPAN_CLOSE, i)) {
			if (open < 0) throw new Error(`${SPAN_CLOSE} without ${SPAN_OPEN} at offset ${i}`);
			spans.push({ start: open, end: out.length });
			open = -1;
			i += SPAN_CLOSE.length;
		} else {
			out += text[i];
			i++;
		}
	}
	if (open >= 0) throw new Error(`${SPAN_OPEN} without ${SPAN_CLOSE}`);
	if (spans.length === 0) throw new Error(`no ${SPAN_OPEN}…${SPAN_CLOSE} span in document`);
	return { text: out, spans };
}

/** Like parseSpans but a document without spans is allowed (returns an empty list). */
export function parseOptionalSpans(text: string): { text: string; spans: Span[] } {
	return text.includes(SPAN_OPEN) ? parseSpans(text) : { text, spans: [] };
}
