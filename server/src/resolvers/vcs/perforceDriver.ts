// Composer's PerforceDriver, as far as this tool goes: driver detection exactly as Composer (a URL naming
// `perforce`/`p4` in the shallow pass, any URL in the deep pass, confirmed by `p4 -p <port> info -s`), the
// required `depot` key, and a clear error value instead of a crash when the repository cannot be read.
// Reading depots (login, client specs, streams, labels) is not implemented: without a `p4` program and a
// server to test against it could not be verified, so a present `p4` yields an honest "not supported" error.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { VcsDriverError, VcsProgramDriver, type VcsDriver, type VcsDriverFactory } from './driver';
import { unsafeRepositoryValues } from '../../composer/commandSafety';
import { redactUrl } from './urlSafety';
import { runVcs } from './vcsTools';

/** PerforceDriver::supports shallow regex. */
const P4_URL = /\b(perforce|p4)\b/i;

export class PerforceDriver extends VcsProgramDriver implements VcsDriver {
	readonly label: string;
	protected readonly vcsType = 'perforce';

	constructor(protected readonly url: string, private readonly config: Record<string, unknown>, private readonly ctx: ResolveContext) {
		super();
		this.label = `perforce ${redactUrl(url)}`;
	}

	async initialize(): Promise<void> {
		// `type: vcs` reaches this driver without the resolver's Perforce checks: the same rule, here too.
		const unsafe = unsafeRepositoryValues({ ...this.config, type: 'perforce', url: this.url })[0];
		if (unsafe) {
			throw new VcsDriverError(unsafe.field === 'url' ? 'unsafe-url' : 'unsafe-value', unsafe.message);
		}
		const depot = this.config.depot;
		if (typeof depot !== 'string' || depot === '') {
			throw new VcsDriverError('perforce-depot-missing', l10n.t('Cannot resolve perforce repository {0}: the "depot" key is required.', redactUrl(this.url)));
		}
		// `-V` only prints the client version: nothing from the definition reaches the command line.
		const version = await runVcs(this.ctx, 'p4', ['-V'], {
			notFound: l10n.t('Cannot resolve perforce repository {0}: the p4 command is not installed (or not on PATH).', redactUrl(this.url)),
		});
		if (version.exitCode !== 0) {
			throw new VcsDriverError('p4-failed', l10n.t('Cannot resolve perforce repository {0}: the p4 command does not work ({1}).', redactUrl(this.url), version.stderr.trim().slice(0, 300)));
		}
		throw new VcsDriverError('perforce-unsupported', l10n.t('Cannot resolve perforce repository {0}: reading Perforce depots is not supported by this tool yet (Composer itself can).', redactUrl(this.url)));
	}

	async getRootIdentifier(): Promise<string> {
		return typeof this.config.branch === 'string' ? this.config.branch : '';
	}

	async getBranches(): Promise<Map<string, string>> {
		return new Map();
	}

	async getTags(): Promise<Map<string, string>> {
		return new Map();
	}

	async getComposerInformation(): Promise<Record<string, unknown> | null> {
		return null;
	}
}

export const perforceDriverFactory: VcsDriverFactory = {
	name: 'perforce',
	async supports(url, ctx, deep) {
		if (!deep && !P4_URL.test(url)) {
			return false;
		}
		// `-p` takes the next argument as its value, so the port can never be read as an option.
		const r = await ctx.processes.run({ command: 'p4', args: ['-p', url, 'info', '-s'], signal: ctx.signal, timeoutMs: 30_000 });
		return r.ok && r.exitCode === 0;
	},
	create(url, repoConfig, ctx) {
		return new PerforceDriver(url, repoConfig, ctx);
	},
};
