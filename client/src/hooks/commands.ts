// The Packagist auto-update commands: check the hook status of the open composer.json (or a named package),
// list a vendor's or a maintainer's sync warnings, trigger a manual update (after a warning when no working
// hook was found), and keep the tokens they use in SecretStorage. The work runs in the language server; these
// handlers ask, show progress (cancellable), and present the result. Nothing runs in an untrusted workspace.
import * as vscode from 'vscode';
import type { HookCredentials, HookReport } from '../../../protocol/hooks';
import type { HookCredentialStore } from './credentials';
import { HOOKS_VIEW, SecretKeys } from './ids';
import { requestStatus, requestUpdate, requestWarnings, type HookServer } from './requests';
import { readHookSettings } from './settings';
import { statusLabel, type HookNode, type HookTreeProvider } from './view';

export interface HookFeature {
	server: HookServer;
	credentials: HookCredentialStore;
	tree: HookTreeProvider;
	output: vscode.LogOutputChannel;
}

type StatusTarget = { uri: string; package?: undefined } | { package: string; uri?: undefined };

/**
 * Composer's package-name pattern without its nested quantifiers (every repetition starts with its separator, so
 * there is one way to read a name: no exponential backtracking on a long one), accepting the same names.
 */
const PACKAGE_NAME = /^[a-z0-9]+(?:[_.-][a-z0-9]+)*\/[a-z0-9]+(?:(?:[_.]|--?)[a-z0-9]+)*$/;

/** True (after telling the user) when the workspace is not trusted: these commands make network requests and run git. */
export function refuseUntrusted(): boolean {
	if (vscode.workspace.isTrusted) {
		return false;
	}
	void vscode.window.showWarningMessage(vscode.l10n.t('Packagist checks make network requests and run git, which an untrusted workspace does not allow. Trust the workspace (Manage Workspace Trust) to use them.'));
	return true;
}

function isCancellation(error: unknown, token: vscode.CancellationToken | undefined): boolean {
	return token?.isCancellationRequested === true || (error as { code?: unknown } | null)?.code === -32800;
}

/** Runs `work` under a cancellable progress notification; failures are shown, cancellation is quiet. */
async function withProgress<T>(
	feature: HookFeature, title: string,
	work: (token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
): Promise<T | undefined> {
	let seen: vscode.CancellationToken | undefined;
	try {
		return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
			seen = token;
			return work(token, progress);
		});
	} catch (error) {
		if (isCancellation(error, seen)) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Cancelled.'));
			return undefined;
		}
		const message = error instanceof Error ? error.message : String(error);
		feature.output.error(`[hooks] ${title} ${message}`);
		void vscode.window.showErrorMessage(vscode.l10n.t('The Packagist request failed: {0}', message));
		return undefined;
	}
}

function askPackage(value?: string): Thenable<string | undefined> {
	return vscode.window.showInputBox({
		title: vscode.l10n.t('Packagist package'),
		prompt: vscode.l10n.t('The package name (vendor/name)'),
		value,
		validateInput: (v) => (PACKAGE_NAME.test(v.trim().toLowerCase()) ? undefined : vscode.l10n.t('Use the form vendor/name.')),
	}).then((v) => v?.trim().toLowerCase());
}

function isComposerJson(uri: vscode.Uri): boolean {
	return uri.scheme === 'file' && /(^|\/)composer\.json$/i.test(uri.path);
}

async function statusTarget(arg: unknown): Promise<StatusTarget | undefined> {
	if (arg && typeof arg === 'object' && (arg as HookNode).kind === 'package') {
		return { package: (arg as Extract<HookNode, { kind: 'package' }>).report.package };
	}
	if (typeof arg === 'string' && arg !== '') {
		return { package: arg };
	}
	if (arg instanceof vscode.Uri && isComposerJson(arg)) {
		return { uri: arg.toString() };
	}
	const active = vscode.window.activeTextEditor?.document.uri;
	if (active && isComposerJson(active)) {
		return { uri: active.toString() };
	}
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const candidate = vscode.Uri.joinPath(folder.uri, 'composer.json');
		try {
			await vscode.workspace.fs.stat(candidate);
			return { uri: candidate.toString() };
		} catch {
			// no composer.json at this folder's root
		}
	}
	const name = await askPackage();
	return name ? { package: name } : undefined;
}

async function openLink(link: string | null | undefined): Promise<void> {
	if (link) {
		await vscode.env.openExternal(vscode.Uri.parse(link));
	}
}

function reveal(): void {
	void vscode.commands.executeCommand(`${HOOKS_VIEW}.focus`);
}

function hookNeedsSignIn(report: HookReport, credentials: HookCredentials): boolean {
	const hook = report.signals.find((s) => s.kind === 'hook');
	return report.host === 'github' && hook?.status === 'unknown' && !credentials.github && !credentials.githubEnterprise;
}

async function present(feature: HookFeature, report: HookReport, credentials: HookCredentials, target: StatusTarget): Promise<void> {
	const text = vscode.l10n.t('{0} — verdict: {1}. {2}', report.package, statusLabel(report.verdict), report.advice);
	const openButton = vscode.l10n.t('Open Link');
	const signIn = vscode.l10n.t('Sign in to GitHub');
	const buttons = [...(report.link ? [openButton] : []), ...(hookNeedsSignIn(report, credentials) ? [signIn] : [])];
	const show = report.verdict === 'problem' ? vscode.window.showErrorMessage : report.verdict === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
	const choice = await show(text, ...buttons);
	if (choice === openButton) {
		await openLink(report.link);
	} else if (choice === signIn) {
		await checkStatus(feature, target.package ?? vscode.Uri.parse(target.uri!), { interactiveGitHub: true });
	}
}

export async function checkStatus(feature: HookFeature, arg?: unknown, options: { interactiveGitHub?: boolean } = {}): Promise<HookReport | undefined> {
	if (refuseUntrusted()) {
		return undefined;
	}
	const target = await statusTarget(arg);
	if (!target) {
		return undefined;
	}
	const settings = readHookSettings();
	const credentials = await feature.credentials.forCheck({
		enterprise: settings.githubEnterpriseUrl !== undefined, interactiveGitHub: options.interactiveGitHub,
	});
	const label = target.package ?? vscode.Uri.parse(target.uri!).fsPath;
	const report = await withProgress(feature, vscode.l10n.t('Checking the Packagist hook of {0}…', label), (token) =>
		requestStatus(feature.server, { ...target, settings, credentials }, token));
	if (!report) {
		return undefined;
	}
	feature.tree.source = { kind: 'status', ...target };
	feature.tree.show([report], 'merge');
	reveal();
	void present(feature, report, credentials, target);
	return report;
}

async function askWhose(): Promise<{ vendor?: string; user?: string } | undefined> {
	const vendor = vscode.l10n.t('A vendor');
	const user = vscode.l10n.t('A Packagist user (maintainer)');
	const pick = await vscode.window.showQuickPick([vendor, user], { title: vscode.l10n.t('Whose packages?') });
	if (!pick) {
		return undefined;
	}
	const value = await vscode.window.showInputBox({
		title: pick,
		prompt: pick === vendor ? vscode.l10n.t('Vendor name, e.g. acme') : vscode.l10n.t('Packagist user name'),
		validateInput: (v) => (/^[\w.-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, ".", "_" and "-" only.')),
	});
	if (!value) {
		return undefined;
	}
	return pick === vendor ? { vendor: value.trim().toLowerCase() } : { user: value.trim() };
}

export async function listWarnings(feature: HookFeature, query?: { vendor?: string; user?: string }, refresh = false): Promise<HookReport[] | undefined> {
	if (refuseUntrusted()) {
		return undefined;
	}
	const whose = query ?? await askWhose();
	if (!whose) {
		return undefined;
	}
	const settings = readHookSettings();
	const credentials = await feature.credentials.forCheck({ enterprise: settings.githubEnterpriseUrl !== undefined });
	const progressId = `warnings-${Date.now()}-${Math.random().toString(36).slice(2)}`;
	const title = whose.vendor ? vscode.l10n.t('Checking the packages of vendor {0}…', whose.vendor) : vscode.l10n.t('Checking the packages of {0}…', whose.user ?? '');
	const result = await withProgress(feature, title, (token, progress) => {
		let reported = 0;
		return requestWarnings(feature.server, { ...whose, refresh, progressId, settings, credentials }, token, (p) => {
			const percent = p.total > 0 ? (p.done / p.total) * 100 : 100;
			progress.report({ message: `${p.done}/${p.total}${p.package ? ` · ${p.package}` : ''}`, increment: percent - reported });
			reported = percent;
		});
	});
	if (!result) {
		return undefined;
	}
	feature.tree.source = { kind: 'warnings', ...whose };
	feature.tree.show(result.packages, 'replace');
	reveal();
	const count = (v: string): number => result.packages.filter((p) => p.verdict === v && !p.skipped).length;
	void vscode.window.showInformationMessage(vscode.l10n.t('{0} packages: {1} with problems, {2} with warnings, {3} ok.', String(result.packages.length), String(count('problem')), String(count('warning')), String(count('ok'))));
	return result.packages;
}

export async function refreshView(feature: HookFeature): Promise<void> {
	const source = feature.tree.source;
	if (!source) {
		await checkStatus(feature);
	} else if (source.kind === 'warnings') {
		await listWarnings(feature, { vendor: source.vendor, user: source.user }, true);
	} else {
		await checkStatus(feature, source.package ?? (source.uri ? vscode.Uri.parse(source.uri) : undefined));
	}
}

/** The package name of the active composer.json, if any (the default of the update prompt). */
function activePackageName(): string | undefined {
	const doc = vscode.window.activeTextEditor?.document;
	if (!doc || !isComposerJson(doc.uri)) {
		return undefined;
	}
	try {
		const name = (JSON.parse(doc.getText()) as { name?: unknown }).name;
		return typeof name === 'string' ? name.toLowerCase() : undefined;
	} catch {
		return undefined;
	}
}

export async function triggerUpdate(feature: HookFeature, arg?: unknown): Promise<void> {
	if (refuseUntrusted()) {
		return;
	}
	const name = arg && typeof arg === 'object' && (arg as HookNode).kind === 'package'
		? (arg as Extract<HookNode, { kind: 'package' }>).report.package
		: typeof arg === 'string' ? arg : await askPackage(activePackageName());
	if (!name) {
		return;
	}
	let packagist = await feature.credentials.packagist();
	if (!packagist) {
		const set = vscode.l10n.t('Set Packagist API Token');
		if (await vscode.window.showWarningMessage(vscode.l10n.t('A manual update needs your Packagist user name and API token.'), set) !== set) {
			return;
		}
		await setPackagistToken(feature);
		packagist = await feature.credentials.packagist();
		if (!packagist) {
			return;
		}
	}
	const settings = readHookSettings();
	const credentials = await feature.credentials.forCheck({ enterprise: settings.githubEnterpriseUrl !== undefined });
	const report = await withProgress(feature, vscode.l10n.t('Checking the Packagist hook of {0}…', name), (token) =>
		requestStatus(feature.server, { package: name, settings, credentials }, token));
	if (!report) {
		return;
	}
	feature.tree.show([report], 'merge');
	const hook = report.signals.find((s) => s.kind === 'hook');
	if (hook?.status !== 'ok') {
		const proceed = vscode.l10n.t('Update Anyway');
		const answer = await vscode.window.showWarningMessage(
			vscode.l10n.t('No working Packagist hook was found for {0}.', name),
			{ modal: true, detail: `${hook?.detail ?? ''}\n\n${vscode.l10n.t('A manual update makes the package page say "auto-updated" and so hides the missing hook. Fix the hook first if you can.')}` },
			proceed,
		);
		if (answer !== proceed) {
			return;
		}
	}
	const result = await withProgress(feature, vscode.l10n.t('Updating {0} on Packagist…', name), (token) =>
		requestUpdate(feature.server, { package: name, settings, credentials: { packagist } }, token));
	if (!result) {
		return;
	}
	if (result.details) {
		feature.output.info(`[hooks] ${result.package} ${result.status}: ${result.message}\n${result.details}`);
	}
	if (result.status === 'completed') {
		void vscode.window.showInformationMessage(vscode.l10n.t('Packagist updated {0}: {1}', name, result.message));
		return;
	}
	const details = vscode.l10n.t('Show Details');
	if (await vscode.window.showErrorMessage(vscode.l10n.t('The Packagist update of {0} did not complete ({1}): {2}', name, result.status, result.message), ...(result.details ? [details] : [])) === details) {
		feature.output.show(true);
	}
}

export async function setPackagistToken(feature: HookFeature): Promise<void> {
	const username = await vscode.window.showInputBox({
		title: vscode.l10n.t('Packagist user name'),
		prompt: vscode.l10n.t('Your Packagist user name (the API token belongs to it)'),
		ignoreFocusOut: true,
		validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Required.') : undefined),
	});
	if (!username) {
		return;
	}
	const token = await vscode.window.showInputBox({
		title: vscode.l10n.t('Packagist API token'),
		prompt: vscode.l10n.t('Your safe (or main) API token from your Packagist profile. It is kept in VS Code\'s secret storage.'),
		password: true,
		ignoreFocusOut: true,
		validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Required.') : undefined),
	});
	if (!token) {
		return;
	}
	await feature.credentials.store(SecretKeys.packagistUsername, username.trim());
	await feature.credentials.store(SecretKeys.packagistToken, token.trim());
	void vscode.window.showInformationMessage(vscode.l10n.t('The Packagist API token is stored.'));
}

export async function setHostToken(feature: HookFeature, host: 'gitlab' | 'bitbucket'): Promise<void> {
	const token = await vscode.window.showInputBox({
		title: host === 'gitlab' ? vscode.l10n.t('GitLab token') : vscode.l10n.t('Bitbucket token'),
		prompt: host === 'gitlab'
			? vscode.l10n.t('A GitLab access token of a project Maintainer, with the read_api scope.')
			: vscode.l10n.t('A Bitbucket access token with webhook read scope, or EMAIL:API_TOKEN.'),
		password: true,
		ignoreFocusOut: true,
		validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Required.') : undefined),
	});
	if (!token) {
		return;
	}
	await feature.credentials.store(host === 'gitlab' ? SecretKeys.gitlab : SecretKeys.bitbucket, token.trim());
	void vscode.window.showInformationMessage(host === 'gitlab' ? vscode.l10n.t('The GitLab token is stored.') : vscode.l10n.t('The Bitbucket token is stored.'));
}

export async function forgetTokens(feature: HookFeature): Promise<void> {
	await feature.credentials.forget();
	void vscode.window.showInformationMessage(vscode.l10n.t('The stored Packagist, GitLab and Bitbucket tokens were deleted.'));
}

export async function openOnPackagist(node?: HookNode): Promise<void> {
	if (node?.kind === 'package') {
		await openLink(node.report.packagistUrl);
	}
}

export async function openHookSettings(node?: HookNode): Promise<void> {
	if (node?.kind === 'package') {
		await openLink(node.report.hookSettingsUrl);
	}
}
