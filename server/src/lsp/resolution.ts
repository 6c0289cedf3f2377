// The resolution service's place in the LSP server: workspace trust (the server's one WorkspaceTrust), the
// per-document setting, re-validation of open documents when resolution progresses
// (debounced, so live diagnostics appear without an edit), progress, and the status request.
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { REPOSITORY_STATUS_REQUEST, type RepositoryStatusParams } from '../../../protocol/ext';
import type { ComposerLanguageService } from '../service/types';
import type { LiveResolution, ResolutionReport } from '../resolution/types';
import type { Timer } from './diagnostics';
import { ResolutionProgress } from './progress';
import { runSafe, runSafeAsync } from './runner';
import type { SettingsCache } from './settings';
import type { WorkspaceTrust } from './workspaceTrust';

/** Re-validation waits this long after the last resolution change, so a burst of finished loads costs one pass. */
export const REVALIDATE_DELAY_MS = 300;

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
	trust: WorkspaceTrust,
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

	trust.onDidChange((trusted) => {
		void runSafeAsync(connection.console, () => {
			// While untrusted our client answered `resolve.enable` off: ask for the settings again.
			settings.changed(undefined);
			resolution.setTrusted(trusted);
			revalidateAll();
		}, '[trust] resolution');
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
			// After trust.initialize(params): the resolution service starts untrusted, whatever the default.
			resolution.setTrusted(trust.isTrusted);
		},
	};
}
