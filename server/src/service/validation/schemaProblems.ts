// Maps schema problems (service/schema.ts) back to jsonc nodes: a rule asks "does the schema object to the value
// of this node?" and gets the problem at exactly that location. Each repository entry is validated once per
// document; a value hidden by a later duplicate key (PHP keeps the last) is validated in place of the later one.
import { getNodeValue } from 'jsonc-parser';
import { getTypeSpec } from '../catalog';
import type { Node } from '../../model/composerDocument';
import { SCHEMA_REPOSITORY_TYPES, validateRepositoryEntry, type SchemaPath, type SchemaProblem } from '../schema';
import type { RuleContext } from './context';
import { kindMatches } from './valueKinds';

type Problems = Map<string, SchemaProblem>;
const cache = new WeakMap<Node, Problems>();
// Problems of an entry depend on its value alone, and their paths are relative to the entry: an edit elsewhere in
// the file leaves the entry's text, and so its answer, unchanged. Keyed by the entry's source text, bounded; the
// oldest answers go first (Map keeps insertion order, a hit is moved to the end).
const byText = new Map<string, Problems>();
const MAX_CACHED_ENTRIES = 4096;

function index(problems: SchemaProblem[]): Problems {
	return new Map(problems.map((p) => [JSON.stringify(p.path), p]));
}

/** The entry value as Composer decodes it; a type the schema does not list is checked as its replacement. */
function entryInstance(entryNode: Node): unknown {
	const value = getNodeValue(entryNode) as Record<string, unknown>;
	const type = value?.type;
	if (typeof type === 'string' && !SCHEMA_REPOSITORY_TYPES.includes(type)) {
		// hg-bitbucket: in our catalog (so its keys are checked as a vcs repository's) but not in Composer's schema.
		const replacement = getTypeSpec(type)?.replacement;
		if (replacement) value.type = replacement;
	}
	return value;
}

function entryProblems(ctx: RuleContext, entryNode: Node): Problems {
	let problems = cache.get(entryNode);
	if (!problems) {
		const text = ctx.document.getText().slice(entryNode.offset, entryNode.offset + entryNode.length);
		problems = byText.get(text);
		if (problems) {
			byText.delete(text);
		} else {
			problems = index(validateRepositoryEntry(entryInstance(entryNode)));
			if (byText.size >= MAX_CACHED_ENTRIES) byText.delete(byText.keys().next().value as string);
		}
		byText.set(text, problems);
		cache.set(entryNode, problems);
	}
	return problems;
}

/** A property hidden by a later one with the same key in the same object. */
function isShadowed(property: Node): boolean {
	const key = property.children?.[0]?.value;
	const siblings = property.parent?.children ?? [];
	for (let i = siblings.length - 1; i >= 0; i--) {
		if (siblings[i].children?.[0]?.value === key) return siblings[i] !== property;
	}
	return false;
}

/** Every object on `path` exists: it is the one holding a property being substituted, outermost first. */
function setAt(root: unknown, path: SchemaPath, value: unknown): void {
	let cursor = root as Record<string | number, unknown>;
	for (const segment of path.slice(0, -1)) cursor = cursor[segment] as Record<string | number, unknown>;
	cursor[path[path.length - 1]] = value;
}

/** The schema problem at `node`'s own location (not below it), if any. */
export function schemaProblemAt(ctx: RuleContext, node: Node): SchemaProblem | undefined {
	const block = ctx.doc.repositories?.property.valueNode;
	if (!block) return undefined;
	// An entry is a child of the list, or the value of a property of the object form.
	const isEntry = (n: Node) => n.parent === block || (n.parent?.type === 'property' && n.parent.parent === block && n.parent.children?.[1] === n);
	const path: SchemaPath = [];
	// Hidden properties on the way up, as (value node, segments below it): substituted outermost first.
	const hidden: { value: Node; below: number }[] = [];
	let current = node;
	while (!isEntry(current)) {
		const parent = current.parent;
		if (!parent) return undefined; // not inside `repositories`
		if (parent.type === 'property') {
			if (parent.children?.[1] !== current || !parent.parent) return undefined; // a key, not a value
			if (isShadowed(parent)) hidden.push({ value: current, below: path.length });
			path.unshift(parent.children[0].value as string);
			current = parent.parent;
		} else {
			path.unshift(parent.children?.indexOf(current) ?? 0);
			current = parent;
		}
	}
	const key = JSON.stringify(path);
	if (hidden.length === 0) return entryProblems(ctx, current).get(key);
	const instance = entryInstance(current);
	for (const h of hidden.reverse()) setAt(instance, path.slice(0, path.length - h.below), getNodeValue(h.value));
	return index(validateRepositoryEntry(instance)).get(key);
}

/** The schema problem at `node` when the node's JSON kind is not one the schema accepts there. */
export function kindProblemAt(ctx: RuleContext, node: Node): SchemaProblem | undefined {
	const problem = schemaProblemAt(ctx, node);
	return problem && !kindMatches(node, problem.kinds) ? problem : undefined;
}
