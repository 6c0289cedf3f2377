// Wires the Packagist auto-update feature into the extension: the credential store on SecretStorage, the view in
// the Explorer and the commands. The engine runs in the language server, reached through `server`.
import * as vscode from 'vscode';
import { checkStatus, forgetTokens, listWarnings, openHookSettings, openOnPackagist, refreshView, setHostToken, setPackagistToken, triggerUpdate, type HookFeature } from './commands';
import { HookCredentialStore } from './credentials';
import { HookCommands, HOOKS_VIEW } from './ids';
import type { SecretRedactor } from './redaction';
import type { HookServer } from './requests';
import { HookTreeProvider, type HookNode } from './view';

export function registerHooks(
	context: vscode.ExtensionContext, server: HookServer, redactor: SecretRedactor, output: vscode.LogOutputChannel,
): vscode.Disposable[] {
	const tree = new HookTreeProvider();
	const feature: HookFeature = { server, credentials: new HookCredentialStore(context.secrets, redactor), tree, output };
	return [
		vscode.window.createTreeView<HookNode>(HOOKS_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
		vscode.commands.registerCommand(HookCommands.checkStatus, (arg?: unknown) => checkStatus(feature, arg)),
		vscode.commands.registerCommand(HookCommands.listWarnings, () => listWarnings(feature)),
		vscode.commands.registerCommand(HookCommands.triggerUpdate, (arg?: unknown) => triggerUpdate(feature, arg)),
		vscode.commands.registerCommand(HookCommands.openOnPackagist, (node?: HookNode) => openOnPackagist(node)),
		vscode.commands.registerCommand(HookCommands.openHookSettings, (node?: HookNode) => openHookSettings(node)),
		vscode.commands.registerCommand(HookCommands.refresh, () => refreshView(feature)),
		vscode.commands.registerCommand(HookCommands.setPackagistToken, () => setPackagistToken(feature)),
		vscode.commands.registerCommand(HookCommands.setGitLabToken, () => setHostToken(feature, 'gitlab')),
		vscode.commands.registerCommand(HookCommands.setBitbucketToken, () => setHostToken(feature, 'bitbucket')),
		vscode.commands.registerCommand(HookCommands.forgetTokens, () => forgetTokens(feature)),
	];
}
