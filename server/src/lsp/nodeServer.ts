// Starts the language server on Node over whatever transport the command line names (`--stdio` for most
// editors, `--node-ipc` from the VS Code client, `--socket=`/`--pipe=`). Shared by dist/server.js and
// `composer-repos lsp`, so both run exactly the same server.
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { configureL10n, serverLocale } from '../node/l10nSetup';
import { createNodeLanguageService } from '../node/languageService';
import { createNodeResolution } from '../resolution/nodeResolution';
import { formatError } from './runner';
import { startServer } from './server';
import { version } from '../../../package.json';

export const SERVER_NAME = 'composer-repositories';

function uriToPath(uri: string): string | undefined {
	if (!uri.startsWith('file:')) {
		return undefined;
	}
	try {
		return fileURLToPath(uri);
	} catch {
		return undefined;
	}
}

export function runNodeServer(): void {
	const connection = createConnection(ProposedFeatures.all);

	// With --stdio, stdout IS the protocol: a stray console.log from any module would corrupt it.
	console.log = connection.console.log.bind(connection.console);
	console.info = connection.console.info.bind(connection.console);
	console.warn = connection.console.warn.bind(connection.console);
	console.error = connection.console.error.bind(connection.console);
	console.debug = connection.console.log.bind(connection.console);

	// A bug in one handler must cost one answer, not the editor's language server.
	process.on('unhandledRejection', (reason) => connection.console.error(formatError('Unhandled rejection', reason)));
	process.on('uncaughtException', (error) => connection.console.error(formatError('Uncaught exception', error)));

	startServer(connection, {
		createLanguageService: (live) => createNodeLanguageService({ cacheFileSystem: true, live }),
		// Untrusted until `initialize` says otherwise: nothing can start before it anyway.
		createResolution: (log, trace) => createNodeResolution({ env: { ...process.env }, uriToPath, log, trace, trusted: false }),
		uriToPath,
		serverInfo: { name: SERVER_NAME, version },
		onInitialize(params) {
			const result = configureL10n(serverLocale(params.initializationOptions));
			if (result.problem) {
				connection.console.warn(`[l10n] falling back to English: ${result.problem}`);
			}
		},
	});
}
