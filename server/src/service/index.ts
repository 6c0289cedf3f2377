// Entry point of the pure language service: wires the feature modules to the ComposerLanguageService contract.
// Every feature reads the same model of the document, built once per document version.
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentModels } from '../model/documentModels';
import type { ComposerLanguageService, CompletionTrigger, LanguageServiceOptions } from './types';
import { doComplete } from './completion';
import { doHover } from './hover';
import { doValidation } from './validation';
import { getCodeActions } from './codeActions';

export function getLanguageService(options: LanguageServiceOptions): ComposerLanguageService {
	const models = new DocumentModels();
	return {
		getDocumentModel: (document) => models.get(document),
		forgetDocument: (uri) => models.forget(uri),
		doValidation(document: TextDocument, documentPath?: string): Promise<Diagnostic[]> {
			return doValidation(document, models.get(document), options, documentPath);
		},
		doComplete(document: TextDocument, position: Position, documentPath?: string, context?: CompletionTrigger): Promise<CompletionList> {
			return doComplete(document, models.get(document), position, options, documentPath, context);
		},
		doHover(document: TextDocument, position: Position): Promise<Hover | null> {
			return doHover(document, models.get(document), position, options);
		},
		getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[] {
			return getCodeActions(document, models.get(document), range, context);
		},
	};
}

export type { ComposerLanguageService, CompletionTrigger, LanguageServiceOptions, LocalFacts } from './types';
export { DIAGNOSTIC_SOURCE } from './types';
export { DiagnosticCode } from './validation/codes';
