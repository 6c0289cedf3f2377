// The "move a path option into `options`" quick fix, written as small text edits around the property so that
// everything else in the entry keeps its layout: a compact one-line entry stays on one line, comments and the
// user's own formatting of the moved value are kept, and the document's indentation and EOL are used.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormatting } from './formatting';
import { firstOnLine, indentOf, removalSpan, type Span } from './jsonEdits';

/**
 * Edits that move property `key` of the object at `entryPath` into that object's `options`. When `options`
 * already sets the key, the misplaced copy is simply removed: it is the one Composer ignores.
 */
export function moveToOptionsEdits(
	document: TextDocument, entryPath: (string | number)[], key: string, root: Node | undefined,
): { edits: TextEdit[]; removeOnly: boolean } | undefined {
	const text = document.getText();
	const entry = root && findNodeAtLocation(root, entryPath);
	if (!entry || entry.type !== 'object') return undefined;
	const props = entry.children ?? [];
	// PHP keeps the last of duplicate keys: that is the one to move.
	const prop = [...props].reverse().find((p) => p.children?.[0]?.value === key && p.children.length === 2);
	const options = [...props].reverse().find((p) => p.children?.[0]?.value === 'options')?.children?.[1];
	if (!prop) return undefined;
	if (options && options.type !== 'object') return undefined;
	const edit = (span: Span, newText: string): TextEdit => ({
		range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
		newText,
	});
	const propText = text.slice(prop.offset, prop.offset + prop.length);
	const { eol = '\n', insertSpaces, tabSize = 4 } = detectFormatting(text);
	const unit = insertSpaces === false ? '\t' : ' '.repeat(tabSize);

	if (!options) {
		// Wrap the property in place: `"symlink": false` → `"options": {"symlink": false}` (multi-line entries get a block).
		const multiLine = firstOnLine(text, prop.offset);
		const indent = indentOf(text, prop.offset);
		const wrapped = multiLine
			? `"options": {${eol}${indent}${unit}${propText}${eol}${indent}}`
			: `"options": {${propText}}`;
		return { edits: [edit({ start: prop.offset, end: prop.offset + prop.length }, wrapped)], removeOnly: false };
	}
	const removal = edit(removalSpan(text, prop), '');
	const existing = (options.children ?? []).find((p) => p.children?.[0]?.value === key);
	if (existing) return { edits: [removal], removeOnly: true };
	const inner = options.children ?? [];
	const last = inner[inner.length - 1];
	let insertion: TextEdit;
	if (last) {
		const at = last.offset + last.length;
		const multiLine = text.slice(options.offset, options.offset + options.length).includes('\n');
		insertion = edit({ start: at, end: at }, multiLine ? `,${eol}${indentOf(text, last.offset)}${propText}` : `, ${propText}`);
	} else {
		const at = options.offset + 1;
		const multiLine = firstOnLine(text, prop.offset);
		const indent = indentOf(text, options.offset);
		// `{}` → `{"symlink": false}` in a compact entry, a block in a multi-line one.
		const body = multiLine ? `${eol}${indent}${unit}${propText}${eol}${indent}` : propText;
		insertion = edit({ start: at, end: options.offset + options.length - 1 }, body);
	}
	return { edits: [removal, insertion], removeOnly: false };
}
