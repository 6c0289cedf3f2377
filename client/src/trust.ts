// Workspace trust. In an untrusted workspace the server still validates text and local paths, but runs no
// processes and makes no network requests: resolution is off (the settings the server pulls say so, and the
// server hears `trusted: false` too), and the user is told once. When the user grants trust later, the server
// learns it from the trust notification (VS Code has no way to revoke trust without reloading the window).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from '../../protocol/ext';

/** workspaceState key: the untrusted-workspace message was shown in this workspace. */
const UNTRUSTED_NOTICE_SHOWN = 'composerRepositories.untrustedNoticeShown';

export function watchWorkspaceTrust(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
	return vscode.workspace.onDidGrantWorkspaceTrust(() => {
		output.info('Workspace trusted: enabling processes and network access in the language server.');
		// A stopped client reads isTrusted afresh in initializationOptions when it starts again.
		if (!client.isRunning()) {
			return;
		}
		const params: WorkspaceTrustParams = { trusted: true };
		client.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params).catch((error: unknown) => {
			output.warn(`Could not tell the language server about workspace trust: ${String(error)}`);
		});
	});
}

/** Says once per workspace that repositories are not resolved while it is untrusted, with a way to trust it. */
export async function noteUntrustedOnce(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
	if (vscode.workspace.isTrusted) {
		return;
	}
	output.info('Untrusted workspace: repositories are validated but not resolved (no process, no network request).');
	if (context.workspaceState.get<boolean>(UNTRUSTED_NOTICE_SHOWN)) {
		return;
	}
	await context.workspaceState.update(UNTRUSTED_NOTICE_SHOWN, true);
	const manage = vscode.l10n.t('Manage Workspace Trust');
	const choice = await vscode.window.showInformationMessage(
		vscode.l10n.t('Composer Repositories does not resolve repositories in this untrusted workspace: no versions, package names or repository status, and no process or network request. Validation still works.'),
		manage,
	);
	if (choice === manage) {
		await vscode.commands.executeCommand('workbench.trust.manage');
	}
}
