// `path` repositories (Composer's PathRepository): the url (after `~`/`$VAR` expansion) is globbed against the
// project directory, every matching directory with a composer.json is one package, and its version comes from
// composer.json, the `versions` option, COMPOSER_ROOT_VERSION for the root checkout, the VCS checkout, or
// `dev-main`. Only `<match>/composer.json` is read; no package code is executed.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPackage } from '../package/loader';
import type { LoadResult, PackageVersion, RepositoryDefinition, RepositoryResolver, ResolveContext } from '../types';
import { expandPath, isAbsolutePath } from './expandPath';
import { globDirectories } from './glob';
import { guessVersion } from './versionGuesser';

function fail(code: string, message: string): LoadResult {
	return { ok: false, error: { code, message } };
}

async function gitHead(ctx: ResolveContext, cwd: string): Promise<string | null> {
	const r = await ctx.processes.run({ command: 'git', args: ['-c', 'core.fsmonitor=false', 'rev-parse', 'HEAD'], cwd, signal: ctx.signal, timeoutMs: 30_000 });
	return r.ok && r.exitCode === 0 ? r.stdout.toString('utf8') : null;
}

/** Whether the parent directory before the first wildcard exists (Composer then treats the repo as empty). */
function wildcardParentExists(url: string, baseDir: string): boolean {
	if (!/[*{}]/.test(url)) {
		return false;
	}
	let dir = url;
	while (/[*{}]/.test(dir)) {
		dir = path.dirname(dir);
	}
	try {
		return fs.statSync(isAbsolutePath(dir) ? dir : path.join(baseDir, dir)).isDirectory();
	} catch {
		return false;
	}
}

export async function scanPath(config: Record<string, unknown>, ctx: ResolveContext): Promise<LoadResult> {
	if (typeof config.url !== 'string') {
		return fail('path.missing-url', l10n.t('You must specify the `url` configuration for the path repository'));
	}
	const url = expandPath(config.url, ctx.env, ctx.homeDir);
	const options = config.options && typeof config.options === 'object' && !Array.isArray(config.options) ? config.options as Record<string, unknown> : {};
	const versions = options.versions && typeof options.versions === 'object' ? options.versions as Record<string, unknown> : {};
	const matches = url === '' ? [] : globDirectories(url, ctx.baseDir);
	if (matches.length === 0) {
		if (wildcardParentExists(url, ctx.baseDir)) {
			return { ok: true, namesFound: [], packages: [], warnings: [] };
		}
		return fail('path.missing', l10n.t('The `url` supplied for the path ({0}) repository does not exist', url));
	}
	const packages: PackageVersion[] = [];
	const warnings: string[] = [];
	for (const match of matches) {
		if (ctx.signal?.aborted) {
			return fail('cancelled', l10n.t('Cancelled.'));
		}
		const abs = isAbsolutePath(match) ? match : path.join(ctx.baseDir, match);
		let dir: string;
		try {
			dir = fs.realpathSync(abs);
		} catch {
			continue;
		}
		const composerFile = path.join(dir, 'composer.json');
		let text: string;
		try {
			if (!fs.statSync(composerFile).isFile()) {
				continue;
			}
			text = fs.readFileSync(composerFile, 'utf8');
		} catch {
			continue;
		}
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch (e) {
			return fail('path.invalid-json', l10n.t('"{0}" does not contain valid JSON: {1}', composerFile, e instanceof Error ? e.message : String(e)));
		}
		if (!json || typeof json !== 'object' || Array.isArray(json)) {
			return fail('path.invalid-json', l10n.t('"{0}" does not contain a JSON object.', composerFile));
		}
		const pkg: Record<string, unknown> = { ...(json as Record<string, unknown>), dist: { type: 'path', url: match } };
		if (typeof pkg.name === 'string' && versions[pkg.name] !== undefined && versions[pkg.name] !== null) {
			pkg.version = versions[pkg.name];
		}
		const rootVersion = ctx.env.COMPOSER_ROOT_VERSION;
		if ((pkg.version === undefined || pkg.version === null) && rootVersion) {
			const [a, b] = await Promise.all([gitHead(ctx, dir), gitHead(ctx, ctx.baseDir)]);
			if (a !== null && a === b) {
				pkg.version = rootVersion;
			}
		}
		if (pkg.version === undefined || pkg.version === null) {
			const guessed = await guessVersion(ctx.processes, dir, pkg, ctx.signal);
			if (guessed?.featurePrettyVersion) {
				const feature = loadPackage({ ...pkg, version: guessed.featurePrettyVersion });
				if (!feature.ok) {
					return fail('path.invalid-package', l10n.t('Failed loading the package in {0}: {1}', composerFile, feature.message));
				}
				packages.push(feature.pkg);
			}
			pkg.version = guessed?.prettyVersion ?? 'dev-main';
		}
		const loaded = loadPackage(pkg);
		if (!loaded.ok) {
			return fail('path.invalid-package', l10n.t('Failed loading the package in {0}: {1}', composerFile, loaded.message));
		}
		packages.push(loaded.pkg);
	}
	return { ok: true, namesFound: [...new Set(packages.map((p) => p.name.toLowerCase()))], packages, warnings };
}

export const pathResolver: RepositoryResolver = {
	async loadPackages(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext): Promise<LoadResult> {
		const all = await scanPath(repo.config, ctx);
		if (!all.ok || names === undefined) {
			return all;
		}
		const wanted = new Set(names.map((n) => n.toLowerCase()));
		const packages = all.packages.filter((p) => wanted.has(p.name.toLowerCase()));
		return { ok: true, namesFound: [...new Set(packages.map((p) => p.name.toLowerCase()))], packages, warnings: all.warnings };
	},
};
