// The resolution service's place in the LSP server: workspace trust (initializationOptions and the trust
// notification), the per-document setting, re-validation of open documents when resolution progresses
// (debounced, so live diagnostics appear without an edit), progress, and the status request.
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { REPOSITORY_STATUS_REQUEST, WORKSPACE_TRUST_NOTIFICATION, type RepositoryStatusParams, type WorkspaceTrustParams } from '../../../protocol/ext';
import type { ComposerLanguageService } from '../service/types';
import type { LiveResolution, ResolutionReport } from '../resolution/types';
import type { Timer } from './diagnostics';
import { ResolutionProgress } from './progress';
import { runSafe, runSafeAsync } from './runner';
import type { SettingsCache } from './settings';

/** Re-validation waits this long after the last resolution change, so a burst of finished loads costs one pass. */
export const REVALIDATE_DELAY_MS = 300;

/**
 * `trusted` from initializationOptions. A client that says nothing (a standalone server in another editor)
 * is trusted: the user started the server on their own files.
 */
export function initialTrust(params: InitializeParams): boolean {
	const options = params.initializationOptions as { trusted?: unknown } | null | undefined;
	return !(options && typeof options === 'object' && options.trusted === false);
}

export interface ResolutionWiring {
	/**
	 * Before any service call on `document`: applies its setting. Validation (debounced) also hands the current
	 * model to resolution, which starts what it needs and asks for the required names.
	 */
	prepare(document: TextDocument, validating: boolean): Promise<void>;
	closed(uri: string): void;
	initialize(params: InitializeParams): void;
}

export function wireResolution(
	connection: Connection,
	documents: TextDocuments<TextDocument>,
	resolution: LiveResolution,
	service: ComposerLanguageService,
	settings: SettingsCache,
	revalidateAll: () => void,
	timer: Timer,
	isOurs: (uri: string) => boolean,
): ResolutionWiring {
	let progressSupported = false;
	const progress = new ResolutionProgress(connection, () => progressSupported, () => resolution.cancelRound(), timer);
	resolution.onActivity((activity) => progress.update(activity));

	let pending: { dispose(): void } | undefined;
	resolution.onDidChange(() => {
		pending?.dispose();
		pending = timer.setTimeout(() => {
			pending = undefined;
			revalidateAll();
		}, REVALIDATE_DELAY_MS);
	});

	// Shutdown ends every load: sockets close and VCS processes are killed before the editor's `exit`.
	connection.onShutdown(() => resolution.dispose());

	connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams) => {
		void runSafeAsync(connection.console, () => {
			// VS Code can only grant trust while running; revoking it reloads the window.
			if (params?.trusted === true) {
				// The client answered `resolve.enable` off while untrusted: ask for the settings again.
				settings.changed(undefined);
				resolution.setTrusted(true);
				revalidateAll();
			}
		}, '[trust] didChangeWorkspaceTrust');
	});

	const emptyReport: ResolutionReport = { enabled: false, trusted: false, pending: false, repositories: [], platform: [], lookups: [] };
	const prepare = async (document: TextDocument, validating: boolean): Promise<void> => {
		if (!isOurs(document.uri)) {
			return;
		}
		const { resolve } = await settings.get(document.uri);
		resolution.setEnabled(document.uri, resolve.enable);
		if (validating) {
			resolution.update(document.uri, service.getDocumentModel(document));
		}
	};
	connection.onRequest(REPOSITORY_STATUS_REQUEST, (params: RepositoryStatusParams, token) => runSafe(connection.console, async () => {
		const document = documents.get(params.uri);
		if (!document || !isOurs(document.uri)) {
			return { ...emptyReport, trusted: resolution.trusted };
		}
		await prepare(document, false);
		return resolution.report(document.uri, service.getDocumentModel(document), (params.names ?? []).map(String), typeof params.query === 'string' ? params.query : undefined, params.memory === true);
	}, emptyReport, `[status] ${params?.uri}`, token));

	return {
		prepare,
		closed: (uri) => resolution.close(uri),
		initialize(params) {
			progressSupported = params.capabilities.window?.workDoneProgress === true;
			resolution.setTrusted(initialTrust(params));
		},
	};
}
