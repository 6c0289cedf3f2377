// Entry of the `composer-repos` command (dist/cli.js). Global flags and dispatch live here; each command is
// one module in commands/ listed in commands/index.ts. Every failure ends as a one-line message on stderr and
// an exit code (0 fine, 1 problems found, 2 usage or I/O), never as a stack trace.
import * as l10n from '@vscode/l10n';
import { EXIT_OK, EXIT_USAGE, InputError, UsageError, type CliIO } from './command';
import { COMMANDS } from './commands/index';
import { formatOptions, PROGRAM } from './help';
import { cliLocale, configureL10n } from '../node/l10nSetup';
import { version } from '../../../package.json';

function topLevelHelp(): string {
	const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.synopsis}`.length));
	return [
		l10n.t('Usage: {0} <command> [options]', PROGRAM),
		'',
		l10n.t('Commands:'),
		...COMMANDS.map((c) => `  ${`${c.name} ${c.synopsis}`.padEnd(width)}  ${c.summary()}`),
		'',
		...formatOptions([
			['-h, --help', l10n.t('Show help (also: {0} <command> --help)', PROGRAM)],
			['-v, --version', l10n.t('Show the version')],
			['--locale LOCALE', l10n.t('Language of messages (default: from LC_ALL, LC_MESSAGES, LANG)')],
		]),
	].join('\n');
}

/** Takes `--locale X` / `--locale=X` out of argv wherever it is: it must be applied before any message. */
function extractLocale(argv: string[]): { locale?: string; rest: string[] } {
	const rest: string[] = [];
	let locale: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--') {
			rest.push(...argv.slice(i));
			break;
		}
		if (argv[i] === '--locale' && i + 1 < argv.length) {
			locale = argv[++i];
		} else if (argv[i].startsWith('--locale=')) {
			locale = argv[i].slice('--locale='.length);
		} else {
			rest.push(argv[i]);
		}
	}
	return { locale, rest };
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
	const { locale, rest } = extractLocale(argv);
	configureL10n(cliLocale(locale, io.env));
	const [first, ...args] = rest;
	if (first === undefined) {
		io.stderr(`${topLevelHelp()}\n`);
		return EXIT_USAGE;
	}
	if (first === '--help' || first === '-h' || first === 'help') {
		io.stdout(`${topLevelHelp()}\n`);
		return EXIT_OK;
	}
	if (first === '--version' || first === '-v') {
		io.stdout(`${version}\n`);
		return EXIT_OK;
	}
	const command = COMMANDS.find((c) => c.name === first);
	try {
		if (!command) {
			throw new UsageError(first.startsWith('-')
				? l10n.t('unknown option \'{0}\'', first)
				: l10n.t('unknown command \'{0}\'', first));
		}
		return await (await command.load()).run(args, io);
	} catch (error) {
		if (error instanceof UsageError) {
			const hint = command ? `${PROGRAM} ${command.name} --help` : `${PROGRAM} --help`;
			io.stderr(`${PROGRAM}: ${error.message}\n${l10n.t('Try \'{0}\' for more information.', hint)}\n`);
			return EXIT_USAGE;
		}
		if (error instanceof InputError) {
			io.stderr(`${PROGRAM}: ${error.message}\n`);
			return EXIT_USAGE;
		}
		// A bug of ours: still one line, no stack trace (set COMPOSER_REPOS_DEBUG=1 to see it).
		io.stderr(`${PROGRAM}: ${l10n.t('internal error: {0}', error instanceof Error ? error.message : String(error))}\n`);
		if (io.env.COMPOSER_REPOS_DEBUG && error instanceof Error && error.stack) {
			io.stderr(`${error.stack}\n`);
		}
		return EXIT_USAGE;
	}
}

// `composer-repos check | head -1` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}
	throw error;
});

const io: CliIO = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	cwd: process.cwd(),
	env: process.env,
};

// exitCode rather than exit(): large JSON output on a pipe must be flushed before the process ends.
runCli(process.argv.slice(2), io).then(
	(code) => { process.exitCode = code; },
	(error: unknown) => {
		process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = EXIT_USAGE;
	},
);
