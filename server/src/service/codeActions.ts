// Quick fixes built from the `data` our diagnostics carry. Edits keep the document's indentation and EOL.
import * as l10n from '@vscode/l10n';
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from './types';
import { detectFormatting } from './formatting';
import type { DiagnosticData, FixData } from './validation/codes';

function fixesOf(d: Diagnostic): FixData[] {
	const data = d.data as Partial<DiagnosticData> | undefined;
	return d.source === DIAGNOSTIC_SOURCE && Array.isArray(data?.fixes) ? data.fixes : [];
}

/**
 * Moves `key` of the object at `entryPath` into its `options` object. Computed with jsonc-parser's modify
 * (which formats what it inserts) and returned as one edit over the entry, so the rest stays untouched.
 */
export function moveToOptionsEdit(document: TextDocument, entryPath: (string | number)[], key: string): TextEdit | undefined {
	const text = document.getText();
	const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
	const entry = root && findNodeAtLocation(root, entryPath);
	if (!entry || entry.type !== 'object') return undefined;
	const valueNode = findNodeAtLocation(entry, [key]);
	if (!valueNode) return undefined;
	const options = findNodeAtLocation(entry, ['options']);
	if (options && options.type !== 'object') return undefined;
	const formattingOptions = detectFormatting(text);
	const withOption = applyEdits(text, modify(text, [...entryPath, 'options', key], getNodeValue(valueNode), { formattingOptions }));
	const result = applyEdits(withOption, modify(withOption, [...entryPath, key], undefined, { formattingOptions }));
	const start = entry.offset;
	const oldEnd = entry.offset + entry.length;
	const newEnd = oldEnd + (result.length - text.length);
	return { range: { start: document.positionAt(start), end: document.positionAt(oldEnd) }, newText: result.slice(start, newEnd) };
}

function editFor(document: TextDocument, d: Diagnostic, fix: FixData): TextEdit | undefined {
	if (fix.kind === 'replace') return { range: d.range, newText: fix.newText };
	return moveToOptionsEdit(document, fix.entryPath, fix.key);
}

function overlaps(a: Range, b: Range): boolean {
	const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
	return !before(a.end, b.start) && !before(b.end, a.start);
}

export function getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[] {
	if (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
	const actions: CodeAction[] = [];
	for (const d of context.diagnostics) {
		if (!overlaps(d.range, range)) continue;
		for (const fix of fixesOf(d)) {
			const edit = editFor(document, d, fix);
			if (!edit) continue;
			actions.push({
				title: fix.title || l10n.t('Fix'),
				kind: CodeActionKind.QuickFix,
				diagnostics: [d],
				isPreferred: fixesOf(d).length === 1,
				edit: { changes: { [document.uri]: [edit] } },
			});
		}
	}
	return actions;
}
