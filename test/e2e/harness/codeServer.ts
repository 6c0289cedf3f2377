// code-server (VS Code with a Node extension host, served to a browser), run on Node 24 from the setup cache.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import type { E2eTools } from './env';
import type { RunFolder } from './workspace';

function baseArgs(tools: E2eTools, run: RunFolder): string[] {
	return [tools.codeServerEntry, '--config', run.config, '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/**
 * A code-server command line; on a loaded 2-core machine even `--list-extensions` may take tens of seconds
 * (Node 24 loading VS Code's server code), hence the generous limit.
 */
const CLI_DEADLINE_MS = 180_000;

function node24(tools: E2eTools, args: string[], what: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		execFile(tools.node24, args, { timeout: CLI_DEADLINE_MS, env: quietEnv() }, (error, stdout, stderr) => {
			if (error) {
				const ending = error.killed ? `did not finish within ${CLI_DEADLINE_MS} ms` : `failed after ${Date.now() - started} ms: ${error.message}`;
				reject(new Error(`waiting for code-server to ${what}: ${ending}\n${stderr}`));
			} else {
				resolve(stdout);
			}
		});
	});
}

/** No marketplace: code-server would otherwise query open-vsx.org from the server and the browser. */
function quietEnv(): NodeJS.ProcessEnv {
	return { ...process.env, EXTENSIONS_GALLERY: '{}' };
}

/** Installs the .vsix the way a user would, and returns `--list-extensions --show-versions`. */
export async function installExtension(tools: E2eTools, run: RunFolder, vsix: string): Promise<string[]> {
	await node24(tools, [...baseArgs(tools, run), '--install-extension', vsix], `install ${vsix}`);
	return listExtensions(tools, run);
}

export async function listExtensions(tools: E2eTools, run: RunFolder): Promise<string[]> {
	const out = await node24(tools, [...baseArgs(tools, run), '--list-extensions', '--show-versions'], 'list its extensions');
	return out.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface CodeServer {
	url: string;
	/** Stops code-server and everything it started (extension host, language server, pty host, watcher). */
	stop(): Promise<void>;
}

export async function startCodeServer(tools: E2eTools, run: RunFolder, logFile: string, deadlineMs: number): Promise<CodeServer> {
	const port = await freePort();
	const log = createWriteStream(logFile);
	// detached: code-server leads its own process group, so one kill reaches its children and nothing else.
	const child = spawn(tools.node24, [
		...baseArgs(tools, run),
		'--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
		'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
		run.workspace,
	], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: quietEnv() });
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	const stop = () => stopGroup(child);
	const base = `http://127.0.0.1:${port}`;
	try {
		await waitHealthy(base, child, deadlineMs);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url: `${base}/?folder=${encodeURIComponent(run.workspace)}`, stop };
}

async function waitHealthy(base: string, child: ChildProcess, deadlineMs: number): Promise<void> {
	const started = Date.now();
	let last = 'no answer yet';
	while (Date.now() - started < deadlineMs) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) after ${Date.now() - started} ms, before GET ${base}/healthz answered`);
		}
		try {
			const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
			if (response.ok) {
				return;
			}
			last = `HTTP ${response.status}`;
		} catch (error) {
			// Not listening yet, or too busy to answer within the request's own limit.
			last = error instanceof Error ? error.message : String(error);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`waited ${deadlineMs} ms for code-server to start (GET ${base}/healthz to answer 200); last: ${last}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
		return;
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	signalGroup('SIGTERM');
	const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
	await exited;
	clearTimeout(timer);
	// Children (extension host, language server) may outlive the leader by a moment.
	signalGroup('SIGKILL');
}
