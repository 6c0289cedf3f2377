// Asks every repository of the merged list what it offers and combines the answers the way Composer's
// PoolBuilder does: in list order, a canonical repository that knows a name hides that name in every later
// repository; `only`/`exclude` decide which names a repository may serve; `canonical: false` repositories add
// their versions without hiding others. Repositories are asked concurrently, then combined in order, so the
// result does not depend on which answered first. A failing repository is an error entry, never a stop.
import * as l10n from '@vscode/l10n';
import { rsort } from '../semver';
import { buildFilter, type RepositoryFilter } from './filters';
import { DEFAULT_BRANCH_ALIAS } from '../semver';
import { branchAliasOf, prettyAlias } from './package/loader';
import { resolverFor, type RegistryOptions } from './registry';
import type { LoadResult, PackageVersion, RepositoryDefinition, ResolveContext } from './types';
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

interface Prepared {
	repo: RepositoryDefinition;
	filter?: RepositoryFilter;
	requested?: string[];
	result?: Promise<LoadResult>;
	deadline?: RepositoryDeadline;
}

async function safeLoad(run: () => Promise<LoadResult>): Promise<LoadResult> {
	try {
		return await run();
	} catch (e) {
		// Resolvers must not throw; if one does anyway, it is this repository's error, not everyone's.
		return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
	}
}

/**
 * Resolves `names` (lower-cased; undefined = every package the repositories can list) across `repositories`
 * in priority order.
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
	const resolutionState = { expired: () => resolutionExpired };
	try {
		return await combine(repositories, wanted, registry, (repo, requested, resolver) => {
			const deadline = new RepositoryDeadline(resolution.signal, resolutionState, limits.repositoryMs);
			const repoCtx: ResolveContext = { ...ctx, signal: deadline.signal, http: requestBudget(ctx.http, limits.requestsPerRepository) };
			const loaded = safeLoad(() => resolver.loadPackages(repo, requested, repoCtx));
			// A resolver that does not stop when its signal aborts still does not hold the resolution.
			const result = Promise.race([loaded, deadline.expiredPromise.then((kind) => deadlineError(kind, limits))]);
			return { result, deadline };
		});
	} finally {
		clearTimeout(resolutionTimer);
		ctx.signal?.removeEventListener('abort', cancel);
	}
}

/** Starts one repository's load: its result (or deadline error) and the deadline that can stop it. */
type StartLoad = (
	repo: RepositoryDefinition, requested: string[] | undefined, resolver: ReturnType<typeof resolverFor>,
) => { result: Promise<LoadResult>; deadline: RepositoryDeadline };

async function combine(repositories: RepositoryDefinition[], wanted: string[] | undefined, registry: RegistryOptions, start: StartLoad): Promise<Resolution> {
	const prepared: Prepared[] = repositories.map((repo) => {
		const built = buildFilter(repo.config, repo.label);
		if (!built.ok) {
			return { repo, result: Promise.resolve<LoadResult>({ ok: false, error: { code: 'repository.filter', message: built.message } }) };
		}
		const filter = built.filter;
		const requested = wanted?.filter((n) => filter.allows(n));
		if (requested && requested.length === 0) {
			return { repo, filter, requested };
		}
		const resolver = resolverFor(repo.config.type, registry);
		return { repo, filter, requested, ...start(repo, requested, resolver) };
	});
	try {
		return await combineInOrder(prepared, wanted);
	} finally {
		// Whatever still runs (a repository Composer would not have asked, work past a deadline) is stopped.
		for (const p of prepared) {
			p.deadline?.controller.abort();
			p.deadline?.dispose();
		}
	}
}

async function combineInOrder(prepared: Prepared[], wanted: string[] | undefined): Promise<Resolution> {
	const packages = new Map<string, PackageListing & { set: Set<string> }>();
	const errors: RepositoryIssue[] = [];
	const warnings: RepositoryIssue[] = [];
	const claimed = new Set<string>();
	for (const p of prepared) {
		const remaining = p.requested?.filter((n) => !claimed.has(n));
		if (remaining && remaining.length === 0) {
			// Composer never asks this repository: every name is already found. Its work stops.
			p.deadline?.controller.abort();
			continue;
		}
		if (!p.result) {
			continue;
		}
		const result = await p.result;
		for (const w of result.warnings ?? []) {
			warnings.push({ repository: p.repo.label, message: w });
		}
		if (!result.ok) {
			errors.push({ repository: p.repo.label, message: result.error.message });
			continue;
		}
		const filter = p.filter!;
		const eligible = (n: string) => filter.allows(n) && !claimed.has(n) && (!remaining || remaining.includes(n));
		for (const pv of result.packages) {
			const key = pv.name.toLowerCase();
			if (!eligible(key)) {
				continue;
			}
			let listing = packages.get(key);
			if (!listing) {
				listing = { name: pv.name, versions: [], repository: p.repo.label, set: new Set() };
				packages.set(key, listing);
			}
			for (const v of prettyVersionsOf(pv)) {
				listing.set.add(v);
			}
		}
		if (filter.canonical) {
			const found = new Set([...result.namesFound.map((n) => n.toLowerCase()), ...result.packages.map((pv) => pv.name.toLowerCase())]);
			for (const n of found) {
				if (eligible(n)) {
					claimed.add(n);
				}
			}
		}
	}
	const out = new Map<string, PackageListing>();
	for (const key of [...packages.keys()].sort()) {
		const l = packages.get(key)!;
		out.set(key, { name: l.name, versions: sortNewestFirst(l.set), repository: l.repository });
	}
	for (const n of wanted ?? []) {
		if (!out.has(n)) {
			errors.push({ repository: l10n.t('all repositories'), message: l10n.t('Package {0} not found', n) });
		}
	}
	return { packages: out, errors, warnings };
}
