// The live part of a repository entry's hover: the driver Composer would use, what the repository offers, when
// it was fetched, and why it failed or was not asked. Everything shown comes from the snapshot's status, which
// never holds credentials; display.ts removes any that slipped through anyway.
import * as l10n from '@vscode/l10n';
import type { RepositorySnapshot, RepositoryStatus } from '../liveData';
import { codeSpan, markdownText, shown, utcTime } from './display';

/** The status of the repository at `entryIndex` of the document's `repositories` block. */
export function statusOfEntry(snapshot: RepositorySnapshot, entryIndex: number): RepositoryStatus | undefined {
	return snapshot.repositories.find((r) => r.entryIndex === entryIndex);
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}

export function errorKindText(status: RepositoryStatus): string {
	switch (status.errorCode) {
		case 'unreachable': return l10n.t('cannot be reached');
		case 'timeout': return l10n.t('did not answer in time');
		case 'refused': return l10n.t('refused by the configuration');
		case 'auth': return l10n.t('needs credentials');
		case 'not-found': return l10n.t('not found');
		case 'invalid': return l10n.t('does not answer as a {0} repository should', shown(status.type));
		default: return l10n.t('failed');
	}
}

/** Markdown lines describing one repository's live status. */
export function describeStatus(status: RepositoryStatus): string {
	const lines: string[] = [`**${l10n.t('Live status')}** · ${codeSpan(status.label)}`];
	if (status.driver !== undefined) lines.push(l10n.t('Driver: {0}', codeSpan(status.driver)));
	switch (status.state) {
		case 'pending':
			lines.push(l10n.t('Resolving…'));
			break;
		case 'skipped':
			lines.push(status.reason !== undefined ? l10n.t('Not resolved: {0}', markdownText(status.reason)) : l10n.t('Not resolved.'));
			break;
		case 'error':
			lines.push(l10n.t('Failed ({0}): {1}', errorKindText(status), markdownText(status.error ?? '')));
			break;
		case 'ok':
			if (status.packages !== undefined) lines.push(l10n.t('Offers {0} packages, {1} versions.', status.packages, status.versions ?? 0));
			break;
	}
	if (status.fetchedAt !== undefined) {
		const when = utcTime(status.fetchedAt);
		lines.push(status.durationMs !== undefined ? l10n.t('Fetched {0} in {1} s.', when, seconds(status.durationMs)) : l10n.t('Fetched {0}.', when));
	}
	if (status.stale) lines.push(l10n.t('From the cache: the repository could not be asked again.'));
	return lines.join('\n\n');
}
