// Credentials as Composer reads them (IO/BaseIO::loadConfiguration, Util/AuthHelper, Util/Url::getOrigin):
// auth.json in COMPOSER_HOME, the COMPOSER_AUTH variable, the project's composer.json `config`, then the
// auth.json next to composer.json, later layers winning per domain. Headers are only ever produced for the
// URL's own origin, and every secret we load is registered with redact() so it cannot leak into a message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { redactCredentialShapes } from '../composer/redaction';
import type { Credentials } from './types';

/** The auth sections of auth.json / config, as Composer names them. */
export const AUTH_SECTIONS = ['bitbucket-oauth', 'github-oauth', 'gitlab-oauth', 'gitlab-token', 'http-basic', 'bearer'] as const;
export type AuthSection = typeof AUTH_SECTIONS[number];
export type AuthData = Partial<Record<AuthSection, Record<string, unknown>>>;

/** One origin's credentials in Composer's internal (username, password) form; the password doubles as a kind marker. */
interface OriginAuth {
	username: string;
	password: string;
}

const secrets = new Set<string>();

/** Fixed values Composer stores in the username/password slots to mark the kind of a credential. */
const KIND_MARKERS = new Set(['bearer', 'x-oauth-basic', 'oauth2', 'private-token', 'gitlab-ci-token', 'x-token-auth']);

/** Remember a secret so that redact() removes it from any string. Short values are ignored (too many false hits). */
export function registerSecret(value: string | undefined): void {
	if (typeof value === 'string' && value.length >= 4) {
		secrets.add(value);
	}
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes credentials from any text: URL userinfo, `access_token`/`private_token` query values,
 * Authorization / PRIVATE-TOKEN header values, well-known token shapes and every registered secret.
 */
export function redact(text: string): string {
	let out = redactCredentialShapes(text);
	// Longest first so that a secret containing another one is removed whole.
	for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
		out = out.replace(new RegExp(escapeRegExp(s), 'g'), '***');
	}
	return out;
}

/** Composer's home directory (Factory::getHomeDir) on non-Windows systems. */
export function composerHomeDir(env: Record<string, string | undefined>, userHome: string, isDir: (p: string) => boolean = dirExists): string {
	if (env.COMPOSER_HOME) {
		return env.COMPOSER_HOME;
	}
	const useXdg = Object.keys(env).some((k) => k.startsWith('XDG_')) || isDir('/etc/xdg');
	const xdgConfig = env.XDG_CONFIG_HOME || path.join(userHome, '.config');
	const candidates = [path.join(xdgConfig, 'composer'), path.join(userHome, '.composer')];
	for (const c of candidates) {
		if (isDir(c)) {
			return c;
		}
	}
	return useXdg ? candidates[0] : candidates[1];
}

function dirExists(p: string): boolean {
	try {
		return fs.statSync(p).isDirectory();
	} catch {
		return false;
	}
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges one layer over another, per section and per domain (Config::merge for the auth keys). */
export function mergeAuth(base: AuthData, layer: unknown): AuthData {
	const out: AuthData = { ...base };
	if (!isObject(layer)) {
		return out;
	}
	for (const section of AUTH_SECTIONS) {
		const v = layer[section];
		if (isObject(v)) {
			out[section] = { ...(out[section] ?? {}), ...v };
		}
	}
	return out;
}

export interface AuthSources {
	/** COMPOSER_HOME; its auth.json is read. */
	composerHome?: string;
	/** Folder of composer.json; its auth.json is read. */
	projectDir?: string;
	/** The project's composer.json `config` object (may hold http-basic etc.). */
	projectConfig?: Record<string, unknown>;
	env?: Record<string, string | undefined>;
}

/** Reads every auth layer. Unreadable or malformed files become warnings (never containing file contents). */
export function loadAuthData(sources: AuthSources): { auth: AuthData; warnings: string[] } {
	const warnings: string[] = [];
	let auth: AuthData = {};
	const readFile = (file: string): void => {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch {
			return; // absent auth.json is the normal case
		}
		try {
			auth = mergeAuth(auth, JSON.parse(text));
		} catch {
			warnings.push(l10n.t('{0} is not valid JSON; its credentials were ignored.', file));
		}
	};
	if (sources.composerHome) {
		readFile(path.join(sources.composerHome, 'auth.json'));
	}
	const envAuth = sources.env?.COMPOSER_AUTH;
	if (envAuth) {
		try {
			auth = mergeAuth(auth, JSON.parse(envAuth));
		} catch {
			warnings.push(l10n.t('COMPOSER_AUTH environment variable is malformed, should be a valid JSON object'));
		}
	}
	if (sources.projectConfig) {
		auth = mergeAuth(auth, sources.projectConfig);
	}
	if (sources.projectDir) {
		readFile(path.join(sources.projectDir, 'auth.json'));
	}
	return { auth, warnings };
}

export interface CredentialOptions {
	githubDomains?: string[];
	gitlabDomains?: string[];
	/**
	 * API base URLs used in place of the public ones (GitHub Enterprise, tests). A URL under `github` is
	 * treated as api.github.com, one under `bitbucket` as api.bitbucket.org, for the header rules.
	 */
	apiBaseUrls?: { github?: string; bitbucket?: string };
}

/** Credentials port backed by Composer's auth data. */
export class ComposerCredentials implements Credentials {
	private readonly byOrigin = new Map<string, OriginAuth>();
	private readonly gitlabDomains: Set<string>;
	/** Domains Composer adds to github-domains / gitlab-domains implicitly because auth exists for them. */
	readonly implicitGithubDomains: string[] = [];
	readonly implicitGitlabDomains: string[] = [];
	readonly warnings: string[] = [];

	constructor(auth: AuthData, private readonly options: CredentialOptions = {}) {
		const githubDomains = options.githubDomains ?? ['github.com'];
		const gitlabDomains = options.gitlabDomains ?? ['gitlab.com'];
		const set = (domain: string, username: unknown, password: unknown): void => {
			if (typeof username !== 'string' || typeof password !== 'string') {
				this.warnings.push(l10n.t('Ignored malformed credentials for {0}.', domain));
				return;
			}
			// The kind markers (`bearer`, `x-oauth-basic`…) are not secrets: registering them would mask those
			// words in every message.
			for (const value of [username, password]) {
				if (!KIND_MARKERS.has(value)) {
					registerSecret(value);
				}
			}
			this.byOrigin.set(domain.toLowerCase(), { username, password });
		};
		// Same order as BaseIO::loadConfiguration: a later section replaces an earlier one for the same domain.
		for (const [domain, cred] of Object.entries(auth['bitbucket-oauth'] ?? {})) {
			const c = isObject(cred) ? cred : {};
			set(domain, c['consumer-key'], c['consumer-secret']);
		}
		for (const [domain, token] of Object.entries(auth['github-oauth'] ?? {})) {
			if (typeof token === 'string' && !/^[.A-Za-z0-9_-]+$/.test(token)) {
				this.warnings.push(l10n.t('Your github oauth token for {0} contains invalid characters.', domain));
				continue;
			}
			if (domain !== 'github.com' && !githubDomains.includes(domain)) {
				this.implicitGithubDomains.push(domain);
			}
			set(domain, token, 'x-oauth-basic');
		}
		for (const [domain, token] of Object.entries(auth['gitlab-oauth'] ?? {})) {
			if (domain !== 'gitlab.com' && !gitlabDomains.includes(domain)) {
				this.implicitGitlabDomains.push(domain);
			}
			set(domain, isObject(token) ? token.token : token, 'oauth2');
		}
		for (const [domain, token] of Object.entries(auth['gitlab-token'] ?? {})) {
			if (domain !== 'gitlab.com' && !gitlabDomains.includes(domain)) {
				this.implicitGitlabDomains.push(domain);
			}
			if (isObject(token)) {
				set(domain, token.username, token.token);
			} else {
				set(domain, token, 'private-token');
			}
		}
		for (const [domain, cred] of Object.entries(auth['http-basic'] ?? {})) {
			const c = isObject(cred) ? cred : {};
			set(domain, c.username, c.password);
		}
		for (const [domain, token] of Object.entries(auth.bearer ?? {})) {
			set(domain, token, 'bearer');
		}
		this.gitlabDomains = new Set([...gitlabDomains, ...this.implicitGitlabDomains]);
	}

	/** Adds credentials found in a URL's userinfo (HttpDownloader does the same) for that URL's origin. */
	addFromUrl(url: string): void {
		let u: URL;
		try {
			u = new URL(url);
		} catch {
			return;
		}
		if (u.username && u.password) {
			const username = decodeURIComponent(u.username);
			const password = decodeURIComponent(u.password);
			registerSecret(username);
			registerSecret(password);
			this.byOrigin.set(this.originOf(u), { username, password });
		}
	}

	/** Url::getOrigin: host[:port], *.github.com → github.com, repo.packagist.org → packagist.org, GitLab sub-path installs. */
	private originOf(u: URL): string {
		let origin = u.hostname.toLowerCase() + (u.port ? ':' + u.port : '');
		if (origin.endsWith('.github.com')) {
			return 'github.com';
		}
		if (origin === 'repo.packagist.org') {
			return 'packagist.org';
		}
		if (!this.gitlabDomains.has(origin)) {
			for (const d of this.gitlabDomains) {
				if (d !== '' && d.startsWith(origin)) {
					origin = d;
					break;
				}
			}
		}
		return origin;
	}

	/** Rewrites a URL under a configured API base to the public API host, so the header rules apply to fakes too. */
	private canonicalApiUrl(url: string): string {
		const bases: Array<[string | undefined, string]> = [
			[this.options.apiBaseUrls?.github, 'https://api.github.com'],
			[this.options.apiBaseUrls?.bitbucket, 'https://api.bitbucket.org'],
		];
		for (const [base, canonical] of bases) {
			if (base) {
				const b = base.replace(/\/+$/, '');
				if (url === b || url.startsWith(b + '/')) {
					return canonical + url.slice(b.length);
				}
			}
		}
		return url;
	}

	headersFor(url: string): Record<string, string> {
		let u: URL;
		try {
			u = new URL(url);
		} catch {
			return {};
		}
		if (u.protocol !== 'http:' && u.protocol !== 'https:') {
			return {};
		}
		const canonicalUrl = this.canonicalApiUrl(url);
		const canonical = canonicalUrl === url ? u : new URL(canonicalUrl);
		// The configured API base itself is the origin that holds the credentials of a fake/enterprise host.
		let origin = canonicalUrl === url ? this.originOf(u) : this.originOf(canonical);
		let auth = this.byOrigin.get(origin);
		if (!auth && canonicalUrl !== url) {
			origin = this.originOf(u);
			auth = this.byOrigin.get(origin);
		}
		if (!auth && (origin === 'api.bitbucket.org' || origin === 'api.github.com')) {
			origin = origin.slice(4);
			auth = this.byOrigin.get(origin);
		}
		if (!auth) {
			return {};
		}
		if (auth.password === 'bearer') {
			return { Authorization: 'Bearer ' + auth.username };
		}
		if (origin === 'github.com' && auth.password === 'x-oauth-basic') {
			// Composer only sends the GitHub token to the API, never to github.com pages or codeload.
			return /^https?:\/\/api\.github\.com\//.test(canonicalUrl) ? { Authorization: 'token ' + auth.username } : {};
		}
		if (this.gitlabDomains.has(origin) && ['oauth2', 'private-token', 'gitlab-ci-token'].includes(auth.password)) {
			return auth.password === 'oauth2' ? { Authorization: 'Bearer ' + auth.username } : { 'PRIVATE-TOKEN': auth.username };
		}
		if (origin === 'bitbucket.org' && auth.username === 'x-token-auth') {
			return { Authorization: 'Bearer ' + auth.password };
		}
		return { Authorization: 'Basic ' + Buffer.from(auth.username + ':' + auth.password).toString('base64') };
	}

	/** Bitbucket OAuth consumer for a domain (the VCS driver exchanges it for an access token). */
	bitbucketConsumer(domain = 'bitbucket.org'): { key: string; secret: string } | undefined {
		const a = this.byOrigin.get(domain);
		return a && a.username !== 'x-token-auth' ? { key: a.username, secret: a.password } : undefined;
	}

	basicAuthFor(url: string): { username: string; password: string } | undefined {
		// Composer's Svn util looks credentials up by host name alone, whatever the scheme (svn://, https://).
		const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?(\[[^\]]*\]|[^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
		const auth = host === undefined ? undefined : this.byOrigin.get(host);
		if (!auth || KIND_MARKERS.has(auth.password) || KIND_MARKERS.has(auth.username)) {
			return undefined;
		}
		return { username: auth.username, password: auth.password };
	}

	hasCredentialsFor(url: string): boolean {
		return Object.keys(this.headersFor(url)).length > 0;
	}
}

/** Builds the credentials port for one composer.json. */
export function loadCredentials(sources: AuthSources, options: CredentialOptions = {}): ComposerCredentials {
	const { auth, warnings } = loadAuthData(sources);
	const creds = new ComposerCredentials(auth, options);
	creds.warnings.unshift(...warnings);
	return creds;
}
