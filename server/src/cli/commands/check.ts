// `composer-repos check [PATH] [--format text|json]`: validates the repositories block of one composer.json
// with the same language service the editor uses. Reads the file, never writes it.
import * as l10n from '@vscode/l10n';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArgs } from '../args';
import { EXIT_OK, EXIT_PROBLEMS, InputError, UsageError, type CliIO, type Command } from '../command';
import { formatJson, formatText, isError, sortDiagnostics } from '../diagnosticFormat';
import { formatCommandHelp } from '../help';
import { createNodeLanguageService } from '../../node/languageService';

// Re-exported for commands that locate a composer.json the same way (versions).
export { InputError };

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT': return l10n.t('no such file or directory');
		case 'EACCES': case 'EPERM': return l10n.t('permission denied');
		case 'EISDIR': return l10n.t('is a directory');
		case 'ENOTDIR': return l10n.t('not a directory');
		default: return error instanceof Error ? error.message : String(error);
	}
}

/** PATH names a composer.json or a folder holding one. */
export async function locateComposerJson(input: string, cwd: string): Promise<string> {
	const absolute = resolve(cwd, input);
	let kind: 'file' | 'directory' | 'other';
	try {
		const info = await stat(absolute);
		kind = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
	} catch (error) {
		throw new InputError(l10n.t('cannot open {0}: {1}', input, describeFsError(error)));
	}
	if (kind === 'file') {
		return absolute;
	}
	if (kind === 'other') {
		throw new InputError(l10n.t('{0} is not a regular file', input));
	}
	const candidate = join(absolute, 'composer.json');
	try {
		if ((await stat(candidate)).isFile()) {
			return candidate;
		}
	} catch {
		// Reported below in the user's terms: the folder has no composer.json.
	}
	throw new InputError(l10n.t('no composer.json in {0}', input));
}

/** How the file is named in the output: relative to the current folder when below it, absolute otherwise. */
function displayPath(file: string, cwd: string): string {
	const rel = relative(cwd, file);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export const checkCommand: Command = {
	name: 'check',
	synopsis: '[PATH] [--format text|json]',
	summary: () => l10n.t('Check the repositories block of a composer.json'),
	help: () => formatCommandHelp(checkCommand, {
		description: [
			l10n.t('Checks the repositories block of a composer.json and prints one line per problem.'),
			l10n.t('PATH is a composer.json or a folder holding one (default: the current folder).'),
		],
		options: [['--format text|json', l10n.t('text: file:line:col severity code message (1-based); json: LSP ranges (0-based)')]],
		exitStatus: l10n.t('Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem.'),
	}),
	async run(args: string[], io: CliIO): Promise<number> {
		const { options, positionals } = parseArgs(args, {
			format: { kind: 'string', choices: ['text', 'json'] },
			help: { kind: 'boolean', short: 'h' },
		});
		if (options.help) {
			io.stdout(`${this.help()}\n`);
			return EXIT_OK;
		}
		if (positionals.length > 1) {
			throw new UsageError(l10n.t('expected at most one PATH, got {0}', positionals.length));
		}
		const file = await locateComposerJson(positionals[0] ?? '.', io.cwd);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			throw new InputError(l10n.t('cannot read {0}: {1}', displayPath(file, io.cwd), describeFsError(error)));
		}
		const document = TextDocument.create(pathToFileURL(file).toString(), 'json', 1, text);
		const diagnostics = sortDiagnostics(await createNodeLanguageService().doValidation(document, file));
		const shown = displayPath(file, io.cwd);
		io.stdout(options.format === 'json' ? formatJson(shown, diagnostics) : formatText(shown, diagnostics));
		return diagnostics.some(isError) ? EXIT_PROBLEMS : EXIT_OK;
	},
};
