// Composer's VcsRepository::initialize plus the parts of ArrayLoader it relies on: tags and branches of a
// driver become PackageVersion values (Repository/VcsRepository.php, Package/Loader/ArrayLoader.php::getBranchAlias),
// with the name taken from the
// default branch, skipped tags, `release-` stripping, the 9999999-dev default-branch alias and
// extra.branch-alias. Driver errors are thrown as VcsDriverError; vcsRepository.ts turns them into values.
import * as l10n from '@vscode/l10n';
import type { PackageVersion } from '../types';
import { VcsDriverError, type VcsDriver } from './driver';
import { checkRefName } from './urlSafety';
import { DEFAULT_BRANCH_ALIAS } from '../../semver';
import { isValidConstraint, normalizeBranchName, normalizeVersion, numericAliasPrefix } from './versionRules';

export interface VcsVersions {
	packages: PackageVersion[];
	/** What Composer prints even without -v (skipped branches). */
	warnings: string[];
	/** What Composer prints at -vvv (skipped tags and their reasons). */
	details: string[];
}

/** HTTP 401/403/429/5xx stop Composer; other transport failures (404…) only skip the ref. */
function isFatalTransport(e: unknown): boolean {
	const status = e instanceof VcsDriverError ? e.transport?.status : undefined;
	return status !== undefined && ([401, 403, 429].includes(status) || status >= 500);
}

function isTransport(e: unknown): boolean {
	return e instanceof VcsDriverError && (e.transport !== undefined || e.code.startsWith('http-'));
}

const LINK_TYPES = ['require', 'conflict', 'provide', 'replace', 'require-dev'];

/** The checks of ArrayLoader::load that can reject a version: a name, and link constraints that parse. */
function loaderError(data: Record<string, unknown>): string | null {
	if (data.name === undefined || data.name === null) {
		return l10n.t('Unknown package has no name defined ({0}).', JSON.stringify(data).slice(0, 200));
	}
	for (const type of LINK_TYPES) {
		const links = data[type];
		if (links === null || typeof links !== 'object' || Array.isArray(links)) {
			continue;
		}
		for (const [target, constraint] of Object.entries(links as Record<string, unknown>)) {
			if (typeof constraint !== 'string') {
				return l10n.t('Link constraint in {0} {1} > {2} should be a string, got {3} ({4})', String(data.name), type, target, typeof constraint, JSON.stringify(constraint));
			}
			if (constraint !== 'self.version' && !isValidConstraint(constraint)) {
				return l10n.t('Invalid version constraint "{0}" for {1} in {2} of {3}', constraint, target, type, String(data.name));
			}
		}
	}
	return null;
}

/** ArrayLoader::getBranchAlias: the normalized alias of a dev version, or null. */
export function branchAlias(version: string, data: Record<string, unknown>, defaultBranch: boolean): string | null {
	if (!version.startsWith('dev-') && !version.endsWith('-dev')) {
		return null;
	}
	const extra = data.extra;
	const aliases = extra !== null && typeof extra === 'object' ? (extra as Record<string, unknown>)['branch-alias'] : undefined;
	if (aliases !== null && typeof aliases === 'object') {
		for (const [source, target] of Object.entries(aliases as Record<string, unknown>)) {
			if (typeof target !== 'string' || !target.endsWith('-dev')) {
				continue;
			}
			const validated = target === DEFAULT_BRANCH_ALIAS ? DEFAULT_BRANCH_ALIAS : normalizeBranchName(target.slice(0, -4));
			if (validated === null || !validated.endsWith('-dev')) {
				continue;
			}
			if (version.toLowerCase() !== source.toLowerCase()) {
				continue;
			}
			const sourcePrefix = numericAliasPrefix(source);
			const targetPrefix = numericAliasPrefix(target);
			if (sourcePrefix !== false && targetPrefix !== false && !targetPrefix.toLowerCase().startsWith(sourcePrefix.toLowerCase())) {
				continue;
			}
			return validated;
		}
	}
	if (defaultBranch && numericAliasPrefix(version.replace(/^v/, '')) === false) {
		return DEFAULT_BRANCH_ALIAS;
	}
	return null;
}

/** Composer's pretty form of a normalized alias (`1.0.9999999.9999999-dev` → `1.0.x-dev`). */
export function prettyAlias(normalized: string): string {
	return normalized.replace(/(\.9{7})+/g, '.x');
}

function scalarString(value: unknown): string | null {
	if (typeof value === 'string') {
		return value;
	}
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function withoutDefaultBranch(data: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...data };
	delete copy['default-branch'];
	return copy;
}

function toPackage(
	driver: VcsDriver, identifier: string, data: Record<string, unknown>, name: string, version: string, normalized: string, isDefault: boolean,
): PackageVersion {
	const source = data.source !== null && typeof data.source === 'object' ? (data.source as PackageVersion['source']) : driver.getSource(identifier);
	const dist = data.dist !== null && typeof data.dist === 'object' ? (data.dist as PackageVersion['dist']) : driver.getDist?.(identifier) ?? undefined;
	const pkg: PackageVersion = { name, version, versionNormalized: normalized, data, source, dist: dist ?? undefined };
	if (isDefault) {
		pkg.defaultBranch = true;
	}
	const alias = branchAlias(version, data, isDefault);
	if (alias !== null) {
		pkg.aliasOf = alias;
	}
	return pkg;
}

export async function loadVcsVersions(driver: VcsDriver, url: string): Promise<VcsVersions> {
	const out: VcsVersions = { packages: [], warnings: [], details: [] };
	const root = await driver.getRootIdentifier();

	// 1. The package name comes from the default branch's composer.json when it has one.
	let packageName: string | null = null;
	let rootHasComposerJson = false;
	try {
		const data = await driver.getComposerInformation(root);
		rootHasComposerJson = data !== null;
		if (data && data.name) {
			packageName = scalarString(data.name);
		}
	} catch (e) {
		out.details.push(l10n.t('Skipped parsing {0}, {1}', root, (e as Error).message));
	}

	// 2. Tags.
	for (const [rawTag, identifier] of await driver.getTags()) {
		const tag = rawTag.split('release-').join('');
		const parsedTag = checkRefName(rawTag) ? null : normalizeVersion(tag);
		if (parsedTag === null) {
			out.details.push(l10n.t('Skipped tag {0}, invalid tag name', tag));
			continue;
		}
		let data: Record<string, unknown> | null;
		try {
			data = await driver.getComposerInformation(identifier);
		} catch (e) {
			if (isFatalTransport(e)) {
				throw e;
			}
			out.details.push(l10n.t('Skipped tag {0}, {1}', tag, (e as Error).message));
			continue;
		}
		if (data === null) {
			out.details.push(l10n.t('Skipped tag {0}, no composer file', tag));
			continue;
		}
		let version: string;
		let normalized: string;
		if (data.version !== undefined && data.version !== null) {
			const declared = scalarString(data.version);
			const n = declared === null ? null : normalizeVersion(declared);
			if (declared === null || n === null) {
				out.details.push(l10n.t('Skipped tag {0}, invalid version in composer.json', tag));
				continue;
			}
			version = declared;
			normalized = n;
		} else {
			version = tag;
			normalized = parsedTag;
		}
		version = version.replace(/[.-]?dev$/i, '');
		normalized = normalized.replace(/(^dev-|[.-]?dev$)/i, '');
		const tagData = withoutDefaultBranch(data);
		if (normalized !== parsedTag) {
			out.details.push(/(^dev-|[.-]?dev$)/i.test(parsedTag)
				? l10n.t('Skipped tag {0}, invalid tag name, tags can not use dev prefixes or suffixes', tag)
				: l10n.t('Skipped tag {0}, tag ({1}) does not match version ({2}) in composer.json', tag, parsedTag, normalized));
			continue;
		}
		const name = packageName ?? scalarString(tagData.name) ?? '';
		const existing = out.packages.find((p) => p.name.toLowerCase() === name.toLowerCase() && p.versionNormalized === normalized);
		if (existing) {
			out.details.push(l10n.t('Skipped tag {0}, it conflicts with an another tag ({1}) as both resolve to {2} internally', tag, existing.version, normalized));
			continue;
		}
		const withName = { ...tagData, name: packageName ?? tagData.name };
		const error = loaderError(withName);
		if (error !== null) {
			out.details.push(l10n.t('Skipped tag {0}, {1}', tag, error));
			continue;
		}
		out.packages.push(toPackage(driver, identifier, withName, name, version, normalized, false));
	}

	// 3. Branches, the default branch first.
	let branches = await driver.getBranches();
	if (rootHasComposerJson && branches.has(root)) {
		branches = new Map([[root, branches.get(root) as string], ...[...branches].filter(([b]) => b !== root)]);
	}
	for (const [branch, identifier] of branches) {
		let parsed = checkRefName(branch) ? null : normalizeBranchName(branch);
		if (parsed === null || !isValidConstraint(parsed)) {
			out.details.push(l10n.t('Skipped branch {0}, invalid name', branch));
			continue;
		}
		let version: string;
		if (parsed.startsWith('dev-') || parsed === DEFAULT_BRANCH_ALIAS) {
			version = 'dev-' + branch.split('#').join('+');
			parsed = parsed.split('#').join('+');
		} else {
			version = (branch.startsWith('v') ? 'v' : '') + prettyAlias(parsed);
		}
		let data: Record<string, unknown> | null;
		try {
			data = await driver.getComposerInformation(identifier);
		} catch (e) {
			if (isFatalTransport(e)) {
				throw e;
			}
			if (isTransport(e)) {
				out.details.push(l10n.t('Skipped branch {0}, {1}', branch, (e as Error).message));
			} else {
				out.warnings.push(l10n.t('Skipped branch {0}, {1}', branch, (e as Error).message));
			}
			continue;
		}
		if (data === null) {
			out.details.push(l10n.t('Skipped branch {0}, no composer file', branch));
			continue;
		}
		const branchData = withoutDefaultBranch(data);
		const isDefault = root === branch;
		const withName = { ...branchData, name: packageName ?? branchData.name };
		const error = loaderError(withName);
		if (error !== null) {
			out.warnings.push(l10n.t('Skipped branch {0}, {1}', branch, error));
			continue;
		}
		out.packages.push(toPackage(driver, identifier, withName, scalarString(withName.name) ?? '', version, parsed, isDefault));
	}

	if (out.packages.length === 0) {
		throw new VcsDriverError('no-composer-json', l10n.t('No valid composer.json was found in any branch or tag of {0}, could not load a package from it.', url));
	}
	return out;
}
