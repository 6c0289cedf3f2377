// `composer-repos lsp --stdio`: the language server for editors other than VS Code (Neovim, Emacs, Helix,
// Zed). It is the very module behind dist/server.js, started in this process.
import * as l10n from '@vscode/l10n';
import { UsageError, type CliIO, type Command } from '../command';
import { formatCommandHelp } from '../help';
import { runNodeServer } from '../../lsp/nodeServer';

/** Transport flags vscode-languageserver reads from process.argv itself. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

export const lspCommand: Command = {
	name: 'lsp',
	synopsis: '--stdio',
	summary: () => l10n.t('Run the language server (for editors)'),
	help: () => formatCommandHelp(lspCommand, {
		usage: '[--stdio | --node-ipc | --socket=PORT | --pipe=NAME]',
		description: [l10n.t('Runs the Composer repositories language server. Editors start it with --stdio (the default).')],
		options: [],
	}),
	run(args: string[], io: CliIO): Promise<number> {
		if (args.includes('--help') || args.includes('-h')) {
			io.stdout(`${this.help()}\n`);
			return Promise.resolve(0);
		}
		const unknown = args.find((arg) => !TRANSPORT.test(arg));
		if (unknown !== undefined) {
			throw new UsageError(l10n.t('unknown option \'{0}\'', unknown));
		}
		if (!args.some((arg) => /^--(stdio|node-ipc|socket=|pipe=)/.test(arg))) {
			// vscode-languageserver picks the transport from process.argv; stdio is what editors expect.
			process.argv.push('--stdio');
		}
		runNodeServer();
		// The server owns the process from here on and exits when the client says `exit`.
		return new Promise<number>(() => undefined);
	},
};
