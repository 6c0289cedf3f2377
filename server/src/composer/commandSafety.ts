// Which values of a repository definition must never reach a VCS program: the one rule the editor's
// diagnostics and the resolvers both ask, so that what the editor flags is exactly what resolution refuses.
// The threat model is Composer's own advisories on argument injection through repository definitions
// (CVE-2022-24828 for hg/git urls and refs, CVE-2024-35241/35242 for refs, Perforce settings reaching a shell):
// Composer passes urls after `--` and shell-escapes every value; this tool never starts a process for them.
// Pure: no I/O. The verdict carries its own sentence, so a refused `versions` run and the diagnostic on the
// value say the same thing.
import * as l10n from '@vscode/l10n';

export type UnsafeReason = 'control-character' | 'option' | 'command-transport' | 'ssh-option' | 'shell-syntax';

export interface UnsafeValue {
	/** The repository key holding the value (`url`, `depot`, `p4user`, …). */
	readonly field: string;
	readonly reason: UnsafeReason;
	/** What makes it unsafe: the option (`--upload-pack`), the transport (`ext::`), the shell token (`$(`), the character (`U+000A`). */
	readonly token: string;
	/** What the value would have done, and that neither Composer nor this tool runs it (localized). */
	readonly message: string;
}

type Program = 'git' | 'hg' | 'svn' | 'fossil' | 'p4';

/** The program each VCS repository type hands its url to (VcsRepository's driver map); `vcs` may be any of them. */
const PROGRAM_OF_TYPE: Readonly<Record<string, Program>> = {
	git: 'git', github: 'git', gitlab: 'git', bitbucket: 'git', 'git-bitbucket': 'git',
	hg: 'hg', svn: 'svn', fossil: 'fossil', perforce: 'p4',
};

/** Perforce keys Composer's Perforce utility puts on p4 command lines (Util/Perforce.php). */
export const PERFORCE_FIELDS: readonly string[] = ['url', 'depot', 'branch', 'unique_perforce_client_name', 'p4user', 'p4password'];
/** Never echoed in a message. */
const SECRET_FIELDS = new Set(['p4password']);

const CONTROL = /[\u0000-\u001f\u007f]/;
/** `<helper>::<address>` makes git run `git-remote-<helper>`; `ext::` and `fd::` run commands or use open descriptors. */
const REMOTE_HELPER = /^([A-Za-z0-9][A-Za-z0-9+.-]*)::/;
/** What a POSIX shell reads as the start of another command or a redirection. */
const SHELL_SYNTAX = /\$\(|`|;|\||&|>|</;

/** Options that make a VCS program run a command, with what they would do (the rest: "an option instead of an address"). */
const DANGEROUS_OPTIONS: readonly { program: Program; pattern: RegExp; effect: () => string }[] = [
	{ program: 'hg', pattern: /^--config[= ]?alias\./, effect: () => l10n.t('define an alias, and an alias starting with "!" runs a shell command') },
	{ program: 'git', pattern: /^(?:--upload-pack|--receive-pack|--exec|-u)/, effect: () => l10n.t('run the command given in it instead of git\'s own upload program') },
	{ program: 'git', pattern: /^(?:--config|-c)/, effect: () => l10n.t('set a configuration value such as core.sshCommand, which runs a command') },
	{ program: 'git', pattern: /^--template/, effect: () => l10n.t('install hooks from a folder of its choosing, and hooks run as commands') },
	{ program: 'svn', pattern: /^--config-option/, effect: () => l10n.t('change its configuration, and a tunnel such as config:tunnels:ssh runs a command') },
	{ program: 'svn', pattern: /^--config-dir/, effect: () => l10n.t('read its configuration from a folder of its choosing, whose tunnels run commands') },
	{ program: 'fossil', pattern: /^--args/, effect: () => l10n.t('read further arguments from a file of its choosing') },
	{ program: 'hg', pattern: /^(?:--config|--debugger|-R|--repository|--cwd)/, effect: () => l10n.t('change its configuration or repository, whose hooks and aliases run commands') },
];

function programLabel(program: Program | undefined): string {
	return program ?? l10n.t('a VCS program');
}

/** The value as a message shows it: quoted, control characters escaped, user-info hidden, long values cut. */
function shown(value: string): string {
	const hidden = value.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/]*:[^@/]*@/, '$1***@');
	return JSON.stringify(hidden.length > 80 ? `${hidden.slice(0, 79)}…` : hidden);
}

function codePoint(ch: string): string {
	return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function controlCharacter(field: string, value: string): UnsafeValue | null {
	const m = CONTROL.exec(value);
	if (!m) return null;
	const token = codePoint(m[0]);
	const message = SECRET_FIELDS.has(field)
		? l10n.t('The "{0}" value contains a control character ({1}): on a command line it would cut the value short or slip another argument in after it. Neither Composer nor this tool will run it.', field, token)
		: l10n.t('The "{0}" value {1} contains a control character ({2}): on a command line it would cut the value short or slip another argument in after it. Neither Composer nor this tool will run it.', field, shown(value), token);
	return { field, reason: 'control-character', token, message };
}

/** The url of a VCS repository of `type` (`vcs`, `git`, `hg`, …): null when it may be handed to a VCS program as an operand. */
export function unsafeVcsUrl(url: string, type: string): UnsafeValue | null {
	const program = PROGRAM_OF_TYPE[type];
	const control = controlCharacter('url', url);
	if (control) return control;
	const trimmed = url.trimStart();
	if (trimmed.startsWith('-')) {
		const option = /^-[^=\s]*/.exec(trimmed)?.[0].slice(0, 40) ?? '-';
		const known = DANGEROUS_OPTIONS.find((o) => (program === undefined || program === 'p4' || o.program === program) && o.pattern.test(trimmed));
		const reader = programLabel(program === 'p4' || known === undefined ? program : known.program);
		const message = known
			? l10n.t('The url {0} starts with "-": {1} would read it as the option "{2}" and {3}. Neither Composer nor this tool will run it.', shown(url), reader, option, known.effect())
			: l10n.t('The url {0} starts with "-": {1} would read it as the option "{2}" instead of a repository address. Neither Composer nor this tool will run it.', shown(url), reader, option);
		return { field: 'url', reason: 'option', token: option, message };
	}
	const helper = REMOTE_HELPER.exec(trimmed)?.[1];
	if (helper !== undefined) {
		const transport = `${helper}::`;
		const effect = helper === 'ext'
			? l10n.t('git would run the shell command that follows it')
			: helper === 'fd'
				? l10n.t('git would talk to whatever is on the file descriptors it names')
				: l10n.t('git would run the program "git-remote-{0}"', helper);
		return { field: 'url', reason: 'command-transport', token: transport, message: l10n.t('The url {0} uses the git transport "{1}": {2}. Neither Composer nor this tool will run it.', shown(url), transport, effect) };
	}
	// ssh and scp-like forms: a host or user that starts with "-" becomes an ssh option (CVE-2017-1000117 family).
	const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(trimmed)?.[1];
	const scpLike = authority === undefined ? /^([^/:]+):/.exec(trimmed)?.[1] : undefined;
	const part = (authority ?? scpLike ?? '').split(/[@:]/).find((p) => p.startsWith('-'));
	if (part !== undefined) {
		const option = part.slice(0, 40);
		const message = /^-o\s*ProxyCommand/i.test(part)
			? l10n.t('The url {0} has a host or user starting with "-": ssh would read "{1}" as an option and run the command in it. Neither Composer nor this tool will run it.', shown(url), option)
			: l10n.t('The url {0} has a host or user starting with "-": ssh would read "{1}" as an option. Neither Composer nor this tool will run it.', shown(url), option);
		return { field: 'url', reason: 'ssh-option', token: option, message };
	}
	return null;
}

/** A Perforce setting (PERFORCE_FIELDS other than url) that a shell would read as more than one value. */
export function unsafePerforceValue(field: string, value: string): UnsafeValue | null {
	const control = controlCharacter(field, value);
	if (control) return control;
	const token = SHELL_SYNTAX.exec(value)?.[0];
	if (token === undefined) return null;
	const message = SECRET_FIELDS.has(field)
		? l10n.t('The perforce "{0}" value holds the shell syntax "{1}": in a p4 command line run by a shell it would start another command. Neither Composer nor this tool will run it.', field, token)
		: l10n.t('The perforce "{0}" value {1} holds the shell syntax "{2}": in a p4 command line run by a shell it would start another command. Neither Composer nor this tool will run it.', field, shown(value), token);
	return { field, reason: 'shell-syntax', token, message };
}

/**
 * Every value of a repository definition that must not reach a VCS program, in key order (url first). Only VCS
 * types are checked: a path or artifact url is a folder name and a composer url is fetched over HTTP; neither
 * is ever an argument. Non-string values are the schema's business, not this rule's.
 */
export function unsafeRepositoryValues(config: Readonly<Record<string, unknown>>): UnsafeValue[] {
	const type = typeof config.type === 'string' ? config.type : undefined;
	if (type === undefined || (type !== 'vcs' && PROGRAM_OF_TYPE[type] === undefined)) return [];
	const found: UnsafeValue[] = [];
	const url = typeof config.url === 'string' ? unsafeVcsUrl(config.url, type) : null;
	if (url) found.push(url);
	// `vcs` may pick the Perforce driver (a `perforce`/`p4` url, or `p4 info` answering), which reads these keys too;
	// its url is then checked as any VCS url (a query string's `&` is no shell syntax for git).
	if (type === 'perforce' || type === 'vcs') {
		for (const field of PERFORCE_FIELDS) {
			const value = config[field];
			if (typeof value !== 'string' || (field === 'url' && (type !== 'perforce' || url))) continue;
			const verdict = unsafePerforceValue(field, value);
			if (verdict) found.push(verdict);
		}
	}
	return found;
}

/** A branch, tag or bookmark name that may not be put on a command line: empty, option-like or with control characters. */
export function isUnsafeRefName(name: string): boolean {
	return name === '' || name.startsWith('-') || CONTROL.test(name);
}
