// Completions inside the `repositories` block: new entries, keys per repository type, path `options`, values
// (types, booleans, enumerations) and folders for path/artifact URLs. Elsewhere in composer.json, the live
// features (live/liveCompletion.ts): versions, stability flags and package names of the link sections.
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import { LEGACY_PACKAGIST_NAME, PACKAGIST_NAME, getKeySpec, getPathOptionSpec, getTypeSpec } from './catalog';
import { type ComposerDocument, type ObjectInfo, getProperty, toObjectInfo } from '../model/composerDocument';
import type { CompletionTrigger, LanguageServiceOptions } from './types';
import { completeLive } from './live/liveCompletion';
import { ItemBuilder, TRIGGER_SUGGEST } from './completion/builder';
import { analyzeCursor, typedStringPrefix } from './completion/cursor';
import { listDirectories } from './completion/directories';
import { escapeSnippet } from './completion/format';
import { addDistTypes, addEntryKeys, addInlinePackageKeys, addLiteralValues, addOptionKeys, addTypeValues, addValuesForKey } from './completion/keys';
import { addKeyedEntrySnippets, addKeyedValueSnippets, addListEntrySnippets } from './completion/repositories';

interface EntryContext {
	readonly object: ObjectInfo | undefined;
	readonly type: string | undefined;
	readonly keyed: boolean;
}

function entryAt(root: Node | undefined, path: JSONPath): EntryContext {
	const node = root ? findNodeAtLocation(root, path.slice(0, 2)) : undefined;
	const object = toObjectInfo(node);
	const typeNode = getProperty(object, 'type')?.valueNode;
	const type = typeNode?.type === 'string' ? typeNode.value as string : undefined;
	return { object, type, keyed: typeof path[1] === 'string' };
}

/** Keys already in the object, except the one whose name is being edited at the cursor. */
function presentKeys(object: ObjectInfo | undefined, editingAt: number | undefined): Set<string> {
	return new Set((object?.properties ?? []).filter((p) => p.keyNode.offset !== editingAt).map((p) => p.key));
}

function objectAt(root: Node | undefined, path: JSONPath): ObjectInfo | undefined {
	return root ? toObjectInfo(findNodeAtLocation(root, path)) : undefined;
}

/** Whether some entry already disables packagist.org (list `{"packagist.org": false}` or keyed `"packagist.org": false`). */
function packagistDisabled(root: Node | undefined): boolean {
	const block = root ? findNodeAtLocation(root, ['repositories']) : undefined;
	const isDisable = (name: unknown, value: Node | undefined): boolean => (name === PACKAGIST_NAME || name === LEGACY_PACKAGIST_NAME) && value?.type === 'boolean' && value.value === false;
	if (block?.type === 'object') return (toObjectInfo(block)?.properties ?? []).some((p) => isDisable(p.key, p.valueNode));
	return (block?.children ?? []).some((child) => (toObjectInfo(child)?.properties ?? []).some((p) => isDisable(p.key, p.valueNode)));
}

/** Where inside an inline `package` definition a path points: its keys, or a dist/source object's. */
function packagePart(path: JSONPath): { part: 'package' | 'dist' | 'source'; rest: JSONPath } | undefined {
	if (path[2] !== 'package') return undefined;
	let i = 3;
	if (typeof path[i] === 'number') i++;
	if (path.length === i) return { part: 'package', rest: [] };
	const sub = path[i];
	if ((sub === 'dist' || sub === 'source') && path.length >= i + 1) return { part: sub, rest: path.slice(i + 1) };
	return { part: 'package', rest: path.slice(i) };
}

async function addUrlDirectories(
	builder: ItemBuilder, type: string, offset: number, options: LanguageServiceOptions, documentPath: string | undefined,
): Promise<void> {
	const typed = typedStringPrefix(builder.text, builder.cursor, offset) ?? '';
	let decoded: string;
	try {
		decoded = JSON.parse(`"${typed}"`) as string;
	} catch {
		return; // mid-escape (`"C:\`): nothing sensible to list yet
	}
	const listing = await listDirectories(decoded, options, documentPath, type === 'path');
	if (!listing) return;
	// Typing `/` moves to another folder, so the editor must ask again rather than filter this list.
	builder.incomplete = true;
	if (listing.partial === '' || listing.partial === '.' || listing.partial === '..') {
		// Going up is the usual first step for path repositories (`../packages/*`).
		builder.add({
			label: '../',
			kind: CompletionItemKind.Folder,
			text: escapeSnippet(JSON.stringify(listing.prefix + '../').slice(0, -1)) + '$0"',
			snippet: true,
			filterWord: listing.prefix + '../',
			sortText: '0',
			command: TRIGGER_SUGGEST,
		});
	}
	for (const candidate of listing.candidates) {
		const value = listing.prefix + candidate.name;
		builder.add({
			label: candidate.name,
			kind: CompletionItemKind.Folder,
			text: JSON.stringify(value),
			filterWord: value,
			sortText: (candidate.hasComposerJson ? '1' : '2') + candidate.name,
			...(candidate.hasComposerJson ? { detail: l10n.t('Folder with a composer.json') } : {}),
		});
	}
}

async function collect(
	builder: ItemBuilder, root: Node | undefined, offset: number, options: LanguageServiceOptions, documentPath: string | undefined,
): Promise<void> {
	const { slot, current } = builder.cursor;
	const path = slot.kind === 'value' ? slot.path : slot.container;
	if (path[0] !== 'repositories') return;
	const block = root ? findNodeAtLocation(root, ['repositories']) : undefined;
	const editingKeyAt = slot.kind === 'key' ? current?.start : undefined;

	if (path.length === 1) {
		if (slot.kind === 'element' && block?.type !== 'object') addListEntrySnippets(builder, packagistDisabled(root));
		if (slot.kind === 'key' && block?.type !== 'array') addKeyedEntrySnippets(builder, packagistDisabled(root));
		return;
	}
	if (slot.kind === 'value' && path.length === 2) {
		if (typeof path[1] === 'string' && block?.type === 'object') addKeyedValueSnippets(builder);
		return;
	}
	const entry = entryAt(root, path);
	if (slot.kind === 'key' && path.length === 2) {
		addEntryKeys(builder, entry.type, presentKeys(entry.object, editingKeyAt), entry.keyed, !entry.keyed && entry.type === undefined);
		return;
	}
	if (slot.kind === 'element') return;
	const pkg = entry.type === 'package' ? packagePart(path) : undefined;
	if (pkg) {
		if (slot.kind === 'key' && pkg.rest.length === 0) addInlinePackageKeys(builder, presentKeys(objectAt(root, path), editingKeyAt), pkg.part);
		if (slot.kind === 'value' && pkg.part !== 'package' && pkg.rest.length === 1 && pkg.rest[0] === 'type') addDistTypes(builder, pkg.part);
		return;
	}
	if (path[2] === 'options' && entry.type === 'path') {
		if (slot.kind === 'key' && path.length === 3) addOptionKeys(builder, presentKeys(objectAt(root, path), editingKeyAt));
		if (slot.kind === 'value' && path.length === 4) {
			const spec = getPathOptionSpec(String(path[3]));
			if (spec) addValuesForKey(builder, spec);
		}
		return;
	}
	if (slot.kind !== 'value' || path.length !== 3) return;
	const key = String(path[2]);
	if (key === 'type') {
		addTypeValues(builder);
		return;
	}
	if (entry.type === undefined && !entry.keyed && (key === PACKAGIST_NAME || key === LEGACY_PACKAGIST_NAME)) {
		addLiteralValues(builder, ['false']);
		return;
	}
	if (key === 'url' && (entry.type === 'path' || entry.type === 'artifact')) {
		await addUrlDirectories(builder, entry.type, offset, options, documentPath);
		return;
	}
	const spec = entry.type !== undefined && getTypeSpec(entry.type) ? getKeySpec(entry.type, key) : undefined;
	if (spec) addValuesForKey(builder, spec);
}

/** Trigger characters that only mean something inside a constraint (`^1.0 |`, `^1.0,`, `^1.0@`). */
const CONSTRAINT_TRIGGERS: ReadonlySet<string> = new Set([' ', '|', ',', '@']);

export async function doComplete(
	document: TextDocument, doc: ComposerDocument, position: Position, options: LanguageServiceOptions, documentPath?: string, context?: CompletionTrigger,
): Promise<CompletionList> {
	const result: CompletionList = { isIncomplete: false, items: [] };
	const text = doc.text;
	const offset = document.offsetAt(position);
	// The cursor analysis recurses per nesting level: a file nested deeper than Composer reads gets nothing, and
	// neither does one too large to model (completion would rescan megabytes on every keystroke).
	if (doc.tooDeepAt !== undefined || doc.tooLarge) return result;
	const cursor = analyzeCursor(text, offset);
	if (!cursor) return result;
	const separatorTrigger = context?.triggerCharacter !== undefined && CONSTRAINT_TRIGGERS.has(context.triggerCharacter);
	const first = cursor.slot.kind === 'value' ? cursor.slot.path[0] : cursor.slot.container[0];
	if (first !== 'repositories') {
		const live = completeLive(document, doc, cursor, offset, options);
		if (!live || (separatorTrigger && !live.inConstraint)) return result;
		return { isIncomplete: live.isIncomplete, items: live.items };
	}
	if (separatorTrigger) return result;
	const builder = new ItemBuilder(document, text, cursor);
	await collect(builder, doc.root, offset, options, documentPath);
	result.items = builder.result();
	result.isIncomplete = builder.incomplete;
	return result;
}
