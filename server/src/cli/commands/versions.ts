// `composer-repos versions [PACKAGE...] [--file PATH] [--format text|json] [--offline]`: what the repositories
// of a composer.json offer, resolved live the way Composer would (`composer show --all [NAME]`).
import * as l10n from '@vscode/l10n';
import { readFile } from 'node:fs/promises';
import { parseArgs } from '../args';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO, type Command } from '../command';
import { InputError, locateComposerJson } from './check';
import { formatCommandHelp } from '../help';
import { redact } from '../../net/credentials';
import { parseComposerJson } from '../../model/composerDocument';
import { buildRepositoryList } from '../../resolvers/repositoryList';
import { resolveRepositories, type Resolution } from '../../resolvers/repositorySet';
import { createNodeResolveContext, readGlobalConfig } from '../../resolvers/resolveContext';
import { defaultRegistry } from '../../resolvers/registry';

export interface VersionsJson {
	packages: Record<string, { versions: string[]; repository: string }>;
	errors: Array<{ repository: string; message: string }>;
}

export function toJson(resolution: Resolution, listErrors: Array<{ repository: string; message: string }>): VersionsJson {
	const packages: VersionsJson['packages'] = {};
	for (const listing of resolution.packages.values()) {
		packages[listing.name] = { versions: listing.versions, repository: redact(listing.repository) };
	}
	// Last line of defence: every credential loaded in this process is registered with redact().
	const errors = [...listErrors, ...resolution.errors].map((e) => ({ repository: redact(e.repository), message: redact(e.message) }));
	return { packages, errors };
}

function formatText(json: VersionsJson): string {
	const lines: string[] = [];
	for (const [name, p] of Object.entries(json.packages)) {
		lines.push(`${name}  (${p.repository})`);
		lines.push(`  ${l10n.t('versions')} : ${p.versions.join(', ')}`);
	}
	return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * Ctrl-C / SIGTERM abort the run: the signal reaches every socket and VCS process, so the command returns
 * (with "cancelled" errors) instead of leaving children and connections behind.
 */
export function abortOnSignals(): { signal: AbortSignal; dispose(): void } {
	const controller = new AbortController();
	const onSignal = (): void => controller.abort();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	return {
		signal: controller.signal,
		dispose: () => {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		},
	};
}

export const versionsCommand: Command = {
	name: 'versions',
	synopsis: '[PACKAGE...] [--file PATH] [--format text|json] [--offline]',
	summary: () => l10n.t('List the packages and versions the repositories of a composer.json offer'),
	help: () => formatCommandHelp(versionsCommand, {
		description: [
			l10n.t('Resolves every repository of the composer.json live, as Composer does, and lists the versions'),
			l10n.t('each package offers, newest first (like `composer show --all NAME`). Without PACKAGE, every package'),
			l10n.t('the repositories can list is shown. A repository that fails is reported and does not stop the others.'),
		],
		options: [
			['--file PATH', l10n.t('a composer.json or a folder holding one (default: the current folder)')],
			['--format text|json', l10n.t('json: {"packages": {NAME: {"versions": [...], "repository": LABEL}}, "errors": [...]}')],
			['--offline', l10n.t('no network: answer from the HTTP cache and VCS mirrors only')],
		],
		exitStatus: l10n.t('Exit status: 0 no errors, 1 a repository or package failed, 2 usage or I/O problem.'),
	}),
	async run(args: string[], io: CliIO): Promise<number> {
		const { options, positionals } = parseArgs(args, {
			file: { kind: 'string' },
			format: { kind: 'string', choices: ['text', 'json'] },
			offline: { kind: 'boolean' },
			help: { kind: 'boolean', short: 'h' },
		});
		if (options.help) {
			io.stdout(`${this.help()}\n`);
			return EXIT_OK;
		}
		for (const name of positionals) {
			if (!/^[^\s/]+\/[^\s/]+$/.test(name)) {
				throw new UsageError(l10n.t('\'{0}\' is not a package name (vendor/name)', name));
			}
		}
		const file = await locateComposerJson(typeof options.file === 'string' ? options.file : '.', io.cwd);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			throw new InputError(l10n.t('cannot read {0}: {1}', file, error instanceof Error ? error.message : String(error)));
		}
		const env = io.env as Record<string, string | undefined>;
		const homeDir = env.HOME ?? '/';
		const global = readGlobalConfig(env, homeDir);
		const list = buildRepositoryList(
			{ document: parseComposerJson(text), file },
			global ? { document: parseComposerJson(global.text), file: global.file } : undefined,
		);
		const interrupt = io.signal ? undefined : abortOnSignals();
		const signal = io.signal ?? interrupt!.signal;
		const ctx = createNodeResolveContext({ composerJson: file, configLayers: list.configLayers, env, homeDir, offline: options.offline === true, signal });
		const names = positionals.length ? positionals.map((n) => n.toLowerCase()) : undefined;
		let resolution: Resolution;
		try {
			resolution = await resolveRepositories(list.repositories, names, ctx, defaultRegistry());
		} finally {
			interrupt?.dispose();
		}
		const json = toJson(resolution, list.errors);
		// Warnings (stale cache, API fallback, skipped archives) go to stderr in both formats: JSON on stdout
		// stays parseable and the user still learns that data may be out of date.
		for (const w of resolution.warnings) {
			io.stderr(`${l10n.t('warning')}: ${redact(w.repository)}: ${redact(w.message)}\n`);
		}
		if (options.format === 'json') {
			io.stdout(`${JSON.stringify(json, null, 2)}\n`);
		} else {
			io.stdout(formatText(json));
			for (const e of json.errors) {
				io.stderr(`${l10n.t('error')}: ${e.repository}: ${e.message}\n`);
			}
		}
		return json.errors.length ? EXIT_PROBLEMS : EXIT_OK;
	},
};
