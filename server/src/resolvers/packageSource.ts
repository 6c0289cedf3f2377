// Where a required package's source lives, as its providing repository says: the first repository in
// Composer's priority order (repositorySet.ts; doc/articles/repository-priorities.md) whose `only`/`exclude`
// let the name through and that has the package; the `source.url` of its newest version. "Use a fork…" starts
// the fork URL from it. Repositories are asked one after another and the search stops at the first that has
// the package, as Composer's pool builder stops at the first canonical repository that knows a name.
import { rsort } from '../semver';
import { buildFilter } from './filters';
import { redact } from '../net/credentials';
import { resolverFor, type RegistryOptions } from './registry';
import type { PackageVersion, RepositoryDefinition, ResolveContext } from './types';

function newest(versions: PackageVersion[]): PackageVersion | undefined {
	const withSource = versions.filter((v) => typeof v.source?.url === 'string' && v.source.url !== '');
	try {
		const order = rsort(withSource.map((v) => v.versionNormalized));
		return withSource.find((v) => v.versionNormalized === order[0]);
	} catch {
		return withSource[0];
	}
}

/** The source URL (credentials redacted) of `name` on its providing repository, or undefined when none has one. */
export async function findPackageSource(
	repositories: readonly RepositoryDefinition[], name: string, ctx: ResolveContext, registry: RegistryOptions,
): Promise<string | undefined> {
	const wanted = name.toLowerCase();
	for (const repo of repositories) {
		if (ctx.signal?.aborted) return undefined;
		const built = buildFilter(repo.config, repo.label);
		if (!built.ok || !built.filter.allows(wanted)) continue;
		let result;
		try {
			result = await resolverFor(repo.config.type, registry).loadPackages(repo, [wanted], ctx);
		} catch {
			continue;
		}
		if (!result.ok) continue;
		const versions = result.packages.filter((p) => p.name.toLowerCase() === wanted);
		if (versions.length === 0) continue;
		const pick = newest(versions);
		// The providing repository has no source for it (dist only): later repositories are never asked for it.
		if (built.filter.canonical) return pick?.source ? redact(pick.source.url) : undefined;
		if (pick?.source) return redact(pick.source.url);
	}
	return undefined;
}
