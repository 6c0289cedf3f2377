// Composer's SvnDriver: `svn ls --verbose` of the trunk, branches and tags folders (layout rules in
// svnLayout.ts), then `svn cat <base>/<ref><package-path>/composer.json@<rev>` for every ref, read in
// parallel. Every call is non-interactive, passes the URL after `--`, and stores no credentials unless the
// repository says `svn-cache-credentials`; a password written in the URL is passed on stdin, never in argv.
// Nothing is checked out: svn reads straight from the server. What a remote server answered is kept in a
// small cache (svnCache.ts), which answers alone offline or when the server cannot be reached (with a
// warning) and spares `svn cat` for refs that did not move. file:// repositories are local: read in place.
import * as l10n from '@vscode/l10n';
import { phpRtrim } from '../../semver/phpCompat';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, VcsProgramDriver, type VcsDriver, type VcsDriverFactory, type VcsSource } from './driver';
import { isLocalPath } from './gitDriver';
import { layoutKey, readSvnListing, svnCacheFile, writeSvnListing, type SvnListing } from './svnCache';
import { buildSvnIdentifier, normalizeSvnUrl, parseSvnList, readSvnLayout, slashPath, svnBaseUrl, svnFileUrl, svnUrlCredentials, type SvnLayout } from './svnLayout';
import { checkSecureTransport, redactUrl } from './urlSafety';
import { cleanStderr } from './gitProcess';
import { isFile, offlineModeReason, offlineNoCache, READ_CONCURRENCY, readAll, runVcs, settledValue, staleCacheWarning, type Settled } from './vcsTools';

/** SvnDriver::supports shallow regex. */
const SVN_URL = /(^svn:\/\/|^svn\+ssh:\/\/|svn\.)/i;

/** svn errors that are the server's answer about a path (so a cached listing must not replace them). */
const PATH_ANSWER = /\b(?:E160013|W160013|E200009|E160005)\b/;

function notFound(url: string): string {
	return l10n.t('Failed to load {0}, svn was not found, check that it is installed and in your PATH env.', redactUrl(url));
}

/** A repository on this machine (file:// or a working-copy path): read in place, never cached. */
function isLocalSvn(url: string): boolean {
	return /^file:\/\//i.test(url) || isLocalPath(url);
}

/**
 * Arguments and stdin that carry the user name and password for a URL: those written in the URL, else auth.json's
 * `http-basic` entry for its host (as Composer's Util/Svn does); none when neither has a password.
 */
function credentialArgs(url: string, ctx: ResolveContext): { url: string; args: string[]; input?: string } {
	const c = svnUrlCredentials(url);
	if (c.password === undefined) {
		const configured = ctx.credentials.basicAuthFor?.(url);
		return configured
			? { url: c.url, args: ['--username', configured.username, '--password-from-stdin'], input: configured.password + '\n' }
			: { url, args: [] };
	}
	return { url: c.url, args: ['--username', c.username ?? '', '--password-from-stdin'], input: c.password + '\n' };
}

/** A listing failure; `answered` when the server answered about the path (not an outage). */
class SvnListError extends VcsDriverError {
	constructor(message: string, readonly answered: boolean) {
		super('svn-failed', message);
	}
}

export class SvnDriver extends VcsProgramDriver implements VcsDriver {
	readonly label: string;
	protected readonly vcsType = 'svn';
	readonly warnings: string[] = [];
	protected url: string;
	private baseUrl: string;
	private readonly layout: SvnLayout;
	private readonly authArgs: string[];
	private branches = new Map<string, string>();
	private tags = new Map<string, string>();
	private rootIdentifier: string | null = null;
	private info = new Map<string, Settled<Record<string, unknown> | null>>();
	/** Answers come from the cache alone (offline, or the server could not be reached). */
	private cachedOnly: SvnListing | null = null;

	constructor(url: string, config: Record<string, unknown>, private readonly ctx: ResolveContext) {
		super();
		this.layout = readSvnLayout(config);
		const urls = svnBaseUrl(url, this.layout.trunkPath);
		this.url = urls.url;
		this.baseUrl = urls.baseUrl;
		this.label = `svn ${redactUrl(this.url)}`;
		// svn remembers credentials it was given in ~/.subversion/auth; only allow that when asked to.
		this.authArgs = config['svn-cache-credentials'] !== undefined && this.layout.cacheCredentials ? [] : ['--no-auth-cache'];
	}

	/** Runs `svn <sub> --non-interactive -- <url>`; a relative (working-copy) path resolves against composer.json's folder. */
	private async svn(sub: string[], url: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
		const insecure = checkSecureTransport(url, this.ctx.config);
		if (insecure) {
			throw new VcsDriverError('insecure-url', insecure.message);
		}
		const auth = credentialArgs(url, this.ctx);
		return runVcs(this.ctx, 'svn', [...sub, '--non-interactive', ...this.authArgs, ...auth.args, '--', auth.url], { cwd: this.ctx.baseDir, input: auth.input, notFound: notFound(this.url) });
	}

	/** `svn ls --verbose`; a failure stops the whole repository, as in Composer. */
	private async list(url: string): Promise<ReturnType<typeof parseSvnList>> {
		const out = await this.svn(['ls', '--verbose'], url);
		if (out.exitCode !== 0) {
			throw new SvnListError(l10n.t('Repository {0} could not be processed, {1}', redactUrl(this.url), cleanStderr(out.stderr || out.stdout)), PATH_ANSWER.test(out.stderr));
		}
		return parseSvnList(out.stdout);
	}

	async initialize(): Promise<void> {
		if (isLocalSvn(this.url)) {
			await this.readListing();
			this.info = await readAll(this.identifiers(), READ_CONCURRENCY, (id) => this.readComposerJson(id));
			return;
		}
		const cacheFile = svnCacheFile(this.ctx, this.url);
		const key = layoutKey(this.layout);
		const saved = readSvnListing(cacheFile, key);
		if (this.ctx.offline) {
			if (saved === undefined) {
				throw offlineNoCache(this.url);
			}
			this.useCache(saved, offlineModeReason());
			return;
		}
		try {
			await this.readListing();
		} catch (e) {
			const outage = (e instanceof SvnListError && !e.answered) || (e instanceof VcsDriverError && e.code === 'svn-timeout');
			if (saved === undefined || !outage) {
				throw e;
			}
			this.useCache(saved, (e as Error).message);
			return;
		}
		// A `path@rev` identifier always names the same content, so what the cache knows is not read again.
		const known = saved?.composer ?? {};
		const missing = this.identifiers().filter((id) => !Object.hasOwn(known, id));
		this.info = await readAll(missing, READ_CONCURRENCY, (id) => this.readComposerJson(id));
		const composer: SvnListing['composer'] = {};
		for (const id of this.identifiers()) {
			const entry = this.info.get(id);
			if (entry === undefined && Object.hasOwn(known, id)) {
				this.info.set(id, { ok: true, value: known[id] });
				composer[id] = known[id];
			} else if (entry?.ok) {
				composer[id] = entry.value;
			}
		}
		await writeSvnListing(cacheFile, key, {
			trunk: this.rootIdentifier,
			branches: [...this.branches],
			tags: [...this.tags],
			composer,
		});
	}

	private identifiers(): string[] {
		return [...new Set([...this.branches.values(), ...this.tags.values()])];
	}

	/** Answers from the cached listing and composer.json data alone, saying why. */
	private useCache(saved: SvnListing, reason: string): void {
		this.cachedOnly = saved;
		this.rootIdentifier = saved.trunk;
		this.branches = new Map(saved.branches);
		this.tags = new Map(saved.tags);
		for (const id of this.identifiers()) {
			this.info.set(id, { ok: true, value: Object.hasOwn(saved.composer, id) ? saved.composer[id] : null });
		}
		this.warnings.push(staleCacheWarning(this.url, reason));
	}

	private async readListing(): Promise<void> {
		const { trunkPath, branchesPath, tagsPath, packagePath } = this.layout;
		const trunkParent = trunkPath === false ? this.baseUrl + '/' : this.baseUrl + '/' + trunkPath;
		const self = (await this.list(trunkParent)).find((e) => e.name === './');
		if (self) {
			const id = buildSvnIdentifier(slashPath(trunkPath), self.revision, packagePath);
			// The key is literally "trunk" whatever trunk-path says; the root identifier is a path@rev, so
			// the default-branch flag never applies to svn (VcsRepository::initialize compares it with the branch name).
			this.branches.set('trunk', id);
			this.rootIdentifier = id;
		}
		if (branchesPath !== false) {
			for (const e of await this.list(this.baseUrl + '/' + branchesPath)) {
				if (e.name !== './') {
					this.branches.set(phpRtrim(e.name, '/'), buildSvnIdentifier(`/${branchesPath}/${e.name}`, e.revision, packagePath));
				}
			}
		}
		if (tagsPath !== false) {
			for (const e of await this.list(this.baseUrl + '/' + tagsPath)) {
				if (e.name !== './') {
					this.tags.set(phpRtrim(e.name, '/'), buildSvnIdentifier(`/${tagsPath}/${e.name}`, e.revision, packagePath));
				}
			}
		}
	}

	private async readComposerJson(identifier: string): Promise<Record<string, unknown> | null> {
		if (this.cachedOnly !== null) {
			// No server to ask: what the cache does not know is "no composer file".
			return Object.hasOwn(this.cachedOnly.composer, identifier) ? this.cachedOnly.composer[identifier] : null;
		}
		const out = await this.svn(['cat'], svnFileUrl(this.baseUrl, identifier, 'composer.json'));
		if (out.exitCode !== 0) {
			// A ref without composer.json (or a listed file that is not a folder) is "no composer file".
			if (/path not found|W160013/i.test(out.stderr)) {
				return null;
			}
			throw new VcsDriverError('svn-failed', l10n.t('Repository {0} could not be processed, {1}', redactUrl(this.url), cleanStderr(out.stderr)), {});
		}
		return parseComposerJson(out.stdout, identifier);
	}

	async getRootIdentifier(): Promise<string> {
		return this.rootIdentifier ?? (this.layout.trunkPath === false ? '' : this.layout.trunkPath);
	}

	async getBranches(): Promise<Map<string, string>> {
		return this.branches;
	}

	async getTags(): Promise<Map<string, string>> {
		return this.tags;
	}

	async getComposerInformation(identifier: string): Promise<Record<string, unknown> | null> {
		const value = await settledValue(this.info, identifier, (id) => this.readComposerJson(id));
		return value === null ? null : { ...value };
	}

	/** Composer's SvnDriver::getSource records the repository root (baseUrl), not the trunk URL. */
	getSource(identifier: string): VcsSource {
		return { type: 'svn', url: this.baseUrl, reference: identifier };
	}
}

export const svnDriverFactory: VcsDriverFactory = {
	name: 'svn',
	async supports(url, ctx, deep) {
		const normalized = normalizeSvnUrl(url);
		if (SVN_URL.test(normalized)) {
			return true;
		}
		// Local URLs are checked even in the shallow pass (fast); remote ones only in the deep pass.
		const local = isLocalPath(normalized);
		if (!deep && !local) {
			return false;
		}
		if (!local && checkSecureTransport(normalized, ctx.config)) {
			return false;
		}
		// Offline, what the cache read from this server is the proof that it is Subversion; online it also stands
		// in when the server cannot be reached (the driver then serves it with a warning).
		const cached = !local && isFile(svnCacheFile(ctx, svnBaseUrl(normalized, 'trunk').url));
		if (ctx.offline && !local) {
			return cached;
		}
		const auth = credentialArgs(normalized, ctx);
		const r = await ctx.processes.run({ command: 'svn', args: ['info', '--non-interactive', ...(auth.args.length > 0 ? ['--no-auth-cache', ...auth.args] : []), '--', auth.url], cwd: ctx.baseDir, input: auth.input, signal: ctx.signal, timeoutMs: 60_000 });
		if (!r.ok) {
			return cached;
		}
		// A server asking for credentials is still a Subversion server (auth is handled later).
		return r.exitCode === 0 || /authorization failed:|Authentication failed/i.test(r.stderr) || cached;
	},
	create(url, repoConfig, ctx) {
		return new SvnDriver(url, repoConfig, ctx);
	},
};
