// Turns "insert this JSON text here" into CompletionItems whose edits replace the token under the cursor
// (quotes included), add the commas the surrounding JSON needs, and filter correctly in editors that
// match the typed text (quote included) against filterText.
import { type Command, type CompletionItem, type CompletionItemKind, CompletionItemTag, InsertTextFormat, InsertTextMode, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SyntaxKind } from 'jsonc-parser';
import { type CursorContext, needsCommaAfter } from './cursor';
import { detectEol, detectIndentUnit, lineIndentAt } from './format';

export interface ItemSpec {
	readonly label: string;
	readonly kind: CompletionItemKind;
	/** Text that replaces the token under the cursor. */
	readonly text: string;
	/** `text` is a snippet (tab stops, escaped `$`/`}`). */
	readonly snippet?: boolean;
	/** The word to match what was typed against (without quotes); defaults to the label. */
	readonly filterWord?: string;
	readonly detail?: string;
	/** Markdown. */
	readonly documentation?: string;
	readonly sortText?: string;
	readonly preselect?: boolean;
	readonly deprecated?: boolean;
	/** Add a comma after the text when the next token needs one (default true). */
	readonly commaAfter?: boolean;
	readonly command?: Command;
}

export const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export class ItemBuilder {
	readonly indentUnit: string;
	readonly eol: string;
	/** Indentation of the line the replaced token starts on. */
	readonly baseIndent: string;
	/** The list depends on what is typed next (folder listings): the editor should ask again as the user types. */
	incomplete = false;
	private readonly items: CompletionItem[] = [];
	private readonly labels = new Set<string>();

	constructor(private readonly document: TextDocument, readonly text: string, readonly cursor: CursorContext) {
		this.indentUnit = detectIndentUnit(text);
		this.eol = detectEol(text);
		this.baseIndent = lineIndentAt(text, cursor.replaceStart);
	}

	/** Whether the token under the cursor is a string (the typed text then starts with a quote). */
	get inString(): boolean {
		return this.cursor.current?.kind === SyntaxKind.StringLiteral;
	}

	add(spec: ItemSpec): void {
		if (this.labels.has(spec.label)) return;
		this.labels.add(spec.label);
		const range = { start: this.document.positionAt(this.cursor.replaceStart), end: this.document.positionAt(this.cursor.replaceEnd) };
		const comma = spec.commaAfter !== false && needsCommaAfter(this.cursor) ? ',' : '';
		const word = spec.filterWord ?? spec.label;
		// Right after a colon typed without a space (`"type":`), keep the usual `"key": value` spacing.
		const space = this.cursor.slot.kind === 'value' && this.text[this.cursor.replaceStart - 1] === ':' ? ' ' : '';
		const item: CompletionItem = {
			label: spec.label,
			kind: spec.kind,
			textEdit: { range, newText: space + spec.text + comma },
			insertTextFormat: spec.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
			// Our text carries its own indentation; the editor must not re-indent it.
			insertTextMode: InsertTextMode.asIs,
			filterText: this.inString ? `"${word}` + (this.cursor.current?.unterminated ? '' : '"') : word,
		};
		if (this.cursor.commaBeforeAt !== undefined) {
			const at = this.document.positionAt(this.cursor.commaBeforeAt);
			const edit: TextEdit = { range: { start: at, end: at }, newText: ',' };
			item.additionalTextEdits = [edit];
		}
		if (spec.detail) item.detail = spec.detail;
		if (spec.documentation) item.documentation = { kind: 'markdown', value: spec.documentation };
		if (spec.sortText) item.sortText = spec.sortText;
		if (spec.preselect) item.preselect = true;
		if (spec.deprecated) item.tags = [CompletionItemTag.Deprecated];
		if (spec.command) item.command = spec.command;
		this.items.push(item);
	}

	result(): CompletionItem[] {
		return this.items;
	}
}
