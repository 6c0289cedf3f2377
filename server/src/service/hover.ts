// Hovers inside the `repositories` block: every key of a repository entry, its `options` and inline
// package definitions, type values and the disable forms. Hovering a value shows its key's text. With live
// data, an entry's `type`, `url`, keyed name and opening brace also show its status (live/repositoryHover.ts),
// and the entries of `require`/`require-dev`/`conflict` what the repositories offer (live/requireHover.ts).
import * as l10n from '@vscode/l10n';
import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtLocation, findNodeAtOffset, getNodePath, type JSONPath, type Node } from 'jsonc-parser';
import {
	COMMON_KEYS, DIST_KEYS, INLINE_PACKAGE_KEYS, type KeySpec, LEGACY_PACKAGIST_NAME, PATH_OPTION_KEYS, REPOSITORY_TYPES, SOURCE_KEYS,
	getKeySpec, getKeysForType, getTypeSpec,
} from './catalog';
import { didYouMean } from './didYouMean';
import { describeDisable, describeKey, describeRepositoriesBlock, describeType, describeUnknownType } from './hover/describe';
import { type ComposerDocument, findEntryAt, findLinkAt, getProperty, toObjectInfo } from '../model/composerDocument';
import { describeStatus, statusOfEntry } from './live/repositoryHover';
import { requireHoverText } from './live/requireHover';
import type { LanguageServiceOptions } from './types';

interface Target {
	readonly node: Node;
	/** Path of the property (for keys) or of the value. */
	readonly path: JSONPath;
	readonly isKey: boolean;
	/** For keys: the property's value node. */
	readonly value: Node | undefined;
}

function targetAt(root: Node, offset: number): Target | undefined {
	const node = findNodeAtOffset(root, offset, true);
	if (!node) return undefined;
	const parent = node.parent;
	if (parent?.type === 'property' && parent.children?.[0] === node) {
		if (!parent.parent) return undefined;
		return { node, path: [...getNodePath(parent.parent), node.value as string], isKey: true, value: parent.children[1] };
	}
	if (node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
	return { node, path: getNodePath(node), isKey: false, value: node };
}

function findKeyAnywhere(name: string): KeySpec | undefined {
	return COMMON_KEYS.find((k) => k.name === name) ?? REPOSITORY_TYPES.flatMap((t) => t.keys).find((k) => k.name === name);
}

function entryKeyText(type: string | undefined, key: string): string | undefined {
	if (key === LEGACY_PACKAGIST_NAME || key === 'packagist.org') {
		return [`**\`${key}\`**`, l10n.t('Composer ignores this key inside a repository definition (it only warns). To turn packagist.org off, add `{"packagist.org": false}` as its own entry.')].join('\n\n');
	}
	const known = type !== undefined && getTypeSpec(type) !== undefined;
	const spec = known ? getKeySpec(type, key) : COMMON_KEYS.find((k) => k.name === key);
	if (spec) return describeKey(spec, { type });
	const option = PATH_OPTION_KEYS.find((k) => k.name === key);
	if (option) {
		return [describeKey(option), l10n.t('This is a path repository option: it is only read inside `options` of a `path` repository.')].join('\n\n');
	}
	const elsewhere = findKeyAnywhere(key);
	if (elsewhere) return describeKey(elsewhere, known ? { type, notForType: true } : {});
	// Composer ignores keys it does not know (no error), which is worth saying when a typo is the cause.
	const parts = [`**\`${key}\`**`, known
		? l10n.t('Composer does not read this key for {0} repositories; it is ignored.', `\`${type}\``)
		: l10n.t('Composer does not read this key; it is ignored.')];
	const guess = didYouMean(key, (known ? getKeysForType(type) : COMMON_KEYS).map((k) => k.name));
	if (guess) parts.push(l10n.t('Did you mean {0}?', `\`${guess}\``));
	return parts.join('\n\n');
}

function optionKeyText(type: string | undefined, key: string): string | undefined {
	if (type === 'path') {
		const spec = PATH_OPTION_KEYS.find((k) => k.name === key);
		return spec ? describeKey(spec) : undefined;
	}
	return [`**\`${key}\`**`, l10n.t('A transport option group (PHP stream context, e.g. `http`, `ssl`) used for requests to this repository.')].join('\n\n');
}

function packageKeyText(path: JSONPath): string | undefined {
	// path: repositories, x, package, [i], key | dist/source, key
	let i = 3;
	if (typeof path[i] === 'number') i++;
	const rest = path.slice(i);
	if (rest.length === 1) {
		const spec = INLINE_PACKAGE_KEYS.find((k) => k.name === rest[0]);
		return spec ? describeKey(spec) : undefined;
	}
	if (rest.length === 2 && (rest[0] === 'dist' || rest[0] === 'source')) {
		const spec = (rest[0] === 'dist' ? DIST_KEYS : SOURCE_KEYS).find((k) => k.name === rest[1]);
		return spec ? describeKey(spec) : undefined;
	}
	return undefined;
}

function describeTarget(root: Node, target: Target): string | undefined {
	const { path } = target;
	if (path[0] !== 'repositories') return undefined;
	if (path.length === 1) return target.isKey ? describeRepositoriesBlock() : undefined;
	const block = findNodeAtLocation(root, ['repositories']);
	if (path.length === 2) {
		if (block?.type !== 'object' || typeof path[1] !== 'string') return undefined;
		if (target.value?.type === 'boolean') return describeDisable(path[1]);
		return target.isKey ? [`**\`${path[1]}\`**`, l10n.t('Name of this repository (keyed form). Another configuration layer can turn it off with {0}.', '`{' + JSON.stringify(path[1]) + ': false}`')].join('\n\n') : undefined;
	}
	const entry = toObjectInfo(findNodeAtLocation(root, path.slice(0, 2)));
	if (!entry) return undefined;
	const typeNode = getProperty(entry, 'type')?.valueNode;
	const type = typeNode?.type === 'string' ? typeNode.value as string : undefined;
	const key = String(path[2]);
	if (path.length === 3) {
		if (key === 'type' && !target.isKey) {
			if (target.node.type !== 'string') return undefined;
			const spec = getTypeSpec(target.node.value as string);
			return spec ? describeType(spec) : describeUnknownType(target.node.value as string);
		}
		// `{"packagist.org": false}` and friends: an untyped list entry holding a boolean.
		if (type === undefined && typeof path[1] === 'number' && target.value?.type === 'boolean') return describeDisable(key);
		return entryKeyText(type, key);
	}
	if (key === 'options' && path.length === 4) return optionKeyText(type, String(path[3]));
	if (key === 'package' && type === 'package') return packageKeyText(path);
	return undefined;
}

/** Hovers outside `repositories` and the live additions inside it: only with a snapshot (live data on). */
function liveHover(document: TextDocument, doc: ComposerDocument, offset: number, target: Target | undefined, options: LanguageServiceOptions): Hover | null {
	const snapshot = options.live?.snapshot(doc, document.uri);
	if (!snapshot) return null;
	const range = (start: number, length: number) => ({ start: document.positionAt(start), end: document.positionAt(start + length) });
	const markdown = (value: string, start: number, length: number): Hover => ({ contents: { kind: 'markdown', value }, range: range(start, length) });
	if (!target) {
		// The opening brace of a repository entry: its live status alone.
		const entry = findEntryAt(doc, offset);
		const status = entry?.kind === 'repository' && entry.valueNode.offset === offset ? statusOfEntry(snapshot, entry.index) : undefined;
		return status ? markdown(describeStatus(status), offset, 1) : null;
	}
	const link = findLinkAt(doc, offset);
	if (!link || link.section === 'replace' || link.section === 'provide') return null;
	if (target.node !== link.keyNode && target.node !== link.valueNode) return null;
	return markdown(requireHoverText(doc, link, snapshot), target.node.offset, target.node.length);
}

/** Whether the hover of this repository key or value also shows the entry's live status (`type`, `url`, the keyed name). */
function showsStatus(target: Target): boolean {
	const { path } = target;
	if (path.length === 2) return target.isKey && typeof path[1] === 'string';
	return path.length === 3 && (path[2] === 'type' || path[2] === 'url');
}

export async function doHover(document: TextDocument, doc: ComposerDocument, position: Position, options: LanguageServiceOptions): Promise<Hover | null> {
	const root = doc.root;
	if (!root) return null;
	const offset = document.offsetAt(position);
	const target = targetAt(root, offset);
	if (!target || target.path[0] !== 'repositories') return liveHover(document, doc, offset, target, options);
	let value = describeTarget(root, target);
	if (value === undefined) return null;
	const snapshot = showsStatus(target) ? options.live?.snapshot(doc, document.uri) : undefined;
	const entry = snapshot ? findEntryAt(doc, offset) : undefined;
	const status = snapshot && entry?.kind === 'repository' ? statusOfEntry(snapshot, entry.index) : undefined;
	if (status) value += '\n\n---\n\n' + describeStatus(status);
	const range = { start: document.positionAt(target.node.offset), end: document.positionAt(target.node.offset + target.node.length) };
	return { contents: { kind: 'markdown', value }, range };
}
