// A RepositorySnapshot built from plain data: an implementation of the service's live-data port with fixed
// answers, for service tests of completion, hover and diagnostics. (The server's real resolution is tested on
// its own against real repositories.) Versions are given newest first, as the port promises; their normalized
// form and stability come from our semver module, as a real provider's do.
import { normalize, parseStability } from '../../server/src/semver';
import type {
	NameMatch, OfferedVersion, PackageLookup, PlatformPackage, RepositoryDataProvider, RepositorySnapshot, RepositoryStatus, ShadowedRepository,
} from '../../server/src/service/liveData';

/** A version as `'2.1.0'`, or with its release date / the branch it aliases. */
export type VersionFixture = string | { version: string; time?: string; aliasOf?: string };

/** A package a repository provides. */
export interface FoundPackage {
	repository: string;
	entryIndex?: number;
	versions: VersionFixture[];
	description?: string;
	homepage?: string;
	sourceUrl?: string;
	abandoned?: boolean | string;
	shadowed?: ShadowedRepository[];
	/** Also give searchNames() the newest stable version (NameMatch.latest). */
	latestKnown?: boolean;
}

export interface SnapshotFixture {
	pending?: boolean;
	repositories?: RepositoryStatus[];
	/** By name: a provided package, or any other lookup answer (pending, missing, unknown). */
	packages?: Record<string, FoundPackage | PackageLookup>;
	platform?: PlatformPackage[];
	/** The answer for names not listed (default: missing, nothing shadowed). */
	otherwise?: PackageLookup;
}

export function offered(v: VersionFixture): OfferedVersion {
	const spec = typeof v === 'string' ? { version: v } : v;
	return {
		version: spec.version,
		normalized: normalize(spec.version),
		stability: parseStability(spec.version),
		...(spec.time !== undefined ? { time: spec.time } : {}),
		...(spec.aliasOf !== undefined ? { aliasOf: spec.aliasOf } : {}),
	};
}

function isFound(p: FoundPackage | PackageLookup): p is FoundPackage {
	return !('state' in p);
}

export interface FixedSnapshot extends RepositorySnapshot {
	/** Every name lookup() was asked for, in order. */
	readonly lookups: string[];
	/** Every query searchNames() was asked for. */
	readonly searches: string[];
}

export function liveSnapshot(fixture: SnapshotFixture): FixedSnapshot {
	const packages = new Map(Object.entries(fixture.packages ?? {}).map(([name, p]) => [name.toLowerCase(), { name, p }]));
	const lookups: string[] = [];
	const searches: string[] = [];
	return {
		pending: fixture.pending ?? false,
		repositories: fixture.repositories ?? [],
		platform: fixture.platform ?? [],
		lookups,
		searches,
		lookup(name: string): PackageLookup {
			lookups.push(name);
			const known = packages.get(name.toLowerCase());
			if (!known) return fixture.otherwise ?? { state: 'missing', shadowed: [], failed: [] };
			const p = known.p;
			if (!isFound(p)) return p;
			return {
				state: 'found',
				repository: p.repository,
				...(p.entryIndex !== undefined ? { entryIndex: p.entryIndex } : {}),
				details: {
					name: known.name,
					versions: p.versions.map(offered),
					...(p.description !== undefined ? { description: p.description } : {}),
					...(p.homepage !== undefined ? { homepage: p.homepage } : {}),
					...(p.sourceUrl !== undefined ? { sourceUrl: p.sourceUrl } : {}),
					...(p.abandoned !== undefined ? { abandoned: p.abandoned } : {}),
				},
				shadowed: p.shadowed ?? [],
			};
		},
		searchNames(query: string, limit: number): readonly NameMatch[] {
			searches.push(query);
			const q = query.toLowerCase();
			const matches: { match: NameMatch; prefix: boolean }[] = [];
			for (const { name, p } of packages.values()) {
				if (!isFound(p) || !name.toLowerCase().includes(q)) continue;
				const latest = p.latestKnown ? p.versions.map(offered).find((v) => v.stability === 'stable' && v.aliasOf === undefined)?.version : undefined;
				matches.push({
					prefix: name.toLowerCase().startsWith(q),
					match: {
						name, repository: p.repository,
						...(p.description !== undefined ? { description: p.description } : {}), ...(latest !== undefined ? { latest } : {}),
					},
				});
			}
			return matches.sort((a, b) => Number(b.prefix) - Number(a.prefix)).slice(0, limit).map((m) => m.match);
		},
	};
}

/** The provider a host passes in the service options; `undefined` answers like live data turned off. */
export function liveProvider(snapshot: RepositorySnapshot | undefined): RepositoryDataProvider & { calls: number } {
	const provider = {
		calls: 0,
		snapshot(): RepositorySnapshot | undefined {
			provider.calls++;
			return snapshot;
		},
	};
	return provider;
}
