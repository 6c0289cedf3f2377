// The budget of a resolution: how long one repository and the whole resolution may take, and how many HTTP
// requests one repository may make. A hostile or broken repository (an include cycle, endless `next` pages, a
// server that answers a byte a minute) becomes that repository's error when it runs out, instead of holding the
// command or the language server. Composer itself has no such bounds; ours are far above what a working
// repository needs.
import * as l10n from '@vscode/l10n';
import { redact } from '../net/credentials';
import type { HttpClient, HttpResult } from '../net/types';
import type { LoadResult } from './types';

export interface ResolveLimits {
	/** Milliseconds one repository may take to answer. */
	repositoryMs: number;
	/** Milliseconds a whole resolution may take. */
	resolutionMs: number;
	/** HTTP requests one repository may make (cache hits included). */
	requestsPerRepository: number;
}

export const DEFAULT_RESOLVE_LIMITS: Readonly<ResolveLimits> = {
	repositoryMs: 120_000,
	resolutionMs: 300_000,
	// Listing every package of a large v2 repository takes two requests per name for up to 1,000 names.
	requestsPerRepository: 5_000,
};

/** The HTTP client of one repository: its requests are counted, and past `max` refused without a connection. */
export function requestBudget(http: HttpClient, max: number): HttpClient {
	let made = 0;
	return {
		request(req): Promise<HttpResult> {
			if (++made > max) {
				return Promise.resolve({
					ok: false,
					code: 'budget',
					message: l10n.t('Stopped before {0}: the repository already made {1} requests, as many as one repository may.', redact(req.url), String(max)),
					url: redact(req.url),
				});
			}
			return http.request(req);
		},
	};
}

export type DeadlineKind = 'repository' | 'resolution';

/**
 * A signal for one repository that aborts when the caller's does, when the resolution runs out of time, or when
 * this repository does; `expired` tells which deadline fired, if any.
 */
export class RepositoryDeadline {
	readonly controller = new AbortController();
	private expiredKind: DeadlineKind | undefined;
	private readonly timer: ReturnType<typeof setTimeout>;
	private readonly detach: () => void;
	/** Settles when a deadline fires (never for a plain cancellation). */
	readonly expiredPromise: Promise<DeadlineKind>;

	constructor(parent: AbortSignal, resolution: { expired: () => boolean }, ms: number) {
		let fire!: (kind: DeadlineKind) => void;
		this.expiredPromise = new Promise((resolve) => {
			fire = resolve;
		});
		const expire = (kind: DeadlineKind) => {
			if (this.controller.signal.aborted) return;
			this.expiredKind = kind;
			this.controller.abort();
			fire(kind);
		};
		this.timer = setTimeout(() => expire('repository'), ms);
		const onParent = () => {
			if (resolution.expired()) expire('resolution');
			else this.controller.abort();
		};
		if (parent.aborted) onParent();
		parent.addEventListener('abort', onParent, { once: true });
		this.detach = () => parent.removeEventListener('abort', onParent);
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get expired(): DeadlineKind | undefined {
		return this.expiredKind;
	}

	/** Stops the timer and the listener; the repository's work is over (or no longer wanted). */
	dispose(): void {
		clearTimeout(this.timer);
		this.detach();
	}
}

/** The error a repository gets when a deadline stops it. */
export function deadlineError(kind: DeadlineKind, limits: ResolveLimits): LoadResult {
	const seconds = String(Math.round((kind === 'repository' ? limits.repositoryMs : limits.resolutionMs) / 1000));
	return {
		ok: false,
		error: {
			code: `${kind}.deadline`,
			message: kind === 'repository'
				? l10n.t('Stopped: the repository did not answer within {0} seconds.', seconds)
				: l10n.t('Stopped: the resolution did not finish within {0} seconds, and this repository had not answered yet.', seconds),
		},
	};
}
