// What the service shows about one package: the versions its providing repositories offer, in Composer's
// Semver::rsort order (branch aliases included, the 9999999-dev alias left out, as `composer show` does), and
// the newest version's description, homepage, source URL and abandonment.
import { redact } from '../net/credentials';
import { branchAliasOf, prettyAlias } from '../resolvers/package/loader';
import { sortNewestFirst } from '../resolvers/repositorySet';
import type { PackageVersion } from '../resolvers/types';
import { DEFAULT_BRANCH_ALIAS, parseStability } from '../semver';
import type { OfferedVersion, PackageDetails } from '../service/liveData';

function stabilityOf(version: string): OfferedVersion['stability'] {
	try {
		return parseStability(version) as OfferedVersion['stability'];
	} catch {
		return 'dev';
	}
}

function text(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Details of `name` from the versions of its providers (first provider first). */
export function packageDetails(versions: readonly PackageVersion[]): PackageDetails {
	const byPretty = new Map<string, { offered: OfferedVersion; pv: PackageVersion }>();
	for (const pv of versions) {
		if (!byPretty.has(pv.version)) {
			const time = text(pv.data?.time);
			const offered: OfferedVersion = {
				version: pv.version, normalized: pv.versionNormalized, stability: stabilityOf(pv.version), ...(time ? { time } : {}),
			};
			byPretty.set(pv.version, { pv, offered });
		}
		const alias = pv.aliasOf ?? branchAliasOf(pv.version, pv.data?.extra, pv.defaultBranch === true);
		if (alias !== undefined && alias !== DEFAULT_BRANCH_ALIAS) {
			const pretty = prettyAlias(alias);
			if (!byPretty.has(pretty)) {
				byPretty.set(pretty, { pv, offered: { version: pretty, normalized: alias, stability: 'dev', aliasOf: pv.version } });
			}
		}
	}
	const order = sortNewestFirst(byPretty.keys());
	const sorted = order.map((v) => byPretty.get(v)!);
	// What a package "is" comes from its newest stable release (a branch often carries less metadata).
	const real = sorted.filter((s) => s.offered.aliasOf === undefined);
	const newest = (real.find((s) => s.offered.stability === 'stable') ?? real[0])?.pv ?? versions[0];
	const data = newest?.data ?? {};
	const abandoned = data.abandoned;
	const sourceUrl = newest?.source?.url;
	return {
		name: newest?.name ?? '',
		versions: sorted.map((s) => s.offered),
		...(text(data.description) ? { description: text(data.description) } : {}),
		...(text(data.homepage) ? { homepage: text(data.homepage) } : {}),
		...(sourceUrl ? { sourceUrl: redact(sourceUrl) } : {}),
		...(abandoned === true || typeof abandoned === 'string' ? { abandoned: abandoned === '' ? true : abandoned } : {}),
	};
}
