// The "Use a fork of VENDOR/NAME…" code action on a `require` / `require-dev` entry. It carries no edit: the
// fork's URL and branch are still to be chosen, so it runs the host's command (LanguageServiceOptions.useForkCommand:
// Commands.useFork of protocol/ext.ts in the LSP server), which the VS Code client answers with input boxes and
// other editors call with the full arguments. A host that runs no commands (the CLI) gets no action.
// The same command is the quick fix of a live `branch-not-found` diagnostic (service/live/liveDiagnostics.ts): the
// branch a requirement names is missing upstream, and a fork that has it is the usual way out; the fix passes
// the missing branch along, so the client asks only for the fork's URL.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { packageNameProblem } from '../../composer/packageNames';
import { findLinkAt, type ComposerDocument } from '../../model/composerDocument';
import { DIAGNOSTIC_SOURCE } from '../types';
import { DiagnosticCode, type LiveDiagnosticData } from '../validation/codes';

function wanted(context: CodeActionContext, kind: string): boolean {
	return !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The command's argument as the code action gives it (the host adds `url`, `alias` and, unless given, `branch`). */
export interface ForkCommandTarget {
	readonly uri: string;
	readonly packageName: string;
	readonly section: 'require' | 'require-dev';
	/** The branch the fork must have (the quick fix of `branch-not-found`). */
	readonly branch?: string;
}

function overlaps(a: Range, b: Range): boolean {
	const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
	return !before(a.end, b.start) && !before(b.end, a.start);
}

/** "Use a fork that has branch "X"…" for each `branch-not-found` diagnostic of a require/require-dev entry in range. */
function branchFixes(uri: string, range: Range, diagnostics: readonly Diagnostic[], command: string): CodeAction[] {
	const fixes: CodeAction[] = [];
	for (const d of diagnostics) {
		if (d.source !== DIAGNOSTIC_SOURCE || d.code !== DiagnosticCode.branchNotFound || !overlaps(d.range, range)) continue;
		const data = d.data as Partial<LiveDiagnosticData> | undefined;
		if (!data?.package || !data.branch || (data.section !== 'require' && data.section !== 'require-dev')) continue;
		const target: ForkCommandTarget = { uri, packageName: data.package, section: data.section, branch: data.branch };
		const title = l10n.t('Use a fork of {0} that has branch "{1}"…', data.package, data.branch);
		fixes.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command, arguments: [target] } });
	}
	return fixes;
}

export function forkCodeActions(
	document: TextDocument, doc: ComposerDocument, range: Range, context: CodeActionContext, command: string | undefined,
): CodeAction[] {
	if (command === undefined) return [];
	const fixes = wanted(context, CodeActionKind.QuickFix) ? branchFixes(document.uri, range, context.diagnostics, command) : [];
	return [...fixes, ...refactorings(document, doc, range, context, command)];
}

function refactorings(document: TextDocument, doc: ComposerDocument, range: Range, context: CodeActionContext, command: string): CodeAction[] {
	if (!wanted(context, CodeActionKind.RefactorRewrite)) return [];
	const link = findLinkAt(doc, document.offsetAt(range.start));
	if (!link || (link.section !== 'require' && link.section !== 'require-dev')) return [];
	// Platform packages (php, ext-*) have no repository to fork; a malformed name cannot be required at all
	// (capitals are fine: Composer compares names lower-cased).
	const problem = packageNameProblem(link.name);
	if (!link.name.includes('/') || (problem !== undefined && problem !== 'upper-case')) return [];
	const target: ForkCommandTarget = { uri: document.uri, packageName: link.name, section: link.section };
	const title = l10n.t('Use a fork of {0}…', link.name);
	return [{ title, kind: CodeActionKind.RefactorRewrite, command: { title, command, arguments: [target] } }];
}
