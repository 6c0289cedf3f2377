// Property names and values inside one repository entry: the keys its type reads, path `options`, inline
// package definitions, and values for `type`, booleans and enumerations.
import * as l10n from '@vscode/l10n';
import { CompletionItemKind } from 'vscode-languageserver-types';
import {
	ACCEPTED_TYPES, COMMON_KEYS, DIST_KEYS, DIST_TYPES, INLINE_PACKAGE_KEYS, type KeySpec, PACKAGIST_NAME, PATH_OPTION_KEYS,
	SOURCE_KEYS, SOURCE_TYPES, getKeysForType, getTypeSpec,
} from '../catalog';
import { describeKey, typeDocumentation } from '../hover/describe';
import { type ItemBuilder, TRIGGER_SUGGEST } from './builder';
import { keyHasColon } from './cursor';
import { escapeSnippet } from './format';
import { typeDetail } from './templates';

/** The snippet written after `"key": ` for a new property. */
function valueSnippet(spec: KeySpec): string {
	if (spec.enumValues) return `"\${1|${spec.enumValues.join(',')}|}"`;
	const kind = spec.kinds[0];
	if (kind === 'boolean') {
		// Adding a boolean key usually means changing it from its default: offer the other value first.
		const values = spec.defaultValue === 'true' ? ['false', 'true'] : ['true', 'false'];
		if (spec.kinds.includes('null')) values.push('null');
		return `\${1|${values.join(',')}|}`;
	}
	if (kind === 'object') return '{$1}';
	if (kind === 'array') return spec.itemKind === 'string' ? '["$1"]' : '[$1]';
	return '"$1"';
}

function wantsSuggestAfterKey(spec: KeySpec, entryType: string | undefined): boolean {
	if (spec.name === 'type') return true;
	return spec.name === 'url' && (entryType === 'path' || entryType === 'artifact');
}

/** Offers `keys` not present yet (the key under the cursor does not count as present). */
export function addKeyItems(
	builder: ItemBuilder, keys: readonly KeySpec[], present: ReadonlySet<string>, entryType: string | undefined, notForType = false,
): void {
	const nameOnly = keyHasColon(builder.cursor);
	for (const spec of keys) {
		if (present.has(spec.name)) continue;
		const name = escapeSnippet(JSON.stringify(spec.name));
		builder.add({
			label: spec.name,
			kind: CompletionItemKind.Property,
			text: nameOnly ? name : `${name}: ${valueSnippet(spec)}`,
			snippet: true,
			commaAfter: !nameOnly,
			detail: spec.kinds.join(' | '),
			documentation: describeKey(spec, { type: entryType, notForType }),
			// `type` first, then required keys, then the rest alphabetically.
			sortText: (spec.name === 'type' ? '0' : spec.required ? '1' : '2') + spec.name,
			preselect: spec.name === 'type' && entryType === undefined,
			...(!nameOnly && wantsSuggestAfterKey(spec, entryType) ? { command: TRIGGER_SUGGEST } : {}),
		});
	}
}

/** Keys of a repository entry. `untypedListEntry`: a list entry without `type`, which may become a disable entry. */
export function addEntryKeys(
	builder: ItemBuilder, entryType: string | undefined, present: ReadonlySet<string>, keyed: boolean, untypedListEntry: boolean,
): void {
	const all = entryType !== undefined ? getKeysForType(entryType) : COMMON_KEYS;
	// A `name` property is only allowed in the list form (Composer 2.9+); in the keyed form the key is the name.
	const keys = all.filter((k) => !(keyed && k.name === 'name'));
	if (entryType === undefined && !present.has('url')) {
		const url = getKeysForType('vcs').find((k) => k.name === 'url');
		if (url) addKeyItems(builder, [url], present, undefined);
	}
	addKeyItems(builder, keys, present, entryType);
	if (untypedListEntry && present.size === 0) {
		builder.add({
			label: PACKAGIST_NAME,
			kind: CompletionItemKind.Property,
			text: keyHasColon(builder.cursor) ? JSON.stringify(PACKAGIST_NAME) : `${JSON.stringify(PACKAGIST_NAME)}: false`,
			commaAfter: !keyHasColon(builder.cursor),
			detail: l10n.t('Disable packagist.org'),
			documentation: l10n.t('Turns off packagist.org, the default repository: only the repositories listed here are used.'),
			sortText: '3' + PACKAGIST_NAME,
		});
	}
}

export function addOptionKeys(builder: ItemBuilder, present: ReadonlySet<string>): void {
	addKeyItems(builder, PATH_OPTION_KEYS, present, 'path');
}

export function addInlinePackageKeys(builder: ItemBuilder, present: ReadonlySet<string>, part: 'package' | 'dist' | 'source'): void {
	const keys = part === 'package' ? INLINE_PACKAGE_KEYS : part === 'dist' ? DIST_KEYS : SOURCE_KEYS;
	addKeyItems(builder, keys, present, undefined);
}

/** String values: each replaces the token under the cursor with a quoted string. */
export function addStringValues(
	builder: ItemBuilder,
	values: readonly string[],
	describe: (value: string) => { detail?: string; documentation?: string; deprecated?: boolean } = () => ({}),
): void {
	for (const [i, value] of values.entries()) {
		const about = describe(value);
		builder.add({
			label: value,
			kind: CompletionItemKind.Value,
			text: JSON.stringify(value),
			sortText: String(i).padStart(3, '0'),
			...about,
		});
	}
}

export function addTypeValues(builder: ItemBuilder): void {
	addStringValues(builder, ACCEPTED_TYPES, (type) => {
		const spec = getTypeSpec(type);
		return {
			detail: typeDetail(type),
			documentation: typeDocumentation(type),
			deprecated: spec?.status === 'deprecated',
		};
	});
}

export function addLiteralValues(builder: ItemBuilder, values: readonly string[], defaultValue?: string): void {
	for (const value of values) {
		builder.add({
			label: value,
			kind: CompletionItemKind.Value,
			text: value,
			...(value === defaultValue ? { detail: l10n.t('Composer default') } : {}),
		});
	}
}

/** Values for a key of the catalog: enumerations and booleans (strings are free text). */
export function addValuesForKey(builder: ItemBuilder, spec: KeySpec): void {
	if (spec.enumValues) {
		addStringValues(builder, spec.enumValues, (v) => (JSON.stringify(v) === spec.defaultValue ? { detail: l10n.t('Composer default') } : {}));
		return;
	}
	if (spec.kinds.includes('boolean')) {
		// A folder-or-false key (svn `trunk-path`, …): only false means something; true is reported as a mistake.
		const onlyFalse = spec.kinds.includes('string');
		const values = [...(onlyFalse ? [] : ['true']), 'false', ...(spec.kinds.includes('null') ? ['null'] : [])];
		addLiteralValues(builder, values, spec.defaultValue);
	}
}

export function addDistTypes(builder: ItemBuilder, part: 'dist' | 'source'): void {
	addStringValues(builder, part === 'dist' ? DIST_TYPES : SOURCE_TYPES);
}
