// A deliberately small option parser: `--name value`, `--name=value`, boolean `--flag`, short aliases, `--`
// ending options. Unknown options are errors (exit 2) rather than being silently taken as paths.
import * as l10n from '@vscode/l10n';
import { UsageError } from './command';

export interface OptionSpec {
	/** Takes a value (`--format json`) or is a switch (`--help`). */
	kind: 'string' | 'boolean';
	short?: string;
	/** Allowed values for a string option. */
	choices?: readonly string[];
}

export interface ParsedArgs {
	options: Record<string, string | boolean | undefined>;
	positionals: string[];
}

export function parseArgs(args: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
	const options: ParsedArgs['options'] = {};
	const positionals: string[] = [];
	const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short as string, name]));
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--') {
			positionals.push(...args.slice(i + 1));
			break;
		}
		if (!arg.startsWith('-') || arg === '-') {
			positionals.push(arg);
			continue;
		}
		let name: string | undefined;
		let inline: string | undefined;
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
			inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
		} else {
			name = byShort.get(arg.slice(1));
		}
		const option = name !== undefined ? spec[name] : undefined;
		if (name === undefined || option === undefined) {
			throw new UsageError(l10n.t('unknown option \'{0}\'', arg));
		}
		if (option.kind === 'boolean') {
			if (inline !== undefined) {
				throw new UsageError(l10n.t('option \'--{0}\' takes no value', name));
			}
			options[name] = true;
			continue;
		}
		let value = inline;
		if (value === undefined) {
			if (i + 1 >= args.length) {
				throw new UsageError(l10n.t('option \'--{0}\' needs a value', name));
			}
			value = args[++i];
		}
		if (option.choices && !option.choices.includes(value)) {
			throw new UsageError(l10n.t('invalid value \'{0}\' for \'--{1}\' (expected {2})', value, name, option.choices.join(' or ')));
		}
		options[name] = value;
	}
	return { options, positionals };
}
