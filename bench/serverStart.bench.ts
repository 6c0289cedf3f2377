// Server start (reported, not asserted): from process spawn to the first diagnostics of a 100-repository
// composer.json, our language server (dist/server.js) against VS Code's own JSON server
// (`vscode-json-language-server` from vscode-langservers-extracted) given Composer's schema, on the same file,
// interleaved A B A B. Each is driven as VS Code drives it: ours pushes diagnostics when the document opens;
// the JSON server, to a client that supports pull diagnostics (VS Code does), answers `textDocument/diagnostic`
// at once instead of pushing after its 500 ms delay, so that delay is not counted against it.
//   npm run bench -- serverStart        BENCH_RUNS=21 to change the number of measured runs
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { composerJson, findComposerSchema, loadLine, median, printTable, projectFolder, recordSummary, spread } from './common';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 11);
const WARMUP = 2;
const REPOSITORIES = 100;
const ours = resolve(__dirname, '../dist/server.js');
const peer = resolve(__dirname, '../node_modules/vscode-langservers-extracted/bin/vscode-json-language-server');

interface Message { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }

/** A minimal LSP client over stdio: Content-Length framing, requests by id, notifications by method. */
class Client {
	private buffer = Buffer.alloc(0);
	private nextId = 1;
	private readonly pending = new Map<number, (m: Message) => void>();
	private readonly listeners: ((m: Message) => void)[] = [];

	constructor(private readonly child: ChildProcess) {
		child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
	}

	private receive(chunk: Buffer): void {
		this.buffer = Buffer.concat([this.buffer, chunk]);
		for (;;) {
			const end = this.buffer.indexOf('\r\n\r\n');
			if (end < 0) return;
			const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
			if (this.buffer.length < end + 4 + length) return;
			const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
			this.buffer = this.buffer.subarray(end + 4 + length);
			if (message.id !== undefined && message.method === undefined) {
				this.pending.get(message.id)?.(message);
				this.pending.delete(message.id);
			} else if (message.id !== undefined) {
				// A request from the server (configuration, registration): answer so that it goes on.
				this.send({ id: message.id, result: message.method === 'workspace/configuration' ? [] : null });
			} else {
				this.listeners.forEach((l) => l(message));
			}
		}
	}

	private send(message: object): void {
		const body = JSON.stringify({ jsonrpc: '2.0', ...message });
		this.child.stdin?.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
	}

	request(method: string, params: unknown): Promise<Message> {
		const id = this.nextId++;
		return new Promise((resolvePromise) => {
			this.pending.set(id, resolvePromise);
			this.send({ id, method, params });
		});
	}

	notify(method: string, params: unknown): void {
		this.send({ method, params });
	}

	onNotification(method: string): Promise<Message> {
		return new Promise((resolvePromise) => this.listeners.push((m) => { if (m.method === method) resolvePromise(m); }));
	}
}

interface Side { label: string; args: string[]; pull: boolean; settings?: unknown }

async function firstDiagnostics(side: Side, dir: string, text: string): Promise<{ ms: number; count: number }> {
	const start = process.hrtime.bigint();
	const child = spawn(process.execPath, side.args, { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, LANG: 'C' } });
	const client = new Client(child);
	try {
		const uri = pathToFileURL(join(dir, 'composer.json')).toString();
		const pushed = client.onNotification('textDocument/publishDiagnostics');
		await client.request('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).toString(),
			capabilities: {
				textDocument: { publishDiagnostics: {}, ...(side.pull ? { diagnostic: { dynamicRegistration: false } } : {}) },
				workspace: { configuration: false },
			},
			initializationOptions: {},
		});
		client.notify('initialized', {});
		if (side.settings) client.notify('workspace/didChangeConfiguration', { settings: side.settings });
		client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
		let count: number;
		if (side.pull) {
			const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
			count = ((report.result as { items?: unknown[] } | undefined)?.items ?? []).length;
		} else {
			count = ((await pushed).params as { diagnostics: unknown[] }).diagnostics.length;
		}
		return { ms: Number(process.hrtime.bigint() - start) / 1e6, count };
	} finally {
		child.kill();
	}
}

async function main(): Promise<number> {
	const schemaPath = findComposerSchema();
	if (!schemaPath) {
		console.log('server start bench: skipped: Composer\'s composer-schema.json not found (install Debian\'s `composer` package)');
		return 0;
	}
	const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as unknown;
	const text = composerJson(REPOSITORIES);
	const dir = projectFolder('composer-repos-bench-server-', text);
	const sides: Side[] = [
		{ label: 'ours (dist/server.js)', args: [ours, '--stdio'], pull: false },
		{
			label: 'vscode-json-language-server + Composer schema',
			args: [peer, '--stdio'],
			pull: true,
			settings: { json: { validate: { enable: true }, schemas: [{ uri: pathToFileURL(schemaPath).toString(), fileMatch: ['composer.json'], schema }] } },
		},
	];
	try {
		// Guard against measuring a no-op: the JSON server must apply Composer's schema to composer.json (the bench
		// file itself has no error Composer's schema can see, so it is probed with one that has).
		const probe = await firstDiagnostics(sides[1], dir, '{"repositories": 42}');
		if (probe.count === 0) {
			console.error('server start bench: the JSON server did not apply Composer\'s schema (no error for "repositories": 42).');
			return 1;
		}
		const samples = sides.map(() => [] as number[]);
		const nodeStart: number[] = [];
		const counts = sides.map(() => 0);
		for (let run = 0; run < WARMUP + RUNS; run++) {
			for (const [i, side] of sides.entries()) {
				const r = await firstDiagnostics(side, dir, text);
				counts[i] = r.count;
				if (run >= WARMUP) samples[i].push(r.ms);
			}
			// Node's own start, in the same rhythm: the floor under both servers.
			const start = process.hrtime.bigint();
			spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
			if (run >= WARMUP) nodeStart.push(Number(process.hrtime.bigint() - start) / 1e6);
		}
		console.log(`Node ${process.version}; ${REPOSITORIES} repositories; ${RUNS} runs after ${WARMUP} warm-up runs, interleaved; ${loadLine()}\n`);
		printTable(['server', 'spawn → first diagnostics, ms (min / median / max)', 'diagnostics'],
			[...sides.map((s, i) => [s.label, spread(samples[i], 0), String(counts[i])]), ['node -e 0 (Node\'s own start)', spread(nodeStart, 0), '-']]);
		const floor = median(nodeStart);
		console.log(`\nwhere the time goes (medians): Node's own start ${floor.toFixed(0)} ms; above it, ours ${(median(samples[0]) - floor).toFixed(0)} ms, `
			+ `the JSON server ${(median(samples[1]) - floor).toFixed(0)} ms. Both are Node processes: a ratio of 3 needs the JSON server's part above `
			+ 'Node to exceed twice Node\'s own start plus three times ours.');
		const ratio = `${(median(samples[1]) / median(samples[0])).toFixed(2)}x`;
		console.log(`\nratio JSON server / ours (medians): ${ratio} (target: at least 3x)`);
		recordSummary({ measure: `Server start: spawn to first diagnostics, ${REPOSITORIES} repositories`, ours: `${median(samples[0]).toFixed(0)} ms`,
			peer: `${median(samples[1]).toFixed(0)} ms (vscode-json-language-server)`, ratio, target: '>= 3x' });
		return 0;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
	console.error(`server start bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
	process.exitCode = 1;
});
