// Entry point of the VS Code extension (bundled to dist/extension.js): starts the language server for
// composer.json files and wires the commands, the output channel and workspace trust around it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands, showErrorWithOutput } from './commands';
import { registerHooks } from './hooks';
import { redactingLogChannel, SecretRedactor } from './hooks/redaction';
import { createLanguageClient } from './languageClient';
import { OUTPUT_CHANNEL_NAME } from '../../protocol/ext';
import { noteUntrustedOnce, watchWorkspaceTrust } from './trust';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	// Tokens the Packagist commands send to the server never reach this log, protocol traces included.
	const redactor = new SecretRedactor();
	const output = redactingLogChannel(vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true }), redactor);
	client = createLanguageClient(context, output);
	context.subscriptions.push(
		output, ...registerCommands(client, output), watchWorkspaceTrust(client, output), ...registerHooks(context, client, redactor, output),
	);
	output.info(`Starting the language server (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'}, locale ${vscode.env.language}).`);
	void noteUntrustedOnce(context, output);
	try {
		await client.start();
	} catch (error) {
		// Activation must not fail: the commands stay available, so the user can read the log and restart.
		const reason = error instanceof Error ? error.message : String(error);
		output.error(`The language server did not start: ${reason}`);
		void showErrorWithOutput(vscode.l10n.t('The Composer Repositories language server could not start: {0}', reason), output);
	}
}

export async function deactivate(): Promise<void> {
	const current = client;
	client = undefined;
	if (current?.isRunning()) {
		await current.stop();
	}
}
