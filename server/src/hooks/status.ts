// Checking one package: find its repository (Packagist's package JSON, else the workspace's git remote), then
// read the three signals at once (hook on the host, freshness of Packagist's metadata, the page's marker) and
// decide. Failures inside a signal are "unknown" values, never exceptions; only a bad input throws.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { HookReport, HookSignal } from '../../../protocol/hooks';
import { redact } from '../net/credentials';
import { bitbucketHook } from './bitbucketHook';
import { checkPackageName, HookInputError, throwIfCancelled, type HookContext } from './context';
import { freshnessSignal } from './freshness';
import { githubHook } from './githubHook';
import { gitlabHook } from './gitlabHook';
import { hookSignal, type HookCheck, type TokenHints } from './hookResult';
import { markerSignal } from './marker';
import { fetchP2, fetchPackageInfo, packagePageUrl, type Lookup, type P2Version } from './packagist';
import { canonicalHttps, hookSettingsUrl, locateRepository, type RepoLocation } from './repository';
import { decide } from './verdict';

export interface PackageTarget {
	name: string;
	/** Known repository URL (from a listing); looked up on Packagist when undefined. */
	repository?: string | null;
	abandoned?: boolean | string;
	/** The repository of the workspace (git remote), used when Packagist has none. */
	localRepository?: string | null;
}

export interface CheckOptions {
	/** Abandoned packages are returned unchecked (`skipped`). */
	skipAbandoned?: boolean;
	hints?: TokenHints;
}

async function hookFor(ctx: HookContext, repo: RepoLocation | null, hints: TokenHints): Promise<HookCheck | null> {
	if (!repo) {
		return null;
	}
	switch (repo.kind) {
		case 'github':
			return githubHook(ctx, repo, hints);
		case 'gitlab':
			return gitlabHook(ctx, repo, hints);
		case 'bitbucket':
			return bitbucketHook(ctx, repo, hints);
		default:
			return {
				state: 'unverified',
				signal: hookSignal('unknown', l10n.t('The hooks of {0} cannot be read: only GitHub, GitLab and Bitbucket have a hook API this tool reads. The freshness check tells whether updates arrive.', repo.host || repo.display)),
			};
	}
}

function abandonedOf(tags: Lookup<P2Version[]>): boolean | string | undefined {
	return 'found' in tags && tags.found ? tags.value.find((v) => v.abandoned !== undefined)?.abandoned : undefined;
}

export async function checkPackage(ctx: HookContext, target: PackageTarget, options: CheckOptions = {}): Promise<HookReport> {
	const name = checkPackageName(target.name);
	throwIfCancelled(ctx.signal);
	const checkedAt = new Date(ctx.now()).toISOString();
	const base = { package: name, packagistUrl: packagePageUrl(ctx, name), checkedAt };
	let repository = target.repository;
	let abandoned = target.abandoned;
	const notes: string[] = [];
	if (repository === undefined) {
		const info = await fetchPackageInfo(ctx, name);
		if ('error' in info) {
			notes.push(l10n.t('Packagist\'s package data could not be read: {0}', info.error));
		} else if (info.found) {
			repository = info.value.repository;
			abandoned ??= info.value.abandoned;
		}
	}
	if (repository && target.localRepository && !sameRepository(repository, target.localRepository)) {
		notes.push(l10n.t('The workspace\'s git remote ({0}) is not the repository Packagist lists; Packagist\'s was checked.', redact(target.localRepository)));
	}
	if (!repository && target.localRepository) {
		repository = target.localRepository;
		notes.push(l10n.t('The repository is the workspace\'s git remote (Packagist gave none).'));
	}
	if (abandoned !== undefined && options.skipAbandoned) {
		return {
			...base, repository: repository ? redact(repository) : null, verdict: 'unknown', signals: [], abandoned, skipped: true, host: null, hookSettingsUrl: null, link: base.packagistUrl,
			advice: l10n.t('Abandoned on Packagist: not checked.'),
		};
	}
	const repo = repository ? locateRepository(repository, ctx) : null;
	const [tags, dev] = await Promise.all([fetchP2(ctx, name, false), fetchP2(ctx, name, true)]);
	abandoned ??= abandonedOf(tags);
	if (abandoned !== undefined && options.skipAbandoned) {
		return {
			...base, repository: repo?.display ?? null, verdict: 'unknown', signals: [], abandoned, skipped: true, host: repo?.kind ?? null,
			hookSettingsUrl: repo ? hookSettingsUrl(repo) : null, link: base.packagistUrl, advice: l10n.t('Abandoned on Packagist: not checked.'),
		};
	}
	const [hook, freshness, marker] = await Promise.all([
		hookFor(ctx, repo, options.hints ?? {}),
		freshnessSignal(ctx, { name, repo, tags, dev }),
		markerSignal(ctx, name),
	]);
	throwIfCancelled(ctx.signal);
	const hookSig: HookSignal = hook?.signal ?? hookSignal('unknown', l10n.t('No repository is known for {0}, so its hooks cannot be read.', name));
	if (notes.length > 0) {
		freshness.detail = `${freshness.detail} ${notes.join(' ')}`;
	}
	const signals = [hookSig, freshness, marker];
	const decision = decide(ctx, name, repo, hook, signals);
	return {
		...base,
		repository: repo?.display ?? null,
		verdict: decision.verdict,
		signals,
		advice: decision.advice,
		link: decision.link,
		hookSettingsUrl: hook?.settingsUrl ?? (repo ? hookSettingsUrl(repo) : null),
		host: repo?.kind ?? null,
		...(abandoned !== undefined ? { abandoned } : {}),
	};
}

/** The package name of a composer.json and its folder's git remote (origin first). */
export async function readComposerProject(ctx: HookContext, composerJson: string): Promise<PackageTarget> {
	let text: string;
	try {
		text = await fs.readFile(composerJson, 'utf8');
	} catch (error) {
		throw new HookInputError(l10n.t('cannot read {0}: {1}', composerJson, error instanceof Error ? error.message : String(error)));
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new HookInputError(l10n.t('{0} is not valid JSON.', composerJson));
	}
	const name = (data as { name?: unknown } | null)?.name;
	if (typeof name !== 'string' || name.trim() === '') {
		throw new HookInputError(l10n.t('{0} has no "name", so it is not a package that Packagist could list.', composerJson));
	}
	return { name, localRepository: await gitRemote(ctx, path.dirname(composerJson)) };
}

/** `git config --get-regexp` for the remotes' URLs of the folder's repository; `origin` first. Null when none. */
export async function gitRemote(ctx: HookContext, dir: string): Promise<string | null> {
	const result = await ctx.processes.run({
		command: 'git',
		args: ['config', '--get-regexp', '^remote\\..*\\.url$'],
		cwd: dir,
		signal: ctx.signal,
		timeoutMs: 10_000,
	});
	if (!result.ok || result.exitCode !== 0) {
		return null;
	}
	const remotes = result.stdout.toString('utf8').split('\n').map((line) => /^remote\.(.+)\.url (.+)$/.exec(line.trim())).filter((m): m is RegExpExecArray => m !== null);
	const origin = remotes.find((m) => m[1] === 'origin') ?? remotes[0];
	return origin ? origin[2] : null;
}

/** Same host and path, whatever the URL form (ssh, https, `.git`), case-insensitively. */
function sameRepository(a: string, b: string): boolean {
	const key = (url: string): string => {
		const c = canonicalHttps(url);
		return c ? `${c.host.replace(/^www\./, '')}/${c.path.replace(/\/+$/, '').replace(/\.git$/, '')}`.toLowerCase() : url;
	};
	return key(a) === key(b);
}

/** The hook signal alone (before a manual update): Packagist's repository for the package, then its host's hooks. */
export async function hookOfPackage(ctx: HookContext, packageName: string, hints: TokenHints = {}): Promise<HookCheck | null> {
	const name = checkPackageName(packageName);
	const info = await fetchPackageInfo(ctx, name);
	if (!('found' in info) || !info.found || !info.value.repository) {
		return null;
	}
	return hookFor(ctx, locateRepository(info.value.repository, ctx), hints);
}
