// Turns one package definition (a composer.json object with a version) into PackageVersion values the way
// Composer's ArrayLoader does: name and version required, version normalized, and the branch alias computed
// (extra.branch-alias first, then the 9999999-dev alias of a non-numeric default branch).
import * as l10n from '@vscode/l10n';
import { DEFAULT_BRANCH_ALIAS, normalize, normalizeBranch, parseNumericAliasPrefix, tryNormalize } from '../../semver';
import type { PackageVersion } from '../types';

export type PackageLoad = { ok: true; pkg: PackageVersion } | { ok: false; message: string };

export function normalizeError(version: string): string {
	try {
		normalize(version);
		return '';
	} catch (e) {
		return e instanceof Error ? e.message : String(e);
	}
}

function numericAliasPrefix(v: string): string | false {
	try {
		const r = parseNumericAliasPrefix(v) as unknown;
		return typeof r === 'string' && r !== '' ? r : false;
	} catch {
		return false;
	}
}

/** ArrayLoader::getBranchAlias: the normalized alias target of a dev version, or undefined. */
export function branchAliasOf(version: string, extra: unknown, defaultBranch: boolean): string | undefined {
	if (!version.startsWith('dev-') && !version.endsWith('-dev')) {
		return undefined;
	}
	const aliases = extra && typeof extra === 'object' ? (extra as Record<string, unknown>)['branch-alias'] : undefined;
	if (aliases && typeof aliases === 'object') {
		for (const [source, target] of Object.entries(aliases as Record<string, unknown>)) {
			if (typeof target !== 'string' || !target.endsWith('-dev')) {
				continue;
			}
			let validated: string;
			if (target === DEFAULT_BRANCH_ALIAS) {
				validated = DEFAULT_BRANCH_ALIAS;
			} else {
				try {
					validated = normalizeBranch(target.slice(0, -4));
				} catch {
					continue;
				}
			}
			if (!validated.endsWith('-dev') || version.toLowerCase() !== source.toLowerCase()) {
				continue;
			}
			const sourcePrefix = numericAliasPrefix(source);
			const targetPrefix = sourcePrefix ? numericAliasPrefix(target) : false;
			if (sourcePrefix && targetPrefix && !targetPrefix.toLowerCase().startsWith(sourcePrefix.toLowerCase())) {
				continue;
			}
			return validated;
		}
	}
	if (defaultBranch && numericAliasPrefix(version) === false) {
		return DEFAULT_BRANCH_ALIAS;
	}
	return undefined;
}

/** The pretty form Composer gives an alias target (`1.0.9999999.9999999-dev` → `1.0.x-dev`). */
export function prettyAlias(aliasNormalized: string): string {
	return aliasNormalized === DEFAULT_BRANCH_ALIAS ? aliasNormalized : aliasNormalized.replace(/(\.9{7})+/g, '.x');
}

const KEPT_FIELDS = ['description', 'type', 'require', 'require-dev', 'replace', 'provide', 'conflict', 'extra', 'homepage', 'license', 'time', 'keywords', 'abandoned'];

/** ArrayLoader::load for one definition. `config.version` must already be set by the caller's rules. */
export function loadPackage(config: Record<string, unknown>): PackageLoad {
	const name = config.name;
	if (typeof name !== 'string' || name === '') {
		return { ok: false, message: l10n.t('Unknown package has no name defined ({0}).', JSON.stringify(config)) };
	}
	let version = config.version;
	if (typeof version === 'number' || typeof version === 'boolean') {
		version = String(version);
	}
	if (typeof version !== 'string') {
		return { ok: false, message: l10n.t('Package {0} has no version defined.', name) };
	}
	let normalized: string | undefined;
	if (typeof config.version_normalized === 'string' && config.version_normalized !== DEFAULT_BRANCH_ALIAS) {
		normalized = config.version_normalized;
	} else {
		normalized = tryNormalize(version);
	}
	if (normalized === undefined) {
		return { ok: false, message: normalizeError(version) || l10n.t('Invalid version string "{0}"', version) };
	}
	const defaultBranch = config['default-branch'] === true;
	const data: Record<string, unknown> = {};
	for (const key of KEPT_FIELDS) {
		if (config[key] !== undefined) {
			data[key] = config[key];
		}
	}
	const pkg: PackageVersion = { name, version, versionNormalized: normalized, data };
	if (defaultBranch) {
		pkg.defaultBranch = true;
	}
	const alias = branchAliasOf(version, config.extra, defaultBranch);
	if (alias !== undefined) {
		pkg.aliasOf = alias;
	}
	const source = refObject(config.source);
	if (source) {
		pkg.source = source;
	}
	const dist = refObject(config.dist);
	if (dist) {
		pkg.dist = { ...dist, ...(typeof (config.dist as Record<string, unknown>).shasum === 'string' ? { shasum: (config.dist as Record<string, string>).shasum } : {}) };
	}
	return { ok: true, pkg };
}

function refObject(v: unknown): { type: string; url: string; reference?: string } | undefined {
	if (!v || typeof v !== 'object') {
		return undefined;
	}
	const o = v as Record<string, unknown>;
	if (typeof o.type !== 'string' || typeof o.url !== 'string') {
		return undefined;
	}
	return { type: o.type, url: o.url, ...(typeof o.reference === 'string' ? { reference: o.reference } : {}) };
}
