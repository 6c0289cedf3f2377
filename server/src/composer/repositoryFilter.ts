// Composer's FilterRepository (src/Composer/Repository/FilterRepository.php): `only` / `exclude` name patterns and
// `canonical`. Patterns are anchored and case-insensitive, `*` matches any run of characters including `/`; `only: []`
// lets nothing through (matched by namePatterns.ts in linear time). Shared by the resolvers (which names a repository serves) and the live service (why a
// repository was not asked for a name).
import * as l10n from '@vscode/l10n';
import { compileNamePatterns, type NamePatterns } from './namePatterns';

export interface RepositoryFilter {
	/** False when the repository must not hide the same names in later repositories. */
	canonical: boolean;
	/** Whether a (lower- or mixed-case) package name may be served by this repository. */
	allows(name: string): boolean;
}

export type FilterResult = { ok: true; filter: RepositoryFilter } | { ok: false; message: string };

const isSet = (v: unknown) => v !== undefined && v !== null;

/** Reads the three keys of a repository config; `repoName` is Composer's getRepoName() for messages. */
export function buildFilter(config: Record<string, unknown>, repoName: string): FilterResult {
	let only: NamePatterns | undefined;
	let exclude: NamePatterns | undefined;
	if (isSet(config.only)) {
		if (typeof config.only !== 'object') {
			return { ok: false, message: l10n.t('"only" key for repository {0} should be an array', repoName) };
		}
		only = compileNamePatterns(Object.values(config.only as object));
	}
	if (isSet(config.exclude)) {
		if (typeof config.exclude !== 'object') {
			return { ok: false, message: l10n.t('"exclude" key for repository {0} should be an array', repoName) };
		}
		exclude = compileNamePatterns(Object.values(config.exclude as object));
	}
	if (only && exclude) {
		return { ok: false, message: l10n.t('Only one of "only" and "exclude" can be specified for repository {0}', repoName) };
	}
	let canonical = true;
	if (isSet(config.canonical)) {
		if (typeof config.canonical !== 'boolean') {
			return { ok: false, message: l10n.t('"canonical" key for repository {0} should be a boolean', repoName) };
		}
		canonical = config.canonical;
	}
	const allows = (name: string): boolean => {
		if (only && !only.test(name)) {
			return false;
		}
		return !(exclude && exclude.test(name));
	};
	return { ok: true, filter: { canonical, allows } };
}
