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
import { withoutResolutionWhenUntrusted } from './untrustedSettings';

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
		middleware: {
			workspace: {
				// The server pulls settings per document; in an untrusted workspace resolution is answered "off".
				configuration: async (params, token, next) =>
					withoutResolutionWhenUntrusted(params.items, await next(params, token), vscode.workspace.isTrusted),
			},
		},
	};
	return new LanguageClient(CLIENT_ID, vscode.l10n.t('Composer Repositories Language Server'), serverOptions, clientOptions);
}
