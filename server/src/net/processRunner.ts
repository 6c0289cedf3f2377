// Node implementation of the ProcessRunner port: runs VCS programs without a shell, with a timeout
// and cancellation that kill the whole process group, a stdout cap, and an environment in which no
// VCS program can ever stop to ask for a password or reach a command transport (issue 4, "safety").
import { spawn } from 'node:child_process';
import * as l10n from '@vscode/l10n';
import { createAskPass, type AskPassSetup } from './askPass';
import { registerSecret } from './credentials';
import type { ProcessRequest, ProcessResult, ProcessRunner } from './types';

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
/** stderr is only kept for messages, so it is capped hard. */
const MAX_STDERR = 64 * 1024;

/**
 * Variables that make git/ssh/hg/svn non-interactive and restrict git to plain transports.
 * GIT_ASKPASS/SSH_ASKPASS are set to the empty string rather than removed: git treats an empty value as
 * "set but nothing to run", so a `core.askPass` from the user's config (e.g. a GUI helper) is not consulted.
 */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
	GIT_TERMINAL_PROMPT: '0',
	GIT_ASKPASS: '',
	SSH_ASKPASS: '',
	SSH_ASKPASS_REQUIRE: 'never',
	GCM_INTERACTIVE: 'never',
	GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
	GIT_PROTOCOL_FROM_USER: '0',
	GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
	HGPLAIN: '1',
	LANG: 'C',
	LC_ALL: 'C',
};

/** Variables removed from the inherited environment because they would re-enable prompts or other transports. */
const DROPPED_ENV = ['GIT_SSH', 'GIT_PROXY_COMMAND', 'GIT_EXEC_PATH', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CONFIG_PARAMETERS', 'DISPLAY'];

export function buildProcessEnv(base: NodeJS.ProcessEnv, extra?: Record<string, string>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(base)) {
		if (v !== undefined && !DROPPED_ENV.includes(k)) {
			env[k] = v;
		}
	}
	// Caller extras first, then the safety settings, so a caller cannot undo them by accident.
	return { ...env, ...extra, ...NON_INTERACTIVE_ENV };
}

export interface NodeProcessRunnerOptions {
	/** Base environment; defaults to process.env. */
	env?: NodeJS.ProcessEnv;
	defaultTimeoutMs?: number;
}

export class NodeProcessRunner implements ProcessRunner {
	constructor(private readonly options: NodeProcessRunnerOptions = {}) {}

	run(req: ProcessRequest): Promise<ProcessResult> {
		if (req.signal?.aborted) {
			return Promise.resolve({ ok: false, code: 'cancelled', message: l10n.t('{0} was cancelled before it started.', req.command) });
		}
		const timeoutMs = req.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
		const maxBuffer = req.maxBuffer ?? DEFAULT_MAX_BUFFER;
		let askPass: AskPassSetup | undefined;
		if (req.askPass) {
			registerSecret(req.askPass.password);
			try {
				askPass = createAskPass(req.askPass);
			} catch (e) {
				return Promise.resolve({ ok: false, code: 'spawn-error', message: l10n.t('{0} could not be given its credentials: {1}', req.command, (e as Error).message) });
			}
		}
		const run = this.spawnAndWait(req, timeoutMs, maxBuffer, askPass?.env);
		return askPass ? run.finally(() => askPass!.dispose()) : run;
	}

	private spawnAndWait(req: ProcessRequest, timeoutMs: number, maxBuffer: number, askPassEnv: Record<string, string> | undefined): Promise<ProcessResult> {
		return new Promise<ProcessResult>((resolve) => {
			let settled = false;
			let failure: ProcessResult | undefined;
			const out: Buffer[] = [];
			let outBytes = 0;
			let errText = '';

			const child = spawn(req.command, req.args, {
				cwd: req.cwd,
				// The askpass helper replaces the empty GIT_ASKPASS of the safety settings for this process only.
				env: { ...buildProcessEnv(this.options.env ?? process.env, req.env), ...askPassEnv },
				shell: false,
				// Own process group, so a timeout also ends helpers (ssh, git-remote-https, upload-pack).
				detached: process.platform !== 'win32',
				stdio: ['pipe', 'pipe', 'pipe'],
				windowsHide: true,
			});

			const kill = (result: ProcessResult) => {
				if (failure === undefined) {
					failure = result;
				}
				try {
					if (child.pid !== undefined && process.platform !== 'win32') {
						process.kill(-child.pid, 'SIGKILL');
					} else {
						child.kill('SIGKILL');
					}
				} catch {
					// The group may already be gone; the close event still fires.
				}
			};
			const timer = setTimeout(() => kill({ ok: false, code: 'timeout', message: l10n.t('{0} did not finish within {1} seconds and was stopped.', req.command, String(Math.round(timeoutMs / 1000))) }), timeoutMs);
			const onAbort = () => kill({ ok: false, code: 'cancelled', message: l10n.t('{0} was cancelled.', req.command) });
			req.signal?.addEventListener('abort', onAbort, { once: true });

			const finish = (result: ProcessResult) => {
				if (settled) {
					return;
				}
				settled = true;
				clearTimeout(timer);
				req.signal?.removeEventListener('abort', onAbort);
				resolve(result);
			};

			child.stdout.on('data', (chunk: Buffer) => {
				outBytes += chunk.length;
				if (outBytes > maxBuffer) {
					kill({ ok: false, code: 'spawn-error', message: l10n.t('{0} produced more than {1} bytes of output and was stopped.', req.command, String(maxBuffer)) });
					return;
				}
				out.push(chunk);
			});
			child.stderr.on('data', (chunk: Buffer) => {
				if (errText.length < MAX_STDERR) {
					errText += chunk.toString('utf8');
				}
			});
			child.stdin.on('error', () => {
				// EPIPE when the program exits without reading its input: the exit status tells the story.
			});
			child.on('error', (err: NodeJS.ErrnoException) => {
				if (err.code === 'ENOENT') {
					finish({ ok: false, code: 'not-found', message: l10n.t('{0} is not installed or not on PATH.', req.command) });
				} else {
					finish({ ok: false, code: 'spawn-error', message: l10n.t('{0} could not be started: {1}', req.command, err.message) });
				}
			});
			child.on('close', (exitCode) => {
				if (failure !== undefined) {
					finish(failure);
					return;
				}
				finish({ ok: true, exitCode: exitCode ?? -1, stdout: Buffer.concat(out), stderr: errText.slice(0, MAX_STDERR) });
			});

			if (req.input !== undefined) {
				child.stdin.end(req.input);
			} else {
				child.stdin.end();
			}
		});
	}
}
