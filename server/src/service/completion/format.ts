// Text helpers for completion edits: the document's indentation, snippet escaping and a tiny renderer for
// multi-line JSON snippets, so inserted repositories look like the code around them.
import { detectFormatting } from '../formatting';

/** The document's indentation unit, as the rest of the service (code actions) sees it. */
export function detectIndentUnit(text: string): string {
	const formatting = detectFormatting(text);
	return formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 4) : '\t';
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
	return match ? match[0] : '';
}

/** The line break the document uses. */
export function detectEol(text: string): string {
	return detectFormatting(text).eol ?? '\n';
}

/** Escapes literal text for a snippet (`$`, `}` and `\` are special there). */
export function escapeSnippet(value: string): string {
	return value.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A JSON string literal whose contents are a snippet placeholder with a default (`"${1:default}"`). */
export interface Placeholder {
	readonly placeholder: string;
	/** Put the placeholder inside quotes (a JSON string). */
	readonly quoted?: boolean;
}

/** A literal JSON value (already JSON text), a placeholder, or an object written as ordered pairs. */
export type SnippetValue = { readonly json: string } | Placeholder | { readonly object: readonly (readonly [string, SnippetValue])[] };

export interface RenderOptions {
	readonly indentUnit: string;
	/** Indentation of the line the snippet starts on. */
	readonly baseIndent: string;
	readonly eol: string;
	/** Number of the first tab stop (later ones count up). */
	readonly firstTabStop?: number;
}

/** Renders a value as multi-line JSON snippet text; objects are expanded one property per line. */
export function renderSnippet(value: SnippetValue, options: RenderOptions): string {
	let tabStop = options.firstTabStop ?? 1;
	const render = (v: SnippetValue, indent: string): string => {
		if ('json' in v) return escapeSnippet(v.json);
		if ('placeholder' in v) {
			// JSON.stringify gives the quoted, escaped form; the placeholder goes between the quotes.
			const inner = escapeSnippet(JSON.stringify(v.placeholder).slice(1, -1));
			const stop = `\${${tabStop++}:${inner}}`;
			return v.quoted === false ? stop : `"${stop}"`;
		}
		if (v.object.length === 0) return '{}';
		const inner = indent + options.indentUnit;
		const lines = v.object.map(([k, child]) => `${inner}${escapeSnippet(JSON.stringify(k))}: ${render(child, inner)}`);
		return `{${options.eol}${lines.join(',' + options.eol)}${options.eol}${indent}}`;
	};
	return render(value, options.baseIndent);
}
