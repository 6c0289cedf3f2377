// "Use a fork…" over LSP, for every editor: Commands.useFork with the full arguments applies the edit the pure
// service computes (workspace/applyEdit); FORK_BRANCHES_REQUEST lists a fork's branches and
// PACKAGE_SOURCE_REQUEST gives the package's current source URL, both refused in an untrusted workspace (they
// run VCS programs and reach the network). How branches and sources are read is the host's (the ForkResolution
// port, implemented in node/forkResolution.ts and passed in by the runtime), so this module runs no I/O itself.
import * as l10n from '@vscode/l10n';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	Commands, FORK_BRANCHES_REQUEST, PACKAGE_SOURCE_REQUEST,
	type ForkBranchesParams, type ForkBranchesResult, type PackageSourceParams, type PackageSourceResult,
	type UseForkArguments, type UseForkResult,
} from '../../../protocol/ext';
import type { ForkResolution } from '../node/forkResolution';
import type { ComposerLanguageService } from '../service/types';
import type { ServerCommands } from './commands';
import { runSafe } from './runner';

export interface ForkCommandsHost {
	connection: Connection;
	documents: TextDocuments<TextDocument>;
	service: ComposerLanguageService;
	commands: ServerCommands;
	isTrusted(): boolean;
	/** Absent: this host cannot read repositories (branches are refused with a message, sources unknown). */
	resolution?: ForkResolution;
}

/** A branch listing is reused this long, so the command can check the branch the client just listed without reading the fork again. */
const LISTING_TTL_MS = 60_000;

function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** The command's single argument, checked field by field (it comes from any client). */
export function parseUseForkArguments(args: unknown[]): UseForkArguments | undefined {
	const raw = args[0];
	if (!raw || typeof raw !== 'object') return undefined;
	const a = raw as Record<string, unknown>;
	const uri = str(a.uri);
	const packageName = str(a.packageName);
	const section = a.section;
	if (!uri || !packageName || (section !== 'require' && section !== 'require-dev')) return undefined;
	const alias = a.alias === null ? null : str(a.alias);
	return {
		uri, packageName, section,
		...(str(a.url) !== undefined ? { url: str(a.url) } : {}),
		...(str(a.branch) !== undefined ? { branch: str(a.branch) } : {}),
		...(alias !== undefined ? { alias } : {}),
	};
}

export function registerForkCommands(host: ForkCommandsHost): void {
	const { connection, documents, service, commands } = host;
	const listings = new Map<string, { at: number; result: Promise<ForkBranchesResult> }>();

	function untrusted(): string {
		return l10n.t('This workspace is not trusted: Composer Repositories reads no repository (no VCS program, no network) until you trust it.');
	}

	function listBranches(params: ForkBranchesParams, signal: AbortSignal): Promise<ForkBranchesResult> {
		if (!host.isTrusted()) return Promise.resolve({ branches: [], error: untrusted() });
		if (!host.resolution) return Promise.resolve({ branches: [], error: l10n.t('This editor host cannot read repositories.') });
		const key = JSON.stringify([params.url, params.documentUri, params.packageName ?? null]);
		const cached = listings.get(key);
		if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.result;
		const result = host.resolution.listBranches(params, documents.get(params.documentUri)?.getText(), signal);
		listings.set(key, { at: Date.now(), result });
		// A failure or a cancelled listing is not worth keeping: the next ask tries again.
		void result.then((r) => { if (r.error) listings.delete(key); }, () => listings.delete(key));
		return result;
	}

	connection.onRequest(FORK_BRANCHES_REQUEST, (params: ForkBranchesParams, token) => runSafe(connection.console, (signal) => {
		if (typeof params?.url !== 'string' || typeof params.documentUri !== 'string') return { branches: [], error: l10n.t('A URL and a document are needed to list branches.') };
		return listBranches(params, signal);
	}, { branches: [], error: l10n.t('Listing the branches failed; the "Composer Repositories" output has the details.') },
	`[fork] ${FORK_BRANCHES_REQUEST}`, token));

	function packageSource(params: PackageSourceParams, signal: AbortSignal): Promise<PackageSourceResult> | PackageSourceResult {
		if (!host.isTrusted() || !host.resolution || typeof params?.packageName !== 'string' || typeof params.documentUri !== 'string') return {};
		return host.resolution.packageSource(params, documents.get(params.documentUri)?.getText(), signal);
	}

	connection.onRequest(PACKAGE_SOURCE_REQUEST, (params: PackageSourceParams, token) =>
		runSafe(connection.console, (signal) => packageSource(params, signal), {}, `[fork] ${PACKAGE_SOURCE_REQUEST}`, token));

	commands.register(Commands.useFork, async (args, signal): Promise<UseForkResult> => {
		const parsed = parseUseForkArguments(args);
		if (!parsed) return { applied: false, message: l10n.t('{0} needs one argument: {1}.', Commands.useFork, '{"uri", "packageName", "section": "require" | "require-dev", "url", "branch", "alias"?}') };
		if (parsed.url === undefined || parsed.branch === undefined) {
			return { applied: false, message: l10n.t('Use a fork: give the fork\'s "url" and "branch" in the command\'s argument (the VS Code extension asks for them).') };
		}
		const document = documents.get(parsed.uri);
		if (!document) return { applied: false, message: l10n.t('Open {0} in the editor first.', parsed.uri) };
		// A branch the fork does not have would leave a requirement Composer cannot satisfy: check it when the fork
		// can be read (trusted workspace); the listing the client just made is reused.
		if (host.isTrusted() && host.resolution) {
			const listing = await listBranches({ url: parsed.url, documentUri: parsed.uri, packageName: parsed.packageName }, signal);
			if (listing.error) return { applied: false, message: listing.error };
			if (!listing.branches.some((b) => b.name === parsed.branch)) {
				return { applied: false, message: l10n.t('The fork has no branch "{0}".', parsed.branch) };
			}
		}
		const result = service.getForkEdit(document, {
			packageName: parsed.packageName, section: parsed.section, url: parsed.url, branch: parsed.branch,
			...(parsed.alias !== undefined ? { alias: parsed.alias } : {}),
		});
		if (!result.ok) return { applied: false, message: result.message };
		const applied = await connection.workspace.applyEdit({ label: l10n.t('Use a fork of {0}', parsed.packageName), edit: result.edit });
		if (!applied.applied) return { applied: false, message: applied.failureReason ?? l10n.t('The editor did not apply the edit.') };
		return { applied: true, constraint: result.constraint };
	});
}
