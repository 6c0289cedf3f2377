// What a VCS driver must answer so that the shared algorithm (vcsRepository.ts, Composer's
// VcsRepository::initialize) can turn refs into package versions. One driver per VCS / host API.
import type { ResolveContext } from '../types';

/** A failure inside a driver; vcsRepository.ts turns it into a LoadResult error value at the boundary. */
export class VcsDriverError extends Error {
	constructor(readonly code: string, message: string, readonly transport?: { status?: number }) {
		super(message);
	}
}

export interface VcsSource {
	type: string;
	url: string;
	reference: string;
}

export interface VcsDriver {
	/** Fetches what is needed to answer the other calls (clone, API root call...). */
	initialize(): Promise<void>;
	/** The default branch name as Composer's driver reports it (git: branch name; hg: tip changeset; svn: trunk identifier). */
	getRootIdentifier(): Promise<string>;
	/** Branch name -> identifier (commit / changeset / svn path@rev). */
	getBranches(): Promise<Map<string, string>>;
	/** Tag name -> identifier. */
	getTags(): Promise<Map<string, string>>;
	/** Parsed composer.json at that identifier, or null when the ref has none. Throws VcsDriverError on transport errors. */
	getComposerInformation(identifier: string): Promise<Record<string, unknown> | null>;
	getSource(identifier: string): VcsSource;
	/** The archive to download, if the host offers one; absent or null: the versions have no dist. */
	getDist?(identifier: string): { type: string; url: string; reference: string } | null;
	/** Label for messages, e.g. `git https://example.org/repo.git`. */
	readonly label: string;
	/** Things worth telling the user that did not stop the driver (e.g. "API failed, read with git instead"). */
	readonly warnings?: string[];
}

/**
 * The part shared by the drivers that read a repository with the VCS's own program (git, hg, svn, fossil, perforce):
 * every version's source is the repository URL at its identifier, and there is no dist. Composer's GitDriver, HgDriver,
 * SvnDriver, FossilDriver and PerforceDriver answer getSource() the same way and return null from getDist().
 */
export abstract class VcsProgramDriver {
	/** Composer's `source.type` for this VCS. */
	protected abstract readonly vcsType: string;
	/** The repository URL, which Composer records as the source. */
	protected abstract readonly url: string;

	getSource(identifier: string): VcsSource {
		return { type: this.vcsType, url: this.url, reference: identifier };
	}

	getDist(): null {
		return null;
	}
}

/** Constructs a driver for a URL; `supports` mirrors Composer's static Driver::supports(shallow/deep). */
export interface VcsDriverFactory {
	readonly name: string;
	supports(url: string, ctx: ResolveContext, deep: boolean): Promise<boolean>;
	create(url: string, repoConfig: Record<string, unknown>, ctx: ResolveContext): VcsDriver;
}
