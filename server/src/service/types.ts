// Public types of the pure language service. No LSP transport and no Node I/O here: text in,
// diagnostics/completions/hovers/code actions out. File-system facts come in through LocalFacts.
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocalFacts } from '../composerPaths/localFacts';
import type { ComposerDocument } from '../model/composerDocument';
import type { RepositoryDataProvider } from './liveData';

export type { LocalFacts } from '../composerPaths/localFacts';

/** Every diagnostic we publish carries this source. */
export const DIAGNOSTIC_SOURCE = 'composer-repositories';

export interface LanguageServiceOptions {
	/** Absent: checks that need the file system are not run. */
	facts?: LocalFacts;
	/** Environment for `$VAR` expansion in path/artifact URLs, as Composer does. */
	env?: Record<string, string | undefined>;
	/** Home directory for `~` expansion. */
	homeDir?: string;
	/** Live repository data (versions, package names, repository status). Absent: nothing live is offered or reported. */
	live?: RepositoryDataProvider;
}

/** The part of LSP's CompletionContext the service reads. */
export interface CompletionTrigger {
	/** The character that triggered the request, when one did (`"`, `:`, `/`, ` `, `|`, `,`, `@`). */
	readonly triggerCharacter?: string;
}

export interface ComposerLanguageService {
	/** The model of this document version (built once, shared with the server's resolution and the CLI). */
	getDocumentModel(document: TextDocument): ComposerDocument;
	/** Drops the cached model of a closed document. */
	forgetDocument(uri: string): void;
	/** `documentPath`: absolute path of the composer.json on disk (for relative path checks); optional. */
	doValidation(document: TextDocument, documentPath?: string): Promise<Diagnostic[]>;
	/** `context`: how the editor triggered the request (LSP CompletionContext); separators only trigger inside a constraint. */
	doComplete(document: TextDocument, position: Position, documentPath?: string, context?: CompletionTrigger): Promise<CompletionList>;
	doHover(document: TextDocument, position: Position): Promise<Hover | null>;
	getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
}
