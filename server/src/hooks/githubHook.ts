// GitHub (and GitHub Enterprise Server): the repository's webhooks that point at Packagist, and the status codes
// of their recent deliveries. Listing hooks needs admin rights and the `read:repo_hook` (or `repo`) scope; a 404
// then means "no right to see them", never "no hook". Packagist answers 202 to a good delivery; 403 means a
// wrong secret, and a `?username=` URL without a secret is refused every time.
import * as l10n from '@vscode/l10n';
import { apiGet, asArray, asObject, asString, type ApiAnswer } from './apiClient';
import type { HookContext } from './context';
import { hookSignal, noToken, unreadable, type HookCheck, type HookState, type TokenHints } from './hookResult';
import { packagistReceiver, showHookUrl, type PackagistReceiver } from './receiver';
import { authHeaders, hookSettingsUrl, type RepoLocation } from './repository';

const DELIVERIES = 10;

interface Candidate {
	id: string;
	url: string;
	check: HookCheck;
}

const RANK: Record<HookState, number> = { ok: 0, legacy: 1, 'never-delivered': 2, broken: 3, missing: 4, unverified: 5 };

function is2xx(code: unknown): boolean {
	return typeof code === 'number' && code >= 200 && code < 300;
}

function explainCode(code: number): string {
	if (code === 403) {
		return l10n.t('HTTP 403: Packagist refused the delivery, usually a wrong secret (it must be the Packagist API token of the user in the URL, or the hook must be recreated from Packagist)');
	}
	if (code === 404) {
		return l10n.t('HTTP 404: Packagist found no package for this repository, or the URL is wrong');
	}
	return `HTTP ${code}`;
}

async function evaluate(
	ctx: HookContext, repo: RepoLocation, hook: Record<string, unknown>, receiver: PackagistReceiver, headers: Record<string, string>,
): Promise<HookCheck> {
	const id = String(hook.id);
	const config = asObject(hook.config);
	const shown = showHookUrl(asString(config.url) ?? '');
	const settingsUrl = hookSettingsUrl(repo, id) ?? undefined;
	const result = (state: HookState, status: 'ok' | 'warning' | 'problem', detail: string): HookCheck => ({
		state, settingsUrl, signal: hookSignal(status, detail, repo.enterprise ? 'GitHub Enterprise API' : 'GitHub API'),
	});
	if (hook.active === false) {
		return result('broken', 'problem', l10n.t('The Packagist webhook {0} is disabled.', shown));
	}
	const events = asArray(hook.events);
	if (!events.includes('push') && !events.includes('*')) {
		return result('broken', 'problem', l10n.t('The Packagist webhook {0} does not send push events.', shown));
	}
	if (receiver.hasUsername && !receiver.tokenInUrl && config.secret === undefined) {
		return result('broken', 'problem', l10n.t('The Packagist webhook {0} names a user but has no secret: Packagist refuses every delivery (HTTP 403). Set the secret to that user\'s Packagist API token.', shown));
	}
	const deliveries: ApiAnswer = await apiGet(ctx, `${repo.apiBase}/repos/${repo.owner}/${repo.name}/hooks/${id}/deliveries?per_page=${DELIVERIES}`, { headers });
	const codes = deliveries.kind === 'ok'
		? asArray(deliveries.data).map(asObject).filter((d) => typeof d.status_code === 'number')
		: [];
	const lastResponse = asObject(hook.last_response);
	let health: { ok: boolean; never?: boolean; text: string };
	if (codes.length > 0) {
		const newest = codes[0];
		const list = codes.map((d) => String(d.status_code)).join(', ');
		const when = asString(newest.delivered_at) ?? '';
		health = is2xx(newest.status_code)
			? { ok: true, text: l10n.t('Recent deliveries answered {0} (newest {1}).', list, when) }
			: { ok: false, text: l10n.t('The newest delivery ({0}) failed with {1}. Recent deliveries: {2}.', when, explainCode(newest.status_code as number), list) };
	} else if (is2xx(lastResponse.code)) {
		health = { ok: true, text: l10n.t('No delivery in the last days; the last one was answered with HTTP {0}.', String(lastResponse.code)) };
	} else if (lastResponse.code === null || lastResponse.code === undefined || lastResponse.status === 'unused') {
		health = { ok: true, never: true, text: l10n.t('It has never delivered anything yet (no push since it was created).') };
	} else {
		health = { ok: false, text: l10n.t('Its last delivery failed with {0}.', explainCode(Number(lastResponse.code))) };
	}
	if (!health.ok) {
		return result('broken', 'problem', `${l10n.t('The Packagist webhook {0} is failing.', shown)} ${health.text}`);
	}
	if (health.never) {
		return result('never-delivered', 'warning', `${l10n.t('The Packagist webhook {0} is set up.', shown)} ${health.text}`);
	}
	if (receiver.tokenInUrl) {
		return result('legacy', 'warning', `${l10n.t('The Packagist webhook {0} works but carries the API token in its URL; Packagist marks this form "Legacy Auto-Update, Needs Attention". Use the URL with ?username= and the token as the secret instead.', shown)} ${health.text}`);
	}
	return result('ok', 'ok', `${l10n.t('The Packagist webhook {0} is active for push events.', shown)} ${health.text}`);
}

export async function githubHook(ctx: HookContext, repo: RepoLocation, hints: TokenHints = {}): Promise<HookCheck> {
	const service = repo.enterprise ? 'GitHub Enterprise' : 'GitHub';
	const headers = authHeaders(repo);
	if (!headers) {
		return noToken(service, repo.enterprise ? hints.githubEnterprise : hints.github);
	}
	const answer = await apiGet(ctx, `${repo.apiBase}/repos/${repo.owner}/${repo.name}/hooks?per_page=100`, { headers });
	if (answer.kind !== 'ok') {
		let rights = l10n.t('webhooks are only visible to repository admins, with a token that has the read:repo_hook (or repo) scope.');
		const scopes = answer.kind === 'http' ? answer.headers['x-oauth-scopes'] : undefined;
		if (scopes !== undefined && !/\b(?:read:repo_hook|write:repo_hook|admin:repo_hook|repo)\b/.test(scopes)) {
			rights += ' ' + l10n.t('The token\'s scopes are: {0}.', scopes || '-');
		}
		return unreadable(service, answer, rights);
	}
	const candidates: Candidate[] = [];
	let legacyService = false;
	for (const hook of asArray(answer.data).map(asObject)) {
		if (hook.name === 'packagist') {
			legacyService = true;
			continue;
		}
		const url = asString(asObject(hook.config).url);
		const receiver = packagistReceiver(url, ctx.bases.packagist);
		if (url && receiver) {
			candidates.push({ id: String(hook.id), url, check: await evaluate(ctx, repo, hook, receiver, headers) });
		}
	}
	if (candidates.length === 0) {
		const detail = legacyService
			? l10n.t('Only a legacy "Packagist" GitHub Service hook is set up; GitHub removed those services in 2019, so nothing reaches Packagist.')
			: l10n.t('No webhook of {0} points at Packagist.', repo.display);
		return { state: legacyService ? 'broken' : 'missing', settingsUrl: hookSettingsUrl(repo) ?? undefined, signal: hookSignal('problem', detail, `${service} API`) };
	}
	candidates.sort((a, b) => RANK[a.check.state] - RANK[b.check.state]);
	const best = candidates[0].check;
	if (candidates.length > 1) {
		best.signal.detail += ' ' + l10n.t('({0} webhooks point at Packagist.)', String(candidates.length));
	}
	return best;
}
