// The language server's side of the Packagist auto-update requests (protocol/hooks.ts): the VS Code client stays
// thin and sends its settings and tokens with each request; the engine runs here. Cancellation reaches every
// socket and git process through the request's token; bad input answers InvalidParams with a readable message;
// nothing a handler sends or logs can hold a token (they are registered with redact() before any work).
import { createHash } from 'node:crypto';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import * as l10n from '@vscode/l10n';
import {
	HookProgressNotification, HookStatusRequest, HookUpdateRequest, HookWarningsRequest, type HookCredentials, type HookSettings,
} from '../../../protocol/hooks';
import { redact } from '../net/credentials';
import { formatError, tokenToSignal } from './runner';
import { HookCancelledError, HookInputError, type HookContext } from '../hooks/context';
import { createHookContext, createHookRuntime, registerCredentials, type HookRuntime } from '../hooks/engine';
import type { TokenHints } from '../hooks/hookResult';
import { checkPackage, readComposerProject } from '../hooks/status';
import { triggerUpdate } from '../hooks/updateJob';
import { listWarnings } from '../hooks/warnings';
import type { WorkspaceTrust } from './workspaceTrust';

/** What the server host provides (ServerRuntime has it). */
export interface HookHost {
	uriToPath(uri: string): string | undefined;
}

/** A vendor's listing is kept this long, so reopening the view does not re-check 300 packages. */
const LISTING_TTL_MS = 5 * 60_000;

function hints(): TokenHints {
	return {
		github: l10n.t('Sign in to GitHub in VS Code (Accounts menu) with a repository admin account and check again.'),
		githubEnterprise: l10n.t('Sign in to GitHub Enterprise Server in VS Code (setting github-enterprise.uri) and check again.'),
		gitlab: l10n.t('Store a GitLab token (Maintainer, read_api) with the command "Set GitLab Token".'),
		bitbucket: l10n.t('Store a Bitbucket token (admin, webhook read) with the command "Set Bitbucket Token".'),
	};
}

function asSettings(value: unknown): HookSettings {
	const s = (value ?? {}) as Partial<HookSettings>;
	return {
		baseUrls: s.baseUrls && typeof s.baseUrls === 'object' ? s.baseUrls : {},
		readMarker: s.readMarker !== false,
		graceMinutes: typeof s.graceMinutes === 'number' ? s.graceMinutes : undefined,
		githubEnterpriseUrl: typeof s.githubEnterpriseUrl === 'string' ? s.githubEnterpriseUrl : undefined,
	};
}

function asCredentials(value: unknown): HookCredentials {
	const c = (value ?? {}) as Record<string, unknown>;
	const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
	const p = c.packagist as Record<string, unknown> | undefined;
	const username = str(p?.username);
	const token = str(p?.token);
	return {
		github: str(c.github), githubEnterprise: str(c.githubEnterprise), gitlab: str(c.gitlab), bitbucket: str(c.bitbucket),
		...(username && token ? { packagist: { username, token } } : {}),
	};
}

export function registerHookRequests(connection: Connection, host: HookHost, trust: Pick<WorkspaceTrust, 'isTrusted'>): void {
	let runtime: HookRuntime | undefined;
	const listings = new Map<string, { at: number; packages: HookWarningsRequest.Result['packages'] }>();

	const context = (settings: unknown, credentials: unknown, signal: AbortSignal): HookContext => {
		const creds = asCredentials(credentials);
		// First thing: from here on no message can show these values.
		registerCredentials(creds);
		runtime ??= createHookRuntime(process.env);
		return createHookContext({ settings: asSettings(settings), credentials: creds, runtime, signal });
	};

	async function handle<T>(label: string, token: CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T | ResponseError<void>> {
		// The server's own gate (the client refuses too): an untrusted workspace reaches no service and runs no git.
		if (!trust.isTrusted) {
			return new ResponseError(ErrorCodes.InvalidRequest, l10n.t('Packagist checks make network requests and run git, which an untrusted workspace does not allow. Trust the workspace (Manage Workspace Trust) to use them.'));
		}
		const signal = tokenToSignal(token);
		try {
			const result = await work(signal);
			return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, l10n.t('The check was cancelled.')) : result;
		} catch (error) {
			if (error instanceof HookCancelledError || token.isCancellationRequested) {
				return new ResponseError(LSPErrorCodes.RequestCancelled, l10n.t('The check was cancelled.'));
			}
			if (error instanceof HookInputError) {
				return new ResponseError(ErrorCodes.InvalidParams, redact(error.message));
			}
			connection.console.error(redact(formatError(`[hooks] ${label}`, error)));
			return new ResponseError(ErrorCodes.InternalError, redact(error instanceof Error ? error.message : String(error)));
		}
	}

	connection.onRequest(HookStatusRequest.method, (params: HookStatusRequest.Params, token) => handle('status', token, async (signal) => {
		const ctx = context(params.settings, params.credentials, signal);
		if (typeof params.package === 'string' && params.package !== '') {
			return checkPackage(ctx, { name: params.package }, { hints: hints() });
		}
		const file = typeof params.uri === 'string' ? host.uriToPath(params.uri) : undefined;
		if (!file) {
			throw new HookInputError(l10n.t('Open a composer.json saved on disk, or give a package name.'));
		}
		return checkPackage(ctx, await readComposerProject(ctx, file), { hints: hints() });
	}));

	connection.onRequest(HookWarningsRequest.method, (params: HookWarningsRequest.Params, token) => handle('warnings', token, async (signal) => {
		const ctx = context(params.settings, params.credentials, signal);
		const progress = (done: number, total: number, name?: string): void => {
			if (params.progressId) {
				void connection.sendNotification(HookProgressNotification.method, {
					progressId: params.progressId, done, total, ...(name ? { package: name } : {}),
				});
			}
		};
		// Keyed by the query, the settings and a digest of the tokens (a new token must not get an old answer).
		const key = createHash('sha256').update(JSON.stringify([params.vendor, params.user, params.includeAbandoned === true, asSettings(params.settings), asCredentials(params.credentials)])).digest('hex');
		const cached = listings.get(key);
		if (cached && !params.refresh && ctx.now() - cached.at < LISTING_TTL_MS) {
			progress(cached.packages.length, cached.packages.length);
			return { packages: cached.packages };
		}
		const packages = await listWarnings(
			ctx, { vendor: params.vendor, user: params.user, includeAbandoned: params.includeAbandoned }, { hints: hints(), onProgress: progress },
		);
		listings.set(key, { at: ctx.now(), packages });
		return { packages };
	}));

	connection.onRequest(HookUpdateRequest.method, (params: HookUpdateRequest.Params, token) => handle('update', token, async (signal) => {
		const ctx = context(params.settings, params.credentials, signal);
		const result = await triggerUpdate(ctx, params.package);
		// The package's cached listings are stale now.
		listings.clear();
		return result;
	}));
}
