// Runs a batch of hg commands in ONE Python process through Mercurial's command server
// (`hg serve --cmdserver pipe`): every request is written to stdin up front, stdin is closed, and the
// server answers each `runcommand` in order on its framed channels before exiting at end of input.
// Starting hg costs a few hundred milliseconds; a repository with ten refs would otherwise need a dozen starts.
// Protocol: each frame is a channel byte, a big-endian uint32 length and the data; `o`/`e` carry output and
// errors, `r` ends a command with its int32 exit code. The first frame is the server's hello.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { VcsDriverError } from './driver';
import { cleanStderr } from './gitProcess';
import { runVcs } from './vcsTools';

export interface HgCommandResult {
	exitCode: number;
	stdout: string;
	stderr: string;
}

/** The stdin of a command-server session running `commands` (argument arrays, never a shell line). */
export function encodeRunCommands(commands: string[][]): Buffer {
	const parts: Buffer[] = [];
	for (const args of commands) {
		const body = Buffer.from(args.join('\0'), 'utf8');
		const length = Buffer.alloc(4);
		length.writeUInt32BE(body.length);
		parts.push(Buffer.from('runcommand\n', 'ascii'), length, body);
	}
	return Buffer.concat(parts);
}

/** The per-command results of a session's stdout, or null when it is not a complete, well-formed answer. */
export function decodeChannels(out: Buffer, expected: number): HgCommandResult[] | null {
	const results: HgCommandResult[] = [];
	let stdout: Buffer[] = [];
	let stderr = '';
	let pos = 0;
	let hello = false;
	while (pos + 5 <= out.length) {
		const channel = String.fromCharCode(out[pos]);
		const length = out.readUInt32BE(pos + 1);
		const data = out.subarray(pos + 5, pos + 5 + length);
		if (data.length !== length) {
			return null;
		}
		pos += 5 + length;
		if (!hello) {
			// The hello frame must announce runcommand; anything else is not a command server talking.
			if (channel !== 'o' || !data.toString('utf8').includes('runcommand')) {
				return null;
			}
			hello = true;
			continue;
		}
		if (channel === 'o') {
			stdout.push(data);
		} else if (channel === 'e') {
			stderr += data.toString('utf8');
		} else if (channel === 'r') {
			if (length !== 4) {
				return null;
			}
			results.push({ exitCode: data.readInt32BE(0), stdout: Buffer.concat(stdout).toString('utf8'), stderr });
			stdout = [];
			stderr = '';
		} else if (channel === channel.toUpperCase()) {
			// A required channel we do not know (e.g. an input request): the session cannot be trusted.
			return null;
		}
	}
	return pos === out.length && results.length === expected ? results : null;
}

/**
 * Runs `commands` (each already starting with the global options it needs) against `repoDir` in one session;
 * falls back to one process per command if the server's answer is incomplete (an old or unusual hg) — unless the
 * commands hold a secret (`secret`: a URL with a password), which goes to hg on stdin only, never on a command line.
 */
export async function runHgBatch(
	ctx: ResolveContext, serverArgs: string[], commands: string[][], options: { cwd: string; notFound: string; secret?: boolean },
): Promise<HgCommandResult[]> {
	if (commands.length === 0) {
		return [];
	}
	const session = await ctx.processes.run({
		command: 'hg',
		args: [...serverArgs, 'serve', '--cmdserver', 'pipe'],
		cwd: options.cwd,
		input: encodeRunCommands(commands),
		signal: ctx.signal,
		timeoutMs: 300_000,
	});
	if (session.ok) {
		const decoded = decodeChannels(session.stdout, commands.length);
		if (decoded) {
			return decoded;
		}
	}
	if (options.secret) {
		if (!session.ok) {
			throw new VcsDriverError(`hg-${session.code}`, session.code === 'not-found' ? options.notFound : session.message);
		}
		throw new VcsDriverError('hg-failed', l10n.t('hg\'s command server gave no readable answer: {0}', cleanStderr(session.stderr)));
	}
	const results: HgCommandResult[] = [];
	for (const args of commands) {
		results.push(await runVcs(ctx, 'hg', [...serverArgs, ...args], { cwd: options.cwd, notFound: options.notFound }));
	}
	return results;
}
