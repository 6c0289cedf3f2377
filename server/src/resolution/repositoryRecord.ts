// One repository of the workspace, keyed by its definition (resolution/repositoryKey.ts) and shared by every
// open composer.json that lists it. It holds what is known (its whole content, or for a lazy repository the
// names asked so far and, on demand, its list of names), loads in the background through the work queue, and
// revalidates when its data is older than the freshness window. Nothing here waits: questions are answered
// from memory, and whatever is missing is started and answered "pending".
import { setMaxListeners } from 'node:events';
import { redact } from '../net/credentials';
import { resolverFor, type RegistryOptions } from '../resolvers/registry';
import { answerFrom, indexResult, PENDING, type IndexedResult, type NameAnswer, type PreparedRepository } from '../resolvers/repositorySet';
import type { LazyRepository, LoadResult, OpenedRepository, RepositoryDefinition, ResolveContext, ResolveError } from '../resolvers/types';
import { NameIndex } from './nameIndex';
import type { WorkQueue } from './workQueue';

export interface RecordDeps {
	readonly registry: RegistryOptions;
	readonly queue: WorkQueue;
	readonly now: () => number;
	/** Data changed (a load finished): the host re-validates documents. */
	readonly changed: () => void;
	readonly log: (line: string) => void;
	/** Data younger than this is served without asking again. */
	readonly freshMs: number;
	/** A load taking longer than this is aborted. */
	readonly loadTimeoutMs: number;
	/** Names of one lazy repository kept in memory at most (oldest dropped first). */
	readonly maxLazyNames: number;
}

type LazyName = { state: 'loading' } | { state: 'done'; answer: NameAnswer; at: number };

type NamesList = { state: 'loading' } | { state: 'done'; index: NameIndex; at: number } | { state: 'failed'; error: ResolveError; at: number };

type Content =
	| { kind: 'loaded'; indexed: IndexedResult; names: NameIndex }
	| { kind: 'lazy'; repository: LazyRepository; names: Map<string, LazyName>; list?: NamesList; stale: boolean; warnings: string[] };

export type RecordState =
	| { state: 'pending' }
	| { state: 'cancelled' }
	| { state: 'error'; error: ResolveError; stale: boolean }
	| { state: 'ok'; packages: number; versions: number; stale: boolean; loading: boolean };

const CANCELLED: ResolveError = { code: 'cancelled', message: 'cancelled' };
/** Names of a lazy repository asked again when it is revalidated (the most recently asked). */
const REVALIDATED_NAMES = 200;

export class RepositoryRecord {
	/** Documents (URIs) listing this repository. */
	readonly users = new Set<string>();
	private readonly lifetime = new AbortController();
	private content?: Content;
	private opening = false;
	/** The last open was cancelled by the user: nothing is retried until the data would be stale anyway. */
	private cancelled = false;
	private fetchedAt?: number;
	private durationMs?: number;
	/** Names asked of a lazy repository before it was open, loaded as soon as it is. */
	private readonly queuedNames = new Set<string>();
	private batch?: Set<string>;
	private disposed = false;

	constructor(
		readonly key: string,
		readonly definition: RepositoryDefinition,
		readonly prepared: PreparedRepository,
		private readonly ctx: ResolveContext,
		private readonly deps: RecordDeps,
	) {
		// Every load of this repository listens to its lifetime signal.
		setMaxListeners(0, this.lifetime.signal);
	}

	get lazy(): boolean {
		return this.content?.kind === 'lazy';
	}

	get timing(): { fetchedAt?: number; durationMs?: number } {
		return { fetchedAt: this.fetchedAt, durationMs: this.durationMs };
	}

	/** True while it has no data yet or is loading names asked of it. */
	get pending(): boolean {
		const s = this.state();
		return s.state === 'pending' || (s.state === 'ok' && s.loading);
	}

	/** Starts the first load, or a background revalidation when the data is older than the freshness window. */
	ensureFresh(): void {
		if (this.disposed || this.opening || !this.prepared.filter) {
			return;
		}
		if (this.fetchedAt !== undefined && this.deps.now() - this.fetchedAt < this.deps.freshMs) {
			return;
		}
		void this.open();
	}

	state(): RecordState {
		const c = this.content;
		if (!this.prepared.filter) {
			return { state: 'error', error: { code: 'repository.filter', message: this.prepared.filterError ?? '' }, stale: false };
		}
		if (this.cancelled && !c) {
			return { state: 'cancelled' };
		}
		if (!c) {
			return { state: 'pending' };
		}
		if (c.kind === 'loaded') {
			const r = c.indexed.result;
			if (!r.ok) {
				return { state: 'error', error: r.error, stale: false };
			}
			return { state: 'ok', packages: c.indexed.byName.size, versions: r.packages.length, stale: r.stale === true, loading: false };
		}
		let packages = 0;
		let versions = 0;
		let loading = c.list?.state === 'loading';
		for (const entry of c.names.values()) {
			if (entry.state === 'loading') {
				loading = true;
			} else if (entry.answer.state === 'answered' && entry.answer.versions.length > 0) {
				packages++;
				versions += entry.answer.versions.length;
			}
		}
		return { state: 'ok', packages, versions, stale: c.stale, loading: loading || this.queuedNames.size > 0 };
	}

	/** What it says about a lower-cased name, without starting anything. */
	answer(name: string): NameAnswer {
		const c = this.content;
		if (!this.prepared.filter) {
			return { state: 'failed', error: { code: 'repository.filter', message: this.prepared.filterError ?? '' } };
		}
		if (!c) {
			return this.cancelled ? { state: 'failed', error: CANCELLED } : PENDING;
		}
		if (c.kind === 'loaded') {
			return answerFrom(c.indexed, name);
		}
		const entry = c.names.get(name);
		return entry?.state === 'done' ? entry.answer : PENDING;
	}

	/** Asks a lazy repository (or one not open yet) for these lower-cased names, in one batch. */
	request(names: readonly string[]): void {
		if (this.disposed || !this.prepared.filter || this.content?.kind === 'loaded') {
			return;
		}
		const c = this.content;
		const fresh = names.filter((n) => {
			if (!c) {
				return !this.queuedNames.has(n);
			}
			const entry = c.names.get(n);
			// A failed name is asked again once its answer is older than the freshness window.
			return entry === undefined || (entry.state === 'done' && entry.answer.state === 'failed' && this.deps.now() - entry.at >= this.deps.freshMs);
		});
		if (fresh.length === 0) {
			return;
		}
		if (!c) {
			for (const n of fresh) {
				this.queuedNames.add(n);
			}
			this.ensureFresh();
			return;
		}
		for (const n of fresh) {
			c.names.set(n, { state: 'loading' });
		}
		// Names asked in the same tick (a whole `require` block) share one load.
		if (!this.batch) {
			this.batch = new Set();
			setImmediate(() => {
				const batch = [...(this.batch ?? [])];
				this.batch = undefined;
				void this.loadNames(c, batch);
			});
		}
		for (const n of fresh) {
			this.batch.add(n);
		}
	}

	/** The names it lists, for name completion; starts loading a lazy repository's list on first use. */
	names(): NameIndex | undefined {
		const c = this.content;
		if (!c || !this.prepared.filter) {
			return undefined;
		}
		if (c.kind === 'loaded') {
			return c.names;
		}
		if (!c.list || (c.list.state === 'failed' && this.deps.now() - c.list.at >= this.deps.freshMs)) {
			void this.loadList(c);
		}
		return c.list?.state === 'done' ? c.list.index : undefined;
	}

	/** No document lists it any more: abort its work. */
	dispose(): void {
		this.disposed = true;
		this.lifetime.abort();
	}

	get isDisposed(): boolean {
		return this.disposed;
	}

	private run<T>(work: (ctx: ResolveContext) => Promise<T>, fallback: () => T) {
		const timeout = AbortSignal.timeout(this.deps.loadTimeoutMs);
		return this.deps.queue.run(this.key, AbortSignal.any([this.lifetime.signal, timeout]), (signal) => work({ ...this.ctx, signal }), fallback);
	}

	private async open(): Promise<void> {
		this.opening = true;
		const started = this.deps.now();
		const resolver = resolverFor(this.definition.config.type, this.deps.registry);
		const failed = (error: ResolveError): OpenedRepository => ({ kind: 'loaded', result: { ok: false, error } });
		const outcome = await this.run(async (ctx): Promise<OpenedRepository> => {
			try {
				if (resolver.open) {
					return await resolver.open(this.definition, ctx);
				}
				return { kind: 'loaded', result: await resolver.loadPackages(this.definition, undefined, ctx) };
			} catch (e) {
				return failed({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
			}
		}, () => failed(CANCELLED));
		this.opening = false;
		if (this.disposed) {
			return;
		}
		if (outcome.cancelled) {
			// The user stopped this round: keep what was known, retry only once it would be stale.
			this.cancelled = true;
			this.fetchedAt = this.deps.now();
			this.deps.log(`[resolve] ${this.definition.label}: cancelled`);
			this.deps.changed();
			return;
		}
		this.cancelled = false;
		const previous = this.content;
		const opened = outcome.value;
		if (opened.kind === 'loaded') {
			const indexed = indexResult(opened.result);
			this.queuedNames.clear();
			this.content = { kind: 'loaded', indexed, names: NameIndex.from(indexed.found) };
			this.logResult(opened.result, started);
		} else {
			const names = new Map<string, LazyName>();
			const content: Content = { kind: 'lazy', repository: opened.repository, names, stale: false, warnings: [] };
			// A revalidation asks the new session again for the most recent names known before (their old answers
			// are served meanwhile); older ones are forgotten and asked again when someone needs them.
			const again = previous?.kind === 'lazy' ? [...previous.names.keys()].slice(-REVALIDATED_NAMES) : [];
			if (previous?.kind === 'lazy') {
				for (const n of again) {
					names.set(n, previous.names.get(n)!);
				}
				content.list = previous.list?.state === 'done' ? previous.list : undefined;
			}
			this.content = content;
			this.deps.log(`[resolve] ${this.definition.label}: opened (lazy) in ${this.deps.now() - started} ms`);
			const wanted = [...new Set([...again, ...this.queuedNames])];
			this.queuedNames.clear();
			for (const n of wanted) {
				names.set(n, names.get(n) ?? { state: 'loading' });
			}
			if (wanted.length > 0) {
				void this.loadNames(content, wanted);
			}
		}
		this.fetchedAt = this.deps.now();
		this.durationMs = this.fetchedAt - started;
		this.deps.changed();
	}

	private async loadNames(content: Extract<Content, { kind: 'lazy' }>, names: string[]): Promise<void> {
		const outcome = await this.run((ctx) => content.repository.loadNames(names, ctx.signal), (): LoadResult => ({ ok: false, error: CANCELLED }));
		if (this.disposed) {
			return;
		}
		const result = outcome.value;
		const indexed = indexResult(result);
		const at = this.deps.now();
		for (const n of names) {
			if (outcome.cancelled) {
				// Cancelled names are forgotten, so the next question asks again.
				content.names.delete(n);
			} else {
				content.names.set(n, { state: 'done', answer: answerFrom(indexed, n), at });
			}
		}
		if (result.ok) {
			content.stale = content.stale || result.stale === true;
			content.warnings = result.warnings;
		} else if (!outcome.cancelled) {
			this.deps.log(`[resolve] ${this.definition.label}: ${names.join(', ')}: ${redact(result.error.message)}`);
		}
		this.trim(content);
		this.deps.changed();
	}

	private async loadList(content: Extract<Content, { kind: 'lazy' }>): Promise<void> {
		content.list = { state: 'loading' };
		const started = this.deps.now();
		const outcome = await this.run((ctx) => content.repository.listNames(ctx.signal), () => ({ ok: false as const, error: CANCELLED }));
		if (this.disposed) {
			return;
		}
		const r = outcome.value;
		if (outcome.cancelled) {
			content.list = undefined;
		} else if (r.ok) {
			// Built in slices: packagist.org lists some 400,000 names, and keystrokes must not wait for them.
			const index = await NameIndex.build(r.names);
			if (this.disposed) {
				return;
			}
			content.list = { state: 'done', index, at: this.deps.now() };
			this.deps.log(`[resolve] ${this.definition.label}: ${index.size} package names in ${this.deps.now() - started} ms (${Math.round(index.byteSize / 1024)} KiB)`);
		} else {
			content.list = { state: 'failed', error: r.error, at: this.deps.now() };
			this.deps.log(`[resolve] ${this.definition.label}: package names: ${redact(r.error.message)}`);
		}
		this.deps.changed();
	}

	/** Keeps at most maxLazyNames answers, dropping the oldest. */
	private trim(content: Extract<Content, { kind: 'lazy' }>): void {
		for (const [n, entry] of content.names) {
			if (content.names.size <= this.deps.maxLazyNames) {
				break;
			}
			if (entry.state === 'done') {
				content.names.delete(n);
			}
		}
	}

	private logResult(result: LoadResult, started: number): void {
		const ms = this.deps.now() - started;
		if (result.ok) {
			this.deps.log(`[resolve] ${this.definition.label}: ${result.packages.length} versions in ${ms} ms`);
			for (const w of result.warnings) {
				this.deps.log(`[resolve] ${this.definition.label}: ${redact(w)}`);
			}
		} else {
			this.deps.log(`[resolve] ${this.definition.label}: failed: ${redact(result.error.message)} (${ms} ms)`);
		}
	}
}
