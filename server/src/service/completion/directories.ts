// Folder suggestions for the `url` of path and artifact repositories. The typed text is resolved the way
// Composer resolves it (relative to the project folder, `~/` and a leading `$VAR` expanded) and the folder
// it names is listed through the LocalFacts port; the service itself never touches the file system.
import type { LanguageServiceOptions } from '../types';
import { expandPath, looksLikeWindowsPath } from '../../composerPaths';
import { dirname, isAbsolutePath, joinPath } from '../pathUtil';

export interface DirectoryCandidate {
	readonly name: string;
	/** Path repositories: the folder holds a composer.json (the folder is a package). */
	readonly hasComposerJson: boolean;
}

export interface DirectoryListing {
	/** The typed text up to and including its last separator: what every suggestion starts with. */
	readonly prefix: string;
	/** What was typed after the last separator. */
	readonly partial: string;
	readonly candidates: readonly DirectoryCandidate[];
}

/** Most suggestions a listing returns, and how many of them are probed for a composer.json. */
const MAX_CANDIDATES = 200;
const MAX_PROBES = 50;

/** Composer's expansion of a leading `~/`, `$VAR` or `%VAR%`; undefined when the variable is not set here. */
function expandLeading(path: string, options: LanguageServiceOptions, documentPath: string | undefined): string | undefined {
	const variable = /^(?:\$(\w+)|%(\w+)%)/.exec(path);
	// Composer expands an unset variable to nothing; listing from the file-system root instead would only confuse.
	if (variable && options.env?.[variable[1] ?? variable[2]] === undefined) return undefined;
	return expandPath(path, options.env, options.homeDir, looksLikeWindowsPath(documentPath ?? options.homeDir ?? ''));
}

/**
 * Lists the folders matching the typed `url` text. Undefined when nothing sensible can be listed: no
 * LocalFacts, a relative path without a document path, glob characters, or an unexpandable variable.
 */
export async function listDirectories(
	typed: string, options: LanguageServiceOptions, documentPath: string | undefined, probeComposerJson: boolean,
): Promise<DirectoryListing | undefined> {
	const facts = options.facts;
	if (!facts || /[*?[{]/.test(typed)) return undefined;
	const cut = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\')) + 1;
	const prefix = typed.slice(0, cut);
	const partial = typed.slice(cut);
	const expanded = expandLeading(prefix, options, documentPath);
	if (expanded === undefined) return undefined;
	let folder: string;
	if (isAbsolutePath(expanded)) {
		folder = expanded;
	} else {
		if (documentPath === undefined) return undefined;
		folder = joinPath(dirname(documentPath), expanded);
	}
	let entries: { name: string; isDirectory: boolean }[];
	try {
		entries = await facts.readDirectory(folder);
	} catch {
		// A port that fails is treated like an empty folder: completion must never break the editor.
		return undefined;
	}
	const showHidden = partial.startsWith('.');
	const dirs = entries
		.filter((e) => e.isDirectory && (showHidden || !e.name.startsWith('.')))
		.map((e) => e.name)
		.sort((a, b) => a.localeCompare(b))
		.slice(0, MAX_CANDIDATES);
	const candidates: DirectoryCandidate[] = [];
	for (const [i, name] of dirs.entries()) {
		let hasComposerJson = false;
		if (probeComposerJson && i < MAX_PROBES) {
			try {
				hasComposerJson = (await facts.stat(joinPath(joinPath(folder, name), 'composer.json'))) === 'file';
			} catch {
				hasComposerJson = false;
			}
		}
		candidates.push({ name, hasComposerJson });
	}
	return { prefix, partial, candidates };
}
