// JSON value kinds of jsonc nodes and their wording in messages. Which kinds a location accepts comes from the
// schema (schemaProblems.ts); this module only compares and describes.
import * as l10n from '@vscode/l10n';
import type { ValueKind } from '../catalog';
import type { Node } from '../../model/composerDocument';

export function nodeKind(node: Node): ValueKind {
	return node.type === 'property' ? 'object' : node.type;
}

export function kindMatches(node: Node, kinds: readonly ValueKind[]): boolean {
	return kinds.includes(nodeKind(node));
}

function kindLabel(kind: ValueKind): string {
	switch (kind) {
		case 'string': return l10n.t('a string');
		case 'boolean': return l10n.t('a boolean');
		case 'number': return l10n.t('a number');
		case 'object': return l10n.t('an object');
		case 'array': return l10n.t('a list');
		default: return l10n.t('null');
	}
}

/** "a string or a boolean" */
export function describeKinds(kinds: readonly ValueKind[]): string {
	const labels = kinds.map(kindLabel);
	return labels.length <= 1 ? labels.join('') : l10n.t('{0} or {1}', labels.slice(0, -1).join(', '), labels[labels.length - 1]);
}

/** The elements of a list, or the values of an object's properties (duplicates included). */
export function childValues(node: Node): Node[] {
	if (node.type === 'array') return [...(node.children ?? [])];
	if (node.type !== 'object') return [];
	return (node.children ?? []).map((p) => p.children?.[1]).filter((v): v is Node => v !== undefined);
}
