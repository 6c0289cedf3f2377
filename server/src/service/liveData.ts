// How live repository data reaches the pure language service. The service never resolves anything itself: the
// host (the LSP server's resolution service, or the CLI's `check --live`) passes a RepositoryDataProvider in
// the service options, as vscode-json-languageservice takes schema and completion contributions. Every call is
// synchronous and answers from what is already known; a provider starts whatever work a question needs in the
// background and says "pending", so a keystroke never waits on the network or a VCS process.
import type { ComposerDocument } from '../model/composerDocument';

/** What one repository of the merged list is doing, as hovers, diagnostics and the report show it. */
export interface RepositoryStatus {
	/** Index of the entry in the document's `repositories` block; absent for packagist.org's default entry and for entries of the global config. */
	readonly entryIndex?: number;
	/** Composer-style label, never holding credentials (`vcs repo (https://…)`, `packagist.org`). */
	readonly label: string;
	/** The repository type as written (`vcs`, `composer`, …). */
	readonly type: string;
	/** The driver Composer would use for it (`git`, `github`, `svn`, `composer`, `path`, …) when known. */
	readonly driver?: string;
	readonly state: 'pending' | 'ok' | 'error' | 'skipped';
	/** For `skipped`: why (untrusted workspace, resolution turned off, offline, no name of this repository is requested). */
	readonly reason?: string;
	/** Packages and versions it offers (enumerable repositories; for lazy ones, what was loaded so far). */
	readonly packages?: number;
	readonly versions?: number;
	/** When its data was fetched (ms since the epoch), and how long that took. */
	readonly fetchedAt?: number;
	readonly durationMs?: number;
	/** For `error`: a stable code and a message with credentials redacted. */
	readonly errorCode?: 'unreachable' | 'auth' | 'not-found' | 'invalid' | 'timeout' | 'refused' | 'internal';
	readonly error?: string;
	/** True when the answer comes from a cache that could not be revalidated. */
	readonly stale?: boolean;
}

/** One version a repository offers for a package. */
export interface OfferedVersion {
	/** Pretty version (`v2.1.0`, `dev-main`, `2.x-dev`). */
	readonly version: string;
	/** Normalized (`2.1.0.0`, `dev-main`, `2.9999999.9999999.9999999-dev`). */
	readonly normalized: string;
	readonly stability: 'stable' | 'RC' | 'beta' | 'alpha' | 'dev';
	/** Release date (ISO 8601) when the repository says. */
	readonly time?: string;
	/** For a branch alias: the version it aliases (`dev-main` for `2.x-dev`). */
	readonly aliasOf?: string;
}

/** What the providing repository says about a package (its newest version's metadata). */
export interface PackageDetails {
	readonly name: string;
	/** Newest first, stable before unstable at equal version (Composer's Semver::rsort order). */
	readonly versions: readonly OfferedVersion[];
	readonly description?: string;
	readonly homepage?: string;
	/** Source repository URL (credentials redacted). */
	readonly sourceUrl?: string;
	/** `true`, or the suggested replacement package. */
	readonly abandoned?: boolean | string;
}

/** A repository that would have provided a package but is not asked for it. */
export interface ShadowedRepository {
	readonly label: string;
	readonly entryIndex?: number;
	/** `canonical`: an earlier canonical repository already provides the name; `only`/`exclude`: the repository's filter refuses it. */
	readonly reason: 'canonical' | 'only' | 'exclude';
	/** For `canonical`: the label of the repository that hides it. */
	readonly hiddenBy?: string;
}

export type PackageLookup =
	/** Resolution has not finished for the repositories that could provide it. */
	| { readonly state: 'pending'; readonly shadowed: readonly ShadowedRepository[] }
	/** Found: the repository that provides it (the first in priority order) and what it offers. */
	| { readonly state: 'found'; readonly repository: string; readonly entryIndex?: number; readonly details: PackageDetails; readonly shadowed: readonly ShadowedRepository[] }
	/** Every enabled repository answered and none provides it (or every one that might is filtered out). */
	| { readonly state: 'missing'; readonly shadowed: readonly ShadowedRepository[]; readonly failed: readonly string[] }
	/** Nothing can be known: resolution is off, the workspace is untrusted, or a repository that could provide it failed. */
	| { readonly state: 'unknown'; readonly reason: string };

export interface NameMatch {
	readonly name: string;
	/** Label of the repository it comes from. */
	readonly repository: string;
	readonly description?: string;
	/**
	 * Optional: the newest stable version (pretty), when the provider knows it without loading anything. A name
	 * completion then inserts a constraint for it (`"^2.1"`); without it, an empty value and the version list.
	 */
	readonly latest?: string;
}

/** A platform package (`php`, `ext-json`, `lib-curl`, …) and the version the local PHP reports. */
export interface PlatformPackage {
	readonly name: string;
	readonly version?: string;
	readonly description?: string;
}

/** What is known about the repositories of one document, at one moment. */
export interface RepositorySnapshot {
	/** True while any repository is still resolving or a requested package is still loading. */
	readonly pending: boolean;
	/** Every repository of the merged list, in Composer's priority order. */
	readonly repositories: readonly RepositoryStatus[];
	/** Which repository provides `name` and what it offers. Starts loading a lazily listed name (packagist.org) when needed. */
	lookup(name: string): PackageLookup;
	/** Package names starting with or containing `query` (case-insensitive), best matches first, at most `limit`. */
	searchNames(query: string, limit: number): readonly NameMatch[];
	/** Platform packages of the local PHP, when it could be asked (empty otherwise). */
	readonly platform: readonly PlatformPackage[];
}

export interface RepositoryDataProvider {
	/**
	 * The snapshot for this document's repositories. Undefined when live data is off for it (setting, untrusted
	 * workspace): the service then offers and reports nothing live, with no error.
	 */
	snapshot(document: ComposerDocument, documentUri: string): RepositorySnapshot | undefined;
}
