// Checking a JSON node against the value kinds the catalog declares.
import * as l10n from '@vscode/l10n';
import type { KeySpec, ValueKind } from '../catalog';
import type { Node } from '../parse';

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

/** Children that break the spec's item kind (list elements, or object values). */
export function badItems(node: Node, spec: KeySpec): Node[] {
	if (!spec.itemKind) return [];
	const out: Node[] = [];
	if (node.type === 'array') {
		for (const c of node.children ?? []) if (nodeKind(c) !== spec.itemKind) out.push(c);
	} else if (node.type === 'object') {
		for (const p of node.children ?? []) {
			const v = p.children?.[1];
			if (v && nodeKind(v) !== spec.itemKind) out.push(v);
		}
	}
	return out;
}
