// Workspace trust. In an untrusted workspace the server still validates text and local paths, but runs no
// processes and makes no network requests; it learns the state from initializationOptions and, when the user
// grants trust later, from this notification (VS Code has no way to revoke trust without reloading the window).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from '../../protocol/ext';

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
