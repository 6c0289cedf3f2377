// Shared helpers for the validation unit tests: run the service on a marked-up document and compare every
// diagnostic (code, severity, exact range) with the `<<…>>` spans, in document order.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/index';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import { parseOptionalSpans } from '../helpers/markers';

export const E = DiagnosticSeverity.Error;
export const W = DiagnosticSeverity.Warning;
export const H = DiagnosticSeverity.Hint;

export type Expected = [code: string, severity: DiagnosticSeverity];

export function makeDocument(text: string, uri = 'file:///project/composer.json'): TextDocument {
	return TextDocument.create(uri, 'json', 1, text);
}

export async function validate(
	text: string, options: LanguageServiceOptions = {}, documentPath?: string,
): Promise<{ document: TextDocument; diagnostics: Diagnostic[] }> {
	const document = makeDocument(text);
	const diagnostics = await getLanguageService(options).doValidation(document, documentPath);
	return { document, diagnostics };
}

function show(document: TextDocument, d: Diagnostic): string {
	const text = document.getText();
	return `${d.code}@[${document.offsetAt(d.range.start)},${document.offsetAt(d.range.end)}] "${text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end))}" (${d.severity}) ${d.message}`;
}

/** Asserts exactly the expected diagnostics, one per `<<…>>` span (in order). */
export async function expectDiagnostics(
	marked: string, expected: Expected[], options: LanguageServiceOptions = {}, documentPath?: string,
): Promise<Diagnostic[]> {
	const { text, spans } = parseOptionalSpans(marked);
	const { document, diagnostics } = await validate(text, options, documentPath);
	const actual = diagnostics.map((d) => show(document, d)).join('\n');
	assert.equal(diagnostics.length, expected.length, `expected ${expected.length} diagnostics, got:\n${actual}`);
	assert.equal(spans.length, expected.length, 'test bug: one span per expected diagnostic');
	diagnostics.forEach((d, i) => {
		assert.equal(d.code, expected[i][0], `diagnostic ${i}: ${actual}`);
		assert.equal(d.severity, expected[i][1], `severity of ${show(document, d)}`);
		assert.equal(d.source, 'composer-repositories');
		assert.ok(String(d.message).length > 0);
		assert.deepEqual([document.offsetAt(d.range.start), document.offsetAt(d.range.end)], [spans[i].start, spans[i].end], `range of ${show(document, d)}`);
	});
	return diagnostics;
}

/** Wraps a `repositories` value in a minimal composer.json. */
export function repos(value: string, extra = ''): string {
	return `{\n\t"name": "acme/app",${extra}\n\t"repositories": ${value}\n}\n`;
}
