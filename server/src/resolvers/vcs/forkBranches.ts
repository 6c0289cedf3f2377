// The branches of a fork, for "Use a fork…": the URL is read with the same driver Composer would pick for
// `{"type": "vcs", "url": …}` (VcsRepository::getDriver, vcsRepository.ts) and the branches named as Composer
// names their versions. Only branches are read, never tags: a fork of a busy project has hundreds of tags, and
// on a host API each one would be a request. A branch "provides the package" when Composer would load the
// package from it: it has a composer.json, and the name (the default branch's, as VcsRepository::initialize
// takes it, else the branch's own) is the required one.
import * as l10n from '@vscode/l10n';
import { branchVersion } from '../../composer/branchVersion';
import { expandPath } from '../../composerPaths';
import type { ResolveContext } from '../types';
import { VcsDriverError, type VcsDriver } from './driver';
import { checkRefName, checkVcsUrl, redactUrl } from './urlSafety';
import { selectDriver } from './vcsRepository';

export interface ListedBranch {
	readonly name: string;
	/** Composer's version of the branch (`dev-fix`, `2.x-dev`). */
	readonly version: string;
	/** Set when a package name was asked about and this branch was read for it. */
	readonly providesPackage?: boolean;
}

export type BranchListing =
	| { readonly ok: true; readonly branches: readonly ListedBranch[]; readonly defaultBranch?: string }
	| { readonly ok: false; readonly message: string };

/** At most this many branches have their composer.json read (each can be a host API request). */
export const MAX_BRANCHES_READ = 50;

function nameOf(data: Record<string, unknown> | null): string | undefined {
	return typeof data?.name === 'string' ? data.name : undefined;
}

async function composerName(driver: VcsDriver, identifier: string): Promise<string | undefined> {
	try {
		return nameOf(await driver.getComposerInformation(identifier));
	} catch {
		// Composer skips a branch whose composer.json cannot be read; so does the "provides" mark.
		return undefined;
	}
}

function failure(url: string, message: string): BranchListing {
	return { ok: false, message: l10n.t('Could not list the branches of {0}: {1}', redactUrl(url), redactUrl(message)) };
}

/** The branches of the repository at `url`, the default branch first; `packageName` marks those that provide it. */
export async function listForkBranches(rawUrl: string, packageName: string | undefined, ctx: ResolveContext): Promise<BranchListing> {
	const unsafe = checkVcsUrl(rawUrl);
	if (unsafe) return failure(rawUrl, unsafe.message);
	const url = expandPath(rawUrl.trim(), ctx.env, ctx.homeDir, process.platform === 'win32');
	const unsafeExpanded = checkVcsUrl(url);
	if (unsafeExpanded) return failure(rawUrl, unsafeExpanded.message);
	try {
		const driver = await selectDriver('vcs', url, { type: 'vcs', url }, ctx);
		if (driver instanceof VcsDriverError) return failure(rawUrl, driver.message);
		await driver.initialize();
		const root = await driver.getRootIdentifier();
		const refs = [...await driver.getBranches()].filter(([name]) => checkRefName(name) === null);
		const named = refs.flatMap(([name, identifier]) => {
			const version = branchVersion(name);
			return version ? [{ name, identifier, version: version.version }] : [];
		});
		named.sort((a, b) => (a.name === root ? -1 : b.name === root ? 1 : a.name.localeCompare(b.name)));
		const defaultBranch = named.some((b) => b.name === root) ? root : undefined;
		if (packageName === undefined) {
			return { ok: true, branches: named.map(({ name, version }) => ({ name, version })), ...(defaultBranch ? { defaultBranch } : {}) };
		}
		const wanted = packageName.toLowerCase();
		const rootIdentifier = refs.find(([name]) => name === root)?.[1] ?? root;
		const rootName = await composerName(driver, rootIdentifier);
		const branches: ListedBranch[] = [];
		for (const [i, branch] of named.entries()) {
			if (ctx.signal?.aborted) return failure(rawUrl, l10n.t('Cancelled.'));
			if (i >= MAX_BRANCHES_READ) {
				branches.push({ name: branch.name, version: branch.version });
				continue;
			}
			const own = branch.name === root ? rootName : await composerName(driver, branch.identifier);
			const provides = own !== undefined && (rootName ?? own).toLowerCase() === wanted;
			branches.push({ name: branch.name, version: branch.version, providesPackage: provides });
		}
		return { ok: true, branches, ...(defaultBranch ? { defaultBranch } : {}) };
	} catch (e) {
		return failure(rawUrl, e instanceof Error ? e.message : String(e));
	}
}
