// The one model of a composer.json: jsonc-parser's tree, the `repositories` block entry by entry, the root
// package's links (`require`, `require-dev`, …) and the `config` facts. Validation, completion, hover, code
// actions, the resolvers' repository list and the CLI all read this model, built once per document version
// (documentModels.ts), so the editor and the resolvers cannot disagree on what a repository is.
// Parsing is tolerant (comments, trailing commas, broken JSON): whatever part of the tree survives is
// modelled, and syntax problems are kept as values for validation to report.
import { getNodeValue, type Node, type ParseError, parseTree, visit, type JSONPath } from 'jsonc-parser';

export interface PropertyInfo {
	readonly key: string;
	/** The string node of the key. */
	readonly keyNode: Node;
	/** The value; absent while the user is still typing (`"url": `). */
	readonly valueNode: Node | undefined;
	/** The whole `"key": value` property node. */
	readonly propertyNode: Node;
}

export interface ObjectInfo {
	readonly node: Node;
	/** Every property in document order, duplicates included. */
	readonly properties: readonly PropertyInfo[];
}

/** PHP's json_decode keeps the last of duplicate keys; so do we. */
export function getProperty(obj: ObjectInfo | undefined, key: string): PropertyInfo | undefined {
	if (!obj) return undefined;
	for (let i = obj.properties.length - 1; i >= 0; i--) {
		if (obj.properties[i].key === key) return obj.properties[i];
	}
	return undefined;
}

export function toObjectInfo(node: Node | undefined): ObjectInfo | undefined {
	if (!node || node.type !== 'object') return undefined;
	const properties: PropertyInfo[] = [];
	for (const prop of node.children ?? []) {
		const keyNode = prop.children?.[0];
		if (prop.type !== 'property' || !keyNode || typeof keyNode.value !== 'string') continue;
		properties.push({ key: keyNode.value, keyNode, valueNode: prop.children?.[1], propertyNode: prop });
	}
	return { node, properties };
}

/**
 * - `repository`: an object with a `type` key, or an object that is neither a disable entry nor typed
 *   (then `type` is missing).
 * - `disable`: `{"name": false}` in the list form, `"name": false` in the keyed form, or an untyped object
 *   holding a boolean value (a disable entry with mistakes).
 * - `invalid`: anything that is not an object (string, number, array, null, true).
 */
export type EntryKind = 'repository' | 'disable' | 'invalid';

export interface DisableInfo {
	/** The repository name being disabled (`packagist.org`, `packagist`, …). */
	readonly name: string;
	readonly keyNode: Node;
	readonly valueNode: Node | undefined;
	/** Other properties of the same list-form object (Composer rejects them). */
	readonly extra: readonly PropertyInfo[];
}

export interface RepositoryEntry {
	/** Position in the block (0-based). */
	readonly index: number;
	readonly kind: EntryKind;
	/** Keyed form: the property key (the repository name). */
	readonly keyName?: string;
	readonly keyNode?: Node;
	/** The entry's value node (object for repositories, `false` for keyed disables). */
	readonly valueNode: Node;
	/** Present for objects. */
	readonly object?: ObjectInfo;
	/** `type` when it is a string. */
	readonly type?: string;
	readonly typeProperty?: PropertyInfo;
	readonly disable?: DisableInfo;
}

/** The JSON value of an entry, as PHP's json_decode would give it (objects keep key order; see repositoryList.ts). */
export function entryValue(entry: RepositoryEntry): unknown {
	return getNodeValue(entry.valueNode);
}

export type BlockForm = 'list' | 'keyed' | 'other';

export interface RepositoriesBlock {
	readonly property: PropertyInfo;
	/** `other`: neither array nor object (or no value yet). */
	readonly form: BlockForm;
	readonly entries: readonly RepositoryEntry[];
	/** Keyed form whose keys are a repository's own keys (`{"type": "vcs", "url": …}`): Composer's "single repository" error. */
	readonly singleRepository: boolean;
}

/** The root `config` settings that change how repositories are checked (only what composer.json says; global config is unknown). */
export interface ComposerConfigFacts {
	/** `config.secure-http` (Composer default: true). */
	readonly secureHttp: boolean;
	readonly secureSvnDomains: readonly string[];
	/** Defaults plus the composer.json's own `config.github-domains` / `gitlab-domains`. */
	readonly githubDomains: readonly string[];
	readonly gitlabDomains: readonly string[];
}

export interface SyntaxProblem {
	readonly error: ParseError['error'];
	readonly offset: number;
	readonly length: number;
}

/** The root package's link sections, as Composer's RootPackageLoader reads them. */
export const LINK_SECTIONS = ['require', 'require-dev', 'conflict', 'replace', 'provide'] as const;
export type LinkSection = typeof LINK_SECTIONS[number];

/** One `"vendor/name": "constraint"` line of a link section. */
export interface LinkEntry {
	readonly section: LinkSection;
	/** The package name as written. */
	readonly name: string;
	readonly keyNode: Node;
	/** Absent while the user is still typing (`"vendor/name": `). */
	readonly valueNode: Node | undefined;
	/** The constraint when the value is a string. */
	readonly constraint?: string;
}

export interface LinkBlock {
	readonly section: LinkSection;
	readonly property: PropertyInfo;
	/** Every entry in document order (duplicates included; PHP keeps the last). */
	readonly entries: readonly LinkEntry[];
}

export interface ComposerDocument {
	readonly text: string;
	readonly root: Node | undefined;
	readonly rootObject: ObjectInfo | undefined;
	readonly syntaxErrors: readonly SyntaxProblem[];
	readonly repositories: RepositoriesBlock | undefined;
	readonly config: ComposerConfigFacts;
	/** `require`, `require-dev`, `conflict`, `replace`, `provide` sections present as objects, in document order. */
	readonly links: readonly LinkBlock[];
	/** The root package's `name`, when a string. */
	readonly name?: string;
	/** The text starts with a byte-order mark, which Composer refuses (the rest is still modelled). */
	readonly bom?: boolean;
	/** Offset of the bracket that nests deeper than Composer reads; the text is then not parsed at all. */
	readonly tooDeepAt?: number;
	/** Longer than MAX_MODELLED_LENGTH: only its syntax was checked, no tree was built. */
	readonly tooLarge?: boolean;
}

/**
 * Texts longer than this (in UTF-16 units, about 1 MB) get their syntax checked but no model: a composer.json
 * that size is no hand-written file, and modelling it would cost seconds and hundreds of MB on every edit.
 */
export const MAX_MODELLED_LENGTH = 1024 * 1024;
/** Syntax errors kept per document (recovery after the first often reports many more at one spot). */
const MAX_SYNTAX_ERRORS = 100;

/** PHP's json_decode, which Composer reads composer.json with, refuses 512 or more levels of nesting. */
export const MAX_NESTING = 511;

/**
 * Offset of the first `{` or `[` that opens level MAX_NESTING + 1, if any. Checked before parsing because the
 * parser recurses once per level: a pathological file must not overflow the stack. Strings and comments are
 * skipped exactly as jsonc-parser's scanner reads them (a string also ends at a line break, a comment is skipped
 * even where comments are not allowed), or a stray quote could hide brackets that the parser then descends into.
 */
export function nestingOverflowOffset(text: string, limit = MAX_NESTING): number | undefined {
	let depth = 0;
	const n = text.length;
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) { // a string: to its closing quote, or to the end of the line
			for (i++; i < n; i++) {
				const d = text.charCodeAt(i);
				if (d === 0x22 || d === 0x0a || d === 0x0d) break;
				if (d === 0x5c) i++;
			}
		} else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) { // a line comment
			while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
		} else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) { // a block comment
			const close = text.indexOf('*/', i + 2);
			i = close < 0 ? n : close + 1;
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > limit) return i;
		} else if (c === 0x7d || c === 0x5d) {
			depth = Math.max(0, depth - 1);
		}
	}
	return undefined;
}

function entryFromValue(index: number, valueNode: Node, keyed: { name: string; keyNode: Node } | undefined, form: BlockForm): RepositoryEntry {
	const base = { index, valueNode, ...(keyed ? { keyName: keyed.name, keyNode: keyed.keyNode } : {}) };
	if (keyed && valueNode.type === 'boolean') {
		return { ...base, kind: 'disable', disable: { name: keyed.name, keyNode: keyed.keyNode, valueNode, extra: [] } };
	}
	const object = toObjectInfo(valueNode);
	if (!object) return { ...base, kind: 'invalid' };
	const typeProperty = getProperty(object, 'type');
	if (!typeProperty && form === 'list') {
		// An untyped object holding a boolean is a disable entry (possibly with mistakes Composer rejects).
		const first = object.properties.find((p) => p.valueNode?.type === 'boolean');
		if (first) {
			return { ...base, kind: 'disable', object, disable: { name: first.key, keyNode: first.keyNode, valueNode: first.valueNode, extra: object.properties.filter((p) => p !== first) } };
		}
	}
	const type = typeof typeProperty?.valueNode?.value === 'string' && typeProperty.valueNode.type === 'string' ? typeProperty.valueNode.value as string : undefined;
	return { ...base, kind: 'repository', object, ...(typeProperty ? { typeProperty } : {}), ...(type !== undefined ? { type } : {}) };
}

function parseBlock(property: PropertyInfo): RepositoriesBlock {
	const value = property.valueNode;
	if (value?.type === 'array') {
		const entries = (value.children ?? []).map((child, i) => entryFromValue(i, child, undefined, 'list'));
		return { property, form: 'list', entries, singleRepository: false };
	}
	const obj = toObjectInfo(value);
	if (obj) {
		const typeProp = getProperty(obj, 'type');
		const singleRepository = typeProp?.valueNode?.type === 'string';
		const entries = singleRepository ? [] : obj.properties
			.filter((p) => p.valueNode !== undefined)
			.map((p, i) => entryFromValue(i, p.valueNode as Node, { name: p.key, keyNode: p.keyNode }, 'keyed'));
		return { property, form: 'keyed', entries, singleRepository };
	}
	return { property, form: 'other', entries: [], singleRepository: false };
}

function stringList(node: Node | undefined): string[] {
	if (!node || node.type !== 'array') return [];
	return (node.children ?? []).filter((c) => c.type === 'string').map((c) => c.value as string);
}

function parseConfig(rootObject: ObjectInfo | undefined): ComposerConfigFacts {
	const config = toObjectInfo(getProperty(rootObject, 'config')?.valueNode);
	const secure = getProperty(config, 'secure-http')?.valueNode;
	const svn = getProperty(config, 'secure-svn-domains')?.valueNode;
	return {
		secureHttp: !(secure?.type === 'boolean' && secure.value === false),
		secureSvnDomains: stringList(svn),
		githubDomains: ['github.com', ...stringList(getProperty(config, 'github-domains')?.valueNode)],
		gitlabDomains: ['gitlab.com', ...stringList(getProperty(config, 'gitlab-domains')?.valueNode)],
	};
}

function parseLinks(rootObject: ObjectInfo | undefined): LinkBlock[] {
	const blocks: LinkBlock[] = [];
	for (const property of rootObject?.properties ?? []) {
		const section = LINK_SECTIONS.find((s) => s === property.key);
		const object = section && toObjectInfo(property.valueNode);
		if (!section || !object) continue;
		const entries = object.properties.map((p): LinkEntry => ({
			section, name: p.key, keyNode: p.keyNode, valueNode: p.valueNode,
			...(p.valueNode?.type === 'string' ? { constraint: p.valueNode.value as string } : {}),
		}));
		blocks.push({ section, property, entries });
	}
	return blocks;
}

/** The link entry whose key or value contains `offset`. */
export function findLinkAt(doc: ComposerDocument, offset: number): LinkEntry | undefined {
	for (const block of doc.links) {
		for (const entry of block.entries) {
			const end = entry.valueNode ? entry.valueNode.offset + entry.valueNode.length : entry.keyNode.offset + entry.keyNode.length;
			if (offset >= entry.keyNode.offset && offset <= end) return entry;
		}
	}
	return undefined;
}

/** The entries of one section that PHP's json_decode keeps: the last of duplicate names. */
export function effectiveLinks(doc: ComposerDocument, section: LinkSection): LinkEntry[] {
	const byName = new Map<string, LinkEntry>();
	for (const block of doc.links) {
		if (block.section !== section) continue;
		for (const entry of block.entries) {
			byName.delete(entry.name);
			byName.set(entry.name, entry);
		}
	}
	return [...byName.values()];
}

/** The syntax errors of `text` without building a tree (memory stays flat however long the text is). */
function syntaxOnly(text: string): SyntaxProblem[] {
	const errors: SyntaxProblem[] = [];
	visit(text, {
		onError(error, offset, length) {
			if (errors.length < MAX_SYNTAX_ERRORS) errors.push({ error, offset, length });
		},
	}, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
	return errors;
}

/** Parses a composer.json text. Never throws. */
export function parseComposerJson(text: string): ComposerDocument {
	const tooDeepAt = nestingOverflowOffset(text);
	if (tooDeepAt !== undefined) {
		return {
			text, root: undefined, rootObject: undefined, syntaxErrors: [], repositories: undefined, config: parseConfig(undefined), links: [], tooDeepAt,
		};
	}
	// A BOM is reported on its own; parsing a space in its place keeps every offset and models the rest.
	const bom = text.charCodeAt(0) === 0xfeff;
	if (text.length > MAX_MODELLED_LENGTH) {
		return { text, root: undefined, rootObject: undefined, syntaxErrors: syntaxOnly(bom ? ' ' + text.slice(1) : text), repositories: undefined, config: parseConfig(undefined), links: [], tooLarge: true, ...(bom ? { bom } : {}) };
	}
	const errors: ParseError[] = [];
	// Comments and trailing commas are reported (Composer's JSON parser refuses them) but must not stop parsing.
	const root = parseTree(bom ? ' ' + text.slice(1) : text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
	const rootObject = toObjectInfo(root);
	const reposProperty = getProperty(rootObject, 'repositories');
	const nameNode = getProperty(rootObject, 'name')?.valueNode;
	return {
		text,
		root,
		rootObject,
		syntaxErrors: errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({ error: e.error, offset: e.offset, length: e.length })),
		repositories: reposProperty ? parseBlock(reposProperty) : undefined,
		config: parseConfig(rootObject),
		links: parseLinks(rootObject),
		...(nameNode?.type === 'string' ? { name: nameNode.value as string } : {}),
		...(bom ? { bom } : {}),
	};
}

/** The entry whose value contains `offset` (keyed entries include their key). */
export function findEntryAt(doc: ComposerDocument, offset: number): RepositoryEntry | undefined {
	for (const entry of doc.repositories?.entries ?? []) {
		const start = entry.keyNode ? entry.keyNode.offset : entry.valueNode.offset;
		if (offset >= start && offset <= entry.valueNode.offset + entry.valueNode.length) return entry;
	}
	return undefined;
}

export type { Node, JSONPath };
