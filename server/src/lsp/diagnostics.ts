// Debounced push diagnostics. Typing produces a burst of didChange; validating each version would waste
// work and, worse, could publish an old result after a newer one. Each document has a generation number:
// scheduling bumps it, and a finished validation is published only if its generation is still current and
// the document is still open at the version that was validated. A validation still running when a newer edit
// (or a settings change, or a close) arrives is stale: its signal is aborted so it can stop early.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatError } from './runner';

export interface Validator {
	/** Diagnostics for the document (an empty list when validation is off for it); `signal` aborts once the result is stale. */
	validate(document: TextDocument, signal: AbortSignal): Promise<Diagnostic[]>;
}

export interface Timer {
	setTimeout(callback: () => void, ms: number): { dispose(): void };
}

export const nodeTimer: Timer = {
	setTimeout(callback, ms) {
		const handle = setTimeout(callback, ms);
		return { dispose: () => clearTimeout(handle) };
	},
};

export class DiagnosticsScheduler {
	private readonly generations = new Map<string, number>();
	private readonly timers = new Map<string, { dispose(): void }>();
	/** Version a pending timer will validate. */
	private readonly pendingVersions = new Map<string, number>();
	/** The validation in flight per document. */
	private readonly running = new Map<string, AbortController>();
	/** Validations stopped because a newer edit, a settings change or a close made them stale. */
	cancelledCount = 0;

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
		private readonly validator: Validator,
		private readonly delayMs: number,
		private readonly timer: Timer = nodeTimer,
	) {}

	/** Validate `document` after the debounce delay; a later call for the same document supersedes this one. */
	schedule(document: TextDocument, delayMs: number = this.delayMs): void {
		const uri = document.uri;
		// TextDocuments fires didChangeContent right after didOpen for the same version: keep the immediate
		// open-time validation instead of postponing it by the debounce delay.
		if (this.timers.has(uri) && this.pendingVersions.get(uri) === document.version) {
			return;
		}
		const generation = this.bump(uri);
		this.cancelRunning(uri);
		this.timers.get(uri)?.dispose();
		this.pendingVersions.set(uri, document.version);
		this.timers.set(uri, this.timer.setTimeout(() => {
			this.timers.delete(uri);
			this.pendingVersions.delete(uri);
			void this.run(uri, generation);
		}, delayMs));
	}

	/** Revalidate every open document (settings changed). */
	scheduleAll(): void {
		for (const document of this.documents.all()) {
			this.schedule(document);
		}
	}

	/** The document closed: drop pending work and clear what was published. */
	clear(uri: string): void {
		this.bump(uri);
		this.cancelRunning(uri);
		this.timers.get(uri)?.dispose();
		this.timers.delete(uri);
		this.pendingVersions.delete(uri);
		// The generation counter stays: a validation still in flight from before the close must not match
		// a generation handed out after a reopen.
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	private cancelRunning(uri: string): void {
		const controller = this.running.get(uri);
		if (controller) {
			this.running.delete(uri);
			controller.abort();
			this.cancelledCount++;
		}
	}

	private bump(uri: string): number {
		const next = (this.generations.get(uri) ?? 0) + 1;
		this.generations.set(uri, next);
		return next;
	}

	private isCurrent(uri: string, generation: number, version: number): boolean {
		const document = this.documents.get(uri);
		return this.generations.get(uri) === generation && document !== undefined && document.version === version;
	}

	private async run(uri: string, generation: number): Promise<void> {
		const document = this.documents.get(uri);
		if (!document || this.generations.get(uri) !== generation) {
			return;
		}
		const version = document.version;
		let diagnostics: Diagnostic[];
		const started = Date.now();
		const controller = new AbortController();
		this.running.set(uri, controller);
		try {
			diagnostics = await this.validator.validate(document, controller.signal);
		} catch (error) {
			// A validator bug must not leave stale diagnostics up nor crash the server: log, publish nothing new.
			this.connection.console.error(formatError(`[diagnostics] validating ${uri} failed`, error));
			return;
		} finally {
			if (this.running.get(uri) === controller) {
				this.running.delete(uri);
			}
		}
		if (controller.signal.aborted || !this.isCurrent(uri, generation, version)) {
			this.connection.tracer.log(`[diagnostics] ${uri} v${version}: stale, dropped after ${Date.now() - started} ms`);
			return; // a newer edit, a settings change or a close superseded this result
		}
		this.connection.tracer.log(`[diagnostics] ${uri} v${version}: ${diagnostics.length} in ${Date.now() - started} ms`);
		await this.connection.sendDiagnostics({ uri, version, diagnostics });
	}
}
