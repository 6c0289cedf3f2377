// The two output formats of `check`. Text is one line per diagnostic in the shape compilers use
// (`file:line:col severity code message`, 1-based) so terminals, editors' problem matchers and grep all
// understand it; JSON keeps LSP's 0-based positions so tools can reuse them as they are.
import * as l10n from '@vscode/l10n';
import type { Diagnostic } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

/** LSP leaves severity optional and editors read a missing one as an error; so do we. */
export function severityName(diagnostic: Diagnostic): SeverityName {
	switch (diagnostic.severity) {
		case 2: return 'warning';
		case 3: return 'information';
		case 4: return 'hint';
		default: return 'error';
	}
}

export function isError(diagnostic: Diagnostic): boolean {
	return severityName(diagnostic) === 'error';
}

/** Source order, so the output reads top to bottom like the file. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
	return [...diagnostics].sort((a, b) =>
		a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
		|| a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character);
}

/** LSP 3.18 allows markup in messages; plain text is what a terminal and a JSON consumer want. */
export function messageText(diagnostic: Diagnostic): string {
	return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function codeText(diagnostic: Diagnostic): string {
	return diagnostic.code === undefined ? '' : String(diagnostic.code);
}

export function formatText(file: string, diagnostics: readonly Diagnostic[]): string {
	const lines = diagnostics.map((d) => {
		const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
		// One diagnostic per line, whatever the message contains.
		const message = messageText(d).replace(/\s*\n\s*/g, ' ');
		const code = codeText(d);
		return `${where} ${severityName(d)}${code ? ` ${code}` : ''} ${message}`;
	});
	lines.push(summaryLine(diagnostics));
	return `${lines.join('\n')}\n`;
}

/**
 * The last line, always there (a clean file says so too), counted with the severity names the lines use.
 * Information is counted only when present: the validator itself reports none.
 */
export function summaryLine(diagnostics: readonly Diagnostic[]): string {
	const count = (name: SeverityName) => diagnostics.filter((d) => severityName(d) === name).length;
	const information = count('information');
	return information > 0
		? l10n.t('{0} error(s), {1} warning(s), {2} hint(s), {3} information', count('error'), count('warning'), count('hint'), information)
		: l10n.t('{0} error(s), {1} warning(s), {2} hint(s)', count('error'), count('warning'), count('hint'));
}

export interface JsonReport {
	file: string;
	diagnostics: {
		range: { start: { line: number; character: number }; end: { line: number; character: number } };
		severity: SeverityName;
		code: string;
		message: string;
	}[];
}

export function toJsonReport(file: string, diagnostics: readonly Diagnostic[]): JsonReport {
	return {
		file,
		diagnostics: diagnostics.map((d) => ({
			range: {
				start: { line: d.range.start.line, character: d.range.start.character },
				end: { line: d.range.end.line, character: d.range.end.character },
			},
			severity: severityName(d),
			code: codeText(d),
			message: messageText(d),
		})),
	};
}

export function formatJson(file: string, diagnostics: readonly Diagnostic[]): string {
	return `${JSON.stringify(toJsonReport(file, diagnostics), null, 2)}\n`;
}
