// Shape of the document and of the `repositories` block (res/composer-schema.json `repositories`,
// Repository/RepositoryFactory.php::createRepos).
import * as l10n from '@vscode/l10n';
import { ParseErrorCode } from 'jsonc-parser';
import { MAX_MODELLED_LENGTH, MAX_NESTING, type Node } from '../../model/composerDocument';
import { DiagnosticCode } from './codes';
import { entryLabel, type RuleContext } from './context';

const MAX_SYNTAX_ERRORS = 20;

/** Offset of the comma when the error is a closing bracket right after one (only whitespace between). */
function trailingCommaAt(error: ParseErrorCode, text: string, offset: number): number | undefined {
	if (error !== ParseErrorCode.PropertyNameExpected && error !== ParseErrorCode.ValueExpected) return undefined;
	if (text[offset] !== '}' && text[offset] !== ']') return undefined;
	let i = offset - 1;
	while (i >= 0 && /\s/.test(text[i])) i--;
	return i >= 0 && text[i] === ',' ? i : undefined;
}

function syntaxMessage(error: ParseErrorCode): string {
	switch (error) {
		case ParseErrorCode.InvalidCommentToken:
			return l10n.t('Comments are not allowed in composer.json: Composer cannot read the file.');
		case ParseErrorCode.PropertyNameExpected:
		case ParseErrorCode.ValueExpected:
			return error === ParseErrorCode.ValueExpected ? l10n.t('Invalid JSON: a value is expected here.') : l10n.t('Invalid JSON: a property name is expected here.');
		case ParseErrorCode.CommaExpected: return l10n.t('Invalid JSON: a comma is expected here.');
		case ParseErrorCode.ColonExpected: return l10n.t('Invalid JSON: a colon is expected here.');
		case ParseErrorCode.CloseBraceExpected: return l10n.t('Invalid JSON: a closing brace is expected here.');
		case ParseErrorCode.CloseBracketExpected: return l10n.t('Invalid JSON: a closing bracket is expected here.');
		case ParseErrorCode.EndOfFileExpected: return l10n.t('Invalid JSON: nothing may follow the top-level value.');
		case ParseErrorCode.UnexpectedEndOfString: return l10n.t('Invalid JSON: unterminated string.');
		default: return l10n.t('Invalid JSON: Composer cannot read the file.');
	}
}

export function checkSyntax(ctx: RuleContext): void {
	const { doc } = ctx;
	// The parser's recovery can report several errors at one spot (e.g. at the end of a cut-off file): keep the first.
	if (doc.tooDeepAt !== undefined) {
		ctx.report({ offset: doc.tooDeepAt, length: 1 }, DiagnosticCode.invalidJson, l10n.t('Invalid JSON for Composer: values are nested more than {0} levels deep here, and Composer cannot read the file.', MAX_NESTING));
		return;
	}
	if (doc.tooLarge) {
		ctx.report({ offset: 0, length: 0 }, DiagnosticCode.documentTooLarge, l10n.t('This composer.json is {0} MB: only its JSON syntax is checked (files up to {1} MB are checked in full).', (doc.text.length / (1024 * 1024)).toFixed(1), MAX_MODELLED_LENGTH / (1024 * 1024)));
	}
	if (doc.bom) {
		ctx.report({ offset: 0, length: 1 }, DiagnosticCode.invalidJson, l10n.t('The file starts with a byte-order mark (BOM), which Composer refuses. Save it as UTF-8 without BOM.'));
	}
	const seen = new Set<number>();
	for (const e of doc.syntaxErrors.slice(0, MAX_SYNTAX_ERRORS)) {
		if (seen.has(e.offset)) continue;
		seen.add(e.offset);
		const comma = trailingCommaAt(e.error, doc.text, e.offset);
		if (comma !== undefined) {
			// The parser stops at the bracket; the comma is the mistake.
			ctx.report({ offset: comma, length: 1 }, DiagnosticCode.invalidJson, l10n.t('Trailing comma: Composer cannot read the file.'), {
				fixes: [{ kind: 'replace', title: l10n.t('Remove the trailing comma'), newText: '' }],
			});
			continue;
		}
		ctx.report({ offset: e.offset, length: Math.max(e.length, e.offset < doc.text.length ? 1 : 0) }, DiagnosticCode.invalidJson, syntaxMessage(e.error));
	}
	if (doc.root && doc.root.type !== 'object') {
		ctx.report(doc.root, DiagnosticCode.invalidJson, l10n.t('composer.json must hold a JSON object.'));
	}
}

function kindName(node: Node): string {
	return node.type === 'boolean' || node.type === 'null' ? String(node.value) : node.type;
}

/** Duplicate keys anywhere in the block: PHP keeps the last one silently; `composer validate` warns. */
function checkDuplicateKeys(ctx: RuleContext, node: Node | undefined): void {
	if (!node) return;
	if (node.type === 'object') {
		const seen = new Set<string>();
		for (const prop of node.children ?? []) {
			const keyNode = prop.children?.[0];
			if (keyNode && typeof keyNode.value === 'string') {
				if (seen.has(keyNode.value)) {
					ctx.report(keyNode, DiagnosticCode.duplicateKey, l10n.t('Duplicate key "{0}": Composer uses only the last one.', keyNode.value));
				}
				seen.add(keyNode.value);
			}
			checkDuplicateKeys(ctx, prop.children?.[1]);
		}
	} else if (node.type === 'array') {
		for (const child of node.children ?? []) checkDuplicateKeys(ctx, child);
	}
}

export function checkBlockStructure(ctx: RuleContext): void {
	const block = ctx.doc.repositories;
	if (!block) return;
	const value = block.property.valueNode;
	if (!value) return;
	if (block.form === 'other') {
		ctx.report(value, DiagnosticCode.repositoriesNotCollection, l10n.t('"repositories" must be a list of repository definitions (or an object of named ones), not {0}.', kindName(value)));
		return;
	}
	if (block.singleRepository) {
		ctx.report(block.property.keyNode, DiagnosticCode.singleRepository, l10n.t('"repositories" should be a list of repository definitions, but a single repository was given: wrap it in [ ].'), {
			fixes: [{ kind: 'wrapInList', title: l10n.t('Wrap the repository in a list'), range: ctx.rangeOf(value) }],
		});
		return;
	}
	checkDuplicateKeys(ctx, value);
	for (const entry of block.entries) {
		if (entry.kind === 'invalid') {
			const node = entry.valueNode;
			const message = node.type === 'string'
				? l10n.t('Repository "{0}" is a string; each repository must be an object such as {"type": "vcs", "url": "…"}.', entryLabel(entry))
				: l10n.t('Repository "{0}" must be an object, {1} given.', entryLabel(entry), kindName(node));
			ctx.report(node, DiagnosticCode.entryNotObject, message);
			continue;
		}
		if (entry.kind !== 'repository' || !entry.object) continue;
		if (!entry.typeProperty) {
			const flag = block.form === 'keyed' && entry.object.properties.length === 1 && entry.object.properties[0].valueNode?.type === 'boolean' ? entry.object.properties[0] : undefined;
			// `"0": {"packagist.org": false}`: the list form's disable entry written inside the keyed form.
			const message = flag
				? l10n.t('In the object form a repository is disabled with "{0}": false directly inside "repositories", not wrapped in another object.', flag.key)
				: l10n.t('Repository "{0}" has no "type": Composer cannot use it.', entryLabel(entry));
			ctx.report(entry.keyNode ?? { offset: entry.valueNode.offset, length: 1 }, DiagnosticCode.missingType, message);
		}
		if (block.form === 'keyed') {
			const name = entry.object.properties.find((p) => p.key === 'name');
			if (name) {
				ctx.report(name.keyNode, DiagnosticCode.nameInKeyedEntry, l10n.t('"name" is not allowed in a repository of the keyed form (Composer 2.9+ rejects it): the key "{0}" already names it.', entryLabel(entry)));
			}
		}
	}
}
