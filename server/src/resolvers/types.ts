// The one interface every repository resolver implements (one resolver per repository type), and the
// values they exchange. Resolvers never throw across this boundary: failures are values with messages.
import type { Credentials, HttpClient, ProcessRunner } from '../net/types';
import type { ResolveLimits } from './limits';

/** A repository entry as Composer merges it (Config::merge): its config object and a readable label. */
export interface RepositoryDefinition {
	/** Key in a keyed `repositories` object, or the list index. */
	key: string | number;
	/** The raw JSON object of the entry (type, url, options, ...). */
	config: Record<string, unknown>;
	/** Human-readable label, e.g. `vcs https://github.com/acme/lib` or `packagist.org`. Never holds credentials. */
	label: string;
	/** Index of the entry in the project composer.json's `repositories` block (absent for packagist.org's default and the global config's entries). */
	entryIndex?: number;
}

/** One version of one package, as Composer would load it. */
export interface PackageVersion {
	/** Package name as declared (Composer compares names lower-cased). */
	name: string;
	/** Pretty version (`v1.0.0`, `dev-main`, `1.x-dev`). */
	version: string;
	/** Normalized version (`1.0.0.0`, `dev-main`, `1.9999999.9999999.9999999-dev`). */
	versionNormalized: string;
	/** The default branch of a VCS repository (gets Composer's 9999999-dev alias unless it has a branch alias). */
	defaultBranch?: boolean;
	/** Normalized branch alias target from extra.branch-alias or the default-branch alias. */
	aliasOf?: string;
	/** The package's composer.json data we keep (description, require, extra, type...). */
	data?: Record<string, unknown>;
	source?: { type: string; url: string; reference?: string };
	dist?: { type: string; url: string; reference?: string; shasum?: string };
}

export interface ResolveError {
	code: string;
	message: string;
}

export type LoadResult =
	/** `stale`: some of it comes from a cache that could not be revalidated (the network failed). */
	| { ok: true; namesFound: string[]; packages: PackageVersion[]; warnings: string[]; stale?: boolean }
	| { ok: false; error: ResolveError; warnings?: string[] };

/** Composer `config` values resolvers need. */
export interface ComposerConfigFacts {
	secureHttp: boolean;
	githubDomains: string[];
	gitlabDomains: string[];
	useGithubApi: boolean;
	secureSvnDomains: string[];
}

export interface ResolveContext {
	/** Folder of the composer.json: relative paths resolve against it. */
	baseDir: string;
	env: Record<string, string | undefined>;
	homeDir: string;
	config: ComposerConfigFacts;
	http: HttpClient;
	processes: ProcessRunner;
	credentials: Credentials;
	offline: boolean;
	signal?: AbortSignal;
	/** Base URLs of SaaS APIs, configurable for GitHub Enterprise, self-hosted GitLab, test fakes. */
	apiBaseUrls: { github: string; gitlab: string; bitbucket: string; packagist: string; packagistRepo: string };
	log?: (line: string) => void;
	/** Folder for VCS mirrors (bare partial clones); defaults to a folder under the OS temp dir. */
	cacheDir?: string;
	/** Time and request budgets (resolvers/limits.ts); the defaults where unset. */
	limits?: Partial<ResolveLimits>;
}

/**
 * A repository that cannot be enumerated at a reasonable cost (Composer's lazy `metadata-url` and provider
 * repositories, packagist.org among them): it is asked name by name, and may list its names separately.
 * One instance keeps what it learnt (the root file) for as long as its owner keeps it.
 */
export interface LazyRepository {
	/** Every package name it lists (`available-packages`, the `list` endpoint, provider listings); an empty list when it has none. */
	listNames(signal?: AbortSignal): Promise<{ ok: true; names: string[] } | { ok: false; error: ResolveError }>;
	/** Loads these names (lower-cased) as Composer's loadPackages does; `signal` cancels this call only. */
	loadNames(names: string[], signal?: AbortSignal): Promise<LoadResult>;
}

/** What opening a repository gives: its whole content, or a lazy handle to ask name by name. */
export type OpenedRepository =
	| { kind: 'loaded'; result: LoadResult }
	| { kind: 'lazy'; repository: LazyRepository };

export interface RepositoryResolver {
	/**
	 * For long-lived callers (the language server): opens the repository, loading everything when it is
	 * enumerable, or returning a lazy handle. Resolvers without it are always enumerable.
	 */
	open?(repo: RepositoryDefinition, ctx: ResolveContext): Promise<OpenedRepository>;
	/**
	 * Load the packages of this repository. `names` undefined = everything it can enumerate
	 * (as `composer show --all`); otherwise only those names (lower-cased), as Composer's loadPackages.
	 */
	loadPackages(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext): Promise<LoadResult>;
}
