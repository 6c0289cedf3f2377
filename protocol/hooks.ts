// The custom LSP messages of the Packagist auto-update feature (issue 10), shared by the VS Code client and the
// language server (both import this file by relative path; esbuild bundles it into each side). Types and method
// names only: no runtime dependency, so the client's and the server's different vscode-jsonrpc copies never meet.
//
// Credentials travel in request params (the engine runs in the server). The client hands every secret it sends
// to its redacting output channel first, so `composerRepositories.trace.server: verbose` never shows one; the
// server registers them with its own redaction and never echoes them in a result.

/** How sure a signal or a verdict is about the package's auto-update. */
export type HookStatus = 'ok' | 'warning' | 'problem' | 'unknown';

/**
 * `hook`: the webhook/integration on the VCS host; `freshness`: Packagist's metadata against the repository;
 * `marker`: the package page's public "auto-updated" marker.
 */
export type HookSignalKind = 'hook' | 'freshness' | 'marker';

/** Where the package's repository lives, as far as its hooks are concerned. */
export type HookHostKind = 'github' | 'gitlab' | 'bitbucket' | 'other';

export interface HookSignal {
	kind: HookSignalKind;
	status: HookStatus;
	/** What was found, in one or two sentences (localized, free of credentials). */
	detail: string;
	/** Where the evidence came from (`GitHub API`, `git ls-remote`, `package page`…). */
	source?: string;
}

/** The result of checking one package (the `--format json` object of `composer-repos hooks status`). */
export interface HookReport {
	/** vendor/name. */
	package: string;
	/** The repository URL checked (credentials removed), or null when none could be found. */
	repository: string | null;
	verdict: HookStatus;
	signals: HookSignal[];
	/** What to do next (localized). */
	advice: string;
	/** The link that does it (hook settings, the package page, Packagist's how-to). */
	link: string | null;
	/** The package page on Packagist. */
	packagistUrl: string;
	/** The repository's hook settings page, when the host is known. */
	hookSettingsUrl: string | null;
	host: HookHostKind | null;
	/** Packagist's abandoned flag: true, or the suggested replacement. */
	abandoned?: boolean | string;
	/** Abandoned packages are listed but not checked unless asked. */
	skipped?: boolean;
	/** ISO 8601 time of the check. */
	checkedAt: string;
}

/** Base URLs of the services (all optional: defaults are the public services). */
export interface HookBaseUrls {
	/** Packagist web and API, default https://packagist.org. */
	packagist?: string;
	/** Packagist metadata (p2), default https://repo.packagist.org. */
	repo?: string;
	/** GitHub REST API, default https://api.github.com (a GitHub Enterprise Server: https://HOST/api/v3). */
	githubApi?: string;
	/** GitLab instance (the API is under /api/v4), default https://gitlab.com. */
	gitlab?: string;
	/** Bitbucket Cloud API, default https://api.bitbucket.org. */
	bitbucketApi?: string;
}

export interface HookSettings {
	baseUrls: HookBaseUrls;
	/** Read the package page for the public marker (unofficial screen-scraping). */
	readMarker: boolean;
	/** Minutes a new tag or push may take to reach Packagist before it counts as missing (default 15). */
	graceMinutes?: number;
	/** Web URL of a GitHub Enterprise Server (`github-enterprise.uri`); its repositories use `githubEnterprise`. */
	githubEnterpriseUrl?: string;
}

/** Tokens the user has; each is sent only to its own service. Never returned, never logged. */
export interface HookCredentials {
	github?: string;
	githubEnterprise?: string;
	gitlab?: string;
	/** A Bitbucket access token (Bearer), or `email:api-token` (Basic). */
	bitbucket?: string;
	packagist?: { username: string; token: string };
}

/** Client → server: check the package of a composer.json (`uri`) or a named package. */
export namespace HookStatusRequest {
	export const method = 'composerRepositories/hooks/status' as const;
	export interface Params {
		/** A composer.json document URI (file:). */
		uri?: string;
		/** vendor/name, when no composer.json is at hand. */
		package?: string;
		settings: HookSettings;
		credentials: HookCredentials;
	}
	export type Result = HookReport;
}

/** Client → server: every package of a vendor or a maintainer, problems first. */
export namespace HookWarningsRequest {
	export const method = 'composerRepositories/hooks/warnings' as const;
	export interface Params {
		vendor?: string;
		user?: string;
		includeAbandoned?: boolean;
		/** Ignore the server's short-lived cache of earlier listings. */
		refresh?: boolean;
		/** Echoed in HookProgressNotification so the client can match progress to its request. */
		progressId?: string;
		settings: HookSettings;
		credentials: HookCredentials;
	}
	export interface Result {
		packages: HookReport[];
	}
}

/** Server → client while HookWarningsRequest runs. */
export namespace HookProgressNotification {
	export const method = 'composerRepositories/hooks/progress' as const;
	export interface Params {
		progressId: string;
		done: number;
		total: number;
		/** The package just finished. */
		package?: string;
	}
}

/** The outcome of a Packagist update job. */
export type UpdateJobStatus = 'completed' | 'failed' | 'errored' | 'package_gone' | 'package_deleted' | 'timeout' | 'rejected';

export interface UpdateJobResult {
	package: string;
	jobId: string | null;
	status: UpdateJobStatus;
	/** Packagist's message, or why the request was rejected (localized, credentials removed). */
	message: string;
	/** Packagist's job log, as plain text. */
	details?: string;
	/** `manual`, `github_auto` or `github_user_secret`: how Packagist classified the request. */
	type?: string;
}

/** Client → server: `POST /api/update-package`, then poll the job until it ends. The client confirms first. */
export namespace HookUpdateRequest {
	export const method = 'composerRepositories/hooks/update' as const;
	export interface Params {
		package: string;
		settings: HookSettings;
		credentials: HookCredentials;
	}
	export type Result = UpdateJobResult;
}
