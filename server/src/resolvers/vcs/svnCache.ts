// What the svn driver read from a server, kept on disk so that `--offline` and an unreachable server can still
// be answered (with a warning), and so that warm runs skip `svn cat` for refs that did not move: an identifier
// `path@rev` names content that never changes. One JSON file per repository URL (named from the URL without
// its credentials); inside, one entry per layout (trunk/branches/tags/package paths decide what is listed and
// where composer.json is read). The file holds ref names, identifiers and composer.json data, never a URL.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ResolveContext } from '../types';
import type { SvnLayout } from './svnLayout';
import { cachePath, withLock } from './vcsTools';

export interface SvnListing {
	/** Identifier of the trunk, or null when the trunk folder listed no `./` entry. */
	trunk: string | null;
	/** Name -> identifier, in listing order (branches include `trunk`). */
	branches: Array<[string, string]>;
	tags: Array<[string, string]>;
	/** Identifier -> composer.json data (null: the ref has none). Only identifiers of this listing are kept. */
	composer: Record<string, Record<string, unknown> | null>;
}

interface SvnCacheData {
	format: 1;
	layouts: Record<string, SvnListing>;
}

/** The cache file of a (normalized, credential-bearing or not) svn URL. */
export function svnCacheFile(ctx: ResolveContext, url: string): string {
	return cachePath(ctx, 'svn', url, '.json');
}

export function layoutKey(layout: SvnLayout): string {
	return JSON.stringify([layout.trunkPath, layout.branchesPath, layout.tagsPath, layout.packagePath]);
}

function isPairList(value: unknown): value is Array<[string, string]> {
	return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

function isListing(value: unknown): value is SvnListing {
	if (value === null || typeof value !== 'object') {
		return false;
	}
	const v = value as Record<string, unknown>;
	return (v.trunk === null || typeof v.trunk === 'string') && isPairList(v.branches) && isPairList(v.tags)
		&& v.composer !== null && typeof v.composer === 'object' && !Array.isArray(v.composer);
}

/** The whole file; a missing or damaged file reads as empty (it is only a cache). */
function readData(file: string): SvnCacheData {
	try {
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SvnCacheData>;
		if (parsed.format === 1 && parsed.layouts !== null && typeof parsed.layouts === 'object') {
			const layouts: Record<string, SvnListing> = {};
			for (const [key, listing] of Object.entries(parsed.layouts)) {
				if (isListing(listing)) {
					layouts[key] = listing;
				}
			}
			return { format: 1, layouts };
		}
	} catch {
		// absent or unreadable: nothing cached
	}
	return { format: 1, layouts: {} };
}

export function readSvnListing(file: string, key: string): SvnListing | undefined {
	return readData(file).layouts[key];
}

/** Stores one layout's listing, keeping the other layouts; written to a temporary file and renamed into place. */
export async function writeSvnListing(file: string, key: string, listing: SvnListing): Promise<void> {
	await withLock(file, async () => {
		const data = readData(file);
		data.layouts[key] = listing;
		mkdirSync(path.dirname(file), { recursive: true });
		const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
		try {
			writeFileSync(tmp, JSON.stringify(data));
			renameSync(tmp, file);
		} catch {
			// A cache that cannot be written only costs the next run its shortcut.
			rmSync(tmp, { force: true });
		}
	});
}
