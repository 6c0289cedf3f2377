// What every validation rule receives, and the one way rules report a diagnostic.
import type { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, type LanguageServiceOptions } from '../types';
import type { ComposerDocument } from '../../model/composerDocument';
import { DEFAULT_SEVERITY, type DiagnosticCodeValue, type FixData } from './codes';

export interface Span { readonly offset: number; readonly length: number }

export interface RuleContext {
	readonly document: TextDocument;
	readonly doc: ComposerDocument;
	readonly options: LanguageServiceOptions;
	readonly documentPath: string | undefined;
	report(span: Span, code: DiagnosticCodeValue, message: string, extra?: { severity?: DiagnosticSeverity; fixes?: FixData[]; data?: object }): void;
	/** The document range of a node or span (what a fix carries). */
	rangeOf(span: Span): Range;
}

export function createContext(
	document: TextDocument, doc: ComposerDocument, options: LanguageServiceOptions, documentPath: string | undefined, out: Diagnostic[],
): RuleContext {
	const rangeOf = (span: Span): Range => ({ start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) });
	return {
		document, doc, options, documentPath, rangeOf,
		report(span, code, message, extra) {
			const diagnostic: Diagnostic = {
				range: rangeOf(span),
				severity: extra?.severity ?? DEFAULT_SEVERITY[code],
				source: DIAGNOSTIC_SOURCE,
				code,
				message,
			};
			// Live diagnostics carry facts for later quick fixes (LiveDiagnosticData), with or without fixes of their own.
			if (extra?.fixes?.length || extra?.data) diagnostic.data = { ...extra.data, fixes: extra.fixes ?? [] };
			out.push(diagnostic);
		},
	};
}

/** Composer's name for an entry in messages: the key in the keyed form, else its index. */
export function entryLabel(entry: { index: number; keyName?: string }): string {
	return entry.keyName ?? String(entry.index);
}
