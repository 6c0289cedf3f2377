// Drives the BUILT language server (dist/server.js or dist/cli.js lsp) as a child process over stdio with
// the real LSP client library, the way an editor does. Waits are on notifications with a deadline, never
// sleeps: a deadline only turns a hang into a readable failure.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
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
	type InitializeResult,
	type ProtocolConnection,
	type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

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
	stderr: () => string;
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

export async function startHarness(args: string[], initializationOptions?: unknown): Promise<Harness> {
	if (!existsSync(args[0])) {
		throw new Error(`${args[0]} is missing: build first (npm test builds; or run node esbuild.mjs)`);
	}
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
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
		return code;
	};

	return { connection, child, initializeResult, settings, configurationRequests, registrations, logs, stderr, nextDiagnostics, stop };
}

/** Tells the server settings changed (pull clients send null settings and let the server ask again). */
export function settingsChanged(harness: Harness): Promise<void> {
	return harness.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}
