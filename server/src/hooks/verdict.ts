// From the three signals to one verdict, what to do next and the link that does it.
//   problem  any signal is a problem (no or failing hook, a tag Packagist lacks, the page says not auto-updated)
//   warning  any signal is a warning (legacy hook form, a hook that never delivered, changes still in the grace period)
//   ok       the hook is verified, or (hook unverifiable) Packagist is in sync and its page says auto-updated
//   unknown  otherwise: not enough evidence either way
import * as l10n from '@vscode/l10n';
import type { HookSignal, HookStatus } from '../../../protocol/hooks';
import type { HookContext } from './context';
import type { HookCheck } from './hookResult';
import { howToUrl, packagePageUrl } from './packagist';
import type { RepoLocation } from './repository';

export interface Decision {
	verdict: HookStatus;
	advice: string;
	link: string | null;
}

function status(signals: HookSignal[], kind: HookSignal['kind']): HookStatus | undefined {
	return signals.find((s) => s.kind === kind)?.status;
}

export function decide(ctx: Pick<HookContext, 'bases'>, name: string, repo: RepoLocation | null, hook: HookCheck | null, signals: HookSignal[]): Decision {
	const hookStatus = status(signals, 'hook');
	const fresh = status(signals, 'freshness');
	const marker = status(signals, 'marker');
	const page = packagePageUrl(ctx, name);
	const fixHookLink = hook?.settingsUrl ?? howToUrl(ctx);

	if (signals.some((s) => s.status === 'problem')) {
		if (hookStatus === 'problem') {
			const advice = hook?.state === 'missing'
				? l10n.t('Add the Packagist hook to the repository (see Packagist\'s "How to update packages"), then push or trigger an update once.')
				: l10n.t('Fix the Packagist hook (its secret, URL or events), then redeliver the last push or trigger an update.');
			return { verdict: 'problem', advice, link: fixHookLink };
		}
		if (fresh === 'problem' && hookStatus === 'ok') {
			return {
				verdict: 'problem',
				advice: l10n.t('The hook looks healthy but Packagist lags behind: open the package on Packagist (as a maintainer) and read its update log; the last crawl may have failed.'),
				link: page,
			};
		}
		if (repo?.kind === 'other' || !repo) {
			return { verdict: 'problem', advice: l10n.t('Set up a hook that calls Packagist\'s update API on every push (see Packagist\'s "How to update packages"), then trigger an update once.'), link: howToUrl(ctx) };
		}
		return {
			verdict: 'problem',
			advice: l10n.t('Packagist is not being updated: check the repository\'s Packagist hook (give a token with admin rights to verify it here), then trigger an update once.'),
			link: fixHookLink,
		};
	}
	if (signals.some((s) => s.status === 'warning')) {
		if (hook?.state === 'legacy') {
			return { verdict: 'warning', advice: l10n.t('Replace the hook URL\'s apiToken with the secret form (?username=YOU, secret = your Packagist API token).'), link: fixHookLink };
		}
		if (hook?.state === 'never-delivered') {
			return { verdict: 'warning', advice: l10n.t('Push a commit (or send a test delivery from the hook settings) to confirm the hook reaches Packagist.'), link: fixHookLink };
		}
		if (hookStatus === 'warning') {
			return { verdict: 'warning', advice: l10n.t('Check the Packagist hook\'s settings.'), link: fixHookLink };
		}
		return { verdict: 'warning', advice: l10n.t('Recent changes have not reached Packagist yet; check again in a few minutes.'), link: page };
	}
	if (hookStatus === 'ok') {
		return { verdict: 'ok', advice: l10n.t('Nothing to do: the hook works and Packagist is up to date.'), link: page };
	}
	if (fresh === 'ok' && marker === 'ok') {
		return {
			verdict: 'ok',
			advice: l10n.t('Packagist is up to date and marks the package auto-updated; give a token with admin rights on the repository to verify the hook itself.'),
			link: page,
		};
	}
	return {
		verdict: 'unknown',
		advice: l10n.t('Not enough evidence: give a token with admin rights on the repository so its hooks can be read.'),
		link: fixHookLink,
	};
}
