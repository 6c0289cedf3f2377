// `path` repositories (Composer's PathRepository): the url (after `~`/`$VAR` expansion) is globbed against the
// project directory, every matching directory with a composer.json is one package, and its version comes from
// composer.json, the `versions` option, COMPOSER_ROOT_VERSION for the root checkout, the VCS checkout, or
// `dev-main`. Only `<match>/composer.json` is read; no package code is executed.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendPath, expandPath, isAbsolutePath, MAX_BRACE_ALTERNATIVES, MAX_DIRECTORY_READS, scanPathUrl } from '../../composerPaths';
import { createNodeLocalFacts } from '../../node/localFacts';
import { loadPackage } from '../package/loader';
import { decodeJson } from '../../composer/jsonDecode';
import type { LoadResult, PackageVersion, RepositoryDefinition, RepositoryResolver, ResolveContext } from '../types';
import { guessVersion } from './versionGuesser';

// The same url reading as the editor's diagnostics (server/src/composerPaths/), answered from the real disk.
const localFacts = createNodeLocalFacts();

/** The refusal of a url whose `{a,b}` groups expand to more patterns than are globbed. */
export function tooManyAlternatives(url: string, count: number): string {
	return count > MAX_BRACE_ALTERNATIVES
		? l10n.t('Too many alternatives: the braces of {0} expand to more than {1} paths, which are not globbed.', url, String(MAX_BRACE_ALTERNATIVES))
		: l10n.t('Too many alternatives: the braces of {0} expand to {1} paths.', url, String(count));
}

function fail(code: string, message: string): LoadResult {
	return { ok: false, error: { code, message } };
}

async function gitHead(ctx: ResolveContext, cwd: string): Promise<string | null> {
	const r = await ctx.processes.run({ command: 'git', args: ['-c', 'core.fsmonitor=false', 'rev-parse', 'HEAD'], cwd, signal: ctx.signal, timeoutMs: 30_000 });
	return r.ok && r.exitCode === 0 ? r.stdout.toString('utf8') : null;
}

export async function scanPath(config: Record<string, unknown>, ctx: ResolveContext): Promise<LoadResult> {
	if (typeof config.url !== 'string') {
		return fail('path.missing-url', l10n.t('You must specify the `url` configuration for the path repository'));
	}
	const windows = process.platform === 'win32';
	const url = expandPath(config.url, ctx.env, ctx.homeDir, windows);
	const options = config.options && typeof config.options === 'object' && !Array.isArray(config.options) ? config.options as Record<string, unknown> : {};
	const versions = options.versions && typeof options.versions === 'object' ? options.versions as Record<string, unknown> : {};
	const scan = await scanPathUrl(localFacts, url, { cwd: ctx.baseDir, windows });
	if (scan.kind === 'empty') {
		return { ok: true, namesFound: [], packages: [], warnings: [] };
	}
	if (scan.kind === 'missing') {
		return fail('path.missing', l10n.t('The `url` supplied for the path ({0}) repository does not exist', url));
	}
	if (scan.kind === 'too-many-alternatives') {
		return fail('path.too-many-alternatives', tooManyAlternatives(url, scan.count));
	}
	if (scan.kind === 'stopped') {
		return fail('path.too-many-directories', l10n.t('Matching {0} stopped after listing {1} folders; the repository was not read.', url, String(MAX_DIRECTORY_READS)));
	}
	const matches = scan.matches;
	const packages: PackageVersion[] = [];
	const warnings: string[] = [];
	for (const match of matches) {
		if (ctx.signal?.aborted) {
			return fail('cancelled', l10n.t('Cancelled.'));
		}
		// Not path.join: `link/..` must go through the symlink, as PHP's realpath does.
		const abs = isAbsolutePath(match) ? match : appendPath(ctx.baseDir, match);
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
			json = decodeJson(text);
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
