// GitLab: the project's Packagist integration first (what GitLab's own "Packagist" setting creates; its
// deliveries have no API, so freshness tells whether they work), then project webhooks pointing at Packagist,
// whose recent events (GitLab 17.3+) give the response statuses. Both need the Maintainer role.
import * as l10n from '@vscode/l10n';
import { apiGet, asArray, asObject, asString } from './apiClient';
import type { HookContext } from './context';
import { hookSignal, noToken, unreadable, type HookCheck, type TokenHints } from './hookResult';
import { packagistReceiver, showHookUrl } from './receiver';
import { authHeaders, hookSettingsUrl, type RepoLocation } from './repository';

const SOURCE = 'GitLab API';
const RIGHTS = (): string => l10n.t('integrations and webhooks are only visible with the Maintainer role, with a token that has the read_api (or api) scope.');

function samePackagist(server: string, base: string): boolean {
	if (server === '') {
		return true;
	}
	try {
		const s = new URL(server).host;
		return s === new URL(base).host || s === 'packagist.org';
	} catch {
		return false;
	}
}

async function projectHooks(ctx: HookContext, repo: RepoLocation, project: string, headers: Record<string, string>): Promise<HookCheck> {
	const answer = await apiGet(ctx, `${project}/hooks?per_page=100`, { headers });
	if (answer.kind !== 'ok') {
		return unreadable('GitLab', answer, RIGHTS());
	}
	const webhooks = `${repo.webUrl}/-/hooks`;
	const hooks = asArray(answer.data).map(asObject).filter((h) => packagistReceiver(h.url, ctx.bases.packagist) !== null);
	if (hooks.length === 0) {
		return {
			state: 'missing', settingsUrl: hookSettingsUrl(repo) ?? undefined,
			signal: hookSignal('problem', l10n.t('{0} has neither the Packagist integration nor a webhook pointing at Packagist.', repo.display), SOURCE),
		};
	}
	const hook = hooks.find((h) => h.alert_status === 'executable' || h.alert_status === undefined) ?? hooks[0];
	const shown = showHookUrl(asString(hook.url) ?? '');
	if (hook.alert_status !== undefined && hook.alert_status !== 'executable') {
		return { state: 'broken', settingsUrl: webhooks, signal: hookSignal('problem', l10n.t('GitLab disabled the Packagist webhook {0} after failed deliveries ({1}).', shown, String(hook.alert_status)), SOURCE) };
	}
	if (hook.push_events === false && hook.tag_push_events === false) {
		return { state: 'broken', settingsUrl: webhooks, signal: hookSignal('problem', l10n.t('The Packagist webhook {0} sends neither push nor tag events.', shown), SOURCE) };
	}
	const events = await apiGet(ctx, `${project}/hooks/${String(hook.id)}/events?per_page=5`, { headers });
	let health = l10n.t('Its deliveries could not be read (GitLab 17.3 or later lists them).');
	if (events.kind === 'ok') {
		const list = asArray(events.data).map(asObject);
		if (list.length > 0) {
			const codes = list.map((e) => String(e.response_status));
			const newest = Number(list[0].response_status);
			if (!(newest >= 200 && newest < 300)) {
				return { state: 'broken', settingsUrl: webhooks, signal: hookSignal('problem', l10n.t('The Packagist webhook {0} is failing: the newest delivery was answered with HTTP {1}. Recent deliveries: {2}.', shown, String(list[0].response_status), codes.join(', ')), SOURCE) };
			}
			health = l10n.t('Recent deliveries answered {0}.', codes.join(', '));
		} else {
			health = l10n.t('No delivery in the last 7 days.');
		}
	}
	return { state: 'ok', settingsUrl: webhooks, signal: hookSignal('ok', `${l10n.t('The Packagist webhook {0} is enabled.', shown)} ${health}`, SOURCE) };
}

export async function gitlabHook(ctx: HookContext, repo: RepoLocation, hints: TokenHints = {}): Promise<HookCheck> {
	const headers = authHeaders(repo);
	if (!headers) {
		return noToken('GitLab', hints.gitlab);
	}
	const project = `${repo.apiBase}/projects/${encodeURIComponent(repo.projectPath!)}`;
	const answer = await apiGet(ctx, `${project}/integrations/packagist`, { headers });
	const settingsUrl = hookSettingsUrl(repo) ?? undefined;
	if (answer.kind === 'http' && answer.status === 404 && /integration|service/i.test(answer.message)) {
		return projectHooks(ctx, repo, project, headers);
	}
	if (answer.kind !== 'ok') {
		return unreadable('GitLab', answer, RIGHTS());
	}
	const integration = asObject(answer.data);
	const properties = asObject(integration.properties);
	if (integration.active !== true) {
		return { state: 'broken', settingsUrl, signal: hookSignal('problem', l10n.t('The Packagist integration of {0} is disabled.', repo.display), SOURCE) };
	}
	if (integration.push_events === false && integration.tag_push_events === false) {
		return { state: 'broken', settingsUrl, signal: hookSignal('problem', l10n.t('The Packagist integration of {0} sends neither push nor tag events.', repo.display), SOURCE) };
	}
	const server = asString(properties.server) ?? '';
	if (!samePackagist(server, ctx.bases.packagist)) {
		return { state: 'broken', settingsUrl, signal: hookSignal('warning', l10n.t('The Packagist integration of {0} sends updates to {1}, not to {2}.', repo.display, showHookUrl(server), ctx.bases.packagist), SOURCE) };
	}
	return {
		state: 'ok', settingsUrl,
		signal: hookSignal('ok', l10n.t('The Packagist integration is active for push and tag events. GitLab does not show its deliveries, so the freshness check tells whether they arrive.'), SOURCE),
	};
}
