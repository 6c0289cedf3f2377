// The resolution service as the LSP layer sees it: the pure service's RepositoryDataProvider, plus what the
// server tells it (trust, per-document setting, open/changed/closed documents, the user cancelling progress)
// and what it tells the server (data changed, work in progress).
import type { ComposerDocument } from '../model/composerDocument';
import type { RegistryOptions } from '../resolvers/registry';
import type { ResolveContext } from '../resolvers/types';
import type { PackageLookup, PlatformPackage, RepositoryDataProvider, RepositoryStatus } from '../service/liveData';
import type { Activity } from './workQueue';

export type { Activity } from './workQueue';

export interface Disposable {
	dispose(): void;
}

/** What the host (Node) provides: contexts, files, the PHP probe, a log. */
export interface ResolutionHost {
	readonly registry: RegistryOptions;
	/** A resolve context for a composer.json and its config layers (each load adds its own signal). */
	createContext(composerJson: string, configLayers: Array<Record<string, unknown>>): ResolveContext;
	/** COMPOSER_HOME/config.json, if there is one. */
	readGlobalConfig(): { file: string; text: string } | undefined;
	/** File-system path of a document URI; undefined for documents not on disk. */
	uriToPath(uri: string): string | undefined;
	/** Asks the local PHP for its platform packages (runs a process: called only in a trusted workspace). */
	probePlatform(signal: AbortSignal): Promise<PlatformPackage[]>;
	/** One line for the output channel; credentials are redacted before it is called. */
	log(line: string): void;
	/** Request-level detail (HTTP, cache, VCS), for the protocol trace only. */
	trace?(line: string): void;
	now?(): number;
	/** The process's memory, reported in the status. */
	memory?(): { rss: number; heapUsed: number; external: number };
}

export interface ResolutionOptions {
	/** Data younger than this is served from memory without asking again (default 10 minutes). */
	freshMs?: number;
	/** One repository load is aborted after this long (default 10 minutes). */
	loadTimeoutMs?: number;
	/** Repository loads running at once (default 4). */
	concurrency?: number;
	/** Package answers one lazy repository keeps (default 5,000). */
	maxLazyNames?: number;
	/** Repositories no document lists any more whose data is kept for an undo (default 32). */
	retained?: number;
}

/** What the custom status request answers (protocol/ext.ts REPOSITORY_STATUS_REQUEST). */
export interface ResolutionReport {
	/** False when resolution is off for the document (setting), or it is not a file on disk. */
	readonly enabled: boolean;
	readonly trusted: boolean;
	readonly pending: boolean;
	readonly repositories: readonly RepositoryStatus[];
	readonly platform: readonly PlatformPackage[];
	/** Lookups of the names asked for, in the order asked. */
	readonly lookups: ReadonlyArray<{ readonly name: string; readonly lookup: PackageLookup }>;
	/** Name search results, when a query was given. */
	readonly names?: ReadonlyArray<{ readonly name: string; readonly repository: string }>;
	/** The server process's memory (bytes), for the status view and the benchmark. */
	readonly memory?: { readonly rss: number; readonly heapUsed: number; readonly external: number };
}

export interface LiveResolution extends RepositoryDataProvider {
	/** The workspace trust: untrusted means no process and no request at all. */
	setTrusted(trusted: boolean): void;
	readonly trusted: boolean;
	/** `composerRepositories.resolve.enable` for one document; off releases its repositories. */
	setEnabled(uri: string, enabled: boolean): void;
	/** A document opened or changed: its repository list is rebuilt and the work it needs starts in the background. */
	update(uri: string, document: ComposerDocument): void;
	/** The document closed. */
	close(uri: string): void;
	/** Stops the current round of work (the user cancelled the progress). */
	cancelRound(): void;
	/** Something known changed (a repository or a name finished loading). */
	onDidChange(listener: () => void): Disposable;
	onActivity(listener: (activity: Activity) => void): Disposable;
	report(uri: string, document: ComposerDocument, names: readonly string[], query?: string, memory?: boolean): ResolutionReport;
	dispose(): void;
}
