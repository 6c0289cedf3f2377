// The command table of `composer-repos`. To add a command (say `versions`): write
// `commands/versions.ts` exporting a `Command` (see ../command.ts: name, synopsis, summary, help, run
// returning an exit code), then add one entry to COMMANDS below. Help, dispatch, usage errors and exit codes
// are handled by ../main.ts for every command alike.
//
// Only `check` is loaded with the CLI: `versions` pulls in every resolver, HTTP and VCS process code, `lsp` the
// whole language server, `hooks` the Packagist engine, and loading them cost most of `composer-repos check`'s start (bench/cliStart.bench.ts).
// Their modules are loaded by import() when they run (esbuild keeps them in dist/cli.js, evaluated lazily).
// The table repeats their name, synopsis and summary so that the top-level help needs none of them loaded;
// test/cli/commandTable.test.ts checks the copies against the modules.
import * as l10n from '@vscode/l10n';
import type { Command } from '../command';
import { checkCommand } from './check';

export interface CommandEntry {
	readonly name: string;
	readonly synopsis: string;
	summary(): string;
	load(): Promise<Command>;
}

function eager(command: Command): CommandEntry {
	return { name: command.name, synopsis: command.synopsis, summary: () => command.summary(), load: () => Promise.resolve(command) };
}

export const COMMANDS: readonly CommandEntry[] = [
	eager(checkCommand),
	{
		name: 'hooks',
		synopsis: 'status|warnings|update …',
		summary: () => l10n.t('Packagist auto-update: hook status, sync warnings and a manual update'),
		load: async () => (await import('./hooks.js')).hooksCommand,
	},
	{
		name: 'lsp',
		synopsis: '--stdio',
		summary: () => l10n.t('Run the language server (for editors)'),
		load: async () => (await import('./lsp.js')).lspCommand,
	},
	{
		name: 'versions',
		synopsis: '[PACKAGE...] [--file PATH] [--format text|json] [--offline]',
		summary: () => l10n.t('List the packages and versions the repositories of a composer.json offer'),
		load: async () => (await import('./versions.js')).versionsCommand,
	},
];
