// The "Use a fork of VENDOR/NAME…" code action on a `require` / `require-dev` entry. It carries no edit: the
// fork's URL and branch are still to be chosen, so it runs the host's command (LanguageServiceOptions.useForkCommand:
// Commands.useFork of protocol/ext.ts in the LSP server), which the VS Code client answers with input boxes and
// other editors call with the full arguments. A host that runs no commands (the CLI) gets no action.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { packageNameProblem } from '../../composer/packageNames';
import { findLinkAt, type ComposerDocument } from '../../model/composerDocument';

function wanted(context: CodeActionContext, kind: string): boolean {
	return !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The command's argument as the code action gives it (the host adds `url`, `branch` and `alias`). */
export interface ForkCommandTarget {
	readonly uri: string;
	readonly packageName: string;
	readonly section: 'require' | 'require-dev';
}

export function forkCodeActions(
	document: TextDocument, doc: ComposerDocument, range: Range, context: CodeActionContext, command: string | undefined,
): CodeAction[] {
	if (command === undefined || !wanted(context, CodeActionKind.RefactorRewrite)) return [];
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
