// `package` repositories (Composer's PackageRepository): one inline definition or a list of them, each
// validated like ValidatingArrayLoader with strict names. One invalid definition makes the whole repository
// fail, as in Composer. No I/O.
import * as l10n from '@vscode/l10n';
import type { LoadResult, PackageVersion, RepositoryDefinition, RepositoryResolver } from '../types';
import { loadPackage } from './loader';
import { validateDefinition } from './validate';

function definitions(raw: unknown): unknown[] | undefined {
	if (Array.isArray(raw)) {
		// PHP's key() of an empty array is null, which is not numeric: Composer wraps it into one (empty) definition.
		return raw.length === 0 ? [raw] : raw;
	}
	if (raw && typeof raw === 'object') {
		const keys = Object.keys(raw);
		// composer.json is decoded to PHP arrays: an object whose first key is numeric is a list.
		if (keys.length > 0 && /^-?\d+$/.test(keys[0])) {
			return Object.values(raw);
		}
		return [raw];
	}
	return undefined;
}

function invalid(message: string, def: unknown): LoadResult {
	return {
		ok: false,
		error: {
			code: 'package.invalid-definition',
			message: l10n.t('A repository of type "package" contains an invalid package definition: {0}\n\nInvalid package definition:\n{1}', message, JSON.stringify(def)),
		},
	};
}

/** Loads every definition; the error value carries Composer's message for the first invalid one. */
export function loadInlinePackages(raw: unknown): LoadResult {
	const defs = definitions(raw);
	if (!defs) {
		return { ok: false, error: { code: 'package.missing', message: l10n.t('A repository of type "package" needs a "package" object or list of objects.') } };
	}
	const packages: PackageVersion[] = [];
	for (const def of defs) {
		if (!def || typeof def !== 'object' || Array.isArray(def) && def.length > 0) {
			return invalid(l10n.t('a package definition must be an object'), def);
		}
		const config = def as Record<string, unknown>;
		const errors = validateDefinition(config);
		if (errors.length > 0) {
			return invalid(`Invalid package information: \n${errors.join('\n')}`, def);
		}
		const loaded = loadPackage(config);
		if (!loaded.ok) {
			return invalid(loaded.message, def);
		}
		packages.push(loaded.pkg);
	}
	const names = [...new Set(packages.map((p) => p.name.toLowerCase()))];
	return { ok: true, namesFound: names, packages, warnings: [] };
}

export const packageResolver: RepositoryResolver = {
	async loadPackages(repo: RepositoryDefinition, names: string[] | undefined): Promise<LoadResult> {
		const all = loadInlinePackages(repo.config.package);
		if (!all.ok || names === undefined) {
			return all;
		}
		const wanted = new Set(names.map((n) => n.toLowerCase()));
		const packages = all.packages.filter((p) => wanted.has(p.name.toLowerCase()));
		return { ok: true, namesFound: [...new Set(packages.map((p) => p.name.toLowerCase()))], packages, warnings: all.warnings };
	},
};
