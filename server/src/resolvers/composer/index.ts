// The `composer` repository resolver (packagist.org included): URL handling, protocol loading through
// ComposerRepoSession, and conversion of version objects into PackageVersion values. Never throws.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { redact } from '../../net/credentials';
import { loadPackage } from '../package/loader';
import type { LazyRepository, LoadResult, OpenedRepository, PackageVersion, RepositoryDefinition, RepositoryResolver, ResolveContext } from '../types';
import { ComposerRepoSession, RepoError } from './repository';
import { normalizeRepoUrl } from './url';

/** More names than this from an enumeration (a `list` endpoint) are listed without loading their versions. */
export const MAX_ENUMERATED_WITH_VERSIONS = 1000;

function localPath(baseDir: string): (raw: string) => string | undefined {
	return (raw) => {
		const p = path.resolve(baseDir, raw);
		try {
			return fs.realpathSync(p);
		} catch {
			return undefined;
		}
	};
}

/** Builds the session for a definition, or an error value for a URL Composer would reject. */
export function openComposerRepository(repo: RepositoryDefinition, ctx: ResolveContext): ComposerRepoSession | { error: string } {
	const u = normalizeRepoUrl(repo.config.url, { localPath: localPath(ctx.baseDir), packagistRepo: ctx.apiBaseUrls.packagistRepo });
	if (!u.ok) {
		return { error: u.message };
	}
	return new ComposerRepoSession(u.url, u.packagesJsonUrl, u.baseUrl, ctx);
}

export class ComposerResolver implements RepositoryResolver {
	async loadPackages(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext): Promise<LoadResult> {
		const session = openComposerRepository(repo, ctx);
		if ('error' in session) {
			return { ok: false, error: { code: 'composer.invalid-url', message: session.error } };
		}
		return this.loadFrom(repo, session, names);
	}

	/**
	 * The language server keeps a lazy repository's session (its root file) and asks it name by name; an
	 * enumerable one is loaded whole through the same session, so its root file is fetched once.
	 */
	async open(repo: RepositoryDefinition, ctx: ResolveContext): Promise<OpenedRepository> {
		const session = openComposerRepository(repo, ctx);
		if ('error' in session) {
			return { kind: 'loaded', result: { ok: false, error: { code: 'composer.invalid-url', message: session.error } } };
		}
		let lazy: boolean;
		try {
			lazy = await session.isLazy();
		} catch (e) {
			return { kind: 'loaded', result: failure(repo, session, e) };
		}
		if (!lazy) {
			return { kind: 'loaded', result: await this.loadFrom(repo, session, undefined) };
		}
		const view = (signal: AbortSignal | undefined) => (signal ? session.withContext({ ...ctx, signal }) : session);
		const repository: LazyRepository = {
			listNames: async (signal) => {
				const s = view(signal);
				try {
					return { ok: true, names: await s.enumerate() };
				} catch (e) {
					const r = failure(repo, s, e);
					return { ok: false, error: r.ok ? { code: 'composer.internal', message: '' } : r.error };
				}
			},
			loadNames: (names, signal) => this.loadFrom(repo, view(signal), names),
		};
		return { kind: 'lazy', repository };
	}

	private async loadFrom(repo: RepositoryDefinition, session: ComposerRepoSession, names: string[] | undefined): Promise<LoadResult> {
		const own: string[] = [];
		try {
			let wanted: string[];
			let listedOnly: string[] = [];
			if (names === undefined) {
				const all = await session.enumerate();
				const lower = [...new Set(all.map((n) => n.toLowerCase()))];
				wanted = lower.slice(0, MAX_ENUMERATED_WITH_VERSIONS);
				listedOnly = lower.slice(MAX_ENUMERATED_WITH_VERSIONS);
				if (listedOnly.length > 0) {
					own.push(l10n.t('{0} lists {1} packages; versions were loaded for the first {2} only.', repo.label, String(lower.length), String(MAX_ENUMERATED_WITH_VERSIONS)));
				}
			} else {
				wanted = [...new Set(names.map((n) => n.toLowerCase()))];
			}
			const { found, versions } = await session.load(wanted);
			const packages: PackageVersion[] = [];
			const failed = new Set<string>();
			for (const v of versions) {
				const loaded = loadPackage(v);
				if (loaded.ok) {
					packages.push(loaded.pkg);
				} else if (!failed.has(String(v.name))) {
					failed.add(String(v.name));
					own.push(l10n.t('Could not load a version of {0} in {1}: {2}', String(v.name ?? '?'), repo.label, loaded.message));
				}
			}
			const warnings = [...session.warnings, ...own].map(redact);
			return { ok: true, namesFound: [...found, ...listedOnly], packages, warnings, ...(session.stale ? { stale: true } : {}) };
		} catch (e) {
			return failure(repo, session, e);
		}
	}
}

function failure(repo: RepositoryDefinition, session: ComposerRepoSession, e: unknown): LoadResult {
	if (e instanceof RepoError) {
		return { ok: false, error: { code: e.code, message: redact(e.message) }, warnings: session.warnings.map(redact) };
	}
	return { ok: false, error: { code: 'composer.internal', message: redact(l10n.t('Unexpected error while loading {0}: {1}', repo.label, String(e))) } };
}

export const composerResolver = new ComposerResolver();
