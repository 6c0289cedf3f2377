// What Composer's PathRepository gets from `glob($url, GLOB_MARK | GLOB_ONLYDIR | GLOB_BRACE)` and what it
// concludes when nothing matches (Repository/PathRepository.php). The language service (to warn) and the path
// resolver (to list packages) both call this, so they cannot disagree. The file system is only reached through
// the LocalFacts port, so this module stays pure.
import type { LocalFacts } from './localFacts';
import { braceAlternatives, compareUtf8, compileSegment, countBraceAlternatives, segmentMatches } from './globPattern';
import { appendPath, isAbsolutePath, phpDirname } from './platformPaths';

export interface GlobOptions {
	/** Folder a relative pattern is matched in (Composer: the working directory). Never read as a pattern. */
	readonly cwd: string;
	/** Windows rules: `\` separates folders instead of escaping. */
	readonly windows?: boolean;
	/** Stop after about this many matches (the editor bounds its work; Composer does not). */
	readonly limit?: number;
	/** Refuse a pattern whose `{a,b}` groups expand to more patterns than this (Composer globs them all). */
	readonly maxAlternatives?: number;
	/** Stop after listing this many directories (a pattern of many `*` segments could walk the whole disk). */
	readonly maxDirectoryReads?: number;
}

/** The bounds every caller gets unless it asks otherwise: far above a real project, far below a bomb. */
export const MAX_BRACE_ALTERNATIVES = 4096;
export const MAX_DIRECTORY_READS = 10_000;

/** Work left for one scan; `stopped` says which bound ended it. */
interface GlobBudget {
	reads: number;
	stopped?: 'directory-reads';
}

interface Candidate {
	/** The path in the pattern's own form (relative stays relative, separators kept as written). */
	readonly path: string;
	/** Known to be a directory (it came from a directory listing); otherwise it is asked at the end. */
	readonly isDirectory: boolean;
}

function onDisk(path: string, options: GlobOptions): string {
	if (path === '') return options.cwd;
	if (options.windows && /^[a-zA-Z]:$/.test(path)) return `${path}/`;
	return isAbsolutePath(path) ? path : appendPath(options.cwd, path);
}

/** Globs one brace-free pattern; the matches are sorted as glibc sorts them (with GLOB_MARK's trailing `/`). */
async function globOne(facts: LocalFacts, pattern: string, options: GlobOptions, limit: number, budget: GlobBudget): Promise<string[]> {
	const escapes = !options.windows;
	const separators = options.windows ? /([\\/]+)/ : /(\/+)/;
	if (pattern === '') return [];
	if (separators.test(pattern) && pattern.replace(new RegExp(separators.source, 'g'), '') === '') {
		return await facts.stat(pattern) === 'directory' ? [pattern[0]] : []; // the root itself
	}
	// [segment, separator, segment, ...]; a trailing separator only asks for a directory, which GLOB_ONLYDIR does anyway.
	const parts = pattern.split(separators);
	if (parts.length > 1 && parts[parts.length - 1] === '') parts.splice(-2, 2);
	// glibc splits at the last `/`; for `//x` that leaves the root `/` as folder, so `//tm?` and `//tmp` give `/tmp`,
	// while a literal `//tmp` before more segments is kept as written (`//tmp/a*` gives `//tmp/ab`).
	if (escapes && parts[0] === '' && parts[1] === '//' && (parts.length === 3 || compileSegment(parts[2]).kind === 'pattern')) parts[1] = '/';
	let candidates: Candidate[] = [{ path: '', isDirectory: false }];
	for (let k = 0; k < parts.length && candidates.length > 0; k += 2) {
		const separator = k === 0 ? '' : parts[k - 1];
		const segment = compileSegment(parts[k], escapes);
		const next: Candidate[] = [];
		for (const c of candidates) {
			if (next.length >= limit) break;
			if (segment.kind === 'literal') {
				next.push({ path: c.path + separator + segment.name, isDirectory: false });
				continue;
			}
			if (budget.reads <= 0) {
				budget.stopped = 'directory-reads';
				break;
			}
			budget.reads--;
			// An empty path before a separator is the root (`/*`), not the working directory.
			const entries = await facts.readDirectory(c.path === '' && separator !== '' ? separator : onDisk(c.path, options));
			// readdir() lists `.` and `..`, which a pattern starting with a literal dot can match (`.*`).
			const names = segment.matchesLeadingDot ? [{ name: '.', isDirectory: false }, { name: '..', isDirectory: false }, ...entries] : entries;
			for (const e of names) {
				if ((e.isDirectory || e.name === '.' || e.name === '..') && segmentMatches(segment, e.name)) {
					next.push({ path: c.path + separator + e.name, isDirectory: e.isDirectory });
				}
			}
		}
		candidates = next.slice(0, limit);
	}
	const out: string[] = [];
	for (const c of candidates) {
		if (c.path !== '' && (c.isDirectory || await facts.stat(onDisk(c.path, options)) === 'directory')) out.push(c.path);
	}
	return out.sort((a, b) => compareUtf8(`${a}/`, `${b}/`));
}

/** What globbing found, and the bound that stopped it early, if one did. */
export interface GlobResult {
	matches: string[];
	/** `alternatives`: the braces expand to `alternatives` patterns (at least), more than allowed; nothing was read. */
	stopped?: 'alternatives' | 'directory-reads';
	alternatives?: number;
}

/**
 * PathRepository::getUrlMatches: every directory matching `pattern`, in PHP's order (each brace alternative
 * sorted on its own, duplicates kept), trailing separators trimmed (the root alone stays `/`, where Composer's
 * rtrim would leave an empty string); on Windows `\` becomes `/` as Composer does. Brace alternatives are
 * counted first and produced one at a time, so a pattern of 18 pairs is refused before any work.
 */
export async function globDirectoriesBounded(facts: LocalFacts, pattern: string, options: GlobOptions): Promise<GlobResult> {
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	const maxAlternatives = options.maxAlternatives ?? MAX_BRACE_ALTERNATIVES;
	const escapes = !options.windows;
	const alternatives = countBraceAlternatives(pattern, escapes, maxAlternatives);
	if (alternatives > maxAlternatives) return { matches: [], stopped: 'alternatives', alternatives };
	const budget: GlobBudget = { reads: options.maxDirectoryReads ?? MAX_DIRECTORY_READS };
	const out: string[] = [];
	for (const alternative of braceAlternatives(pattern, escapes)) {
		if (out.length >= limit || budget.stopped) break;
		out.push(...await globOne(facts, alternative, options, limit - out.length, budget));
	}
	return { matches: options.windows ? out.map((m) => m.replace(/\\/g, '/')) : out, stopped: budget.stopped };
}

/** globDirectoriesBounded's matches alone. */
export async function globDirectories(facts: LocalFacts, pattern: string, options: GlobOptions): Promise<string[]> {
	return (await globDirectoriesBounded(facts, pattern, options)).matches;
}

/**
 * The folder Composer checks when a url with `*`, `{` or `}` matches nothing: the url cut back (PHP dirname)
 * until no such character is left. Undefined for a url without them (`?` and `[` do not count, as in Composer).
 */
export function wildcardParent(url: string, windows = false): string | undefined {
	if (!/[*{}]/.test(url)) return undefined;
	let dir = url;
	while (/[*{}]/.test(dir)) dir = phpDirname(dir, windows);
	return dir;
}

export type PathUrlScan =
	/** The directories the url matches, as globDirectories returns them. */
	| { readonly kind: 'matches'; readonly matches: string[] }
	/** Nothing matches but the folder before the first wildcard exists: Composer takes an empty repository. */
	| { readonly kind: 'empty'; readonly parent: string }
	/** Composer fails: "The `url` supplied for the path (…) repository does not exist". */
	| { readonly kind: 'missing' }
	/** The braces expand to more patterns than are globbed (`count` is at least that many). */
	| { readonly kind: 'too-many-alternatives'; readonly count: number }
	/** Listing directories stopped at its bound; `matches` are those found until then. */
	| { readonly kind: 'stopped'; readonly matches: string[] };

/** How Composer's PathRepository reads an (already expanded) url: its matches, an empty repository, or an error. */
export async function scanPathUrl(facts: LocalFacts, url: string, options: GlobOptions): Promise<PathUrlScan> {
	const globbed = await globDirectoriesBounded(facts, url, options);
	if (globbed.stopped === 'alternatives') return { kind: 'too-many-alternatives', count: globbed.alternatives ?? 0 };
	if (globbed.stopped === 'directory-reads') return { kind: 'stopped', matches: globbed.matches };
	const matches = globbed.matches;
	if (matches.length > 0) return { kind: 'matches', matches };
	const parent = wildcardParent(url, options.windows);
	if (parent !== undefined && await facts.stat(onDisk(parent, options)) === 'directory') return { kind: 'empty', parent };
	return { kind: 'missing' };
}
