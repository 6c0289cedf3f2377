// The value every host's hook check returns, and the shared ways a host answer becomes "unknown": no token, a
// rejected token, missing rights, a rate limit. Never "missing" when the hooks could not be read.
import * as l10n from '@vscode/l10n';
import type { HookSignal } from '../../../protocol/hooks';
import { describeFailure, type ApiAnswer } from './apiClient';
import { clockTime } from './context';

/** What the verdict needs beyond the signal: which advice applies and the page to fix it. */
export type HookState = 'ok' | 'legacy' | 'never-delivered' | 'missing' | 'broken' | 'unverified';

export interface HookCheck {
	signal: HookSignal;
	state: HookState;
	/** The hook's own settings page (GitHub: `/settings/hooks/{id}`), when one was found. */
	settingsUrl?: string;
}

export function hookSignal(status: HookSignal['status'], detail: string, source?: string): HookSignal {
	return { kind: 'hook', status, detail, ...(source ? { source } : {}) };
}

export function unverified(detail: string, source?: string): HookCheck {
	return { signal: hookSignal('unknown', detail, source), state: 'unverified' };
}

/** Hints the caller gives for getting a token (the CLI names its environment variable, VS Code its sign-in). */
export type TokenHints = Partial<Record<'github' | 'githubEnterprise' | 'gitlab' | 'bitbucket', string>>;

export function noToken(service: string, hint: string | undefined): HookCheck {
	const text = l10n.t('No {0} token was given, so the hooks could not be read (they need a token with admin rights on the repository).', service);
	return unverified(hint ? `${text} ${hint}` : text);
}

/** "unknown" for an answer that is not the list of hooks. */
export function unreadable(service: string, answer: Exclude<ApiAnswer, { kind: 'ok' }>, rightsNeeded: string): HookCheck {
	if (answer.kind === 'http' && answer.rateLimitedUntil !== undefined) {
		return unverified(l10n.t('{0} rate-limited the requests until {1}; the hooks were not read.', service, clockTime(answer.rateLimitedUntil)));
	}
	if (answer.kind === 'http' && answer.status === 401) {
		return unverified(l10n.t('{0} rejected the token (HTTP 401): it may be expired or revoked.', service));
	}
	if (answer.kind === 'http' && (answer.status === 403 || answer.status === 404)) {
		return unverified(l10n.t('{0} did not show the hooks (HTTP {1}): {2}', service, String(answer.status), rightsNeeded));
	}
	return unverified(l10n.t('The hooks could not be read from {0}: {1}', service, describeFailure(answer)));
}
