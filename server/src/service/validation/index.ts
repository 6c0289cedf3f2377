// Runs every validation rule over one document. Rules are small modules; each reports through the context.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ComposerDocument } from '../../model/composerDocument';
import type { LanguageServiceOptions } from '../types';
import { createContext } from './context';
import { checkDisableEntries } from './disable';
import { checkDuplicates } from './duplicates';
import { checkFilters } from './filters';
import { checkInlinePackages } from './inlinePackage';
import { checkKeys } from './keys';
import { checkLocalPaths } from './localPaths';
import { checkBlockStructure, checkSyntax } from './structure';
import { checkTypes } from './types';
import { checkUrls } from './urls';

export async function doValidation(
	document: TextDocument, doc: ComposerDocument, options: LanguageServiceOptions, documentPath?: string,
): Promise<Diagnostic[]> {
	const diagnostics: Diagnostic[] = [];
	const ctx = createContext(document, doc, options, documentPath, diagnostics);
	checkSyntax(ctx);
	checkBlockStructure(ctx);
	checkDisableEntries(ctx);
	checkTypes(ctx);
	checkKeys(ctx);
	checkFilters(ctx);
	checkUrls(ctx);
	checkInlinePackages(ctx);
	checkDuplicates(ctx);
	await checkLocalPaths(ctx);
	diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	return diagnostics;
}

export { DiagnosticCode, DEFAULT_SEVERITY } from './codes';
export type { DiagnosticData, FixData } from './codes';
