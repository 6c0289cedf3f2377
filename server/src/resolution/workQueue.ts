// Bounded concurrency for repository work, grouped in rounds for progress and cancellation. At most `limit`
// tasks run at once (a workspace with 20 VCS repositories must not start 20 clones). A round starts when work
// arrives on an idle queue and ends when the queue is idle again; it counts the repositories that had work in
// it ("Resolving 3 of 7 repositories…"). Cancelling the round aborts every queued and running task of it.
import { setMaxListeners } from 'node:events';

export interface Activity {
	/** Repositories with work queued or running. */
	readonly active: number;
	/** Repositories of this round whose work is finished. */
	readonly done: number;
	/** Repositories that had work in this round. */
	readonly total: number;
}

export interface TaskOutcome<T> {
	readonly value: T;
	/** The round was cancelled while this task waited or ran (its value is whatever the aborted work returned). */
	readonly cancelled: boolean;
}

interface Waiting {
	start(): void;
	abort(): void;
}

export class WorkQueue {
	private running = 0;
	private readonly waiting: Waiting[] = [];
	/** Outstanding tasks per owner (a repository key) in the current round. */
	private readonly outstanding = new Map<string, number>();
	private readonly roundOwners = new Set<string>();
	private round = roundController();
	private readonly listeners = new Set<(activity: Activity) => void>();

	constructor(private readonly limit: number) {}

	onActivity(listener: (activity: Activity) => void): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	get activity(): Activity {
		let done = 0;
		for (const owner of this.roundOwners) {
			if (!this.outstanding.get(owner)) {
				done++;
			}
		}
		return { active: this.roundOwners.size - done, done, total: this.roundOwners.size };
	}

	/**
	 * Runs `work` for `owner` when a slot is free. `signal` is the owner's own (the repository left every
	 * document); the signal `work` receives also fires when the round is cancelled.
	 */
	run<T>(owner: string, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>, fallback: () => T): Promise<TaskOutcome<T>> {
		const round = this.round;
		this.roundOwners.add(owner);
		this.outstanding.set(owner, (this.outstanding.get(owner) ?? 0) + 1);
		this.emit();
		const combined = AbortSignal.any([signal, round.signal]);
		// The work's requests and processes (eight at once in a composer repository) each listen to it.
		setMaxListeners(0, combined);
		return new Promise<TaskOutcome<T>>((resolve) => {
			const onAbort = () => {
				const i = this.waiting.indexOf(entry);
				if (i >= 0) {
					this.waiting.splice(i, 1);
					entry.abort();
				}
			};
			const finish = (value: T, ran: boolean) => {
				combined.removeEventListener('abort', onAbort);
				if (ran) {
					this.running--;
				}
				const left = (this.outstanding.get(owner) ?? 1) - 1;
				this.outstanding.set(owner, left);
				resolve({ value, cancelled: round.signal.aborted });
				this.next();
				this.settle();
			};
			const entry: Waiting = {
				start: () => {
					this.running++;
					let promise: Promise<T>;
					try {
						promise = work(combined);
					} catch (error) {
						promise = Promise.reject(error);
					}
					// Work never throws by contract; if it does anyway, the task ends with the fallback value.
					promise.then((value) => finish(value, true), () => finish(fallback(), true));
				},
				abort: () => finish(fallback(), false),
			};
			if (combined.aborted) {
				entry.abort();
				return;
			}
			combined.addEventListener('abort', onAbort, { once: true });
			this.waiting.push(entry);
			this.next();
		});
	}

	/** Aborts every task of the current round (the user cancelled the progress). */
	cancelRound(): void {
		this.round.abort();
	}

	private next(): void {
		while (this.running < this.limit && this.waiting.length > 0) {
			this.waiting.shift()!.start();
		}
	}

	/** Reports progress; when nothing is outstanding the round ends and a fresh one begins with the next task. */
	private settle(): void {
		const activity = this.activity;
		if (activity.active === 0) {
			this.roundOwners.clear();
			this.outstanding.clear();
			this.round = roundController();
		}
		for (const listener of this.listeners) {
			listener(activity);
		}
	}

	private emit(): void {
		const activity = this.activity;
		for (const listener of this.listeners) {
			listener(activity);
		}
	}
}

/** Every task of a round listens to its signal: more than Node's default ten listeners is expected. */
function roundController(): AbortController {
	const controller = new AbortController();
	setMaxListeners(0, controller.signal);
	return controller;
}
