// Builds the LanguageClient: which server module to run, over which transport, for which documents.
import * as vscode from 'vscode';
import {
	LanguageClient,
	RevealOutputChannelOn,
	TransportKind,
	type LanguageClientOptions,
	type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, type InitializationOptions } from '../../protocol/ext';
import { forkCommandMiddleware } from './fork/useFork';

/** Only files named composer.json, on disk: path repositories and artifacts are resolved against the folder. */
export const DOCUMENT_SELECTOR = [{ scheme: 'file', pattern: '**/composer.json' }];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
	// The same bundled module serves every editor; `TransportKind.ipc` makes it pick `--node-ipc` from argv.
	const module = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: DOCUMENT_SELECTOR,
		outputChannel: output,
		// Diagnostics are the product; a server hiccup is logged, not pushed into the user's face.
		revealOutputChannelOn: RevealOutputChannelOn.Never,
		// A function, so a restart after the user trusts the workspace sends the current state.
		initializationOptions: (): InitializationOptions => ({
			locale: vscode.env.language,
			trusted: vscode.workspace.isTrusted,
		}),
		// "Use a fork…" is the server's command; the client adds the questions only VS Code can ask.
		middleware: { executeCommand: forkCommandMiddleware(() => client, output) },
	};
	const client = new LanguageClient(CLIENT_ID, vscode.l10n.t('Composer Repositories Language Server'), serverOptions, clientOptions);
	return client;
}
