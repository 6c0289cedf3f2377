// `artifact` repositories (Composer's ArtifactRepository): every *.zip / *.tar / *.gz / *.tgz below the url,
// recursively and following symlinks, each holding one package whose composer.json must carry a version.
// Archives are read in memory (yauzl for zips), never extracted. As in Composer, an archive without a readable
// composer.json is skipped, while an unsupported upper-case extension, broken JSON or a package without
// name/version fails the whole repository.
import * as l10n from '@vscode/l10n';
import { phpRtrim } from '../../semver/phpCompat';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPath, isAbsolutePath } from '../../composerPaths';
import { loadPackage } from '../package/loader';
import { decodeJson } from '../../composer/jsonDecode';
import type { LoadResult, PackageVersion, RepositoryDefinition, RepositoryResolver, ResolveContext } from '../types';
import { readTarComposerJson } from './tarReader';
import { readZipComposerJson, type ArchiveJson } from './zipReader';

const ARCHIVE = /^.+\.(zip|tar|gz|tgz)$/i;

/** Archive files below `root` (shown with `shown` as prefix, as Composer's messages do), symlink loops cut. */
function walk(root: string, shown: string): Array<{ abs: string; shown: string }> {
	const out: Array<{ abs: string; shown: string }> = [];
	const seen = new Set<string>();
	const visit = (abs: string, label: string) => {
		let real: string;
		try {
			real = fs.realpathSync(abs);
		} catch {
			return;
		}
		if (seen.has(real)) {
			return;
		}
		seen.add(real);
		let names: string[];
		try {
			names = fs.readdirSync(abs).sort();
		} catch {
			return;
		}
		for (const name of names) {
			const childAbs = path.join(abs, name);
			const childShown = `${phpRtrim(label, '/')}/${name}`;
			let st: fs.Stats;
			try {
				st = fs.statSync(childAbs);
			} catch {
				continue;
			}
			if (st.isDirectory()) {
				visit(childAbs, childShown);
			} else if (st.isFile() && ARCHIVE.test(childShown)) {
				out.push({ abs: childAbs, shown: childShown });
			}
		}
	};
	visit(root, shown);
	return out;
}

function fail(code: string, message: string, warnings: string[]): LoadResult {
	return { ok: false, error: { code, message }, warnings };
}

export async function scanArtifacts(url: string, ctx: ResolveContext): Promise<LoadResult> {
	const expanded = expandPath(url, ctx.env, ctx.homeDir, process.platform === 'win32');
	const root = isAbsolutePath(expanded) ? expanded : path.join(ctx.baseDir, expanded);
	let isDir = false;
	try {
		isDir = fs.statSync(root).isDirectory();
	} catch {
		isDir = false;
	}
	if (!isDir) {
		return fail('artifact.missing-directory', l10n.t('The artifact repository directory {0} does not exist or cannot be read.', expanded), []);
	}
	const warnings: string[] = [];
	const packages: PackageVersion[] = [];
	for (const file of walk(root, expanded)) {
		if (ctx.signal?.aborted) {
			return fail('cancelled', l10n.t('Cancelled.'), warnings);
		}
		const ext = path.extname(file.abs).slice(1);
		let archive: ArchiveJson;
		if (ext === 'zip') {
			archive = await readZipComposerJson(file.abs);
		} else if (ext === 'gz' || ext === 'tar' || ext === 'tgz') {
			archive = await readTarComposerJson(file.abs);
		} else {
			return fail('artifact.unsupported-extension', l10n.t('Files with "{0}" extensions aren\'t supported. Only ZIP and TAR/TAR.GZ/TGZ archives are supported.', ext), warnings);
		}
		if (archive.content === null) {
			warnings.push(archive.error
				? l10n.t('Failed loading package {0}: {1}', file.shown, archive.error)
				: l10n.t('File {0} doesn\'t seem to hold a package', path.basename(file.abs)));
			continue;
		}
		let json: unknown;
		try {
			json = decodeJson(archive.content);
		} catch (e) {
			return fail('artifact.invalid-json', l10n.t('"{0}#composer.json" does not contain valid JSON: {1}', file.shown, e instanceof Error ? e.message : String(e)), warnings);
		}
		if (!json || typeof json !== 'object' || Array.isArray(json)) {
			return fail('artifact.invalid-json', l10n.t('"{0}#composer.json" does not contain a JSON object.', file.shown), warnings);
		}
		const config = { ...(json as Record<string, unknown>), dist: { type: ext === 'zip' ? 'zip' : 'tar', url: file.shown } };
		const loaded = loadPackage(config);
		if (!loaded.ok) {
			return fail('artifact.invalid-package', l10n.t('Failed loading package in {0}: {1}', file.shown, loaded.message), warnings);
		}
		packages.push(loaded.pkg);
	}
	return { ok: true, namesFound: [...new Set(packages.map((p) => p.name.toLowerCase()))], packages, warnings };
}

export const artifactResolver: RepositoryResolver = {
	async loadPackages(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext): Promise<LoadResult> {
		const url = repo.config.url;
		if (typeof url !== 'string') {
			return fail('artifact.missing-url', l10n.t('An artifact repository needs a "url" string.'), []);
		}
		const all = await scanArtifacts(url, ctx);
		if (!all.ok || names === undefined) {
			return all;
		}
		const wanted = new Set(names.map((n) => n.toLowerCase()));
		const packages = all.packages.filter((p) => wanted.has(p.name.toLowerCase()));
		return { ok: true, namesFound: [...new Set(packages.map((p) => p.name.toLowerCase()))], packages, warnings: all.warnings };
	},
};
