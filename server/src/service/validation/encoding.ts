// Files Composer refuses before reading any key: empty, not UTF-8, or holding an unpaired surrogate escape
// (src/Composer/Json/JsonFile.php: parseJson, validateSyntax). The editor gets text, not bytes: bytes that are not
// UTF-8 arrive as U+FFFD (which a valid file may hold too), so when the text has one, the file on disk decides.
// A lone surrogate in the text itself can come from no UTF-8 file and is reported as such.
import * as l10n from '@vscode/l10n';
import { firstInvalidUtf8, loneSurrogateAt, unpairedSurrogateEscape } from '../../model/encoding';
import { DiagnosticCode } from './codes';
import type { RuleContext } from './context';

/** Larger files are not read again to find bad bytes (the text is then judged alone). */
const MAX_BYTES_CHECKED = 32 * 1024 * 1024;

export async function checkEncoding(ctx: RuleContext): Promise<void> {
	const text = ctx.doc.text;
	if (text.replace(/^\ufeff/, '').trim() === '') {
		ctx.report({ offset: 0, length: text.length }, DiagnosticCode.invalidJson, l10n.t('The file is empty: Composer fails with "does not contain valid JSON". A composer.json holds at least {}.'), {
			fixes: [{ kind: 'replace', title: l10n.t('Insert {}'), newText: '{}\n' }],
		});
		return;
	}
	// Composer lints the file before it blames the encoding: with a syntax error, that error is what it reports.
	if (ctx.doc.syntaxErrors.length > 0 || ctx.doc.tooDeepAt !== undefined) return;
	const lone = loneSurrogateAt(text);
	if (lone !== undefined) {
		ctx.report({ offset: lone, length: 1 }, DiagnosticCode.invalidJson, l10n.t('The file is not UTF-8 here (half of a UTF-16 surrogate pair): Composer fails with "composer.json is not UTF-8, could not parse as JSON".'));
		return;
	}
	const replacement = text.indexOf('\ufffd');
	if (replacement >= 0 && ctx.documentPath && ctx.options.facts?.readFile) {
		const bytes = await ctx.options.facts.readFile(ctx.documentPath, MAX_BYTES_CHECKED);
		const bad = bytes && firstInvalidUtf8(bytes);
		if (bytes && bad !== undefined) {
			// The valid prefix decodes to exactly the text before the bad bytes, when the editor shows the file as saved.
			const at = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)).length;
			const offset = text[at] === '\ufffd' ? at : replacement;
			ctx.report({ offset, length: 1 }, DiagnosticCode.invalidJson, l10n.t('The file on disk is not UTF-8 (its bytes here are not): Composer fails with "composer.json is not UTF-8, could not parse as JSON". Save the file as UTF-8.'));
			return;
		}
	}
	const escape = unpairedSurrogateEscape(text);
	if (escape) {
		ctx.report(escape, DiagnosticCode.invalidJson, l10n.t('Half of a UTF-16 surrogate pair: PHP\'s json_decode refuses it, so Composer reads the whole file as null and fails with "NULL value found, but an object is required".'));
	}
}
