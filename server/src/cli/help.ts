// The layout every help screen shares: a usage line, what the command does, its options (each command gets
// `-h, --help`) and what its exit status means. A command writes only what is its own.
import * as l10n from '@vscode/l10n';
import type { Command } from './command';

export const PROGRAM = 'composer-repos';

export interface CommandHelp {
	/** Operands and options after the command's name when they differ from its synopsis. */
	usage?: string;
	/** What the command does, one translated line each. */
	description: string[];
	/** `[flag, translated explanation]`, without `-h, --help`. */
	options: Array<[string, string]>;
	/** The meaning of the exit codes, translated; absent for a command that does not exit by itself. */
	exitStatus?: string;
}

/** `Options:` and one aligned line per option. */
export function formatOptions(options: Array<[string, string]>): string[] {
	const width = Math.max(18, ...options.map(([flag]) => flag.length));
	return [l10n.t('Options:'), ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`)];
}

/** The text of `composer-repos NAME --help`. */
export function formatCommandHelp(command: Pick<Command, 'name' | 'synopsis'>, help: CommandHelp): string {
	return [
		l10n.t('Usage: {0}', `${PROGRAM} ${command.name} ${help.usage ?? command.synopsis}`),
		'',
		...help.description,
		'',
		...formatOptions([...help.options, ['-h, --help', l10n.t('Show this help')]]),
		...(help.exitStatus ? ['', help.exitStatus] : []),
	].join('\n');
}
