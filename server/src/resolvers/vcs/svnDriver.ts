// Composer's SvnDriver: `svn ls --verbose` of the trunk, branches and tags folders (layout rules in
// svnLayout.ts), then `svn cat <base>/<ref><package-path>/composer.json@<rev>` for every ref, read in
// parallel. Every call is non-interactive, passes the URL after `--`, and stores no credentials unless the
// repository says `svn-cache-credentials`. Nothing is checked out: svn reads straight from the server.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { parseComposerJson } from './composerJson';
import { VcsDriverError, type VcsDriver, type VcsDriverFactory, type VcsSource } from './driver';
import { isLocalPath } from './gitDriver';
import { buildSvnIdentifier, checkSvnTransport, normalizeSvnUrl, parseSvnList, readSvnLayout, slashPath, svnBaseUrl, svnFileUrl, type SvnLayout } from './svnLayout';
import { redactUrl } from './urlSafety';
import { cleanStderr } from './gitProcess';
import { READ_CONCURRENCY, readAll, runVcs, settledValue, type Settled } from './vcsTools';

/** SvnDriver::supports shallow regex. */
const SVN_URL = /(^svn:\/\/|^svn\+ssh:\/\/|svn\.)/i;

function notFound(url: string): string {
	return l10n.t('Failed to load {0}, svn was not found, check that it is installed and in your PATH env.', redactUrl(url));
}

export class SvnDriver implements VcsDriver {
	readonly label: string;
	private url: string;
	private baseUrl: string;
	private readonly layout: SvnLayout;
	private readonly authArgs: string[];
	private branches = new Map<string, string>();
	private tags = new Map<string, string>();
	private rootIdentifier: string | null = null;
	private info = new Map<string, Settled<Record<string, unknown> | null>>();

	constructor(url: string, config: Record<string, unknown>, private readonly ctx: ResolveContext) {
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
		const insecure = checkSvnTransport(url, this.ctx.config);
		if (insecure) {
			throw new VcsDriverError('insecure-url', insecure.message);
		}
		return runVcs(this.ctx, 'svn', [...sub, '--non-interactive', ...this.authArgs, '--', url], { cwd: this.ctx.baseDir, notFound: notFound(this.url) });
	}

	/** `svn ls --verbose`; a failure stops the whole repository, as in Composer. */
	private async list(url: string): Promise<ReturnType<typeof parseSvnList>> {
		const out = await this.svn(['ls', '--verbose'], url);
		if (out.exitCode !== 0) {
			throw new VcsDriverError('svn-failed', l10n.t('Repository {0} could not be processed, {1}', redactUrl(this.url), cleanStderr(out.stderr || out.stdout)));
		}
		return parseSvnList(out.stdout);
	}

	async initialize(): Promise<void> {
		const { trunkPath, branchesPath, tagsPath, packagePath } = this.layout;
		const trunkParent = trunkPath === false ? this.baseUrl + '/' : this.baseUrl + '/' + trunkPath;
		const self = (await this.list(trunkParent)).find((e) => e.name === './');
		if (self) {
			const id = buildSvnIdentifier(slashPath(trunkPath), self.revision, packagePath);
			// The key is literally "trunk" whatever trunk-path says; the root identifier is a path@rev, so
			// the default-branch flag never applies to svn (composer-semantics.md §4.2).
			this.branches.set('trunk', id);
			this.rootIdentifier = id;
		}
		if (branchesPath !== false) {
			for (const e of await this.list(this.baseUrl + '/' + branchesPath)) {
				if (e.name !== './') {
					this.branches.set(e.name.replace(/\/+$/, ''), buildSvnIdentifier(`/${branchesPath}/${e.name}`, e.revision, packagePath));
				}
			}
		}
		if (tagsPath !== false) {
			for (const e of await this.list(this.baseUrl + '/' + tagsPath)) {
				if (e.name !== './') {
					this.tags.set(e.name.replace(/\/+$/, ''), buildSvnIdentifier(`/${tagsPath}/${e.name}`, e.revision, packagePath));
				}
			}
		}
		const ids = [...this.branches.values(), ...this.tags.values()];
		this.info = await readAll(ids, READ_CONCURRENCY, (id) => this.readComposerJson(id));
	}

	private async readComposerJson(identifier: string): Promise<Record<string, unknown> | null> {
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

	getSource(identifier: string): VcsSource {
		return { type: 'svn', url: this.baseUrl, reference: identifier };
	}

	getDist(): null {
		return null;
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
		if (!local && checkSvnTransport(normalized, ctx.config)) {
			return false;
		}
		const r = await ctx.processes.run({ command: 'svn', args: ['info', '--non-interactive', '--', normalized], cwd: ctx.baseDir, signal: ctx.signal, timeoutMs: 60_000 });
		if (!r.ok) {
			return false;
		}
		// A server asking for credentials is still a Subversion server (auth is handled later).
		return r.exitCode === 0 || /authorization failed:|Authentication failed/i.test(r.stderr);
	},
	create(url, repoConfig, ctx) {
		return new SvnDriver(url, repoConfig, ctx);
	},
};
