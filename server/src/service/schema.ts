// The JSON schema of `repositories` (schemas/composer-repositories.schema.json) and its errors reduced to one
// "expected" per location. The schema is the source of truth for value types; the validation rules decide which
// locations they report and with which message (validation/schemaProblems.ts).
// Pure: the schema is imported as a module (esbuild bundles it), never read from disk. It is compiled with ajv at
// build time (scripts/schemaValidators.mjs → schemaValidators.generated.js): compiling it when the CLI or the
// server starts was about half of the CLI's start-up time.
import type { ErrorObject } from 'ajv';
import schema from '../../../schemas/composer-repositories.schema.json';
import type { ValueKind } from './catalog';
import { validateBlock as validateBlockFn, validateEntry as validateEntryFn } from './schemaValidators.generated';

export type SchemaPath = (string | number)[];

export interface SchemaProblem {
	/** Where, relative to the validated value: keys for objects, indexes for lists. */
	readonly path: SchemaPath;
	/**
	 * What the schema accepts there, alternatives joined by `|`: JSON kinds as bare words (`string|boolean`) and
	 * literal values as JSON (`"none"|"config"|"auto"`, `string|false`).
	 */
	readonly expected: string;
	/** The JSON kinds accepted there, in the schema's order (a literal contributes its own kind). */
	readonly kinds: readonly ValueKind[];
	/** The literal values accepted, when the schema lists some (an enum, or `false` next to `string`). */
	readonly values: readonly unknown[];
}

export const SCHEMA_ID = schema.$id;

/** Repository types the schema knows (Composer's schema list: it includes `pear` and `forgejo`). */
export const SCHEMA_REPOSITORY_TYPES: readonly string[] = schema.definitions.repository.properties.type.enum;

const KIND_KEYWORDS = new Set(['type', 'enum', 'const']);

function kindOf(value: unknown): ValueKind {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	const t = typeof value;
	return t === 'string' || t === 'boolean' || t === 'number' ? t : 'object';
}

function schemaKind(type: string): ValueKind {
	return type === 'integer' ? 'number' : type as ValueKind;
}

/** `/package/0/name` → ['package', 0, 'name'], with indexes as numbers where the data is a list. */
function toPath(instancePath: string, data: unknown): SchemaPath {
	const out: SchemaPath = [];
	let cursor = data;
	for (const raw of instancePath.split('/').slice(1)) {
		const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(cursor)) {
			const index = Number(segment);
			out.push(index);
			cursor = cursor[index];
		} else {
			out.push(segment);
			cursor = cursor !== null && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[segment] : undefined;
		}
	}
	return out;
}

interface Alternatives { kinds: ValueKind[]; values: unknown[]; words: string[] }

function addAlternative(into: Alternatives, kind: ValueKind, word: string, value?: { v: unknown }): void {
	if (!into.words.includes(word)) into.words.push(word);
	if (!into.kinds.includes(kind)) into.kinds.push(kind);
	if (value && !into.values.includes(value.v)) into.values.push(value.v);
}

/** Folds the errors of one subschema at one location: an enum or const implies its type, so it wins. */
function addSubschemaErrors(into: Alternatives, errors: ErrorObject[]): void {
	const literal = errors.filter((e) => e.keyword === 'enum' || e.keyword === 'const');
	if (literal.length > 0) {
		for (const e of literal) {
			const values = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
			for (const v of values) addAlternative(into, kindOf(v), JSON.stringify(v), { v });
		}
		return;
	}
	for (const e of errors) {
		const t = (e.params as { type: string | string[] }).type;
		for (const type of Array.isArray(t) ? t : [t]) addAlternative(into, schemaKind(type), schemaKind(type));
	}
}

function parentOf(schemaPath: string): string {
	return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

/**
 * One problem per location whose value has the wrong kind or is not an allowed literal. Other errors
 * (`required`, the object form's forbidden `name`, disable-entry shapes) are structure, which rules report with
 * their own codes. The schema only uses `anyOf` for unions of scalars, so the branches failing at a location are
 * alternatives for that location; outside `anyOf`, the kind errors at one location come from one subschema.
 */
export function reduceErrors(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
	const byLocation = new Map<string, ErrorObject[]>();
	for (const e of errors) {
		if (!KIND_KEYWORDS.has(e.keyword)) continue;
		const list = byLocation.get(e.instancePath) ?? [];
		list.push(e);
		byLocation.set(e.instancePath, list);
	}
	const problems: SchemaProblem[] = [];
	for (const [instancePath, list] of byLocation) {
		// Group by subschema (the schema object holding the keyword), in the order ajv reported them.
		const groups = new Map<string, ErrorObject[]>();
		for (const e of list) {
			const key = parentOf(e.schemaPath);
			groups.set(key, [...(groups.get(key) ?? []), e]);
		}
		const alternatives: Alternatives = { kinds: [], values: [], words: [] };
		for (const group of groups.values()) addSubschemaErrors(alternatives, group);
		problems.push({ path: toPath(instancePath, data), expected: alternatives.words.join('|'), kinds: alternatives.kinds, values: alternatives.values });
	}
	return problems;
}

/** Value-type problems of one repository entry (list or object form; the form's own rules are not applied). */
export function validateRepositoryEntry(value: unknown): SchemaProblem[] {
	return validateEntryFn(value) ? [] : reduceErrors(validateEntryFn.errors ?? [], value);
}

/** Validates a whole `repositories` value: true, or the ajv errors (for tests and tools). */
export function validateRepositoriesBlock(value: unknown): { valid: boolean; errors: readonly ErrorObject[] } {
	const valid = validateBlockFn(value) as boolean;
	return { valid, errors: valid ? [] : [...(validateBlockFn.errors ?? [])] };
}

/** The schema object itself (for tests, and for tools that hand it to another validator). */
export const REPOSITORIES_SCHEMA: unknown = schema;
