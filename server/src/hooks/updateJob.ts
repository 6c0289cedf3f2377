// A manual Packagist update: `POST /api/update-package` with `Authorization: Bearer USER:TOKEN` and the package's
// Packagist URL (unambiguous, unlike a fork's git remote), then `GET /jobs/{id}` with growing waits until the job
// ends (Packagist keeps a job's result for 600 s and answers "running" for unknown ids, so the wait is bounded).
// The call sets Packagist's sticky "auto-updated" flag; it is recorded so the marker is not taken as proof later.
import * as l10n from '@vscode/l10n';
import type { UpdateJobResult, UpdateJobStatus } from '../../../protocol/hooks';
import { apiGet, asArray, asObject, asString, describeFailure } from './apiClient';
import { checkPackageName, HookCancelledError, HookInputError, type HookContext } from './context';
import { packagePageUrl } from './packagist';

const DEFAULT_POLL = { firstMs: 1000, maxMs: 10_000, timeoutMs: 300_000 };
const FINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'errored', 'package_gone', 'package_deleted']);
const MAX_DETAILS = 4000;

/**
 * `html.replace(/<[^>]*>/g, '')` in one pass: the regex, retried from every `<` of a long run without `>`, rescans
 * the rest each time (quadratic on a body of the remote's choosing).
 */
function stripTags(html: string): string {
	let out = '';
	let at = 0;
	for (let open = html.indexOf('<'); open >= 0;) {
		const close = html.indexOf('>', open + 1);
		if (close < 0) break;
		out += html.slice(at, open);
		at = close + 1;
		open = html.indexOf('<', at);
	}
	return out + html.slice(at);
}

/** Packagist's job log is HTML (`<pre>…</pre>`): plain text, entities decoded, bounded. */
export function plainDetails(html: string): string {
	const text = stripTags(html)
		.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, '\'').replace(/&amp;/g, '&')
		.trim();
	return text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS)}…` : text;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new HookCancelledError(l10n.t('The update was cancelled while waiting for its job.')));
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(new HookCancelledError(l10n.t('The update was cancelled while waiting for its job.')));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

export async function triggerUpdate(ctx: HookContext, packageName: string): Promise<UpdateJobResult> {
	const name = checkPackageName(packageName);
	const creds = ctx.credentials.packagist;
	if (!creds?.username || !creds.token) {
		throw new HookInputError(l10n.t('A Packagist user name and API token are needed to trigger an update.'));
	}
	const answer = await apiGet(ctx, `${ctx.bases.packagist}/api/update-package`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${creds.username}:${creds.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ repository: packagePageUrl(ctx, name) }),
	});
	if (answer.kind !== 'ok') {
		if (answer.kind === 'failed' && answer.cancelled) {
			throw new HookCancelledError(l10n.t('The update was cancelled.'));
		}
		let message: string;
		if (answer.kind === 'http' && answer.status === 403) {
			message = l10n.t('Packagist refused the user name and API token (HTTP 403).');
		} else if (answer.kind === 'http' && answer.status === 404) {
			message = l10n.t('Packagist found no package {0} maintained by this user (HTTP 404).', name);
		} else {
			message = l10n.t('Packagist did not accept the update: {0}', describeFailure(answer));
		}
		return { package: name, jobId: null, status: 'rejected', message };
	}
	ctx.state.recordManualUpdate(name, ctx.now());
	const data = asObject(answer.data);
	const jobId = asString(asArray(data.jobs)[0]) ?? null;
	const type = asString(data.type);
	if (!jobId || !/^[0-9a-f]{8,64}$/i.test(jobId)) {
		return { package: name, jobId: null, status: 'completed', message: l10n.t('Packagist accepted the update but returned no job to follow.'), ...(type ? { type } : {}) };
	}
	const poll = ctx.poll ?? DEFAULT_POLL;
	const started = ctx.now();
	let wait = poll.firstMs;
	for (;;) {
		await sleep(wait, ctx.signal);
		const job = await apiGet(ctx, `${ctx.bases.packagist}/jobs/${jobId}`);
		if (job.kind === 'failed' && job.cancelled) {
			throw new HookCancelledError(l10n.t('The update was cancelled while waiting for its job.'));
		}
		if (job.kind === 'ok') {
			const j = asObject(job.data);
			const status = asString(j.status) ?? 'running';
			if (FINAL.has(status)) {
				const details = asString(j.details);
				return {
					package: name, jobId, status: status as UpdateJobStatus,
					message: asString(j.message) ?? status,
					...(details ? { details: plainDetails(details) } : {}),
					...(type ? { type } : {}),
				};
			}
		}
		if (ctx.now() - started + wait > poll.timeoutMs) {
			return {
				package: name, jobId, status: 'timeout', ...(type ? { type } : {}),
				message: l10n.t('The job {0} had not finished after {1} seconds; Packagist may still run it.', jobId, String(Math.round(poll.timeoutMs / 1000))),
			};
		}
		wait = Math.min(wait * 2, poll.maxMs);
	}
}
