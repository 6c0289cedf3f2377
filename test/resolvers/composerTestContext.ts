// Shared setup for the composer resolver tests: a ResolveContext over a loopback-only HTTP client.
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import type { Credentials } from '../../server/src/net/types';
import type { ResolveContext, RepositoryDefinition } from '../../server/src/resolvers/types';
import type { HttpClientOptions } from '../../server/src/net/http';
import { loopbackHttpClient, type NoInternet } from '../helpers/noInternet';

export interface TestContextOptions {
	http?: NoInternet;
	httpOptions?: HttpClientOptions;
	offline?: boolean;
	secureHttp?: boolean;
	credentials?: Credentials;
	packagistRepo?: string;
	baseDir?: string;
	signal?: AbortSignal;
}

export function testContext(options: TestContextOptions = {}): ResolveContext & { http: NoInternet } {
	const http = options.http ?? loopbackHttpClient(options.httpOptions);
	return {
		baseDir: options.baseDir ?? os.tmpdir(),
		env: {},
		homeDir: os.tmpdir(),
		config: { secureHttp: options.secureHttp ?? false, githubDomains: ['github.com'], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: [] },
		http,
		processes: { run: async () => ({ ok: false, code: 'refused', message: 'no processes in composer repository tests' }) },
		credentials: options.credentials ?? { headersFor: () => ({}) },
		offline: options.offline ?? false,
		signal: options.signal,
		apiBaseUrls: {
			github: 'http://127.0.0.1:9/github', gitlab: 'http://127.0.0.1:9/gitlab', bitbucket: 'http://127.0.0.1:9/bitbucket',
			packagist: 'http://127.0.0.1:9/packagist', packagistRepo: options.packagistRepo ?? 'http://127.0.0.1:9/repo-packagist',
		},
	};
}

export function composerRepo(url: unknown, extra: Record<string, unknown> = {}): RepositoryDefinition {
	return { key: 0, config: { type: 'composer', url, ...extra }, label: `composer ${String(url)}` };
}

export function sha256(text: string): string {
	return crypto.createHash('sha256').update(text).digest('hex');
}

export function sha1(text: string): string {
	return crypto.createHash('sha1').update(text).digest('hex');
}

/** `name version, ...` of a load, sorted, for compact assertions. */
export function versionsOf(packages: Array<{ name: string; version: string }>): string[] {
	return packages.map((p) => `${p.name} ${p.version}`).sort();
}
