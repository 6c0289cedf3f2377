// The LSP shell around the pure language service: capabilities, open documents, debounced push diagnostics,
// completion, hover and code actions, settings pulled per resource. Transport-agnostic: main.ts (and the CLI's
// `lsp` command) create the connection and the runtime; tests drive the built server over stdio.
import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	TextDocuments,
	TextDocumentSyncKind,
	type Connection,
	type InitializeParams,
	type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import type { ComposerLanguageService } from '../service/types';
import { DiagnosticsScheduler, nodeTimer, type Timer } from './diagnostics';
import { runSafe, runSafeAsync } from './runner';
import { SettingsCache } from './settings';
import { ServerCommands } from './commands';
import { registerForkCommands } from './forkCommands';
import type { ForkResolution } from '../node/forkResolution';
import { WorkspaceTrust } from './workspaceTrust';
import { registerHookRequests } from './hookRequests';

/** What the host (Node today) provides to the server. */
export interface ServerRuntime {
	/** Builds the pure language service, with file-system facts wired in by the host. */
	createLanguageService(): ComposerLanguageService;
	/** Absolute file-system path for a document URI; undefined for untitled or remote documents. */
	uriToPath(uri: string): string | undefined;
	/** Called first thing in `initialize`, e.g. to load the translation bundle for the client's locale. */
	onInitialize?(params: InitializeParams): void;
	/** Server name and version reported in `initialize`. */
	serverInfo?: { name: string; version?: string };
	/** Debounce delay before validating a changed document (default 200 ms; the first open validates at once). */
	validationDelayMs?: number;
	timer?: Timer;
	/** Reads forks' branches and packages' sources for "Use a fork…"; absent: those requests answer that it cannot. */
	forkResolution?: ForkResolution;
}

const DEFAULT_VALIDATION_DELAY_MS = 200;

/**
 * Only files named composer.json are ours. Editors that attach the server to every JSON file (Zed, Helix with
 * a shared JSON language) would otherwise see repositories diagnostics in package.json and friends.
 */
export function isComposerJsonUri(uri: string): boolean {
	const path = uri.split(/[?#]/)[0];
	const base = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
	return base.toLowerCase() === 'composer.json';
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
	const documents = new TextDocuments(TextDocument);
	const service = runtime.createLanguageService();
	let canPullConfiguration = false;
	let canRegisterConfigurationChange = false;
	const settings = new SettingsCache(connection, () => canPullConfiguration);
	const commands = new ServerCommands();
	const trust = new WorkspaceTrust();
	registerForkCommands({ connection, documents, service, commands, isTrusted: () => trust.isTrusted, resolution: runtime.forkResolution });

	const scheduler = new DiagnosticsScheduler(connection, documents, {
		async validate(document) {
			if (!isComposerJsonUri(document.uri)) {
				return [];
			}
			const { validate } = await settings.get(document.uri);
			if (!validate.enable) {
				return [];
			}
			return service.doValidation(document, runtime.uriToPath(document.uri));
		},
	}, runtime.validationDelayMs ?? DEFAULT_VALIDATION_DELAY_MS, runtime.timer ?? nodeTimer);

	connection.onInitialize((params): InitializeResult => {
		runtime.onInitialize?.(params);
		trust.initialize(params.initializationOptions);
		const workspace = params.capabilities.workspace;
		canPullConfiguration = workspace?.configuration === true;
		canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				// '/' re-opens folder completion in path/artifact URLs as the user types a separator.
				completionProvider: { triggerCharacters: ['"', ':', '/'], resolveProvider: false },
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
				executeCommandProvider: { commands: commands.names() },
			},
			serverInfo: runtime.serverInfo,
		};
	});

	connection.onInitialized(() => {
		if (canRegisterConfigurationChange) {
			// Pull clients send didChangeConfiguration only for sections a server registered for.
			void connection.client.register(DidChangeConfigurationNotification.type, { section: 'composerRepositories' })
				.catch((error: unknown) => connection.console.warn(`[settings] could not register for configuration changes: ${String(error)}`));
		}
	});

	connection.onDidChangeConfiguration((params) => {
		void runSafeAsync(connection.console, () => {
			settings.changed(params.settings);
			scheduler.scheduleAll();
		}, '[settings] didChangeConfiguration');
	});

	documents.onDidOpen((event) => scheduler.schedule(event.document, 0));
	documents.onDidChangeContent((event) => scheduler.schedule(event.document));
	documents.onDidClose((event) => {
		settings.forget(event.document.uri);
		scheduler.clear(event.document.uri);
	});

	const emptyCompletions: CompletionList = { isIncomplete: false, items: [] };

	connection.onCompletion((params, token) => runSafe(connection.console, async () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return emptyCompletions;
		}
		return service.doComplete(document, params.position, runtime.uriToPath(document.uri));
	}, emptyCompletions, `[completion] ${params.textDocument.uri}`, token));

	connection.onHover((params, token) => runSafe(connection.console, async () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return null;
		}
		return service.doHover(document, params.position);
	}, null, `[hover] ${params.textDocument.uri}`, token));

	connection.onCodeAction((params, token) => runSafe(connection.console, () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return [];
		}
		return service.getCodeActions(document, params.range, params.context);
	}, [], `[codeAction] ${params.textDocument.uri}`, token));

	trust.listen(connection);
	commands.listen(connection);
	registerHookRequests(connection, runtime);
	documents.listen(connection);
	connection.listen();
}
