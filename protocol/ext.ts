// Names shared between the client, the manifest and the language server. Kept in one place so a rename in
// package.json or in the server has a single counterpart here.

/** The LanguageClient id: VS Code reads `<id>.trace.server` for protocol tracing, so it matches the settings prefix. */
export const CLIENT_ID = 'composerRepositories';

/** The settings section the server pulls (`composerRepositories.validate.enable`, `…resolve.enable`). */
export const SETTINGS_SECTION = 'composerRepositories';

/** Output channel name; also the file name of its log under the window's logs folder. */
export const OUTPUT_CHANNEL_NAME = 'Composer Repositories';

export const Commands = {
	showOutput: 'composerRepositories.showOutput',
	restartServer: 'composerRepositories.restartServer',
} as const;

/** What the client passes in `initialize`. The server validates in every case; `trusted` only gates
 * processes and network access (VCS drivers, Packagist), which an untrusted workspace must not trigger. */
export interface InitializationOptions {
	locale: string;
	trusted: boolean;
}

/** Sent once when the user trusts the workspace after the server started (trust can only be granted, not revoked
 * without a window reload). Params: `{ trusted: true }`. */
export const WORKSPACE_TRUST_NOTIFICATION = 'composerRepositories/didChangeWorkspaceTrust';

export interface WorkspaceTrustParams {
	trusted: boolean;
}

/** Client → server request: what the resolution service knows about a composer.json's repositories (a status
 * view, and what the tests read). Params: RepositoryStatusParams; result: the server's ResolutionReport
 * (server/src/resolution/types.ts): `{ enabled, trusted, pending, repositories, platform, lookups, names? }`. */
export const REPOSITORY_STATUS_REQUEST = 'composerRepositories/repositoryStatus';

export interface RepositoryStatusParams {
	/** An open composer.json. */
	uri: string;
	/** Package names to look up (as the service's RepositorySnapshot.lookup does). */
	names?: string[];
	/** A package-name search (RepositorySnapshot.searchNames). */
	query?: string;
	/** Include the server's memory use (after a collection when the server runs with --expose-gc). */
	memory?: boolean;
}
