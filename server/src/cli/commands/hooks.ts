// `composer-repos hooks status|warnings|update`: Packagist auto-update (issue 10) for CI and scripts. The engine
// is server/src/hooks/; this module parses flags, reads tokens from the environment (GITHUB_TOKEN, GITLAB_TOKEN,
// BITBUCKET_TOKEN, PACKAGIST_USERNAME, PACKAGIST_API_TOKEN: never printed) and prints text or JSON.
// Exit codes: 0 fine, 1 a verdict is `problem` (or the update job did not complete), 2 usage or input problems.
import * as l10n from '@vscode/l10n';
import type { HookCredentials, HookReport, HookSettings, UpdateJobResult } from '../../../../protocol/hooks';
import { parseArgs, type OptionSpec } from '../args';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, InputError, UsageError, type CliIO, type Command } from '../command';
import { formatCommandHelp, PROGRAM } from '../help';
import { locateComposerJson } from './check';
import { abortOnSignals } from './versions';
import { redact } from '../../net/credentials';
import { HookCancelledError, HookInputError, type HookContext } from '../../hooks/context';
import { createHookContext, createHookRuntime } from '../../hooks/engine';
import type { TokenHints } from '../../hooks/hookResult';
import { checkPackage, hookOfPackage, readComposerProject } from '../../hooks/status';
import { triggerUpdate } from '../../hooks/updateJob';
import { listWarnings } from '../../hooks/warnings';

const COMMON: Record<string, OptionSpec> = {
	format: { kind: 'string', choices: ['text', 'json'] },
	'packagist-url': { kind: 'string' },
	'repo-url': { kind: 'string' },
	'github-api-url': { kind: 'string' },
	'gitlab-url': { kind: 'string' },
	'bitbucket-api-url': { kind: 'string' },
	'no-marker': { kind: 'boolean' },
	'grace-minutes': { kind: 'string' },
	help: { kind: 'boolean', short: 'h' },
};

function hints(): TokenHints {
	return {
		github: l10n.t('Set GITHUB_TOKEN to a token of a repository admin with the read:repo_hook scope.'),
		githubEnterprise: l10n.t('Set GITHUB_TOKEN to a token of a repository admin with the read:repo_hook scope.'),
		gitlab: l10n.t('Set GITLAB_TOKEN to a token of a project Maintainer with the read_api scope.'),
		bitbucket: l10n.t('Set BITBUCKET_TOKEN to an access token with webhook read scope, or to EMAIL:API_TOKEN.'),
	};
}

function credentialsFrom(env: NodeJS.ProcessEnv): HookCredentials {
	const pick = (name: string): string | undefined => (env[name] && env[name]!.trim() !== '' ? env[name]!.trim() : undefined);
	const username = pick('PACKAGIST_USERNAME');
	const token = pick('PACKAGIST_API_TOKEN');
	return {
		github: pick('GITHUB_TOKEN'),
		gitlab: pick('GITLAB_TOKEN'),
		bitbucket: pick('BITBUCKET_TOKEN'),
		...(username && token ? { packagist: { username, token } } : {}),
	};
}

function settingsFrom(options: Record<string, string | boolean | undefined>): HookSettings {
	const str = (name: string): string | undefined => (typeof options[name] === 'string' ? options[name] as string : undefined);
	let graceMinutes: number | undefined;
	const grace = str('grace-minutes');
	if (grace !== undefined) {
		graceMinutes = Number(grace);
		if (!/^\d+$/.test(grace)) {
			throw new UsageError(l10n.t('invalid value \'{0}\' for \'--{1}\' (expected {2})', grace, 'grace-minutes', l10n.t('a number of minutes')));
		}
	}
	return {
		baseUrls: {
			packagist: str('packagist-url'),
			repo: str('repo-url'),
			githubApi: str('github-api-url'),
			gitlab: str('gitlab-url'),
			bitbucketApi: str('bitbucket-api-url'),
		},
		readMarker: options['no-marker'] !== true,
		graceMinutes,
	};
}

function formatReport(report: HookReport, full: boolean): string {
	const head = `${report.verdict.padEnd(8)} ${report.package}${report.repository ? `  (${report.repository})` : ''}${report.abandoned !== undefined ? `  [${l10n.t('abandoned')}]` : ''}`;
	if (!full) {
		return head;
	}
	const lines = [head];
	for (const s of report.signals) {
		lines.push(`  ${s.kind.padEnd(10)} ${s.status.padEnd(8)} ${s.detail}${s.source ? `  [${s.source}]` : ''}`);
	}
	lines.push(`  ${l10n.t('next')}: ${report.advice}`);
	if (report.link) {
		lines.push(`        ${report.link}`);
	}
	return lines.join('\n');
}

function formatUpdate(result: UpdateJobResult): string {
	const lines = [`${result.status.padEnd(10)} ${result.package}${result.jobId ? `  (${l10n.t('job')} ${result.jobId})` : ''}`, `  ${result.message}`];
	if (result.details) {
		lines.push(...result.details.split('\n').map((l) => `  | ${l}`));
	}
	return lines.join('\n');
}

interface Run {
	ctx: HookContext;
	dispose(): void;
}

function startRun(options: Record<string, string | boolean | undefined>, io: CliIO, extra: { concurrency?: number; timeoutSeconds?: number } = {}): Run {
	const interrupt = io.signal ? undefined : abortOnSignals();
	const runtime = createHookRuntime(io.env as Record<string, string | undefined>);
	try {
		const ctx = createHookContext({
			settings: settingsFrom(options),
			credentials: credentialsFrom(io.env),
			runtime,
			signal: io.signal ?? interrupt!.signal,
			concurrency: extra.concurrency,
			poll: extra.timeoutSeconds !== undefined ? { firstMs: 1000, maxMs: 10_000, timeoutMs: extra.timeoutSeconds * 1000 } : undefined,
		});
		return { ctx, dispose: () => interrupt?.dispose() };
	} catch (error) {
		interrupt?.dispose();
		throw error instanceof HookInputError ? new UsageError(error.message) : error;
	}
}

function positiveInt(options: Record<string, string | boolean | undefined>, name: string): number | undefined {
	const value = options[name];
	if (typeof value !== 'string') {
		return undefined;
	}
	if (!/^[1-9]\d*$/.test(value)) {
		throw new UsageError(l10n.t('invalid value \'{0}\' for \'--{1}\' (expected {2})', value, name, l10n.t('a positive number')));
	}
	return Number(value);
}

async function status(args: string[], io: CliIO): Promise<number> {
	const { options, positionals } = parseArgs(args, { ...COMMON, package: { kind: 'string' } });
	if (options.help) {
		io.stdout(`${hooksCommand.help()}\n`);
		return EXIT_OK;
	}
	if (positionals.length > 1 || (positionals.length === 1 && typeof options.package === 'string')) {
		throw new UsageError(l10n.t('give either a PATH or --package, not both'));
	}
	const run = startRun(options, io);
	try {
		const target = typeof options.package === 'string'
			? { name: options.package }
			: await readComposerProject(run.ctx, await locateComposerJson(positionals[0] ?? '.', io.cwd));
		const report = await checkPackage(run.ctx, target, { hints: hints() });
		io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, true)}\n`);
		return report.verdict === 'problem' ? EXIT_PROBLEMS : EXIT_OK;
	} finally {
		run.dispose();
	}
}

async function warnings(args: string[], io: CliIO): Promise<number> {
	const { options, positionals } = parseArgs(args, {
		...COMMON, vendor: { kind: 'string' }, user: { kind: 'string' }, 'include-abandoned': { kind: 'boolean' }, concurrency: { kind: 'string' },
	});
	if (options.help) {
		io.stdout(`${hooksCommand.help()}\n`);
		return EXIT_OK;
	}
	if (positionals.length > 0) {
		throw new UsageError(l10n.t('unexpected argument \'{0}\'', positionals[0]));
	}
	if ((typeof options.vendor === 'string') === (typeof options.user === 'string')) {
		throw new UsageError(l10n.t('give exactly one of --vendor and --user'));
	}
	const run = startRun(options, io, { concurrency: positiveInt(options, 'concurrency') });
	try {
		const reports = await listWarnings(run.ctx, {
			vendor: typeof options.vendor === 'string' ? options.vendor : undefined,
			user: typeof options.user === 'string' ? options.user : undefined,
			includeAbandoned: options['include-abandoned'] === true,
		}, { hints: hints() });
		if (options.format === 'json') {
			io.stdout(`${JSON.stringify({ packages: reports }, null, 2)}\n`);
		} else {
			io.stdout(reports.map((r) => formatReport(r, r.verdict !== 'ok' && r.skipped !== true)).join('\n') + (reports.length ? '\n' : ''));
		}
		return reports.some((r) => r.verdict === 'problem') ? EXIT_PROBLEMS : EXIT_OK;
	} finally {
		run.dispose();
	}
}

async function update(args: string[], io: CliIO): Promise<number> {
	const { options, positionals } = parseArgs(args, { ...COMMON, timeout: { kind: 'string' } });
	if (options.help) {
		io.stdout(`${hooksCommand.help()}\n`);
		return EXIT_OK;
	}
	if (positionals.length !== 1) {
		throw new UsageError(l10n.t('give the package to update (VENDOR/NAME)'));
	}
	if (!credentialsFrom(io.env).packagist) {
		throw new UsageError(l10n.t('set PACKAGIST_USERNAME and PACKAGIST_API_TOKEN to trigger an update'));
	}
	const run = startRun(options, io, { timeoutSeconds: positiveInt(options, 'timeout') });
	try {
		const hook = await hookOfPackage(run.ctx, positionals[0], hints());
		let warning: string | undefined;
		if (!hook || hook.signal.status !== 'ok') {
			warning = l10n.t('No working Packagist hook was found ({0}). A manual update makes the package page say "auto-updated" and hides the missing hook.', hook?.signal.detail ?? l10n.t('no repository known'));
			io.stderr(`${l10n.t('warning')}: ${warning}\n`);
		}
		const result = await triggerUpdate(run.ctx, positionals[0]);
		io.stdout(options.format === 'json' ? `${JSON.stringify({ ...result, ...(warning ? { warning } : {}) }, null, 2)}\n` : `${formatUpdate(result)}\n`);
		return result.status === 'completed' ? EXIT_OK : EXIT_PROBLEMS;
	} finally {
		run.dispose();
	}
}

export const hooksCommand: Command = {
	name: 'hooks',
	synopsis: 'status|warnings|update …',
	summary: () => l10n.t('Packagist auto-update: hook status, sync warnings and a manual update'),
	help: () => formatCommandHelp(hooksCommand, {
		usage: 'status [PATH | --package VENDOR/NAME] [options]\n'
			+ `       ${PROGRAM} hooks warnings --vendor VENDOR | --user USER [--include-abandoned] [options]\n`
			+ `       ${PROGRAM} hooks update VENDOR/NAME [options]`,
		description: [
			l10n.t('status    the package of a composer.json (its name; its repository from Packagist or the git remote):'),
			l10n.t('          the hook on GitHub/GitLab/Bitbucket, the freshness of Packagist\'s metadata, the page\'s marker'),
			l10n.t('warnings  every package of a vendor or a Packagist user, problems first (abandoned ones skipped)'),
			l10n.t('update    POST /api/update-package and follow the job (PACKAGIST_USERNAME, PACKAGIST_API_TOKEN)'),
			'',
			l10n.t('Tokens come from GITHUB_TOKEN, GITLAB_TOKEN, BITBUCKET_TOKEN; without one the hook is "unknown", never "missing".'),
		],
		options: [
			['--format text|json', l10n.t('json: {"package", "repository", "verdict", "signals": [...], "advice", …}')],
			['--package VENDOR/NAME', l10n.t('status of a package without a composer.json')],
			['--vendor V, --user U', l10n.t('whose packages warnings lists')],
			['--include-abandoned', l10n.t('also check abandoned packages')],
			['--concurrency N', l10n.t('packages checked at once (default 8)')],
			['--packagist-url URL', l10n.t('default https://packagist.org')],
			['--repo-url URL', l10n.t('default https://repo.packagist.org')],
			['--github-api-url URL', l10n.t('default https://api.github.com (GitHub Enterprise: https://HOST/api/v3)')],
			['--gitlab-url URL', l10n.t('default https://gitlab.com')],
			['--bitbucket-api-url URL', l10n.t('default https://api.bitbucket.org')],
			['--no-marker', l10n.t('do not read the package page (the marker is unofficial screen-scraping)')],
			['--grace-minutes N', l10n.t('how long a new tag or push may take to reach Packagist (default 15)')],
			['--timeout SECONDS', l10n.t('how long update waits for its job (default 300)')],
		],
		exitStatus: l10n.t('Exit status: 0 fine, 1 a verdict is problem (or the update did not complete), 2 usage or input problem.'),
	}),
	async run(args: string[], io: CliIO): Promise<number> {
		const [sub, ...rest] = args;
		try {
			switch (sub) {
				case 'status':
					return await status(rest, io);
				case 'warnings':
					return await warnings(rest, io);
				case 'update':
					return await update(rest, io);
				case '--help':
				case '-h':
					io.stdout(`${this.help()}\n`);
					return EXIT_OK;
				case undefined:
					throw new UsageError(l10n.t('missing subcommand (status, warnings or update)'));
				default:
					throw new UsageError(l10n.t('unknown subcommand \'{0}\'', sub));
			}
		} catch (error) {
			if (error instanceof HookInputError) {
				throw new InputError(redact(error.message));
			}
			if (error instanceof HookCancelledError) {
				io.stderr(`composer-repos: ${error.message}\n`);
				return EXIT_USAGE;
			}
			throw error;
		}
	},
};

