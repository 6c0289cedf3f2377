// Inline `package` definitions: name, version, dist/source and the typed keys Composer's validating loader
// checks when the repository is first used (Repository/PackageRepository.php::initialize with
// Package/Loader/ValidatingArrayLoader.php; res/composer-schema.json `inline-package`).
import * as l10n from '@vscode/l10n';
import { DIST_KEYS, DIST_TYPES, INLINE_PACKAGE_KEYS, SOURCE_KEYS, SOURCE_TYPES } from '../catalog';
import { didYouMean } from '../didYouMean';
import { getProperty, toObjectInfo, type Node, type ObjectInfo, type PropertyInfo } from '../../model/composerDocument';
import { normalize } from '../../semver';
import { DiagnosticCode } from './codes';
import type { RuleContext } from './context';
import { checkValue } from './keys';
import { kindProblemAt } from './schemaProblems';
import { packageNameError, suggestLowerCaseName } from '../../composer/packageNames';
import { checkInsecureUrl } from './urls';

const CHECKED_ELSEWHERE = new Set(['name', 'version', 'dist', 'source']);

function openBrace(node: Node): { offset: number; length: number } {
	return { offset: node.offset, length: 1 };
}

function checkName(ctx: RuleContext, def: ObjectInfo): void {
	const prop = getProperty(def, 'name');
	if (!prop) {
		ctx.report(openBrace(def.node), DiagnosticCode.missingPackageKey, l10n.t('The inline package has no "name".'));
		return;
	}
	const value = prop.valueNode;
	if (!value) return;
	if (kindProblemAt(ctx, value)) {
		ctx.report(value, DiagnosticCode.invalidValueType, l10n.t('"name" must be a string.'));
		return;
	}
	if (value.type !== 'string') return;
	const name = value.value as string;
	const error = packageNameError(name);
	if (!error) return;
	const lower = suggestLowerCaseName(name);
	const fixable = /[A-Z]/.test(name) && packageNameError(lower) === undefined;
	ctx.report(value, DiagnosticCode.invalidPackageName, error, fixable ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', lower), newText: JSON.stringify(lower) }] } : undefined);
}

function checkVersion(ctx: RuleContext, def: ObjectInfo): void {
	const prop = getProperty(def, 'version');
	if (!prop) {
		ctx.report(getProperty(def, 'name')?.keyNode ?? openBrace(def.node), DiagnosticCode.missingPackageKey, l10n.t('The inline package has no "version": Composer fails when it loads this repository.'));
		return;
	}
	const value = prop.valueNode;
	if (!value) return;
	if (kindProblemAt(ctx, value)) {
		// Composer's schema refuses `1.5` (a number): the version has to be quoted.
		// The number as written (`1.0` must not become "1").
		const written = ctx.doc.text.slice(value.offset, value.offset + value.length);
		const fix = value.type === 'number' ? { fixes: [{ kind: 'replace' as const, title: l10n.t('Change to "{0}"', written), newText: JSON.stringify(written) }] } : undefined;
		ctx.report(value, DiagnosticCode.invalidValueType, l10n.t('"version" must be a string, e.g. "{0}".', value.type === 'number' ? written : '1.0.0'), fix);
		return;
	}
	if (value.type !== 'string') return;
	const version = value.value as string;
	try {
		normalize(version);
	} catch (e) {
		ctx.report(value, DiagnosticCode.invalidPackageVersion, l10n.t('"{0}" is not a version Composer can parse ({1}).', version, e instanceof Error ? e.message : String(e)));
	}
}

function checkArchive(ctx: RuleContext, prop: PropertyInfo, kind: 'dist' | 'source'): void {
	const value = prop.valueNode;
	if (!value) return;
	if (kindProblemAt(ctx, value)) {
		ctx.report(value, DiagnosticCode.invalidValueType, l10n.t('"{0}" must be an object.', kind));
		return;
	}
	const obj = toObjectInfo(value);
	if (!obj) return;
	if (obj.properties.length === 0) return; // Composer skips an empty one
	const specs = kind === 'dist' ? DIST_KEYS : SOURCE_KEYS;
	for (const spec of specs) {
		const p = getProperty(obj, spec.name);
		if (!p) {
			if (spec.required) ctx.report(prop.keyNode, DiagnosticCode.missingPackageKey, l10n.t('"{0}" needs a "{1}".', kind, spec.name));
			continue;
		}
		const v = p.valueNode;
		if (!v) continue;
		if (spec.name === 'reference') {
			// Composer's loader would take a number, but its schema, checked first, refuses one.
			if (kindProblemAt(ctx, v)) ctx.report(v, DiagnosticCode.invalidValueType, l10n.t('"reference" must be a string.'));
			else if (/^\s*-/.test(String(v.value))) ctx.report(v, DiagnosticCode.invalidValue, l10n.t('"reference" must not start with "-".'));
			continue;
		}
		checkValue(ctx, p, spec);
		if (v.type !== 'string') continue;
		if (spec.name === 'type') {
			const known = kind === 'dist' ? DIST_TYPES : SOURCE_TYPES;
			const t = v.value as string;
			if (!known.includes(t)) {
				const suggestion = didYouMean(t, known);
				ctx.report(v, DiagnosticCode.unknownDistType, l10n.t('Unknown {0} type "{1}": Composer has no downloader for it. Known: {2}.', kind, t, known.join(', ')),
					suggestion ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', suggestion), newText: JSON.stringify(suggestion) }] } : undefined);
			}
		} else if (spec.name === 'url') {
			// ValidatingArrayLoader refuses it (a url read as an option by git or hg on install), as the package resolver does.
			if (/^\s*-/.test(v.value as string)) ctx.report(v, DiagnosticCode.invalidValue, l10n.t('"url" must not start with "-".'));
			else checkInsecureUrl(ctx, v, v.value as string);
		}
	}
}

function checkDefinition(ctx: RuleContext, node: Node): void {
	if (kindProblemAt(ctx, node)) {
		ctx.report(node, DiagnosticCode.invalidValueType, l10n.t('Each inline package must be an object.'));
		return;
	}
	const def = toObjectInfo(node);
	if (!def) return;
	checkName(ctx, def);
	checkVersion(ctx, def);
	const dist = getProperty(def, 'dist');
	const source = getProperty(def, 'source');
	if (dist) checkArchive(ctx, dist, 'dist');
	if (source) checkArchive(ctx, source, 'source');
	const usable = (p: PropertyInfo | undefined) => p?.valueNode?.type === 'object' && (p.valueNode.children ?? []).length > 0;
	if (!usable(dist) && !usable(source)) {
		ctx.report(getProperty(def, 'name')?.keyNode ?? openBrace(node), DiagnosticCode.missingDistOrSource, l10n.t('The inline package has neither "dist" nor "source": Composer has nothing to install.'));
	}
	for (const prop of def.properties) {
		const spec = INLINE_PACKAGE_KEYS.find((k) => k.name === prop.key);
		if (spec && !CHECKED_ELSEWHERE.has(prop.key)) checkValue(ctx, prop, spec);
	}
}

export function checkInlinePackages(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || entry.type !== 'package') continue;
		const value = getProperty(entry.object, 'package')?.valueNode;
		if (!value) continue;
		if (value.type === 'object') {
			checkDefinition(ctx, value);
		} else if (value.type === 'array') {
			const items = value.children ?? [];
			if (items.length === 0) ctx.report(value, DiagnosticCode.emptyPackageList, l10n.t('The package list is empty: Composer fails when it loads this repository ("name : must be present"). Add a package definition or remove the repository.'));
			for (const item of items) checkDefinition(ctx, item);
		}
		// Other kinds are reported by the key type check.
	}
}
