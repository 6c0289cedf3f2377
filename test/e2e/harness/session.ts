// Starts runner.ts as a separate process and collects its result. Where permitted it runs in fresh network,
// PID and mount namespaces: only `lo` exists, so nothing can leave the machine whatever VS Code tries, each
// session has its own 127.0.0.1, and when the session ends (or is killed) the kernel ends every process in it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env';
import type { RunResult } from './runner';

const NAMESPACES = ['--net', '--pid', '--fork', '--kill-child', '--mount-proc'];

/** Whether this process may create the namespaces (root or CAP_SYS_ADMIN; some containers forbid it). */
export function canIsolate(): boolean {
	if (process.env.COMPOSER_REPOS_E2E_NETNS === '0') {
		return false;
	}
	return spawnSync('unshare', [...NAMESPACES, 'true'], { stdio: 'ignore' }).status === 0;
}

export interface SessionOptions {
	outDir: string;
	withExtension: boolean;
	deadlineMs: number;
}

export async function runSession(options: SessionOptions): Promise<RunResult> {
	mkdirSync(options.outDir, { recursive: true });
	const runner = [process.execPath, '--import', 'tsx', join(ROOT, 'test/e2e/harness/runner.ts'), options.outDir,
		...(options.withExtension ? [] : ['--no-extension'])];
	const isolate = canIsolate();
	if (!isolate) {
		process.stderr.write('warning: no network namespace (unshare not permitted, or COMPOSER_REPOS_E2E_NETNS=0): the editor '
			+ 'session runs on the host network, guarded only by the browser\'s loopback filter and VS Code settings\n');
	}
	// In the namespace `lo` starts down; bring it up, then the runner replaces the shell.
	const [cmd, args] = isolate
		? ['unshare', [...NAMESPACES, '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...runner]]
		: [runner[0], runner.slice(1)];
	const child = spawn(cmd, args, {
		cwd: ROOT,
		// stderr carries the runner's progress lines: passed on as they come, the last one kept for a timeout.
		stdio: ['ignore', 'inherit', 'pipe'],
		// Without namespaces the runner leads its own group, so a timeout can stop it and what it started.
		detached: !isolate,
		env: { ...process.env, COMPOSER_REPOS_E2E_NETNS: isolate ? '1' : '0' },
	});
	let lastProgress = 'none';
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		process.stderr.write(chunk);
		const lines = chunk.split('\n').filter((l) => l.trim());
		lastProgress = lines.at(-1)?.trim() ?? lastProgress;
	});
	const exit = await new Promise<string>((resolve) => {
		const timer = setTimeout(() => {
			resolve(`the session missed its ${options.deadlineMs} ms deadline; its last progress line: ${lastProgress}`);
			// SIGTERM lets the runner stop code-server; with namespaces, unshare's death ends them all anyway.
			try {
				process.kill(isolate ? child.pid! : -child.pid!, 'SIGTERM');
			} catch {
				// already gone
			}
			setTimeout(() => {
				try {
					process.kill(isolate ? child.pid! : -child.pid!, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 5000).unref();
		}, options.deadlineMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code === 0 ? '' : `the session exited with ${code ?? signal}`);
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve(`could not start the session: ${error.message}`);
		});
	});
	const file = join(options.outDir, 'result.json');
	const result: RunResult = existsSync(file)
		? JSON.parse(readFileSync(file, 'utf8')) as RunResult
		: { netns: isolate, installedExtensions: [], blockedRequests: [], consoleErrors: [], totalMs: 0 };
	if (exit && !result.error) {
		result.error = exit;
	}
	return result;
}
