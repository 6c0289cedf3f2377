// The extension's commands. Each one reports failures to the user instead of throwing into VS Code.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../protocol/ext';

export function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable[] {
	return [
		vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
		vscode.commands.registerCommand(Commands.restartServer, () => restartServer(client, output)),
	];
}

export async function restartServer(client: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
	try {
		// A server that failed to start is not running: start it rather than stop-then-start.
		if (client.isRunning()) {
			await client.restart();
		} else {
			await client.start();
		}
		output.info('Language server restarted.');
		void vscode.window.showInformationMessage(vscode.l10n.t('The Composer Repositories language server restarted.'));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		output.error(`Restarting the language server failed: ${reason}`);
		await showErrorWithOutput(vscode.l10n.t('Could not restart the Composer Repositories language server: {0}', reason), output);
	}
}

export async function showErrorWithOutput(message: string, output: vscode.LogOutputChannel): Promise<void> {
	const showOutput = vscode.l10n.t('Show Output');
	if (await vscode.window.showErrorMessage(message, showOutput) === showOutput) {
		output.show(true);
	}
}
