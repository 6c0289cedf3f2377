// "Use a fork…" in VS Code. The command belongs to the language server (Commands.useFork, executeCommandProvider),
// so the language client registers it; this middleware answers it when its arguments lack the fork: it asks
// which requirement (from the palette), the fork's URL (prefilled from the package's source with the owner
// replaced by the user's GitHub account), lists the fork's branches with a cancellable progress and lets the
// user pick one, then passes the full arguments on. The server computes the edit and applies it as one
// workspace edit, so a single undo reverts it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
	Commands, FORK_BRANCHES_REQUEST, PACKAGE_SOURCE_REQUEST,
	type ForkBranch, type ForkBranchesParams, type ForkBranchesResult, type PackageSourceParams, type PackageSourceResult,
	type UseForkArguments, type UseForkResult,
} from '../../../protocol/ext';
import { suggestForkUrl } from './forkUrl';
import { listRequirements } from './requirements';

/** The requirement to fork; `branch` when the fork must have that branch (the quick fix of branch-not-found). */
type Target = Pick<UseForkArguments, 'uri' | 'packageName' | 'section' | 'branch'>;
type Next = (args: unknown[]) => Promise<unknown>;

function isTarget(value: unknown): value is Target {
	const a = value as Partial<Target> | undefined;
	return typeof a?.uri === 'string' && typeof a.packageName === 'string' && (a.section === 'require' || a.section === 'require-dev');
}

function isComposerJson(document: vscode.TextDocument): boolean {
	return /(^|[\\/])composer\.json$/i.test(document.uri.path);
}

/** From the palette: the requirement of the active composer.json to fork. */
async function pickTarget(): Promise<Target | undefined> {
	const document = vscode.window.activeTextEditor?.document;
	if (!document || !isComposerJson(document)) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a composer.json to use a fork of one of its requirements.'));
		return undefined;
	}
	const requirements = listRequirements(document.getText());
	if (requirements.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This composer.json requires no package that could be forked.'));
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(requirements.map((r) => ({ label: r.packageName, description: r.constraint ?? '', detail: r.section, requirement: r })), {
		title: vscode.l10n.t('Use a Fork'),
		placeHolder: vscode.l10n.t('Which requirement should come from a fork?'),
		matchOnDescription: true,
	});
	return picked && { uri: document.uri.toString(), packageName: picked.requirement.packageName, section: picked.requirement.section };
}

/** The GitHub login of the account VS Code is signed in with, without prompting. */
async function githubAccount(output: vscode.LogOutputChannel): Promise<string | undefined> {
	try {
		const session = await vscode.authentication.getSession('github', ['read:user'], { createIfNone: false, silent: true });
		return session?.account.label;
	} catch (error) {
		output.debug(`[fork] no GitHub session: ${String(error)}`);
		return undefined;
	}
}

async function prefilledUrl(client: LanguageClient, target: Target, output: vscode.LogOutputChannel): Promise<string | undefined> {
	const params: PackageSourceParams = { documentUri: target.uri, packageName: target.packageName };
	const lookup = vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: vscode.l10n.t('Looking up the source of {0}…', target.packageName),
		cancellable: true,
	}, async (_progress, token) => {
		try {
			return await client.sendRequest<PackageSourceResult>(PACKAGE_SOURCE_REQUEST, params, token);
		} catch (error) {
			output.debug(`[fork] no source for ${target.packageName}: ${String(error)}`);
			return {};
		}
	});
	const [source, account] = await Promise.all([lookup, githubAccount(output)]);
	return suggestForkUrl(source.url, account);
}

async function listBranches(client: LanguageClient, target: Target, url: string): Promise<ForkBranchesResult | undefined> {
	const params: ForkBranchesParams = { url, documentUri: target.uri, packageName: target.packageName };
	return vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: vscode.l10n.t('Listing the branches of {0}…', url),
		cancellable: true,
	}, async (_progress, token) => {
		const result = await client.sendRequest<ForkBranchesResult>(FORK_BRANCHES_REQUEST, params, token)
			.catch((error: unknown): ForkBranchesResult => ({ branches: [], error: String(error) }));
		return token.isCancellationRequested ? undefined : result;
	});
}

async function pickBranch(target: Target, listing: ForkBranchesResult): Promise<ForkBranch | undefined> {
	// The branch the requirement already names: taken without asking when the fork has it with the package.
	const wanted = listing.branches.find((b) => b.name === target.branch && b.providesPackage !== false);
	if (wanted) return wanted;
	const items = listing.branches.map((branch) => ({
		label: branch.name,
		description: branch.name === listing.defaultBranch ? vscode.l10n.t('{0} (default branch)', branch.version) : branch.version,
		detail: branch.providesPackage === false
			? `$(warning) ${vscode.l10n.t('No composer.json naming {0} on this branch: Composer would not find the package here.', target.packageName)}`
			: undefined,
		branch,
	}));
	// Branches that provide the package first; the default branch (usually upstream's code) after the others.
	items.sort((a, b) => Number(a.branch.providesPackage === false) - Number(b.branch.providesPackage === false)
		|| Number(a.branch.name === listing.defaultBranch) - Number(b.branch.name === listing.defaultBranch));
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Use a Fork of {0}', target.packageName),
		placeHolder: target.branch
			? vscode.l10n.t('The fork has no branch "{0}" with the package. Which branch should be required?', target.branch)
			: vscode.l10n.t('Which branch of the fork should be required?'),
		matchOnDescription: true,
	});
	return picked?.branch;
}

/** The whole "Use a fork…" conversation for `target`, then the server command with the full arguments. */
async function useFork(client: LanguageClient, output: vscode.LogOutputChannel, given: Target | undefined, next: Next): Promise<UseForkResult | undefined> {
	const target = given ?? await pickTarget();
	if (!target) return undefined;
	const prefill = await prefilledUrl(client, target, output);
	const url = await vscode.window.showInputBox({
		title: vscode.l10n.t('Use a Fork of {0}', target.packageName),
		prompt: vscode.l10n.t('URL of the fork\'s repository (git, hg, svn or fossil; GitHub, GitLab, Bitbucket or any host)'),
		value: prefill,
		placeHolder: 'https://github.com/you/package',
		ignoreFocusOut: true,
		validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter the URL of the fork.') : undefined),
	});
	if (url === undefined) return undefined;
	const listing = await listBranches(client, target, url.trim());
	if (!listing) return undefined;
	if (listing.error || listing.branches.length === 0) {
		// Nothing is written: a repository entry for a URL that does not answer would break `composer update`.
		void vscode.window.showErrorMessage(listing.error ?? vscode.l10n.t('{0} has no branches.', url));
		return undefined;
	}
	const branch = await pickBranch(target, listing);
	if (!branch) return undefined;
	const args: UseForkArguments = { uri: target.uri, packageName: target.packageName, section: target.section, url: url.trim(), branch: branch.name };
	const result = await next([args]) as UseForkResult | null | undefined;
	if (!result?.applied) {
		void vscode.window.showErrorMessage(result?.message ?? vscode.l10n.t('The fork could not be added.'));
	} else if (result.constraint) {
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} now requires "{1}" from the fork. Run composer update {0} to install it.', target.packageName, result.constraint));
	}
	return result ?? undefined;
}

/** The languageclient middleware for workspace/executeCommand: Commands.useFork without a fork goes through the conversation. */
export function forkCommandMiddleware(client: () => LanguageClient, output: vscode.LogOutputChannel) {
	return async (command: string, args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> => {
		if (command !== Commands.useFork) return next(command, args);
		const first = args[0] as Partial<UseForkArguments> | undefined;
		if (first?.url !== undefined && first.branch !== undefined) return next(command, args);
		try {
			return await useFork(client(), output, isTarget(first) ? first : undefined, (full) => next(command, full));
		} catch (error) {
			output.error(`[fork] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
			void vscode.window.showErrorMessage(vscode.l10n.t('Use a fork failed: {0}', error instanceof Error ? error.message : String(error)));
			return undefined;
		}
	};
}
