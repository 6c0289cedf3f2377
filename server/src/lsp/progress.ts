// Resolution progress as `window/workDoneProgress` ("Resolving 3 of 7 repositories…"), for clients that
// support it. A round that ends within the delay shows nothing (most edits resolve from memory); a longer one
// gets a cancellable progress, and cancelling it stops the round.
import * as l10n from '@vscode/l10n';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { Activity } from '../resolution/types';
import type { Timer } from './diagnostics';

export const PROGRESS_DELAY_MS = 500;

export class ResolutionProgress {
	private reporter?: WorkDoneProgressServerReporter;
	private creating = false;
	private pendingStart?: { dispose(): void };
	private last: Activity = { active: 0, done: 0, total: 0 };

	constructor(
		private readonly connection: Connection,
		private readonly supported: () => boolean,
		private readonly cancel: () => void,
		private readonly timer: Timer,
		private readonly delayMs = PROGRESS_DELAY_MS,
	) {}

	update(activity: Activity): void {
		this.last = activity;
		if (!this.supported()) {
			return;
		}
		if (activity.active === 0) {
			this.pendingStart?.dispose();
			this.pendingStart = undefined;
			this.reporter?.done();
			this.reporter = undefined;
			return;
		}
		if (this.reporter) {
			this.reporter.report(percentage(activity), message(activity));
		} else if (!this.pendingStart && !this.creating) {
			this.pendingStart = this.timer.setTimeout(() => {
				this.pendingStart = undefined;
				void this.begin();
			}, this.delayMs);
		}
	}

	private async begin(): Promise<void> {
		if (this.last.active === 0) {
			return;
		}
		this.creating = true;
		let reporter: WorkDoneProgressServerReporter;
		try {
			reporter = await this.connection.window.createWorkDoneProgress();
		} catch (error) {
			this.connection.console.warn(`[progress] the client refused a progress: ${String(error)}`);
			return;
		} finally {
			this.creating = false;
		}
		if (this.last.active === 0) {
			// The round ended while the client created the progress.
			reporter.done();
			return;
		}
		this.reporter = reporter;
		reporter.token.onCancellationRequested(() => this.cancel());
		reporter.begin(l10n.t('Composer repositories'), percentage(this.last), message(this.last), true);
	}
}

function percentage(a: Activity): number {
	return a.total > 0 ? Math.round((a.done / a.total) * 100) : 0;
}

function message(a: Activity): string {
	return l10n.t('Resolving {0} of {1} repositories…', String(Math.min(a.done + 1, a.total)), String(a.total));
}
