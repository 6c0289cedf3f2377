// Runs a real editor headless against the BUILT server, configured with the snippet docs/editors.md shows,
// and returns what its check script printed. The editor finds `composer-repos` on PATH, as a user's would
// after `npm link`: here it is a shim in the temp workspace that runs dist/cli.js.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The build under test; COMPOSER_REPOS_DIST points elsewhere (a negative control: a folder without it). */
const DIST = process.env.COMPOSER_REPOS_DIST || join(ROOT, 'dist');
/**
 * Kill the editor (and the server it started) after this. Above the sum of the check scripts' own waits (five
 * of PLAN.deadlineMs in editors.test.ts), so that a slow wait reports itself by name before this fires.
 */
export const EDITOR_DEADLINE_MS = 240_000;

/**
 * The fenced block right after `<!-- editors-test: NAME ...-->` in docs/editors.md: the test runs exactly
 * what the reader copies.
 */
export function docSnippet(name: string): string {
	const doc = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');
	const marker = doc.indexOf(`<!-- editors-test: ${name} `);
	if (marker < 0) {
		throw new Error(`docs/editors.md has no "<!-- editors-test: ${name} ...-->" marker`);
	}
	const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(doc.slice(marker));
	if (!block) {
		throw new Error(`docs/editors.md: no fenced block after the ${name} marker`);
	}
	return block[1];
}

export interface Workspace {
	dir: string;
	/** The composer.json the editor opens. */
	file: string;
	/** Prepended to PATH: holds the `composer-repos` shim. */
	bin: string;
	/** HOME and XDG folders of the editor, so no user configuration or state leaks in or out. */
	home: string;
	cleanup(): void;
}

function shellQuote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function createWorkspace(composerJson: string): Workspace {
	const root = mkdtempSync(join(tmpdir(), 'composer-repos-editors-'));
	const dir = join(root, 'project');
	const bin = join(root, 'bin');
	const home = join(root, 'home');
	for (const d of [dir, bin, home]) {
		mkdirSync(d);
	}
	const file = join(dir, 'composer.json');
	writeFileSync(file, composerJson);
	const shim = join(bin, 'composer-repos');
	writeFileSync(shim, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(join(DIST, 'cli.js'))} "$@"\n`);
	chmodSync(shim, 0o755);
	return { dir, file, bin, home, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface EditorRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	/** The last JSON line the check script printed, if any. */
	result?: Record<string, unknown>;
}

let isolation: boolean | undefined;
/**
 * Fresh network and PID namespaces where permitted: the editor and the server it starts see no network
 * interface at all, and killing unshare ends every process inside (--kill-child).
 */
function canIsolate(): boolean {
	isolation ??= spawnSync('unshare', ['--net', '--pid', '--fork', '--kill-child', 'true'], { stdio: 'ignore' }).status === 0;
	return isolation;
}

export function runEditor(command: string, args: string[], workspace: Workspace, env: Record<string, string>): Promise<EditorRun> {
	const [cmd, cmdArgs] = canIsolate()
		? ['unshare', ['--net', '--pid', '--fork', '--kill-child', '--', command, ...args]]
		: [command, args];
	const child = spawn(cmd, cmdArgs, {
		cwd: workspace.dir,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so the deadline can stop the editor and what it started.
		detached: true,
		env: {
			...process.env,
			PATH: `${workspace.bin}:${process.env.PATH ?? ''}`,
			HOME: workspace.home,
			XDG_CONFIG_HOME: join(workspace.home, '.config'),
			XDG_DATA_HOME: join(workspace.home, '.local', 'share'),
			XDG_STATE_HOME: join(workspace.home, '.local', 'state'),
			XDG_CACHE_HOME: join(workspace.home, '.cache'),
			...env,
		},
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}, EDITOR_DEADLINE_MS);
	return new Promise((resolve) => {
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: null, signal: null, timedOut, stdout, stderr: `${stderr}\ncould not start ${cmd}: ${error.message}` });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').reverse().find((l) => l.startsWith('{'));
			let result: Record<string, unknown> | undefined;
			try {
				result = line ? JSON.parse(line) as Record<string, unknown> : undefined;
			} catch {
				result = undefined;
			}
			resolve({ code, signal, timedOut, stdout, stderr, result });
		});
	});
}

/** Everything a failing assertion should show about the run. */
export function describeRun(name: string, run: EditorRun): string {
	// Head and tail: a Lisp backtrace names its error at the top, a log ends with the last thing that happened.
	const tail = (s: string) => (s.length > 8000 ? `${s.slice(0, 4000)}\n…\n${s.slice(-4000)}` : s);
	const ending = run.timedOut
		? `killed after ${EDITOR_DEADLINE_MS} ms`
		: `exit ${run.code ?? run.signal}`;
	return `${name}: ${ending}\n--- stdout ---\n${tail(run.stdout)}\n--- stderr ---\n${tail(run.stderr)}`;
}
