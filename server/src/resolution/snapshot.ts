// The RepositorySnapshot of one document: its repositories' statuses at the moment it was taken, and
// questions (lookup, name search) answered from what the shared records know now. Answering starts what is
// missing (a lazy repository's name, its name list) and says "pending"; nothing here waits.
import * as l10n from '@vscode/l10n';
import { isPlatformPackageName } from '../composer/packageNames';
import { redact } from '../net/credentials';
import { walkName, type NameSource, type NameWalk } from '../resolvers/repositorySet';
import type { RepositoryDefinition } from '../resolvers/types';
import { driverNameForType } from '../resolvers/vcs/driverRegistry';
import type { NameMatch, PackageDetails, PackageLookup, PlatformPackage, RepositorySnapshot, RepositoryStatus, ShadowedRepository } from '../service/liveData';
import { statusErrorCode } from './errorCodes';
import { packageDetails } from './packageDetails';
import type { RepositoryRecord } from './repositoryRecord';

export interface SnapshotEntry {
	readonly definition: RepositoryDefinition;
	readonly record: RepositoryRecord;
}

export interface PlatformState {
	readonly loading: boolean;
	readonly packages: readonly PlatformPackage[];
}

function driverOf(type: string): string | undefined {
	return type === 'vcs' ? undefined : driverNameForType(type) ?? type;
}

function base(definition: RepositoryDefinition): Pick<RepositoryStatus, 'entryIndex' | 'label' | 'type' | 'driver'> {
	const type = typeof definition.config.type === 'string' ? definition.config.type : String(definition.config.type);
	const driver = driverOf(type);
	return {
		...(definition.entryIndex !== undefined ? { entryIndex: definition.entryIndex } : {}),
		label: redact(definition.label),
		type,
		...(driver ? { driver } : {}),
	};
}

export function statusOf(entry: SnapshotEntry): RepositoryStatus {
	const s = entry.record.state();
	const timing = entry.record.timing;
	const when = {
		...(timing.fetchedAt !== undefined ? { fetchedAt: timing.fetchedAt } : {}),
		...(timing.durationMs !== undefined ? { durationMs: timing.durationMs } : {}),
	};
	switch (s.state) {
		case 'pending':
			return { ...base(entry.definition), state: 'pending' };
		case 'cancelled':
			return { ...base(entry.definition), state: 'skipped', reason: l10n.t('Cancelled; it is resolved again when its data is next refreshed.'), ...when };
		case 'error':
			return { ...base(entry.definition), state: 'error', errorCode: statusErrorCode(s.error.code), error: redact(s.error.message), ...when };
		case 'ok':
			return { ...base(entry.definition), state: s.loading ? 'pending' : 'ok', packages: s.packages, versions: s.versions, ...(s.stale ? { stale: true } : {}), ...when };
	}
}

/** Every repository skipped for the same reason (untrusted workspace): nothing is asked, nothing is known. */
export function skippedSnapshot(definitions: readonly RepositoryDefinition[], reason: string): RepositorySnapshot {
	return {
		pending: false,
		repositories: definitions.map((d) => ({ ...base(d), state: 'skipped', reason })),
		lookup: () => ({ state: 'unknown', reason }),
		searchNames: () => [],
		platform: [],
	};
}

export class LiveSnapshot implements RepositorySnapshot {
	readonly repositories: readonly RepositoryStatus[];
	private readonly sources: NameSource[];

	constructor(private readonly entries: readonly SnapshotEntry[], private readonly platformState: () => PlatformState) {
		this.repositories = entries.map(statusOf);
		this.sources = entries.map((e) => ({ prepared: e.record.prepared, answer: (name: string) => e.record.answer(name) }));
	}

	get pending(): boolean {
		return this.platformState().loading || this.entries.some((e) => e.record.pending);
	}

	get platform(): readonly PlatformPackage[] {
		return this.platformState().packages;
	}

	/** Asks the repositories Composer would ask for `name` and that have not answered, without building an answer. */
	request(rawName: string): void {
		const name = rawName.toLowerCase();
		if (!isPlatformPackageName(name)) {
			this.askPending(name, walkName(name, this.sources));
		}
	}

	private askPending(name: string, walk: NameWalk): void {
		for (const i of walk.pending) {
			this.entries[i].record.request([name]);
		}
	}

	lookup(rawName: string): PackageLookup {
		const name = rawName.toLowerCase();
		if (isPlatformPackageName(name)) {
			return this.lookupPlatform(name);
		}
		const walk = walkName(name, this.sources);
		// Composer would ask these repositories: the lazy ones (or ones not open yet) are asked now.
		this.askPending(name, walk);
		const shadowed: ShadowedRepository[] = walk.shadowed.map((s) => ({
			label: redact(this.entries[s.index].definition.label),
			...(this.entries[s.index].definition.entryIndex !== undefined ? { entryIndex: this.entries[s.index].definition.entryIndex } : {}),
			reason: s.reason,
			...(s.hiddenBy !== undefined ? { hiddenBy: redact(this.entries[s.hiddenBy].definition.label) } : {}),
		}));
		if (walk.pending.length > 0) {
			return { state: 'pending', shadowed };
		}
		if (walk.providers.length > 0) {
			const first = this.entries[walk.providers[0].index].definition;
			const providers = walk.providers;
			let details: PackageDetails | undefined;
			return {
				state: 'found',
				repository: redact(first.label),
				...(first.entryIndex !== undefined ? { entryIndex: first.entryIndex } : {}),
				// Sorting versions costs more than the walk: done when someone reads them (a diagnostic reading
				// the state only does not pay for it).
				get details(): PackageDetails {
					details ??= packageDetails(providers.flatMap((p) => p.versions));
					return details;
				},
				shadowed,
			};
		}
		if (walk.failed.length > 0) {
			const labels = walk.failed.map((i) => redact(this.entries[i].definition.label));
			return { state: 'unknown', reason: l10n.t('{0} could not be read, so whether it provides {1} is not known.', labels.join(', '), name) };
		}
		return { state: 'missing', shadowed, failed: [] };
	}

	private lookupPlatform(name: string): PackageLookup {
		const platform = this.platformState();
		const found = platform.packages.find((p) => p.name === name);
		if (found) {
			const version = found.version ?? '0';
			return {
				state: 'found', repository: 'platform', shadowed: [],
				details: { name, versions: [{ version, normalized: version, stability: 'stable' }], ...(found.description ? { description: found.description } : {}) },
			};
		}
		if (platform.loading) {
			return { state: 'pending', shadowed: [] };
		}
		return { state: 'unknown', reason: l10n.t('Platform packages come from the PHP that runs Composer; {0} is not one of the local PHP\'s.', name) };
	}

	searchNames(query: string, limit: number): readonly NameMatch[] {
		const q = query.toLowerCase().trim();
		const seen = new Set<string>();
		const found: Array<{ name: string; rank: number; order: number; entry: SnapshotEntry }> = [];
		this.entries.forEach((entry, order) => {
			const index = entry.record.names();
			const filter = entry.record.prepared.filter;
			if (!index || !filter) {
				return;
			}
			for (const m of index.search(q, limit)) {
				if (!seen.has(m.name) && filter.allows(m.name)) {
					seen.add(m.name);
					found.push({ ...m, order, entry });
				}
			}
		});
		found.sort((a, b) => a.rank - b.rank || a.order - b.order || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
		return found.slice(0, Math.max(0, limit)).map((m) => {
			// Description and newest stable version when the repository already has the versions (enumerable, or a
			// lazy name loaded before); nothing is loaded for a list entry.
			const answer = m.entry.record.answer(m.name);
			const details = answer.state === 'answered' && answer.versions.length > 0 ? packageDetails(answer.versions) : undefined;
			const latest = details?.versions.find((v) => v.stability === 'stable' && v.aliasOf === undefined)?.version;
			return {
				name: m.name, repository: redact(m.entry.definition.label),
				...(details?.description ? { description: details.description } : {}),
				...(latest ? { latest } : {}),
			};
		});
	}
}
