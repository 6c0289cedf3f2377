// The public "auto-updated" marker of the package page (the only public carrier of Packagist's flag). It is
// sticky (set by any successful hook or API call, never reset) and cannot tell a GitHub hook from a manual
// call, so "auto-updated" is weak evidence; "not auto-updated" is strong. A manual update this tool triggered
// sets the same flag, so after one the marker proves nothing.
import * as l10n from '@vscode/l10n';
import type { HookSignal } from '../../../protocol/hooks';
import { shortDate, type HookContext } from './context';
import { fetchMarker } from './packagist';

const SOURCE = 'package page';

function signal(status: HookSignal['status'], detail: string): HookSignal {
	return { kind: 'marker', status, detail, source: SOURCE };
}

export async function markerSignal(ctx: HookContext, name: string): Promise<HookSignal> {
	if (!ctx.readMarker) {
		return signal('unknown', l10n.t('Reading the package page is turned off.'));
	}
	const page = await fetchMarker(ctx, name);
	if ('error' in page) {
		return signal('unknown', l10n.t('The package page could not be read: {0}', page.error));
	}
	if (!page.found) {
		return signal('unknown', l10n.t('Packagist has no page for {0} (unknown or frozen package).', name));
	}
	const { autoUpdated, lastUpdate } = page.value;
	const last = lastUpdate ? ' ' + l10n.t('Last update: {0}.', lastUpdate) : '';
	if (autoUpdated === null) {
		return signal('unknown', l10n.t('The package page shows no auto-update marker (no version yet, or not crawled yet).'));
	}
	if (!autoUpdated) {
		return signal('problem', l10n.t('The package page says: not auto-updated.') + last);
	}
	const manual = ctx.state.manualUpdateAt(name);
	if (manual !== undefined) {
		return signal('unknown', l10n.t('The package page says auto-updated, but a manual update was triggered from here on {0}, which sets the same flag; it proves no hook.', shortDate(manual)) + last);
	}
	return signal('ok', l10n.t('The package page says auto-updated (a sticky flag: some hook or API call succeeded at least once).') + last);
}
