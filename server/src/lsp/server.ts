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
import type { LiveResolution } from '../resolution/types';
import type { RepositoryDataProvider } from '../service/liveData';
import type { ComposerLanguageService } from '../service/types';
import { DiagnosticsScheduler, nodeTimer, type Timer } from './diagnostics';
import { wireResolution, type ResolutionWiring } from './resolution';
import { runSafe, runSafeAsync } from './runner';
import { SettingsCache } from './settings';
import { registerHookRequests } from './hookRequests';
import { WorkspaceTrust } from './workspaceTrust';

/** What the host (Node today) provides to the server. */
export interface ServerRuntime {
	/** Builds the pure language service, with file-system facts wired in by the host and `live` as its live data. */
	createLanguageService(live?: RepositoryDataProvider): ComposerLanguageService;
	/**
	 * Creates the resolution service (untrusted until `initialize` says otherwise). Absent: no live data.
	 * `log` goes to the client's output channel, `trace` to the protocol trace.
	 */
	createResolution?(log: (line: string) => void, trace: (line: string) => void): LiveResolution;
	/** Absolute file-system path for a document URI; undefined for untitled or remote documents. */
	uriToPath(uri: string): string | undefined;
	/** Called first thing in `initialize`, e.g. to load the translation bundle for the client's locale. */
	onInitialize?(params: InitializeParams): void;
	/** Server name and version reported in `initialize`. */
	serverInfo?: { name: string; version?: string };
	/** Debounce delay before validating a changed document (default 200 ms; the first open validates at once). */
	validationDelayMs?: number;
	timer?: Timer;
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
	// The one place the resolution service is created; the language service reads it as its live data.
	const resolution = runtime.createResolution?.((line) => connection.console.log(line), (line) => connection.tracer.log(line));
	const service = runtime.createLanguageService(resolution);
	let canPullConfiguration = false;
	let canRegisterConfigurationChange = false;
	const settings = new SettingsCache(connection, () => canPullConfiguration);
	const timer = runtime.timer ?? nodeTimer;
	let live: ResolutionWiring | undefined;
	const prepare = (document: TextDocument, validating = false) => live?.prepare(document, validating);
	// One trust for everything that may start a process or reach the network (hook requests, resolution).
	const trust = new WorkspaceTrust();
	trust.listen(connection);

	const scheduler = new DiagnosticsScheduler(connection, documents, {
		async validate(document, signal) {
			if (!isComposerJsonUri(document.uri)) {
				return [];
			}
			await prepare(document, true);
			const { validate } = await settings.get(document.uri);
			if (!validate.enable) {
				return [];
			}
			if (signal.aborted) {
				return []; // a newer edit arrived while the settings were asked for: not worth validating
			}
			return service.doValidation(document, runtime.uriToPath(document.uri));
		},
	}, runtime.validationDelayMs ?? DEFAULT_VALIDATION_DELAY_MS, timer);
	if (resolution) {
		live = wireResolution(connection, documents, resolution, service, settings, trust, () => scheduler.scheduleAll(), timer, isComposerJsonUri);
	}

	connection.onInitialize((params): InitializeResult => {
		runtime.onInitialize?.(params);
		trust.initialize(params);
		live?.initialize(params);
		const workspace = params.capabilities.workspace;
		canPullConfiguration = workspace?.configuration === true;
		canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				// '/' re-opens folder completion in path/artifact URLs and package names at the vendor separator;
				// ' ', '|', ',' and '@' start the next part of a version constraint (`^1.0 || ^2.0`, `1.0@dev`).
				completionProvider: { triggerCharacters: ['"', ':', '/', ' ', '|', ',', '@'], resolveProvider: false },
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
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
		live?.closed(event.document.uri);
		settings.forget(event.document.uri);
		scheduler.clear(event.document.uri);
	});

	const emptyCompletions: CompletionList = { isIncomplete: false, items: [] };

	connection.onCompletion((params, token) => runSafe(connection.console, async () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return emptyCompletions;
		}
		await prepare(document);
		return service.doComplete(document, params.position, runtime.uriToPath(document.uri));
	}, emptyCompletions, `[completion] ${params.textDocument.uri}`, token));

	connection.onHover((params, token) => runSafe(connection.console, async () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return null;
		}
		await prepare(document);
		return service.doHover(document, params.position);
	}, null, `[hover] ${params.textDocument.uri}`, token));

	connection.onCodeAction((params, token) => runSafe(connection.console, () => {
		const document = documents.get(params.textDocument.uri);
		if (!document || !isComposerJsonUri(document.uri)) {
			return [];
		}
		return service.getCodeActions(document, params.range, params.context);
	}, [], `[codeAction] ${params.textDocument.uri}`, token));

	registerHookRequests(connection, runtime, trust);
	documents.listen(connection);
	connection.listen();
}
