// Quick fixes built from the `data` our diagnostics carry. Edits keep the document's indentation and EOL.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from './types';
import type { Node } from 'jsonc-parser';
import type { ComposerDocument } from '../model/composerDocument';
import { removalSpan } from './jsonEdits';
import { moveToOptionsEdits } from './moveToOptions';
import type { DiagnosticData, FixData } from './validation/codes';

function fixesOf(d: Diagnostic): FixData[] {
	const data = d.data as Partial<DiagnosticData> | undefined;
	return d.source === DIAGNOSTIC_SOURCE && Array.isArray(data?.fixes) ? data.fixes : [];
}

function editsFor(document: TextDocument, d: Diagnostic, fix: FixData, tree: () => Node | undefined): { edits: TextEdit[]; title: string } | undefined {
	if (fix.kind === 'replace') return { edits: [{ range: fix.range ?? d.range, newText: fix.newText }], title: fix.title };
	if (fix.kind === 'remove') {
		const start = document.offsetAt(fix.range.start);
		const span = removalSpan(document.getText(), { offset: start, length: document.offsetAt(fix.range.end) - start });
		return { edits: [{ range: { start: document.positionAt(span.start), end: document.positionAt(span.end) }, newText: '' }], title: fix.title };
	}
	if (fix.kind === 'wrapInList') {
		return { edits: [{ range: { start: fix.range.start, end: fix.range.start }, newText: '[' }, { range: { start: fix.range.end, end: fix.range.end }, newText: ']' }], title: fix.title };
	}
	const move = moveToOptionsEdits(document, fix.entryPath, fix.key, tree());
	if (!move) return undefined;
	return { edits: move.edits, title: move.removeOnly ? l10n.t('Remove "{0}" ("options" already sets it)', fix.key) : fix.title };
}

function overlaps(a: Range, b: Range): boolean {
	const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
	return !before(a.end, b.start) && !before(b.end, a.start);
}

export function getCodeActions(document: TextDocument, doc: ComposerDocument, range: Range, context: CodeActionContext): CodeAction[] {
	if (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
	const actions: CodeAction[] = [];
	const tree = () => doc.root;
	for (const d of context.diagnostics) {
		if (!overlaps(d.range, range)) continue;
		for (const fix of fixesOf(d)) {
			const result = editsFor(document, d, fix, tree);
			if (!result) continue;
			actions.push({
				title: result.title || l10n.t('Fix'),
				kind: CodeActionKind.QuickFix,
				diagnostics: [d],
				isPreferred: fixesOf(d).length === 1,
				edit: { changes: { [document.uri]: result.edits } },
			});
		}
	}
	return actions;
}
