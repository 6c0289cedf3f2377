// Names shared between the client, the manifest and the language server. Kept in one place so a rename in
// package.json or in the server has a single counterpart here.

/** The LanguageClient id: VS Code reads `<id>.trace.server` for protocol tracing, so it matches the settings prefix. */
export const CLIENT_ID = 'composerRepositories';

/** Output channel name; also the file name of its log under the window's logs folder. */
export const OUTPUT_CHANNEL_NAME = 'Composer Repositories';

export const Commands = {
	showOutput: 'composerRepositories.showOutput',
	restartServer: 'composerRepositories.restartServer',
	/**
	 * "Use a fork…" on a require/require-dev entry. The server executes it (workspace/executeCommand) with
	 * UseForkArguments; with `url` and `branch` it applies the edit through workspace/applyEdit. The code action
	 * sends only `uri`, `packageName` and `section`: the VS Code client asks for the rest; other editors pass
	 * the full arguments themselves.
	 */
	useFork: 'composerRepositories.useFork',
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

/** The single argument of Commands.useFork. */
export interface UseForkArguments {
	/** The composer.json document. */
	uri: string;
	packageName: string;
	section: 'require' | 'require-dev';
	/** The fork's repository URL. */
	url?: string;
	/** The fork's branch to require. */
	branch?: string;
	/** The inline alias version; `null` or `''` for none; absent to let the server decide from the constraint. */
	alias?: string | null;
}

/** What Commands.useFork answers: whether the edit was applied, and what it wrote or why not. */
export interface UseForkResult {
	applied: boolean;
	/** The constraint written (`dev-fix as 2.1.0`). */
	constraint?: string;
	/** Why nothing was written (shown to the user as it is). */
	message?: string;
}

/**
 * Client → server request: the branches of a VCS repository URL, read with the same drivers resolution
 * uses. Refused (with `error`) in an untrusted workspace, where no VCS process or network request may run.
 */
export const FORK_BRANCHES_REQUEST = 'composerRepositories/forkBranches';

export interface ForkBranchesParams {
	url: string;
	/** The composer.json the fork is for: its `config` (secure-http, GitHub domains) and auth apply. */
	documentUri: string;
	/** When given, `providesPackage` says which branches hold a composer.json naming this package. */
	packageName?: string;
}

export interface ForkBranch {
	/** Branch name (`fix-foo`). */
	name: string;
	/** Its Composer version (`dev-fix-foo`, `2.x-dev`), what `require` will say. */
	version: string;
	/** Whether Composer finds the package on this branch (a composer.json with its name). */
	providesPackage?: boolean;
}

export interface ForkBranchesResult {
	/** Default branch first, then by name. */
	branches: ForkBranch[];
	defaultBranch?: string;
	/** Why no branches could be listed (credentials redacted). */
	error?: string;
}

/**
 * Client → server request: the source repository URL of a required package as its providing repository
 * reports it, to prefill the fork URL. Answers `{}` when it is not known (untrusted workspace, not found).
 */
export const PACKAGE_SOURCE_REQUEST = 'composerRepositories/packageSource';

export interface PackageSourceParams {
	documentUri: string;
	packageName: string;
}

export interface PackageSourceResult {
	url?: string;
}
