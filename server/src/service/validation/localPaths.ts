// Local facts for path and artifact repositories, asked through the LocalFacts port
// (Repository/PathRepository.php, Repository/ArtifactRepository.php). Relative URLs are resolved against the composer.json's folder.
import * as l10n from '@vscode/l10n';
import { getProperty } from '../../model/composerDocument';
import { expandPath, looksLikeWindowsPath, MAX_BRACE_ALTERNATIVES, MAX_DIRECTORY_READS, scanPathUrl, wildcardParent } from '../../composerPaths';
import { dirname, isAbsolutePath, joinPath, resolvePath } from '../pathUtil';
import type { LocalFacts } from '../types';
import { DiagnosticCode } from './codes';
import type { RuleContext } from './context';
import type { Node } from '../../model/composerDocument';

const ARCHIVE = /^.+\.(zip|tar|gz|tgz)$/i;
const SUPPORTED_EXTENSION = /\.(zip|tar|gz|tgz)$/;
const MAX_SCANNED_ENTRIES = 5000;
const MAX_GLOB_MATCHES = 1000;

/** The url as Composer reads it: expanded, and the folder relative paths start from (undefined: absolute). */
interface LocalUrl {
	readonly expanded: string;
	readonly baseDir: string | undefined;
	/** Normalized absolute form, for messages and the artifact walk. */
	readonly resolved: string;
	readonly windows: boolean;
}

function readUrl(ctx: RuleContext, url: string): LocalUrl | undefined {
	// The pure service cannot ask the OS; the document's own path tells which path rules apply.
	const windows = looksLikeWindowsPath(ctx.documentPath ?? ctx.options.homeDir ?? '');
	const expanded = expandPath(url.replace(/^file:\/\//, ''), ctx.options.env, ctx.options.homeDir, windows);
	if (expanded === undefined) return undefined;
	if (isAbsolutePath(expanded)) return { expanded, baseDir: undefined, resolved: expanded, windows };
	if (!ctx.documentPath) return undefined;
	const baseDir = dirname(ctx.documentPath);
	return { expanded, baseDir, resolved: resolvePath(baseDir, expanded), windows };
}

async function checkPath(ctx: RuleContext, facts: LocalFacts, node: Node, url: string, local: LocalUrl): Promise<void> {
	// The same reading as the path resolver's: Composer globs the url itself from the project folder, so the
	// folder's own name is never taken as a pattern.
	const scan = await scanPathUrl(facts, local.expanded, { cwd: local.baseDir ?? '/', windows: local.windows, limit: MAX_GLOB_MATCHES });
	if (scan.kind === 'too-many-alternatives') {
		ctx.report(node, DiagnosticCode.pathTooManyAlternatives, scan.count > MAX_BRACE_ALTERNATIVES
			? l10n.t('Too many alternatives: the braces of "{0}" expand to more than {1} paths. They were not checked, and composer-repos does not glob them.', url, String(MAX_BRACE_ALTERNATIVES))
			: l10n.t('Too many alternatives: the braces of "{0}" expand to {1} paths.', url, String(scan.count)));
		return;
	}
	if (scan.kind === 'stopped') {
		ctx.report(node, DiagnosticCode.localCheckStopped, l10n.t('"{0}" was checked only in part: the check stopped after listing {1} folders.', url, String(MAX_DIRECTORY_READS)));
		return;
	}
	if (scan.kind === 'empty') {
		ctx.report(node, DiagnosticCode.pathGlobNoMatch, l10n.t('"{0}" matches no folder yet: the repository is empty (Composer accepts this because "{1}" exists).', url, wildcardParent(url, local.windows) ?? scan.parent));
		return;
	}
	if (scan.kind === 'missing') {
		ctx.report(node, DiagnosticCode.pathNotFound, l10n.t('"{0}" does not exist (looked for {1}): Composer fails with "The url supplied for the path repository does not exist".', url, local.resolved));
		return;
	}
	// PHP keeps a folder matched by two brace alternatives twice; for these messages a folder is a folder.
	const matches = [...new Set(scan.matches.map((m) => local.baseDir === undefined || isAbsolutePath(m) ? m : resolvePath(local.baseDir, m)))];
	for (const dir of matches) {
		if (await facts.stat(joinPath(dir, 'composer.json')) === 'file') return;
	}
	ctx.report(node, DiagnosticCode.pathNoComposerJson,
		matches.length === 1
			? l10n.t('{0} has no composer.json: Composer skips it, so this repository provides no package.', matches[0])
			: l10n.t('None of the {0} folders matched by "{1}" has a composer.json: this repository provides no package.', matches.length, url));
}

async function checkArtifact(ctx: RuleContext, facts: LocalFacts, node: Node, url: string, resolved: string): Promise<void> {
	const kind = await facts.stat(resolved);
	if (kind !== 'directory') {
		ctx.report(node, DiagnosticCode.artifactNotFound, kind === 'missing'
			? l10n.t('The artifact folder "{0}" does not exist (looked for {1}): Composer fails.', url, resolved)
			: l10n.t('"{0}" is a file; an artifact repository needs a folder of archives.', url));
		return;
	}
	// Composer walks the folder recursively; stop after a bounded number of entries.
	const queue = [resolved];
	let scanned = 0;
	let found = false;
	let stopped = false;
	while (queue.length > 0 && !stopped) {
		const dir = queue.shift() as string;
		for (const e of await facts.readDirectory(dir)) {
			if (scanned++ >= MAX_SCANNED_ENTRIES) {
				stopped = true;
				break;
			}
			if (e.isDirectory) { queue.push(joinPath(dir, e.name)); continue; }
			if (!ARCHIVE.test(e.name)) continue;
			if (!SUPPORTED_EXTENSION.test(e.name)) {
				ctx.report(node, DiagnosticCode.artifactUppercaseExtension, l10n.t('{0}: Composer only reads lower-case .zip/.tar/.gz/.tgz extensions and fails on this file. Rename it.', e.name));
				return;
			}
			found = true;
		}
	}
	if (!found && !stopped) {
		ctx.report(node, DiagnosticCode.artifactEmpty, l10n.t('The artifact folder "{0}" holds no .zip, .tar, .gz or .tgz archive: this repository provides no package.', url));
	} else if (!found) {
		ctx.report(node, DiagnosticCode.localCheckStopped, l10n.t('"{0}" was checked only in part: the check stopped after {1} entries without finding an archive.', url, String(MAX_SCANNED_ENTRIES)));
	}
}

export async function checkLocalPaths(ctx: RuleContext): Promise<void> {
	const facts = ctx.options.facts;
	if (!facts) return;
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || (entry.type !== 'path' && entry.type !== 'artifact')) continue;
		const node = getProperty(entry.object, 'url')?.valueNode;
		if (node?.type !== 'string' || (node.value as string).trim() === '') continue;
		const url = node.value as string;
		if (entry.type === 'path' && /^file:\/\//i.test(url)) continue; // reported by the URL rule
		const local = readUrl(ctx, url);
		if (local === undefined) continue;
		try {
			if (entry.type === 'path') await checkPath(ctx, facts, node, url, local);
			else await checkArtifact(ctx, facts, node, url, local.resolved);
		} catch {
			// A failing file-system question is not the user's mistake: stay silent rather than guess.
		}
	}
}
