// Keys of each repository: required keys, value types, keys that belong to another type or to a path
// repository's `options`, unknown keys (res/composer-schema.json and the keys each repository class reads).
import * as l10n from '@vscode/l10n';
import { COMMON_KEYS, LEGACY_PACKAGIST_NAME, PACKAGIST_NAME, PATH_OPTION_KEYS, getKeysForType, getTypeSpec, typesAcceptingKey, type KeySpec } from '../catalog';
import { didYouMean } from '../didYouMean';
import { getProperty, toObjectInfo, type PropertyInfo, type RepositoryEntry } from '../../model/composerDocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from './codes';
import type { RuleContext } from './context';
import { kindProblemAt, schemaProblemAt } from './schemaProblems';
import { childValues, describeKinds, kindMatches } from './valueKinds';

const PATH_OPTION_NAMES = new Set(PATH_OPTION_KEYS.map((k) => k.name));
const SVN_PATH_KEYS = new Set(['trunk-path', 'branches-path', 'tags-path']);

/**
 * Value type, allowed values and item checks for one property. The schema decides what is wrong; the catalog
 * decides which keys are checked here (keys of the entry's type), the severity (keys Composer's schema omits)
 * and whether list elements or map values are checked by this rule (`itemKind`).
 */
export function checkValue(ctx: RuleContext, prop: PropertyInfo, spec: KeySpec): void {
	const value = prop.valueNode;
	if (!value) return;
	// Keys outside the schema only fail (or are ignored) at runtime: a warning is the honest severity.
	const severity = spec.runtimeOnly ? DiagnosticSeverity.Warning : undefined;
	const problem = schemaProblemAt(ctx, value);
	if (problem && !kindMatches(value, problem.kinds)) {
		ctx.report(value, DiagnosticCode.invalidValueType, l10n.t('"{0}" must be {1}.', prop.key, describeKinds(problem.kinds)), severity ? { severity } : undefined);
		return;
	}
	if (problem) {
		// The kind is right but the value is not one of those listed.
		if (SVN_PATH_KEYS.has(prop.key) && value.type === 'boolean') {
			ctx.report(value, DiagnosticCode.invalidValue, l10n.t('"{0}": true has no meaning (Composer would use the folder "1"); use false to disable it or give a folder name.', prop.key), { severity: DiagnosticSeverity.Warning });
			return;
		}
		const allowed = problem.values.filter((v): v is string => typeof v === 'string');
		const suggestion = value.type === 'string' ? didYouMean(value.value as string, allowed) : undefined;
		ctx.report(value, DiagnosticCode.invalidValue, l10n.t('"{0}" must be one of {1}.', prop.key, problem.values.map((v) => JSON.stringify(v)).join(', ')), suggestion ? {
			fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', suggestion), newText: JSON.stringify(suggestion) }],
		} : undefined);
		return;
	}
	if (!spec.itemKind) return;
	for (const item of childValues(value)) {
		const itemProblem = kindProblemAt(ctx, item);
		if (itemProblem) ctx.report(item, DiagnosticCode.invalidValueType, l10n.t('Each value of "{0}" must be {1}.', prop.key, describeKinds(itemProblem.kinds)), severity ? { severity } : undefined);
	}
}

function entryPath(entry: RepositoryEntry): (string | number)[] {
	return ['repositories', entry.keyName ?? entry.index];
}

function checkRequired(ctx: RuleContext, entry: RepositoryEntry, type: string): void {
	const anchor = entry.typeProperty?.valueNode ?? entry.valueNode;
	const has = (k: string) => getProperty(entry.object, k) !== undefined;
	if (type === 'package') {
		if (!has('package')) ctx.report(anchor, DiagnosticCode.missingPackage, l10n.t('A "package" repository needs a "package" key with the package definition.'));
		return;
	}
	if (!has('url')) ctx.report(anchor, DiagnosticCode.missingUrl, l10n.t('A repository of type "{0}" needs a "url".', type));
	if (type === 'perforce' && !has('depot')) ctx.report(anchor, DiagnosticCode.missingDepot, l10n.t('A "perforce" repository needs a "depot".'));
}

function checkPathOptions(ctx: RuleContext, entry: RepositoryEntry, type: string): void {
	const optionsProp = getProperty(entry.object, 'options');
	const options = toObjectInfo(optionsProp?.valueNode);
	if (!options) return;
	for (const prop of options.properties) {
		const spec = PATH_OPTION_KEYS.find((k) => k.name === prop.key);
		if (type !== 'path') {
			// `options` of composer/vcs repositories are transport options: path options do nothing there.
			if (spec) ctx.report(prop.keyNode, DiagnosticCode.misplacedPathOption, l10n.t('"{0}" is an option of path repositories; it has no effect on a "{1}" repository.', prop.key, type));
			continue;
		}
		if (spec) {
			checkValue(ctx, prop, spec);
			continue;
		}
		const suggestion = didYouMean(prop.key, PATH_OPTION_KEYS.map((k) => k.name));
		ctx.report(prop.keyNode, DiagnosticCode.unknownKey, suggestion
			? l10n.t('Unknown path option "{0}". Did you mean "{1}"?', prop.key, suggestion)
			: l10n.t('Unknown path option "{0}": Composer ignores it. Path options are {1}.', prop.key, PATH_OPTION_KEYS.map((k) => k.name).join(', ')),
		suggestion ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', suggestion), newText: JSON.stringify(suggestion) }] } : undefined);
	}
}

function checkEntryKeys(ctx: RuleContext, entry: RepositoryEntry, type: string): void {
	const keys = getKeysForType(type);
	for (const prop of entry.object?.properties ?? []) {
		if (prop.key === LEGACY_PACKAGIST_NAME || prop.key === PACKAGIST_NAME) continue; // reported by the disable rules
		const spec = keys.find((k) => k.name === prop.key);
		if (spec) {
			if (spec.ignored) {
				ctx.report(prop.keyNode, DiagnosticCode.ignoredKey, l10n.t('"{0}" is not read by Composer 2; it can be removed.', prop.key), {
					fixes: [{ kind: 'remove', title: l10n.t('Remove "{0}"', prop.key), range: ctx.rangeOf(prop.propertyNode) }],
				});
			} else if (prop.key !== 'type') {
				checkValue(ctx, prop, spec);
			}
			continue;
		}
		if (PATH_OPTION_NAMES.has(prop.key)) {
			if (type === 'path') {
				ctx.report(prop.keyNode, DiagnosticCode.misplacedPathOption, l10n.t('"{0}" belongs inside "options"; Composer ignores it here.', prop.key), {
					fixes: [{ kind: 'moveToOptions', title: l10n.t('Move "{0}" into "options"', prop.key), entryPath: entryPath(entry), key: prop.key }],
				});
			} else {
				ctx.report(prop.keyNode, DiagnosticCode.misplacedPathOption, l10n.t('"{0}" is an option of path repositories (inside "options"); it has no effect on a "{1}" repository.', prop.key, type));
			}
			continue;
		}
		const owners = typesAcceptingKey(prop.key);
		if (owners.length > 0) {
			ctx.report(prop.keyNode, DiagnosticCode.keyNotForType, l10n.t('"{0}" only applies to {1} repositories; Composer ignores it on a "{2}" repository.', prop.key, owners.map((t) => `"${t}"`).join(', '), type));
			continue;
		}
		const suggestion = didYouMean(prop.key, keys.map((k) => k.name));
		ctx.report(prop.keyNode, DiagnosticCode.unknownKey, suggestion
			? l10n.t('Unknown key "{0}" for a "{1}" repository. Did you mean "{2}"?', prop.key, type, suggestion)
			: l10n.t('Unknown key "{0}" for a "{1}" repository: Composer ignores it.', prop.key, type),
		suggestion ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', suggestion), newText: JSON.stringify(suggestion) }] } : undefined);
	}
}

export function checkKeys(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || !entry.object) continue;
		const type = entry.type;
		if (type === undefined || !getTypeSpec(type)) {
			// Unknown or missing type: only the keys every type shares can be checked.
			for (const spec of COMMON_KEYS) {
				const prop = getProperty(entry.object, spec.name);
				if (prop && spec.name !== 'type') checkValue(ctx, prop, spec);
			}
			continue;
		}
		checkRequired(ctx, entry, type);
		checkEntryKeys(ctx, entry, type);
		checkPathOptions(ctx, entry, type);
	}
}
