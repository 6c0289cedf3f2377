// Builds a HookContext on Node for the CLI and the language server: base URLs checked, every token registered
// with the one redaction rule (so no message, log line or error can show it), the shared HTTP client (at most
// 10 requests on the wire, as Packagist asks; disk cache for public answers only), the safe process runner and
// the state file under the user's cache folder.
import { setMaxListeners } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HookCredentials, HookSettings } from '../../../protocol/hooks';
import { registerSecret } from '../net/credentials';
import { createHttpClient } from '../net/http';
import { HttpCache } from '../net/httpCache';
import { NodeProcessRunner } from '../net/processRunner';
import type { HttpClient, ProcessRunner } from '../net/types';
import { defaultCacheRoot } from '../resolvers/resolveContext';
import { checkBaseUrl, DEFAULT_GRACE_MINUTES, RateLimitBook, resolveBaseUrls, type HookContext } from './context';
import { FileStateStore, type HookStateStore } from './stateStore';

/** Requests on the wire at once, per side (Packagist; the VCS hosts): Packagist's API documentation asks for at most 10. */
export const MAX_CONCURRENT_REQUESTS = 10;

export interface HookRuntime {
	/** For Packagist. */
	http: HttpClient;
	/** For the GitHub, GitLab and Bitbucket APIs. */
	hostHttp: HttpClient;
	processes: ProcessRunner;
	state: HookStateStore;
}

/** The HTTP client, process runner and state store of one process (the CLI run, or the language server). */
export function createHookRuntime(env: Record<string, string | undefined> = process.env, log?: (line: string) => void): HookRuntime {
	const root = defaultCacheRoot(env, env.HOME ?? os.homedir());
	return {
		http: createHttpClient({ maxConcurrent: MAX_CONCURRENT_REQUESTS, cache: new HttpCache(path.join(root, 'http')), log }),
		hostHttp: createHttpClient({ maxConcurrent: MAX_CONCURRENT_REQUESTS, log }),
		processes: new NodeProcessRunner({ env: env as NodeJS.ProcessEnv }),
		state: new FileStateStore(path.join(root, 'hooks-state.json')),
	};
}

/** Every secret of the credentials, registered with redact(); the Packagist user name is not (it is often the vendor name). */
export function registerCredentials(credentials: HookCredentials): void {
	for (const token of [credentials.github, credentials.githubEnterprise, credentials.gitlab, credentials.bitbucket, credentials.packagist?.token]) {
		registerSecret(token);
	}
	if (credentials.bitbucket?.includes(':')) {
		registerSecret(credentials.bitbucket.slice(credentials.bitbucket.indexOf(':') + 1));
	}
}

export interface ContextOptions {
	settings: HookSettings;
	credentials: HookCredentials;
	runtime: HookRuntime;
	signal?: AbortSignal;
	log?(line: string): void;
	now?(): number;
	concurrency?: number;
	poll?: HookContext['poll'];
}

export function createHookContext(options: ContextOptions): HookContext {
	registerCredentials(options.credentials);
	if (options.signal) {
		// Every request of a run waits on the same signal: dozens of listeners are expected, not a leak.
		setMaxListeners(1000, options.signal);
	}
	const bases = resolveBaseUrls(options.settings.baseUrls);
	const grace = options.settings.graceMinutes;
	const enterprise = options.settings.githubEnterpriseUrl?.trim();
	return {
		http: options.runtime.http,
		hostHttp: options.runtime.hostHttp,
		processes: options.runtime.processes,
		state: options.runtime.state,
		bases,
		githubEnterpriseUrl: enterprise ? checkBaseUrl('githubEnterpriseUrl', enterprise) : undefined,
		credentials: options.credentials,
		readMarker: options.settings.readMarker,
		graceMs: (typeof grace === 'number' && grace >= 0 ? grace : DEFAULT_GRACE_MINUTES) * 60_000,
		rateLimits: new RateLimitBook(),
		now: options.now ?? Date.now,
		signal: options.signal,
		log: options.log,
		concurrency: options.concurrency,
		poll: options.poll,
	};
}
