// Public types of the pure language service. No LSP transport and no Node I/O here: text in,
// diagnostics/completions/hovers/code actions out. File-system facts come in through LocalFacts.
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Every diagnostic we publish carries this source. */
export const DIAGNOSTIC_SOURCE = 'composer-repositories';

/** File-system questions the service may ask (answered by the LSP server or the CLI; faked nowhere — tests use real temp dirs). */
export interface LocalFacts {
	/** What is at this absolute path. */
	stat(path: string): Promise<'file' | 'directory' | 'missing'>;
	/** Entries of a directory (empty when it is not one). */
	readDirectory(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
}

export interface LanguageServiceOptions {
	/** Absent: checks that need the file system are not run. */
	facts?: LocalFacts;
	/** Environment for `$VAR` expansion in path/artifact URLs, as Composer does. */
	env?: Record<string, string | undefined>;
	/** Home directory for `~` expansion. */
	homeDir?: string;
}

export interface ComposerLanguageService {
	/** `documentPath`: absolute path of the composer.json on disk (for relative path checks); optional. */
	doValidation(document: TextDocument, documentPath?: string): Promise<Diagnostic[]>;
	doComplete(document: TextDocument, position: Position, documentPath?: string): Promise<CompletionList>;
	doHover(document: TextDocument, position: Position): Promise<Hover | null>;
	getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
}
