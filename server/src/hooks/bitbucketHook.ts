// Bitbucket Cloud: the repository's webhooks pointing at Packagist (`/api/bitbucket?username=…&apiToken=…` is
// Packagist's documented form). Listing them needs repository admin and a token with webhook read scope; there
// is no delivery log in the API, so freshness tells whether deliveries arrive.
import * as l10n from '@vscode/l10n';
import { asArray, asObject, asString, getPages } from './apiClient';
import type { HookContext } from './context';
import { hookSignal, noToken, unreadable, type HookCheck, type TokenHints } from './hookResult';
import { packagistReceiver, showHookUrl } from './receiver';
import { authHeaders, hookSettingsUrl, type RepoLocation } from './repository';

const SOURCE = 'Bitbucket API';

export async function bitbucketHook(ctx: HookContext, repo: RepoLocation, hints: TokenHints = {}): Promise<HookCheck> {
	const headers = authHeaders(repo);
	if (!headers) {
		return noToken('Bitbucket', hints.bitbucket);
	}
	const hooks: Array<Record<string, unknown>> = [];
	const first = `${repo.apiBase}/repositories/${repo.owner}/${repo.name}/hooks?pagelen=100`;
	const failure = await getPages(ctx, first, { headers }, (data) => {
		const page = asObject(data);
		hooks.push(...asArray(page.values).map(asObject));
		return asString(page.next) ?? null;
	});
	if (failure) {
		return unreadable('Bitbucket', failure, l10n.t('webhooks are only visible to repository admins, with a token that has the webhook read scope.'));
	}
	const settingsUrl = hookSettingsUrl(repo) ?? undefined;
	const ours = hooks.filter((h) => packagistReceiver(h.url, ctx.bases.packagist) !== null);
	if (ours.length === 0) {
		return { state: 'missing', settingsUrl, signal: hookSignal('problem', l10n.t('No webhook of {0} points at Packagist.', repo.display), SOURCE) };
	}
	const working = ours.find((h) => h.active !== false && asArray(h.events).includes('repo:push'));
	if (!working) {
		const shown = showHookUrl(asString(ours[0].url) ?? '');
		return { state: 'broken', settingsUrl, signal: hookSignal('problem', l10n.t('The Packagist webhook {0} is inactive or does not send repository pushes.', shown), SOURCE) };
	}
	const shown = showHookUrl(asString(working.url) ?? '');
	return {
		state: 'ok', settingsUrl,
		signal: hookSignal('ok', l10n.t('The Packagist webhook {0} is active for repository pushes. Bitbucket does not show its deliveries, so the freshness check tells whether they arrive.', shown), SOURCE),
	};
}
