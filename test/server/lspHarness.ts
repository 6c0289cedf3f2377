// Drives the BUILT language server (dist/server.js or dist/cli.js lsp) as a child process over stdio with
// the real LSP client library, the way an editor does. Waits are on notifications with a deadline, never
// sleeps: a deadline only turns a hang into a readable failure.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	ConfigurationRequest,
	createProtocolConnection,
	DidChangeConfigurationNotification,
	ExitNotification,
	InitializedNotification,
	InitializeRequest,
	LogMessageNotification,
	PublishDiagnosticsNotification,
	RegistrationRequest,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
	WorkDoneProgressCancelNotification,
	WorkDoneProgressCreateRequest,
	type InitializeResult,
	type ProgressToken,
	type ProtocolConnection,
	type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPOSITORY_STATUS_REQUEST, type RepositoryStatusParams } from '../../protocol/ext';
import type { ResolutionReport } from '../../server/src/resolution/types';

export const ROOT = join(__dirname, '..', '..');
/** The build under test; COMPOSER_REPOS_DIST points elsewhere to test another build of the same sources. */
const DIST = process.env.COMPOSER_REPOS_DIST || join(ROOT, 'dist');
const DEADLINE_MS = 15_000;

/** The two ways the product starts the same server over stdio. */
export const SERVER_COMMANDS: { label: string; args: string[] }[] = [
	{ label: 'dist/server.js --stdio', args: [join(DIST, 'server.js'), '--stdio'] },
	{ label: 'dist/cli.js lsp --stdio', args: [join(DIST, 'cli.js'), 'lsp', '--stdio'] },
];

export interface Harness {
	connection: ProtocolConnection;
	child: ChildProcessWithoutNullStreams;
	initializeResult: InitializeResult;
	/** Settings answered to workspace/configuration, per scopeUri (fallback: `*`). */
	settings: Map<string, unknown>;
	/** Every workspace/configuration item the server asked for. */
	configurationRequests: { scopeUri?: string; section?: string }[];
	registrations: string[];
	logs: string[];
	/** Tokens of every window/workDoneProgress/create the server sent, and every $/progress value, in order. */
	progress: {
		created: ProgressToken[];
		values: Array<{ token: ProgressToken; value: { kind: string; title?: string; message?: string; cancellable?: boolean } }>;
	};
	/** The server's home, caches and COMPOSER_HOME (removed by stop()). */
	home: string;
	stderr: () => string;
	/** What the resolution service knows about an open composer.json (the repositoryStatus request). */
	status(params: RepositoryStatusParams): Promise<ResolutionReport>;
	/** Polls `status` until `accept` holds (a deadline turns a hang into a failure). */
	waitForStatus(params: RepositoryStatusParams, accept: (report: ResolutionReport) => boolean, what: string): Promise<ResolutionReport>;
	cancelProgress(token: ProgressToken): Promise<void>;
	/** Resolves with the next publishDiagnostics for `uri` matching `accept` (all of them by default). */
	nextDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
	/** Polite shutdown/exit; resolves with the process exit code. */
	stop(): Promise<number | null>;
}

function withDeadline<T>(promise: Promise<T>, what: string, child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no ${what} within ${DEADLINE_MS} ms (server exit code ${child.exitCode}); stderr:\n${stderr()}`)), DEADLINE_MS);
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export interface HarnessOptions {
	/**
	 * Environment of the server on top of an isolated one: its own HOME, XDG_CACHE_HOME and COMPOSER_HOME, and
	 * COMPOSER_DISABLE_NETWORK=1 so a fixture URL can never reach beyond this machine. Tests of resolution
	 * pass `COMPOSER_DISABLE_NETWORK: undefined` and point every base URL at loopback.
	 */
	env?: Record<string, string | undefined>;
	/** Announce window.workDoneProgress support. */
	workDoneProgress?: boolean;
}

export async function startHarness(args: string[], initializationOptions?: unknown, options: HarnessOptions = {}): Promise<Harness> {
	const script = args.find((a) => !a.startsWith('-')) ?? '';
	if (!existsSync(script)) {
		throw new Error(`${script} is missing: build first (npm test builds; or run node esbuild.mjs)`);
	}
	const home = mkdtempSync(join(tmpdir(), 'composer-repos-lsp-home-'));
	const env: Record<string, string> = {};
	const merged: Record<string, string | undefined> = {
		...process.env,
		HOME: home, XDG_CACHE_HOME: join(home, 'cache'), COMPOSER_HOME: join(home, 'composer'), COMPOSER_DISABLE_NETWORK: '1',
		// Base URLs of the hosted services point at a closed loopback port unless a test serves them.
		COMPOSER_REPOS_PACKAGIST_URL: 'http://127.0.0.1:9', COMPOSER_REPOS_GITHUB_API_URL: 'http://127.0.0.1:9',
		COMPOSER_REPOS_GITLAB_URL: 'http://127.0.0.1:9', COMPOSER_REPOS_BITBUCKET_API_URL: 'http://127.0.0.1:9',
		...options.env,
	};
	for (const [k, v] of Object.entries(merged)) {
		if (v !== undefined) {
			env[k] = v;
		}
	}
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'pipe', env });
	let stderrText = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => { stderrText += chunk; });
	const stderr = () => stderrText;
	const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

	const settings = new Map<string, unknown>();
	const configurationRequests: Harness['configurationRequests'] = [];
	const registrations: string[] = [];
	const logs: string[] = [];
	const received: PublishDiagnosticsParams[] = [];
	const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

	connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => {
		configurationRequests.push(item);
		const own = item.scopeUri !== undefined ? settings.get(item.scopeUri) : undefined;
		return own ?? settings.get('*') ?? null;
	}));
	connection.onRequest(RegistrationRequest.type, (params) => {
		registrations.push(...params.registrations.map((r) => r.method));
	});
	connection.onNotification(LogMessageNotification.type, (params) => { logs.push(params.message); });
	const progress: Harness['progress'] = { created: [], values: [] };
	connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => { progress.created.push(params.token); });
	connection.onNotification('$/progress', (params: Harness['progress']['values'][number]) => { progress.values.push(params); });
	connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
		const index = waiters.findIndex((w) => w.uri === params.uri && w.accept(params));
		if (index >= 0) {
			waiters.splice(index, 1)[0].resolve(params);
		} else {
			received.push(params);
		}
	});
	connection.listen();

	const nextDiagnostics: Harness['nextDiagnostics'] = (uri, accept = () => true) => {
		const index = received.findIndex((p) => p.uri === uri && accept(p));
		if (index >= 0) {
			return Promise.resolve(received.splice(index, 1)[0]);
		}
		return withDeadline(new Promise((resolve) => waiters.push({ uri, accept, resolve })), `publishDiagnostics for ${uri}`, child, stderr);
	};

	const initializeResult = await withDeadline(connection.sendRequest(InitializeRequest.type, {
		processId: process.pid,
		rootUri: null,
		workspaceFolders: null,
		initializationOptions,
		capabilities: {
			...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
			workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
			textDocument: {
				synchronization: { dynamicRegistration: false },
				publishDiagnostics: { versionSupport: true },
				completion: { completionItem: { snippetSupport: true } },
				hover: { contentFormat: ['markdown', 'plaintext'] },
				codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
			},
		},
	}), 'initialize result', child, stderr);
	await connection.sendNotification(InitializedNotification.type, {});

	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const stop = async () => {
		if (child.exitCode === null) {
			await withDeadline(connection.sendRequest(ShutdownRequest.type), 'shutdown response', child, stderr);
			await connection.sendNotification(ExitNotification.type);
		}
		const code = await withDeadline(exited, 'process exit', child, stderr);
		connection.dispose();
		rmSync(home, { recursive: true, force: true });
		return code;
	};

	const status = (params: RepositoryStatusParams) => withDeadline(connection.sendRequest<ResolutionReport>(REPOSITORY_STATUS_REQUEST, params), 'repositoryStatus answer', child, stderr);
	const waitForStatus: Harness['waitForStatus'] = async (params, accept, what) => {
		const deadline = Date.now() + DEADLINE_MS;
		for (;;) {
			const report = await status(params);
			if (accept(report)) {
				return report;
			}
			if (Date.now() > deadline) {
				throw new Error(`no ${what} within ${DEADLINE_MS} ms; last status: ${JSON.stringify(report)}\nstderr:\n${stderr()}`);
			}
			// Resolution runs in the background; asking again shortly is the only way to see it finish.
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
	const cancelProgress = (token: ProgressToken) => connection.sendNotification(WorkDoneProgressCancelNotification.type, { token });

	return {
		connection, child, initializeResult, settings, configurationRequests, registrations, logs, progress, home, stderr,
		status, waitForStatus, cancelProgress, nextDiagnostics, stop,
	};
}

/** Tells the server settings changed (pull clients send null settings and let the server ask again). */
export function settingsChanged(harness: Harness): Promise<void> {
	return harness.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}
