// Runs every validation rule over one document. Rules are small modules; each reports through the context.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ComposerDocument } from '../../model/composerDocument';
import type { LanguageServiceOptions } from '../types';
import * as l10n from '@vscode/l10n';
import { createContext, type RuleContext } from './context';
import { DiagnosticCode } from './codes';
import { checkCommandSafety } from './commandSafety';
import { checkDisableEntries } from './disable';
import { checkDuplicates } from './duplicates';
import { checkEncoding } from './encoding';
import { checkFilters } from './filters';
import { checkInlinePackages } from './inlinePackage';
import { checkKeys } from './keys';
import { checkLocalPaths } from './localPaths';
import { checkBlockStructure, checkSyntax } from './structure';
import { checkTypes } from './types';
import { checkUrls } from './urls';
import { checkLive } from '../live/liveDiagnostics';

export async function doValidation(
	document: TextDocument, doc: ComposerDocument, options: LanguageServiceOptions, documentPath?: string,
): Promise<Diagnostic[]> {
	const diagnostics: Diagnostic[] = [];
	const ctx = createContext(document, doc, options, documentPath, diagnostics);
	checkSyntax(ctx);
	await checkEncoding(ctx);
	checkBlockStructure(ctx);
	checkDisableEntries(ctx);
	checkTypes(ctx);
	checkKeys(ctx);
	checkFilters(ctx);
	checkUrls(ctx);
	checkCommandSafety(ctx);
	checkInlinePackages(ctx);
	checkDuplicates(ctx);
	checkLive(ctx);
	await checkLocalPaths(ctx);
	diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	return capped(diagnostics, ctx);
}

/** More than an editor can show usefully (or a client receive quickly): the first ones, and how many more there are. */
const MAX_DIAGNOSTICS = 1000;

function capped(diagnostics: Diagnostic[], ctx: RuleContext): Diagnostic[] {
	if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
	const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
	const firstHidden = diagnostics[MAX_DIAGNOSTICS].range.start;
	const out: Diagnostic[] = [];
	createContext(ctx.document, ctx.doc, ctx.options, ctx.documentPath, out)
		.report({ offset: ctx.document.offsetAt(firstHidden), length: 0 }, DiagnosticCode.tooManyProblems, l10n.t('{0} more problems from here on are not shown; fix the ones above first.', diagnostics.length - MAX_DIAGNOSTICS));
	return [...shown, ...out];
}

export { DiagnosticCode, DEFAULT_SEVERITY } from './codes';
export type { DiagnosticData, FixData } from './codes';
