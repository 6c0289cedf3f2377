// "Use a fork…" on Node: the fork's branches through the VCS drivers and the package's source through the
// repository list, each with the composer.json's own config (secure-http, GitHub/GitLab domains), the user's
// auth.json and our caches, as `composer-repos versions` resolves. Bounded in time whatever the URL does.
import * as l10n from '@vscode/l10n';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForkBranchesParams, ForkBranchesResult, PackageSourceParams, PackageSourceResult } from '../../../protocol/ext';
import { parseComposerJson } from '../model/composerDocument';
import { redact } from '../net/credentials';
import { findPackageSource } from '../resolvers/packageSource';
import { defaultRegistry } from '../resolvers/registry';
import { buildRepositoryList } from '../resolvers/repositoryList';
import { createNodeResolveContext, readGlobalConfig } from '../resolvers/resolveContext';
import type { ResolveContext } from '../resolvers/types';
import { listForkBranches } from '../resolvers/vcs/forkBranches';

/** What the LSP layer asks the host for "Use a fork…" (processes and network: only ever called in a trusted workspace). */
export interface ForkResolution {
	listBranches(params: ForkBranchesParams, documentText: string | undefined, signal: AbortSignal): Promise<ForkBranchesResult>;
	packageSource(params: PackageSourceParams, documentText: string | undefined, signal: AbortSignal): Promise<PackageSourceResult>;
}

/** Reading a fork or a package's source never takes longer than this (a hanging host, a huge repository). */
export const FORK_READ_TIMEOUT_MS = 90_000;

function documentPath(uri: string): string {
	try {
		if (uri.startsWith('file:')) return fileURLToPath(uri);
	} catch {
		// not a usable file URI: fall through
	}
	// An untitled document: relative URLs resolve against the server's folder, as the CLI's do.
	return path.join(process.cwd(), 'composer.json');
}

function contextFor(uri: string, text: string | undefined, signal: AbortSignal): { ctx: ResolveContext; list: ReturnType<typeof buildRepositoryList> } {
	const env = { ...process.env };
	const homeDir = env.HOME ?? homedir();
	const global = readGlobalConfig(env, homeDir);
	const file = documentPath(uri);
	const list = buildRepositoryList({ document: parseComposerJson(text ?? '{}'), file }, global ? { document: parseComposerJson(global.text), file: global.file } : undefined);
	const ctx = createNodeResolveContext({
		composerJson: file, configLayers: list.configLayers, env, homeDir,
		signal: AbortSignal.any([signal, AbortSignal.timeout(FORK_READ_TIMEOUT_MS)]),
	});
	return { ctx, list };
}

export function createNodeForkResolution(): ForkResolution {
	return {
		async listBranches(params: ForkBranchesParams, text: string | undefined, signal: AbortSignal): Promise<ForkBranchesResult> {
			const { ctx } = contextFor(params.documentUri, text, signal);
			const listing = await listForkBranches(params.url, params.packageName, ctx);
			if (!listing.ok) return { branches: [], error: listing.message };
			if (listing.branches.length === 0) return { branches: [], error: l10n.t('{0} has no branch Composer can use.', redact(params.url)) };
			return { branches: listing.branches.map((b) => ({ ...b })), ...(listing.defaultBranch ? { defaultBranch: listing.defaultBranch } : {}) };
		},
		async packageSource(params: PackageSourceParams, text: string | undefined, signal: AbortSignal): Promise<PackageSourceResult> {
			const { ctx, list } = contextFor(params.documentUri, text, signal);
			const url = await findPackageSource(list.repositories, params.packageName, ctx, defaultRegistry());
			return url ? { url } : {};
		},
	};
}
