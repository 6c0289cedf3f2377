// What every CLI command provides. A command never calls process.exit and never throws for a user mistake:
// it writes to the given streams and returns an exit code, so tests and the table in commands/index.ts
// treat all commands alike.

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** The check found errors (the tool worked; the file has problems). */
export const EXIT_PROBLEMS = 1;
/** Bad command line, or a file that could not be found or read. */
export const EXIT_USAGE = 2;

export interface CliIO {
	stdout(text: string): void;
	stderr(text: string): void;
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Aborts long work (network, VCS processes) of a command; the CLI entry point ties it to SIGINT/SIGTERM. */
	signal?: AbortSignal;
}

export interface Command {
	/** The word after `composer-repos`. */
	name: string;
	/** Operands shown in the top-level help, e.g. `[PATH] [--format text|json]`. */
	synopsis: string;
	/** One line for the top-level help (already localized: compute it when the table is read). */
	summary(): string;
	/** Full help for `composer-repos NAME --help` (help.ts lays it out). */
	help(): string;
	/**
	 * Runs the command with the arguments after its name. Resolves to the exit code; a long-running command
	 * (the language server) may never resolve.
	 */
	run(args: string[], io: CliIO): Promise<number>;
}

/** A command-line mistake: reported on stderr with the command's usage hint, exit code 2. */
export class UsageError extends Error {}

/** An I/O problem with the user's input (missing or unreadable file): one line on stderr, exit 2, no stack trace. */
export class InputError extends Error {}
