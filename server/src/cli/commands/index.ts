// The command table of `composer-repos`. To add a command (say `versions`): write
// `commands/versions.ts` exporting a `Command` (see ../command.ts: name, synopsis, summary, help, run
// returning an exit code), then add one line to COMMANDS below. Help, dispatch, usage errors and exit codes
// are handled by ../main.ts for every command alike.
import type { Command } from '../command';
import { checkCommand } from './check';
import { hooksCommand } from './hooks';
import { lspCommand } from './lsp';
import { versionsCommand } from './versions';

export const COMMANDS: readonly Command[] = [
	checkCommand,
	hooksCommand,
	lspCommand,
	versionsCommand,
];
