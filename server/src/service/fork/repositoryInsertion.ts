// Puts `{"type": "vcs", "url": …}` first in `repositories`, as text edits that leave the rest of the file as it
// is. First, because Composer asks repositories in order and the first one that has a package name provides
// it (doc/articles/repository-priorities.md): behind packagist.org or a composer repository that also has the
// package, the fork would never be asked. The list form gets a new first element, the keyed form a new first
// property (its order is the priority order too), a missing block is added as the last root key as
// `composer config repositories.NAME vcs URL` does (src/Composer/Json/JsonManipulator.php, addMainKey()).
// Entries follow the block's style: compact when its entries are one-liners, one key per line otherwise.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { ComposerDocument, RepositoryEntry } from '../../model/composerDocument';
import { getProperty } from '../../model/composerDocument';
import { getTypeSpec } from '../catalog';
import { normalizeUrlForComparison } from '../validation/duplicates';
import { detectFormatting } from '../formatting';

/** An edit in offsets of the original text. */
export interface OffsetEdit {
	readonly start: number;
	readonly end: number;
	readonly newText: string;
}

export type InsertionResult =
	| { readonly ok: true; readonly edit?: OffsetEdit; readonly existing?: RepositoryEntry }
	| { readonly ok: false; readonly message: string };

function lineStart(text: string, offset: number): number {
	return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentOf(text: string, offset: number): string {
	return /^[ \t]*/.exec(text.slice(lineStart(text, offset), offset))?.[0] ?? '';
}

function firstOnLine(text: string, offset: number): boolean {
	return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

function spansLines(text: string, node: Node): boolean {
	return text.slice(node.offset, node.offset + node.length).includes('\n');
}

interface Style {
	readonly eol: string;
	/** One indentation level. */
	readonly unit: string;
}

function styleOf(text: string): Style {
	const { eol = '\n', insertSpaces, tabSize = 4 } = detectFormatting(text);
	return { eol, unit: insertSpaces === false ? '\t' : ' '.repeat(tabSize) };
}

/** The repository object's text; `indent` is the indentation of the line its `{` is on (multi-line form). */
function entryText(url: string, multiLine: boolean, indent: string, style: Style): string {
	const keys = ['"type": "vcs"', `"url": ${JSON.stringify(url)}`];
	if (!multiLine) return `{${keys.join(', ')}}`;
	const inner = indent + style.unit;
	return `{${style.eol}${keys.map((k) => inner + k).join(`,${style.eol}`)}${style.eol}${indent}}`;
}

/** An entry of the block that already reads this URL with a VCS driver (any VCS type: they read the same repository). */
export function findSameUrlEntry(doc: ComposerDocument, url: string): RepositoryEntry | undefined {
	const wanted = normalizeUrlForComparison(url);
	return doc.repositories?.entries.find((entry) => {
		if (entry.kind !== 'repository' || !entry.type || getTypeSpec(entry.type)?.family !== 'vcs') return false;
		const urlNode = getProperty(entry.object, 'url')?.valueNode;
		return urlNode?.type === 'string' && normalizeUrlForComparison(urlNode.value as string) === wanted;
	});
}

/** A key for the keyed form that no entry uses yet: `vendor/name-fork`, then `vendor/name-fork-2`, … */
function freshKey(doc: ComposerDocument, packageName: string): string {
	const taken = new Set(doc.repositories?.entries.map((e) => e.keyName));
	const base = `${packageName}-fork`;
	let key = base;
	for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
	return key;
}

/** Insert `item` before the first child of a non-empty array/object `container`. */
function beforeFirst(text: string, first: Node, item: (multiLine: boolean, indent: string) => string, multiLine: boolean): OffsetEdit {
	const own = firstOnLine(text, first.offset);
	const indent = own ? indentOf(text, first.offset) : '';
	const separator = own ? `${styleOf(text).eol}${indent}` : ' ';
	return { start: first.offset, end: first.offset, newText: `${item(multiLine && own, indent)},${separator}` };
}

/** Fill an empty `[]` / `{}` (whatever blank space it holds is replaced). */
function intoEmpty(text: string, container: Node, item: (multiLine: boolean, indent: string) => string, style: Style): OffsetEdit {
	const multiLine = text.includes('\n');
	const start = container.offset + 1;
	const end = container.offset + container.length - 1;
	if (!multiLine) return { start, end, newText: item(false, '') };
	const outer = indentOf(text, container.offset);
	const inner = outer + style.unit;
	return { start, end, newText: `${style.eol}${inner}${item(true, inner)}${style.eol}${outer}` };
}

/** A whole new `"repositories": [...]` as the root object's last key. */
function newBlock(doc: ComposerDocument, url: string, style: Style): InsertionResult {
	const text = doc.text;
	const root = doc.rootObject;
	if (!root) return { ok: false, message: l10n.t('composer.json must be a JSON object to add a repository.') };
	const multiLine = text.includes('\n');
	const last = root.properties[root.properties.length - 1];
	if (!last) {
		const edit = intoEmpty(text, root.node, (m, indent) => blockText(url, m, indent, style), style);
		return { ok: true, edit };
	}
	const at = last.propertyNode.offset + last.propertyNode.length;
	const own = firstOnLine(text, last.propertyNode.offset);
	const indent = own ? indentOf(text, last.propertyNode.offset) : '';
	const separator = multiLine && own ? `${style.eol}${indent}` : ' ';
	return { ok: true, edit: { start: at, end: at, newText: `,${separator}${blockText(url, multiLine && own, indent, style)}` } };
}

function blockText(url: string, multiLine: boolean, indent: string, style: Style): string {
	if (!multiLine) return `"repositories": [${entryText(url, false, '', style)}]`;
	const inner = indent + style.unit;
	return `"repositories": [${style.eol}${inner}${entryText(url, true, inner, style)}${style.eol}${indent}]`;
}

/**
 * The edit that makes `url` the first repository, or none when an entry for the same URL is already there
 * (`existing`): a second copy would only make Composer read the fork twice.
 */
export function insertForkRepository(doc: ComposerDocument, packageName: string, url: string): InsertionResult {
	const style = styleOf(doc.text);
	const block = doc.repositories;
	if (!block) return newBlock(doc, url, style);
	const existing = findSameUrlEntry(doc, url);
	if (existing) return { ok: true, existing };
	const value = block.property.valueNode;
	if (!value || block.form === 'other' || block.singleRepository) {
		return { ok: false, message: l10n.t('The "repositories" block must be a list or an object of repositories before a fork can be added to it.') };
	}
	const text = doc.text;
	const children = value.children ?? [];
	const multiLine = children.length === 0 ? text.includes('\n') : block.entries.some((e) => spansLines(text, e.valueNode));
	if (block.form === 'list') {
		const item = (m: boolean, indent: string) => entryText(url, m, indent, style);
		return { ok: true, edit: children.length ? beforeFirst(text, children[0], item, multiLine) : intoEmpty(text, value, item, style) };
	}
	const key = JSON.stringify(freshKey(doc, packageName));
	const item = (m: boolean, indent: string) => `${key}: ${entryText(url, m, indent, style)}`;
	return { ok: true, edit: children.length ? beforeFirst(text, children[0], item, multiLine) : intoEmpty(text, value, item, style) };
}
