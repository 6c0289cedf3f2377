// Whole new entries of the `repositories` block: one per accepted type, plus the packagist.org disable
// entry, written as a list element (`{…}`) or as a keyed property (`"name": {…}`).
import * as l10n from '@vscode/l10n';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { PACKAGIST_NAME, describeDisableEntry } from '../catalog';
import { typeDocumentation } from '../hover/describe';
import { type ItemBuilder } from './builder';
import { keyHasColon } from './cursor';
import { renderSnippet } from './format';
import { REPOSITORY_TEMPLATES, templateObject } from './templates';

/** A `{…}` object snippet for each type (list elements and keyed values). */
function addObjectSnippets(builder: ItemBuilder): void {
	const render = { indentUnit: builder.indentUnit, baseIndent: builder.baseIndent, eol: builder.eol };
	for (const [i, template] of REPOSITORY_TEMPLATES.entries()) {
		builder.add({
			label: l10n.t('{0} repository', template.type),
			kind: CompletionItemKind.Snippet,
			text: renderSnippet(templateObject(template), render),
			snippet: true,
			filterWord: template.type,
			detail: template.detail(),
			documentation: typeDocumentation(template.type),
			sortText: '1' + String(i).padStart(2, '0'),
		});
	}
}

/** `{…}` for each type, at an element position of the list form. */
export function addListEntrySnippets(builder: ItemBuilder, packagistDisabled: boolean): void {
	addObjectSnippets(builder);
	if (!packagistDisabled) {
		builder.add({
			label: `{"${PACKAGIST_NAME}": false}`,
			kind: CompletionItemKind.Snippet,
			text: `{"${PACKAGIST_NAME}": false}`,
			filterWord: PACKAGIST_NAME,
			detail: l10n.t('Disable packagist.org'),
			documentation: describeDisableEntry(PACKAGIST_NAME),
			sortText: '2',
		});
	}
}

/** `"name": {…}` for each type, at a property position of the keyed form. */
export function addKeyedEntrySnippets(builder: ItemBuilder, packagistDisabled: boolean): void {
	// Replacing the name of an existing entry must not add a second value after it.
	if (keyHasColon(builder.cursor)) return;
	const render = { indentUnit: builder.indentUnit, baseIndent: builder.baseIndent, eol: builder.eol, firstTabStop: 2 };
	for (const [i, template] of REPOSITORY_TEMPLATES.entries()) {
		const name = `"\${1:${template.type === 'package' ? 'vendor-package' : 'my-' + template.type}}"`;
		builder.add({
			label: l10n.t('{0} repository', template.type),
			kind: CompletionItemKind.Snippet,
			text: `${name}: ${renderSnippet(templateObject(template), render)}`,
			snippet: true,
			filterWord: template.type,
			detail: template.detail(),
			documentation: typeDocumentation(template.type),
			sortText: '1' + String(i).padStart(2, '0'),
		});
	}
	if (!packagistDisabled) {
		builder.add({
			label: `"${PACKAGIST_NAME}": false`,
			kind: CompletionItemKind.Snippet,
			text: `"${PACKAGIST_NAME}": false`,
			filterWord: PACKAGIST_NAME,
			detail: l10n.t('Disable packagist.org'),
			documentation: describeDisableEntry(PACKAGIST_NAME),
			sortText: '2',
		});
	}
}

/** The value of a keyed entry (`"name": <cursor>`): a repository object of each type, or `false`. */
export function addKeyedValueSnippets(builder: ItemBuilder): void {
	addObjectSnippets(builder);
	builder.add({
		label: 'false',
		kind: CompletionItemKind.Value,
		text: 'false',
		detail: l10n.t('Disable the repository of this name'),
		sortText: '2',
	});
}
