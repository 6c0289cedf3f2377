// Builds a ResolveContext for Node (CLI, language server, tests): config facts merged as Composer's Config does
// (defaults, then COMPOSER_HOME/config.json, then the project's `config`), credentials from auth.json, the
// HTTP client with its on-disk cache, the process runner, and the API base URLs with environment overrides
// (COMPOSER_REPOS_PACKAGIST_URL and friends) so tests and mirrors can point them elsewhere.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composerHomeDir, loadCredentials, type ComposerCredentials } from '../net/credentials';
import { createHttpClient } from '../net/http';
import { HttpCache } from '../net/httpCache';
import { NodeProcessRunner } from '../net/processRunner';
import type { HttpClient, ProcessRunner } from '../net/types';
import { phpRtrim } from '../semver/phpCompat';
import type { Credentials } from '../net/types';
import type { ComposerConfigFacts, ResolveContext } from './types';

export const DEFAULT_API_BASE_URLS = {
	github: 'https://api.github.com',
	gitlab: 'https://gitlab.com',
	bitbucket: 'https://api.bitbucket.org',
	packagist: 'https://packagist.org',
	packagistRepo: 'https://repo.packagist.org',
};

/** Environment variables that move an API base URL (tests, mirrors, enterprise hosts). */
export function apiBaseUrlsFromEnv(env: Record<string, string | undefined>): ResolveContext['apiBaseUrls'] {
	const pick = (name: string, def: string) => (env[name] ? phpRtrim(env[name]!, '/') : def);
	const packagistRepo = pick('COMPOSER_REPOS_PACKAGIST_URL', DEFAULT_API_BASE_URLS.packagistRepo);
	return {
		github: pick('COMPOSER_REPOS_GITHUB_API_URL', DEFAULT_API_BASE_URLS.github),
		gitlab: pick('COMPOSER_REPOS_GITLAB_URL', DEFAULT_API_BASE_URLS.gitlab),
		bitbucket: pick('COMPOSER_REPOS_BITBUCKET_API_URL', DEFAULT_API_BASE_URLS.bitbucket),
		packagist: pick('COMPOSER_REPOS_PACKAGIST_API_URL', env.COMPOSER_REPOS_PACKAGIST_URL ? packagistRepo : DEFAULT_API_BASE_URLS.packagist),
		packagistRepo,
	};
}

/**
 * Composer's COMPOSER_DISABLE_NETWORK: any value PHP finds truthy turns the network off (`prime`, which only
 * lets Composer prime its caches, is not offline for a resolver that only reads).
 */
export function networkDisabled(env: Record<string, string | undefined>): boolean {
	const v = env.COMPOSER_DISABLE_NETWORK;
	return v !== undefined && v !== '' && v !== '0' && v !== 'prime';
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] | undefined {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : isObject(v) ? Object.values(v).filter((x): x is string => typeof x === 'string') : undefined;
}

/** Config::merge for the facts resolvers need; `layers` in merge order (global first, project last). */
export function mergeConfigFacts(layers: Array<Record<string, unknown>>): ComposerConfigFacts {
	const facts: ComposerConfigFacts = {
		secureHttp: true,
		githubDomains: ['github.com'],
		gitlabDomains: ['gitlab.com'],
		useGithubApi: true,
		secureSvnDomains: [],
	};
	for (const layer of layers) {
		if (typeof layer['secure-http'] === 'boolean') {
			facts.secureHttp = layer['secure-http'];
		}
		if (typeof layer['use-github-api'] === 'boolean') {
			facts.useGithubApi = layer['use-github-api'];
		}
		// github-domains / gitlab-domains are merged (array_unique(array_merge)), other lists replaced.
		const gh = strings(layer['github-domains']);
		if (gh) {
			facts.githubDomains = [...new Set([...facts.githubDomains, ...gh])];
		}
		const gl = strings(layer['gitlab-domains']);
		if (gl) {
			facts.gitlabDomains = [...new Set([...facts.gitlabDomains, ...gl])];
		}
		const svn = strings(layer['secure-svn-domains']);
		if (svn) {
			facts.secureSvnDomains = svn;
		}
	}
	return facts;
}

export interface NodeContextOptions {
	/** Absolute path of the composer.json. */
	composerJson: string;
	/** Its `config` layers in merge order (from buildRepositoryList). */
	configLayers?: Array<Record<string, unknown>>;
	env?: Record<string, string | undefined>;
	homeDir?: string;
	offline?: boolean;
	signal?: AbortSignal;
	/** On-disk HTTP cache folder; default `<COMPOSER_HOME-independent user cache>/composer-repos/http`. */
	cacheDir?: string | false;
	/** Folder for VCS mirrors (ResolveContext.cacheDir); default `<user cache>/composer-repos`. */
	vcsCacheDir?: string;
	http?: HttpClient;
	processes?: ProcessRunner;
	credentials?: Credentials;
	log?: (line: string) => void;
}

/** Root of our caches: `http/` for the HTTP layer, `vcs/` for VCS mirrors. */
export function defaultCacheRoot(env: Record<string, string | undefined>, home: string): string {
	const base = env.XDG_CACHE_HOME || path.join(home, '.cache');
	return path.join(base, 'composer-repos');
}

/** Reads COMPOSER_HOME/config.json's text if there is one. */
export function readGlobalConfig(env: Record<string, string | undefined>, homeDir: string): { file: string; text: string } | undefined {
	const file = path.join(composerHomeDir(env, homeDir), 'config.json');
	try {
		return { file, text: fs.readFileSync(file, 'utf8') };
	} catch {
		return undefined;
	}
}

export function createNodeResolveContext(options: NodeContextOptions): ResolveContext {
	const env = options.env ?? process.env;
	const homeDir = options.homeDir ?? env.HOME ?? os.homedir();
	const baseDir = path.dirname(path.resolve(options.composerJson));
	const layers = options.configLayers ?? [];
	const config = mergeConfigFacts(layers);
	const apiBaseUrls = apiBaseUrlsFromEnv(env);
	const projectConfig = layers.length > 0 ? layers[layers.length - 1] : undefined;
	const credentials = options.credentials ?? loadCredentials(
		{ composerHome: composerHomeDir(env, homeDir), projectDir: baseDir, projectConfig, env },
		{
			githubDomains: config.githubDomains,
			gitlabDomains: config.gitlabDomains,
			apiBaseUrls: { github: apiBaseUrls.github, bitbucket: apiBaseUrls.bitbucket },
		},
	);
	// Composer's Config adds every domain with github-oauth / gitlab-token / gitlab-oauth credentials to
	// github-domains / gitlab-domains, so `vcs` repositories on those hosts use the API drivers.
	const implicit = credentials as Partial<Pick<ComposerCredentials, 'implicitGithubDomains' | 'implicitGitlabDomains'>>;
	config.githubDomains = [...new Set([...config.githubDomains, ...(implicit.implicitGithubDomains ?? [])])];
	config.gitlabDomains = [...new Set([...config.gitlabDomains, ...(implicit.implicitGitlabDomains ?? [])])];
	const offline = options.offline ?? networkDisabled(env);
	const cacheRoot = defaultCacheRoot(env, homeDir);
	const cacheDir = options.cacheDir === undefined ? path.join(cacheRoot, 'http') : options.cacheDir;
	const http = options.http ?? createHttpClient({
		secureHttp: config.secureHttp,
		offline,
		credentials,
		log: options.log,
		...(cacheDir ? { cache: new HttpCache(cacheDir) } : {}),
	});
	return {
		baseDir,
		env,
		homeDir,
		config,
		http,
		processes: options.processes ?? new NodeProcessRunner({ env: env as NodeJS.ProcessEnv }),
		credentials,
		offline,
		signal: options.signal,
		apiBaseUrls,
		log: options.log,
		cacheDir: options.vcsCacheDir ?? cacheRoot,
	};
}
