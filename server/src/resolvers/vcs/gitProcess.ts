// Running git and reading its machine output: ls-remote listings and `cat-file --batch` streams.
// Every call goes through the ProcessRunner port with an argument array; user operands follow `--`
// or travel on stdin, never as option-looking argv entries.
import * as l10n from '@vscode/l10n';
import type { ResolveContext } from '../types';
import { VcsDriverError } from './driver';
import { redactUrl } from './urlSafety';
import type { UrlCredentials } from './vcsTools';
import { replaceUserinfo } from '../../composer/urlUserinfo';

const GIT_TIMEOUT_MS = 300_000;

export interface GitRunOptions {
	cwd?: string;
	input?: string;
	/** Exit codes that count as success (default only 0). */
	okCodes?: number[];
	/** Credentials for a remote, given to git over GIT_ASKPASS, never in `args`. */
	credentials?: UrlCredentials;
}

/**
 * Global options for a command that talks to a remote with credentials of ours: the user's credential helpers are
 * switched off, so that only our askpass answers and the password is not stored in their keychain or file.
 */
export function credentialOptions(credentials: UrlCredentials | undefined): string[] {
	return credentials ? ['-c', 'credential.helper='] : [];
}

export async function runGit(ctx: ResolveContext, args: string[], options: GitRunOptions = {}): Promise<Buffer> {
	const result = await ctx.processes.run({
		command: 'git',
		args,
		cwd: options.cwd,
		input: options.input,
		signal: ctx.signal,
		timeoutMs: GIT_TIMEOUT_MS,
		askPass: options.credentials,
	});
	if (!result.ok) {
		if (result.code === 'not-found') {
			throw new VcsDriverError('git-not-found', l10n.t('git is not installed or not on PATH, so this repository cannot be read.'));
		}
		throw new VcsDriverError(`git-${result.code}`, redactUrl(result.message));
	}
	if (!(options.okCodes ?? [0]).includes(result.exitCode)) {
		throw new VcsDriverError('git-failed', l10n.t('git {0} failed: {1}', args.find((a) => !a.startsWith('-')) ?? '', cleanStderr(result.stderr)));
	}
	return result.stdout;
}

/** The useful part of git's stderr for a message: no hints, no credentials, bounded length. */
export function cleanStderr(stderr: string): string {
	const lines = stderr
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: filtering not recognized'));
	const text = replaceUserinfo(lines.join(' '), { wordBoundary: false, stops: (c) => /[/\s]/.test(c) }, (scheme) => `${scheme}***@`);
	return text.length > 500 ? text.slice(0, 500) + '…' : text;
}

export interface RemoteRefs {
	/** Branch HEAD points to (from `--symref`), or null when HEAD is detached or not advertised. */
	head: string | null;
	/** Branch name -> commit, in git's ref order. */
	heads: Map<string, string>;
	/** Tag name -> commit (annotated tags peeled through their `^{}` entry), in git's ref order. */
	tags: Map<string, string>;
}

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Parses `git ls-remote --symref` output. */
export function parseLsRemote(text: string): RemoteRefs {
	const refs: RemoteRefs = { head: null, heads: new Map(), tags: new Map() };
	for (const line of text.split('\n')) {
		const sym = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
		if (sym) {
			refs.head = sym[1];
			continue;
		}
		const tab = line.indexOf('\t');
		if (tab < 0) {
			continue;
		}
		const oid = line.slice(0, tab);
		const ref = line.slice(tab + 1);
		if (!OID.test(oid)) {
			continue;
		}
		if (ref.startsWith('refs/heads/')) {
			refs.heads.set(ref.slice('refs/heads/'.length), oid);
		} else if (ref.startsWith('refs/tags/')) {
			// `v1^{}` follows `v1` and carries the commit an annotated tag points at; overwriting keeps the
			// first position, as Composer's `show-ref --dereference` loop does.
			const name = ref.slice('refs/tags/'.length).replace(/\^\{\}$/, '');
			refs.tags.set(name, oid);
		}
	}
	return refs;
}

export interface BatchObject {
	/** The request line as sent. */
	request: string;
	type: string | null;
	content: Buffer | null;
}

/** Parses `git cat-file --batch` output for the given request lines (in order). */
export function parseCatFileBatch(out: Buffer, requests: string[]): BatchObject[] {
	const objects: BatchObject[] = [];
	let pos = 0;
	for (const request of requests) {
		const nl = out.indexOf(0x0a, pos);
		if (nl < 0) {
			break;
		}
		const header = out.subarray(pos, nl).toString('utf8');
		pos = nl + 1;
		const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
		if (!m) {
			// `<request> missing` / `ambiguous`
			objects.push({ request, type: null, content: null });
			continue;
		}
		const size = Number(m[3]);
		objects.push({ request, type: m[2], content: out.subarray(pos, pos + size) });
		pos += size + 1;
	}
	return objects;
}

/** Finds `name` in a raw tree object; returns the blob id of a file entry (not a folder or submodule). */
export function findTreeEntry(tree: Buffer, name: string, oidBytes: number): string | null {
	let pos = 0;
	while (pos < tree.length) {
		const space = tree.indexOf(0x20, pos);
		const nul = tree.indexOf(0x00, space);
		if (space < 0 || nul < 0) {
			return null;
		}
		const mode = tree.subarray(pos, space).toString('ascii');
		const entry = tree.subarray(space + 1, nul).toString('utf8');
		const oid = tree.subarray(nul + 1, nul + 1 + oidBytes).toString('hex');
		pos = nul + 1 + oidBytes;
		if (entry === name) {
			return mode === '40000' || mode === '160000' ? null : oid;
		}
	}
	return null;
}
