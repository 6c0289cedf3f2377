// The long-lived, per-workspace resolution service of the language server. Each open composer.json's
// repositories are resolved in the background (bounded concurrency, one load per repository however many
// documents list it), keyed by their definition so an edit re-resolves only the repositories it changed;
// a repository no document lists any more is cancelled. Results are served from memory while fresh and
// revalidated in the background after that. Nothing here waits on the network or a process: questions are
// answered with what is known, and listeners hear when more is known.
import * as l10n from '@vscode/l10n';
import type { ComposerDocument } from '../model/composerDocument';
import { redact } from '../net/credentials';
import { prepareRepository } from '../resolvers/repositorySet';
import type { ResolveContext } from '../resolvers/types';
import type { PlatformPackage, RepositorySnapshot } from '../service/liveData';
import { readDocumentRepositories, type DocumentRepositories } from './documentRepositories';
import { RepositoryRecord, type RecordDeps } from './repositoryRecord';
import { LiveSnapshot, skippedSnapshot, type PlatformState, type SnapshotEntry } from './snapshot';
import type { Activity, Disposable, LiveResolution, ResolutionHost, ResolutionOptions, ResolutionReport } from './types';
import { WorkQueue } from './workQueue';

const MINUTE = 60_000;

interface DocumentState {
	readonly document: ComposerDocument;
	readonly file: string;
	readonly repositories: DocumentRepositories;
	/** Empty while the workspace is untrusted (no record is created, so nothing can start). */
	readonly entries: readonly SnapshotEntry[];
}

/** The global config is read again at most this often (every edit rebuilds a document's list). */
const GLOBAL_CONFIG_TTL_MS = 2000;

export class ResolutionService implements LiveResolution {
	private trustedState: boolean;
	private readonly documents = new Map<string, DocumentState>();
	private readonly disabled = new Set<string>();
	private readonly records = new Map<string, RepositoryRecord>();
	/** Records no document lists, kept (least recently released first) so an undo finds its data. */
	private readonly retained = new Map<string, RepositoryRecord>();
	private readonly contexts = new Map<string, ResolveContext>();
	private readonly queue: WorkQueue;
	private readonly deps: RecordDeps;
	private readonly changeListeners = new Set<() => void>();
	private readonly lifetime = new AbortController();
	private platformState: { loading: boolean; packages: readonly PlatformPackage[]; started: boolean } = { loading: false, packages: [], started: false };
	private globalConfig?: { at: number; value: { file: string; text: string } | undefined };
	private readonly now: () => number;
	/** Bumped whenever something known changes; a document's required names are asked again only then. */
	private generation = 0;
	private readonly prefetched = new WeakMap<DocumentState, number>();

	constructor(private readonly host: ResolutionHost, trusted: boolean, private readonly options: ResolutionOptions = {}) {
		this.trustedState = trusted;
		this.now = host.now ?? Date.now;
		this.queue = new WorkQueue(Math.max(1, options.concurrency ?? 4));
		this.deps = {
			registry: host.registry,
			queue: this.queue,
			now: this.now,
			changed: () => this.emitChange(),
			log: (line) => host.log(redact(line)),
			freshMs: options.freshMs ?? 10 * MINUTE,
			loadTimeoutMs: options.loadTimeoutMs ?? 10 * MINUTE,
			maxLazyNames: options.maxLazyNames ?? 5000,
		};
	}

	get trusted(): boolean {
		return this.trustedState;
	}

	setTrusted(trusted: boolean): void {
		if (trusted === this.trustedState) {
			return;
		}
		this.trustedState = trusted;
		this.host.log(`[resolve] workspace ${trusted ? 'trusted: resolution starts' : 'untrusted: resolution stops'}`);
		// Every document's list is rebuilt under the new state (records are created only when trusted).
		for (const [uri, state] of [...this.documents]) {
			this.release(uri);
			this.update(uri, state.document);
		}
		this.emitChange();
	}

	setEnabled(uri: string, enabled: boolean): void {
		if (enabled) {
			this.disabled.delete(uri);
		} else if (!this.disabled.has(uri)) {
			this.disabled.add(uri);
			this.release(uri);
		}
	}

	update(uri: string, document: ComposerDocument): void {
		const state = this.sync(uri, document);
		if (state) {
			this.prefetch(state);
		}
	}

	/** Brings the document's list up to date and starts its loads; returns its state (undefined: nothing to resolve). */
	private sync(uri: string, document: ComposerDocument): DocumentState | undefined {
		if (this.disabled.has(uri) || this.lifetime.signal.aborted) {
			return undefined;
		}
		const previous = this.documents.get(uri);
		if (previous?.document === document) {
			this.refresh(previous);
			return previous;
		}
		const file = this.host.uriToPath(uri);
		if (file === undefined) {
			return undefined;
		}
		// While the text does not parse (the user is typing), the last list that did stays: breaking the JSON
		// for a moment must not cancel and restart every repository.
		if (previous && (previous.document.text === document.text || document.syntaxErrors.length > 0 || document.rootObject === undefined)) {
			const kept = { ...previous, document };
			this.documents.set(uri, kept);
			this.refresh(kept);
			return kept;
		}
		const repositories = readDocumentRepositories(document, file, this.readGlobalConfig());
		const entries = this.trustedState ? this.attach(uri, file, repositories) : [];
		if (previous) {
			this.detach(uri, previous.entries, new Set(entries.map((e) => e.record)));
		}
		const state: DocumentState = { document, file, repositories, entries };
		this.documents.set(uri, state);
		this.refresh(state);
		return state;
	}

	snapshot(document: ComposerDocument, documentUri: string): RepositorySnapshot | undefined {
		// A snapshot does not ask for the required names (update does, from validation, debounced): a
		// keystroke in a `require` key must not send a request for every prefix typed.
		const state = this.sync(documentUri, document);
		if (!state) {
			return undefined;
		}
		if (!this.trustedState) {
			return skippedSnapshot(state.repositories.entries.map((e) => e.definition), l10n.t('Not resolved: the workspace is not trusted, so no repository is contacted.'));
		}
		return new LiveSnapshot(state.entries, () => this.platform());
	}

	report(uri: string, document: ComposerDocument, names: readonly string[], query?: string, withMemory = false): ResolutionReport {
		const snapshot = this.snapshot(document, uri);
		if (!snapshot) {
			return { enabled: false, trusted: this.trustedState, pending: false, repositories: [], platform: [], lookups: [] };
		}
		const lookups = names.map((name) => ({ name, lookup: snapshot.lookup(name) }));
		const found = query !== undefined ? snapshot.searchNames(query, 20).map((m) => ({ name: m.name, repository: m.repository })) : undefined;
		const memory = withMemory ? this.host.memory?.() : undefined;
		return {
			enabled: true, trusted: this.trustedState, pending: snapshot.pending, repositories: snapshot.repositories, platform: snapshot.platform, lookups,
			...(found ? { names: found } : {}),
			...(memory ? { memory } : {}),
		};
	}

	close(uri: string): void {
		this.release(uri);
		this.disabled.delete(uri);
	}

	cancelRound(): void {
		this.host.log('[resolve] cancelled by the user');
		this.queue.cancelRound();
	}

	onDidChange(listener: () => void): Disposable {
		this.changeListeners.add(listener);
		return { dispose: () => this.changeListeners.delete(listener) };
	}

	onActivity(listener: (activity: Activity) => void): Disposable {
		return this.queue.onActivity(listener);
	}

	dispose(): void {
		this.lifetime.abort();
		for (const record of [...this.records.values(), ...this.retained.values()]) {
			record.dispose();
		}
		this.records.clear();
		this.retained.clear();
		this.documents.clear();
		this.changeListeners.clear();
	}

	private emitChange(): void {
		this.generation++;
		for (const listener of this.changeListeners) {
			listener();
		}
	}

	private platform(): PlatformState {
		return this.platformState;
	}

	/** The local PHP is asked once, the first time a trusted document needs it. */
	private ensurePlatform(): void {
		if (this.platformState.started || !this.trustedState) {
			return;
		}
		this.platformState = { loading: true, packages: [], started: true };
		void this.host.probePlatform(this.lifetime.signal).then(
			(packages) => packages,
			() => [] as PlatformPackage[],
		).then((packages) => {
			this.platformState = { loading: false, packages, started: true };
			this.host.log(`[resolve] platform: ${packages.length ? `php ${packages[0].version ?? '?'}, ${packages.length - 1} more` : 'no php on PATH'}`);
			this.emitChange();
		});
	}

	private readGlobalConfig(): { file: string; text: string } | undefined {
		const now = this.now();
		if (!this.globalConfig || now - this.globalConfig.at >= GLOBAL_CONFIG_TTL_MS) {
			this.globalConfig = { at: now, value: this.host.readGlobalConfig() };
		}
		return this.globalConfig.value;
	}

	/** Finds or creates the record of every entry and marks the document as one of its users. */
	private attach(uri: string, file: string, repositories: DocumentRepositories): SnapshotEntry[] {
		return repositories.entries.map(({ definition, key }) => {
			let record = this.records.get(key) ?? this.retained.get(key);
			if (!record) {
				record = new RepositoryRecord(key, definition, prepareRepository(definition), this.contextFor(file, repositories), this.deps);
			}
			this.retained.delete(key);
			this.records.set(key, record);
			record.users.add(uri);
			return { definition, record };
		});
	}

	/** The document no longer lists these records (except `kept`): a record nobody lists is retained or cancelled. */
	private detach(uri: string, entries: readonly SnapshotEntry[], kept: ReadonlySet<RepositoryRecord> = new Set()): void {
		for (const { record } of entries) {
			if (kept.has(record)) {
				continue;
			}
			record.users.delete(uri);
			if (record.users.size > 0 || this.records.get(record.key) !== record) {
				continue;
			}
			this.records.delete(record.key);
			if (record.pending) {
				// Still loading for a list that changed: stop it (its sockets and processes end now).
				this.host.log(`[resolve] ${redact(record.definition.label)}: no longer listed, cancelled`);
				record.dispose();
				continue;
			}
			this.retained.set(record.key, record);
			const limit = this.options.retained ?? 32;
			while (this.retained.size > limit) {
				const oldest = this.retained.keys().next().value as string;
				this.retained.get(oldest)?.dispose();
				this.retained.delete(oldest);
			}
		}
	}

	private release(uri: string): void {
		const state = this.documents.get(uri);
		if (state) {
			this.detach(uri, state.entries);
			this.documents.delete(uri);
		}
	}

	private contextFor(file: string, repositories: DocumentRepositories): ResolveContext {
		let ctx = this.contexts.get(repositories.contextKey);
		if (!ctx) {
			ctx = this.host.createContext(file, repositories.configLayers);
			this.contexts.set(repositories.contextKey, ctx);
		}
		return ctx;
	}

	/** Starts what the document needs: first loads, revalidation of stale data, PHP. */
	private refresh(state: DocumentState): void {
		if (!this.trustedState) {
			return;
		}
		this.ensurePlatform();
		for (const { record } of state.entries) {
			record.ensureFresh();
		}
	}

	/**
	 * The required names are asked as soon as possible (lazy repositories load them name by name), so
	 * diagnostics and hovers on `require` find them ready. Asking again is useful only once something changed.
	 */
	private prefetch(state: DocumentState): void {
		if (!this.trustedState || this.prefetched.get(state) === this.generation) {
			return;
		}
		this.prefetched.set(state, this.generation);
		const snapshot = new LiveSnapshot(state.entries, () => this.platform());
		for (const name of state.repositories.required) {
			snapshot.request(name);
		}
	}
}
