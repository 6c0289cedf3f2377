// Asks every repository of the merged list what it offers and combines the answers the way Composer's
// PoolBuilder does: in list order, a canonical repository that knows a name hides that name in every later
// repository; `only`/`exclude` decide which names a repository may serve; `canonical: false` repositories add
// their versions without hiding others. A failing repository is an error entry, never a stop.
//
// The combination is split from the loading so it can run over whatever is known at a given moment:
// `walkName` is Composer's lookup of one name over per-repository answers (some of which may still be
// pending, in the language server), and `combineResults` is the whole-list answer the CLI prints once every
// repository has answered. The result does not depend on which repository answered first.
import * as l10n from '@vscode/l10n';
import { rsort } from '../semver';
import { buildFilter, type RepositoryFilter } from './filters';
import { DEFAULT_BRANCH_ALIAS } from '../semver';
import { branchAliasOf, prettyAlias } from './package/loader';
import { resolverFor, type RegistryOptions } from './registry';
import type { LoadResult, PackageVersion, RepositoryDefinition, ResolveContext, ResolveError } from './types';
import { DEFAULT_RESOLVE_LIMITS, RepositoryDeadline, deadlineError, requestBudget } from './limits';

export interface PackageListing {
	/** Name as the first contributing repository declares it. */
	name: string;
	/** Pretty versions, newest first (Composer's Semver::rsort), the 9999999-dev alias left out. */
	versions: string[];
	/** Label of the repository the package comes from (the first one, when non-canonical ones add versions). */
	repository: string;
}

export interface RepositoryIssue {
	repository: string;
	message: string;
}

export interface Resolution {
	/** Keyed by lower-cased name, in name order. */
	packages: Map<string, PackageListing>;
	errors: RepositoryIssue[];
	warnings: RepositoryIssue[];
}

/** Pretty versions one package version contributes: itself and its branch alias unless that is 9999999-dev. */
export function prettyVersionsOf(pv: PackageVersion): string[] {
	const alias = pv.aliasOf ?? branchAliasOf(pv.version, pv.data?.extra, pv.defaultBranch === true);
	const out = [pv.version];
	if (alias !== undefined && alias !== DEFAULT_BRANCH_ALIAS) {
		out.push(prettyAlias(alias));
	}
	return out;
}

/** Semver::rsort over pretty versions; a version the parser refuses is kept, after the others. */
export function sortNewestFirst(versions: Iterable<string>): string[] {
	const all = [...new Set(versions)];
	try {
		return rsort(all);
	} catch {
		const good: string[] = [];
		const bad: string[] = [];
		for (const v of all) {
			try {
				rsort([v]);
				good.push(v);
			} catch {
				bad.push(v);
			}
		}
		return [...rsort(good), ...bad.sort()];
	}
}

/** One repository of the merged list with Composer's FilterRepository read from its config. */
export interface PreparedRepository {
	readonly repo: RepositoryDefinition;
	/** Absent when the config's `only`/`exclude`/`canonical` is invalid: then `filterError` says why. */
	readonly filter?: RepositoryFilter;
	readonly filterError?: string;
}

export function prepareRepository(repo: RepositoryDefinition): PreparedRepository {
	const built = buildFilter(repo.config, repo.label);
	return built.ok ? { repo, filter: built.filter } : { repo, filterError: built.message };
}

/** A LoadResult indexed by lower-cased name, so that asking it about one name costs a map lookup. */
export interface IndexedResult {
	readonly result: LoadResult;
	/** Versions per lower-cased name (ok results only). */
	readonly byName: ReadonlyMap<string, readonly PackageVersion[]>;
	/** namesFound ∪ the names of the packages: what makes a canonical repository hide a name (§8.3). */
	readonly found: ReadonlySet<string>;
}

export function indexResult(result: LoadResult): IndexedResult {
	const byName = new Map<string, PackageVersion[]>();
	const found = new Set<string>();
	if (result.ok) {
		for (const n of result.namesFound) {
			found.add(n.toLowerCase());
		}
		for (const pv of result.packages) {
			const key = pv.name.toLowerCase();
			found.add(key);
			const list = byName.get(key);
			if (list) {
				list.push(pv);
			} else {
				byName.set(key, [pv]);
			}
		}
	}
	return { result, byName, found };
}

/** What one repository can say about one name right now. */
export type NameAnswer =
	/** Not answered yet (loading, or a lazy repository not asked for this name yet). */
	| { readonly state: 'pending' }
	| { readonly state: 'failed'; readonly error: ResolveError }
	/** Answered: `found` as Composer's namesFound, with the versions it offers (possibly none). */
	| { readonly state: 'answered'; readonly found: boolean; readonly versions: readonly PackageVersion[] };

export const PENDING: NameAnswer = { state: 'pending' };

export function answerFrom(indexed: IndexedResult, name: string): NameAnswer {
	if (!indexed.result.ok) {
		return { state: 'failed', error: indexed.result.error };
	}
	return { state: 'answered', found: indexed.found.has(name), versions: indexed.byName.get(name) ?? [] };
}

export interface NameSource {
	readonly prepared: PreparedRepository;
	/** The answer for a lower-cased name, without starting any work. */
	answer(name: string): NameAnswer;
}

export interface NameWalk {
	/** Indices (into the sources) Composer would ask for the name, in order. */
	readonly asked: readonly number[];
	/** Asked sources that have not answered yet. */
	readonly pending: readonly number[];
	/** Asked sources that failed (an invalid filter counts as failed). */
	readonly failed: readonly number[];
	/** Asked sources that offer versions of the name, in priority order. */
	readonly providers: ReadonlyArray<{ readonly index: number; readonly versions: readonly PackageVersion[] }>;
	/** The canonical source that found the name, after which no source is asked. */
	readonly claimedBy?: number;
	/** Sources that know the name but are not asked for it. */
	readonly shadowed: ReadonlyArray<{ readonly index: number; readonly reason: 'canonical' | 'only' | 'exclude'; readonly hiddenBy?: number }>;
}

/**
 * PoolBuilder's lookup of one lower-cased name over the sources in priority order. A source that has not
 * answered yet does not claim: later sources are still walked, so the caller sees everything known so far
 * and whether an earlier answer could still change the outcome (`pending`).
 */
export function walkName(name: string, sources: readonly NameSource[]): NameWalk {
	const asked: number[] = [];
	const pending: number[] = [];
	const failed: number[] = [];
	const providers: Array<{ index: number; versions: readonly PackageVersion[] }> = [];
	const shadowed: Array<{ index: number; reason: 'canonical' | 'only' | 'exclude'; hiddenBy?: number }> = [];
	let claimedBy: number | undefined;
	sources.forEach((source, index) => {
		const { prepared } = source;
		const knows = () => {
			const a = source.answer(name);
			return a.state === 'answered' && (a.found || a.versions.length > 0);
		};
		if (prepared.filter && !prepared.filter.allows(name)) {
			if (knows()) {
				shadowed.push({ index, reason: prepared.repo.config.only !== undefined && prepared.repo.config.only !== null ? 'only' : 'exclude' });
			}
			return;
		}
		if (claimedBy !== undefined) {
			if (prepared.filter && knows()) {
				shadowed.push({ index, reason: 'canonical', hiddenBy: claimedBy });
			}
			return;
		}
		asked.push(index);
		if (!prepared.filter) {
			failed.push(index);
			return;
		}
		const a = source.answer(name);
		if (a.state === 'pending') {
			pending.push(index);
		} else if (a.state === 'failed') {
			failed.push(index);
		} else {
			if (a.versions.length > 0) {
				providers.push({ index, versions: a.versions });
			}
			if (prepared.filter.canonical && (a.found || a.versions.length > 0)) {
				claimedBy = index;
			}
		}
	});
	return { asked, pending, failed, providers, claimedBy, shadowed };
}

/** A repository of the list with its settled answer; `result` undefined: it was not loaded (nothing to ask it). */
export interface SettledRepository {
	readonly prepared: PreparedRepository;
	readonly result?: IndexedResult;
}

function settledSource(s: SettledRepository): NameSource {
	return {
		prepared: s.prepared,
		// Not loaded means Composer had no name to ask it for: it answers "not found".
		answer: (name) => (s.result ? answerFrom(s.result, name) : { state: 'answered', found: false, versions: [] }),
	};
}

/**
 * The whole-list answer once every repository has answered: `wanted` (lower-cased) or, when undefined, every
 * name any repository lists. Errors and warnings are reported for the repositories Composer would ask.
 */
export function combineResults(settled: readonly SettledRepository[], wanted: readonly string[] | undefined): Resolution {
	const sources = settled.map(settledSource);
	let names: string[];
	if (wanted) {
		names = [...new Set(wanted)];
	} else {
		const all = new Set<string>();
		for (const s of settled) {
			for (const n of s.result?.byName.keys() ?? []) {
				all.add(n);
			}
		}
		names = [...all];
	}
	// Without names every repository is asked (`composer show --all`); with names, those reached by a walk.
	const asked = new Set<number>(wanted ? [] : settled.map((_, i) => i));
	const packages = new Map<string, PackageListing>();
	for (const name of names.sort()) {
		const walk = walkName(name, sources);
		for (const i of walk.asked) {
			asked.add(i);
		}
		if (walk.providers.length === 0) {
			continue;
		}
		const first = walk.providers[0];
		const set = new Set<string>();
		for (const p of walk.providers) {
			for (const pv of p.versions) {
				for (const v of prettyVersionsOf(pv)) {
					set.add(v);
				}
			}
		}
		packages.set(name, { name: first.versions[0].name, versions: sortNewestFirst(set), repository: settled[first.index].prepared.repo.label });
	}
	const errors: RepositoryIssue[] = [];
	const warnings: RepositoryIssue[] = [];
	settled.forEach((s, i) => {
		if (!asked.has(i) && s.prepared.filter) {
			return;
		}
		const label = s.prepared.repo.label;
		if (s.prepared.filterError !== undefined) {
			errors.push({ repository: label, message: s.prepared.filterError });
			return;
		}
		const result = s.result?.result;
		for (const w of result?.warnings ?? []) {
			warnings.push({ repository: label, message: w });
		}
		if (result && !result.ok) {
			errors.push({ repository: label, message: result.error.message });
		}
	});
	for (const n of wanted ?? []) {
		if (!packages.has(n)) {
			errors.push({ repository: l10n.t('all repositories'), message: l10n.t('Package {0} not found', n) });
		}
	}
	return { packages, errors, warnings };
}

async function safeLoad(run: () => Promise<LoadResult>): Promise<LoadResult> {
	try {
		return await run();
	} catch (e) {
		// Resolvers must not throw; if one does anyway, it is this repository's error, not everyone's.
		return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
	}
}

/** Loads one repository through its resolver; never throws. */
export function loadRepository(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext, registry: RegistryOptions): Promise<LoadResult> {
	const resolver = resolverFor(repo.config.type, registry);
	return safeLoad(() => resolver.loadPackages(repo, names, ctx));
}

/**
 * Resolves `names` (lower-cased; undefined = every package the repositories can list) across `repositories`
 * in priority order. Repositories are asked concurrently, each only for the names its filter lets through.
 */
export async function resolveRepositories(
	repositories: RepositoryDefinition[], names: string[] | undefined, ctx: ResolveContext, registry: RegistryOptions,
): Promise<Resolution> {
	const wanted = names?.map((n) => n.toLowerCase());
	const limits = { ...DEFAULT_RESOLVE_LIMITS, ...ctx.limits };
	// The whole resolution has a deadline; each repository has its own, and its own request budget.
	const resolution = new AbortController();
	let resolutionExpired = false;
	const resolutionTimer = setTimeout(() => {
		resolutionExpired = true;
		resolution.abort();
	}, limits.resolutionMs);
	const cancel = () => resolution.abort();
	if (ctx.signal?.aborted) cancel();
	ctx.signal?.addEventListener('abort', cancel, { once: true });
	const deadlines: RepositoryDeadline[] = [];
	try {
		const settled = await Promise.all(repositories.map(async (repo): Promise<SettledRepository> => {
			const prepared = prepareRepository(repo);
			if (!prepared.filter) {
				return { prepared };
			}
			const filter = prepared.filter;
			const requested = wanted?.filter((n) => filter.allows(n));
			if (requested && requested.length === 0) {
				return { prepared };
			}
			const deadline = new RepositoryDeadline(resolution.signal, { expired: () => resolutionExpired }, limits.repositoryMs);
			deadlines.push(deadline);
			const repoCtx: ResolveContext = { ...ctx, signal: deadline.signal, http: requestBudget(ctx.http, limits.requestsPerRepository) };
			// A resolver that does not stop when its signal aborts still does not hold the resolution.
			const result = await Promise.race([
				loadRepository(repo, requested, repoCtx, registry),
				deadline.expiredPromise.then((kind) => deadlineError(kind, limits)),
			]);
			return { prepared, result: indexResult(result) };
		}));
		return combineResults(settled, wanted);
	} finally {
		clearTimeout(resolutionTimer);
		ctx.signal?.removeEventListener('abort', cancel);
		// Whatever still runs (work past a deadline) is stopped.
		for (const d of deadlines) {
			d.controller.abort();
			d.dispose();
		}
	}
}
