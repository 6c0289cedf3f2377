// Live editor intelligence, through the built server over stdio (reported, not asserted):
//   1. completion and hover latency with a warm cache on a composer.json with 200 requirements and 20
//      repositories (git, path, artifact, composer repositories on 127.0.0.1, and a packagist.org stand-in),
//      as a multiple of an empty LSP request's round trip measured in the same run, interleaved; goal: p95
//      under 5× that round trip;
//   2. package-name search over a packagist.org-sized list (400,000 generated names): per-keystroke latency
//      and the server's added memory (resident set, from /proc) once the list is loaded.
//   npm run bench -- liveCompletion          BENCH_RUNS=300 to change the number of measured requests
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, type Position,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolutionReport } from '../server/src/resolution/types';
import { json, startLoopbackServer, type LoopbackServer, type Route } from '../test/helpers/loopbackServer';
import { packagistNames } from '../test/helpers/resolutionWorkspace';
import { SERVER_COMMANDS, startHarness, type Harness } from '../test/server/lspHarness';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS) || 200);
const GOAL = 5;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-bench-live-'));
const project = path.join(root, 'project');
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@e' };

function git(cwd: string, ...args: string[]): void {
	execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssKiB(pid: number): number {
	const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0);
}

const dist = (name: string, version: string) => ({ type: 'zip', url: `https://dl.example.invalid/${name}/${version}.zip` });

/** 19 repositories of every kind plus packagist.org, 200 required names spread over them. */
async function buildProject(servers: LoopbackServer[]): Promise<{ text: string; packagist: LoopbackServer; composerNames: string[] }> {
	fs.mkdirSync(project, { recursive: true });
	const repositories: unknown[] = [];
	const require: Record<string, string> = {};
	for (let i = 0; i < 5; i++) {
		const dir = path.join(root, `git${i}`);
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ name: `bench/git${i}` }));
		git(dir, 'init', '-q', '-b', 'main');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'init');
		for (let t = 0; t < 5; t++) {
			git(dir, 'tag', `v1.${t}.0`);
		}
		repositories.push({ type: 'vcs', url: dir });
		require[`bench/git${i}`] = '^1.0';
	}
	for (let i = 0; i < 5; i++) {
		const dir = path.join(project, 'packages', `p${i}`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ name: `bench/path${i}`, version: '2.0.0' }));
		repositories.push({ type: 'path', url: `packages/p${i}` });
		require[`bench/path${i}`] = '^2.0';
	}
	for (let i = 0; i < 4; i++) {
		const src = path.join(root, `zip${i}`);
		const dir = path.join(project, 'artifacts', `a${i}`);
		fs.mkdirSync(src, { recursive: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(src, 'composer.json'), JSON.stringify({ name: `bench/zip${i}`, version: '3.0.0' }));
		execFileSync('zip', ['-q', path.join(dir, 'z.zip'), 'composer.json'], { cwd: src });
		repositories.push({ type: 'artifact', url: `artifacts/a${i}` });
		require[`bench/zip${i}`] = '^3.0';
	}
	const composerNames: string[] = [];
	for (let i = 0; i < 5; i++) {
		const packages: Record<string, Record<string, unknown>> = {};
		for (let p = 0; p < 20; p++) {
			const name = `corp${i}/lib${p}`;
			packages[name] = Object.fromEntries(['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.1.0'].map((v) => [v, { name, version: v, description: `Library ${p} of corp ${i}`, dist: dist(name, v) }]));
			composerNames.push(name);
			require[name] = '^2.0';
		}
		const server = await startLoopbackServer({ conditional: true, routes: { '/packages.json': json({ packages }) } });
		servers.push(server);
		repositories.push({ type: 'composer', url: server.url });
	}
	// packagist.org: 400,000 names in its list, p2 files for the names required from it.
	const names = packagistNames(400_000);
	const routes: Record<string, Route> = {
		'/packages.json': json({ packages: [], 'metadata-url': '/p2/%package%.json', list: '/packages/list.json' }),
		'/packages/list.json': json({ packageNames: names }),
	};
	for (const name of names.slice(0, 86)) {
		routes[`/p2/${name}.json`] = json({ minified: 'composer/2.0', packages: { [name]: [{ name, version: '1.2.0', version_normalized: '1.2.0.0', description: `The ${name} package`, dist: dist(name, '1.2.0') }, { version: '1.1.0', version_normalized: '1.1.0.0' }] } });
		routes[`/p2/${name}~dev.json`] = json({ packages: { [name]: [] } });
		require[name] = '^1.0';
	}
	const packagist = await startLoopbackServer({ conditional: true, routes });
	servers.push(packagist);
	const text = JSON.stringify({ name: 'bench/project', repositories, require, config: { 'secure-http': false } }, null, 4) + '\n';
	return { text, packagist, composerNames };
}

/** The position just inside the quotes of `needle`'s value (version completion) or key (name completion). */
function positionOf(text: string, needle: string, where: 'key' | 'value'): Position {
	const doc = TextDocument.create('x:', 'json', 0, text);
	const key = text.indexOf(`"${needle}"`);
	if (where === 'key') {
		return doc.positionAt(key + 1 + Math.min(3, needle.length));
	}
	const value = text.indexOf('"', key + needle.length + 2 + 1);
	return doc.positionAt(value + 1);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await fn();
	return performance.now() - start;
}

async function waitSettled(harness: Harness, uri: string, query?: string): Promise<ResolutionReport> {
	const deadline = Date.now() + 300_000;
	for (;;) {
		const report = await harness.status({ uri, ...(query ? { query } : {}) });
		if (report.enabled && !report.pending) {
			return report;
		}
		if (Date.now() > deadline) {
			throw new Error(`resolution did not settle: ${JSON.stringify(report.repositories.map((r) => r.state))}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function line(label: string, values: number[], baseline: { p50: number; p95: number }): string {
	const p50 = percentile(values, 50);
	const p95 = percentile(values, 95);
	const multiple = p95 / baseline.p95;
	return `${label.padEnd(44)} p50 ${p50.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  p95 = ${multiple.toFixed(1)}× empty p95 ${multiple < GOAL ? '(goal met)' : `(goal: < ${GOAL}×)`}`;
}

async function main(): Promise<void> {
	const servers: LoopbackServer[] = [];
	const { text, packagist, composerNames } = await buildProject(servers);
	const file = path.join(project, 'composer.json');
	fs.writeFileSync(file, text);
	const uri = pathToFileURL(file).toString();
	const home = path.join(root, 'home');
	// --expose-gc lets the status report live memory (it collects before measuring).
	const harness = await startHarness(['--expose-gc', ...SERVER_COMMANDS[0].args], { locale: 'en', trusted: true }, {
		env: { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), COMPOSER_HOME: path.join(home, 'composer'), COMPOSER_REPOS_PACKAGIST_URL: packagist.url, COMPOSER_DISABLE_NETWORK: undefined },
	});
	try {
		await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
		const coldStart = performance.now();
		const report = await waitSettled(harness, uri);
		console.log(`resolved 20 repositories, 200 requirements in ${((performance.now() - coldStart) / 1000).toFixed(1)} s: ${report.repositories.filter((r) => r.state === 'ok').length} ok`);

		// 1. Warm: completion and hover next to an empty request, interleaved.
		const empty: number[] = [];
		const versionCompletion: number[] = [];
		const nameCompletion: number[] = [];
		const hover: number[] = [];
		const target = composerNames[57];
		const valuePos = positionOf(text, target, 'value');
		const keyPos = positionOf(text, target, 'key');
		for (let i = 0; i < RUNS + 10; i++) {
			const e = await timed(() => harness.connection.sendRequest('composerRepositories/emptyRoundTrip').catch(() => undefined));
			const v = await timed(() => harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: valuePos }));
			const n = await timed(() => harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: keyPos }));
			const h = await timed(() => harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: keyPos }));
			if (i >= 10) {
				empty.push(e);
				versionCompletion.push(v);
				nameCompletion.push(n);
				hover.push(h);
			}
		}
		const baseline = { p50: percentile(empty, 50), p95: percentile(empty, 95) };
		console.log(`\nwarm cache, ${RUNS} requests each (empty request: p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms)`);
		console.log(line('completion of a version (require value)', versionCompletion, baseline));
		console.log(line('completion of a package name (require key)', nameCompletion, baseline));
		console.log(line('hover on a require entry', hover, baseline));

		// 2. Package-name search over the 400,000-name list, keystroke by keystroke.
		const pid = harness.child.pid!;
		const rssBefore = rssKiB(pid);
		const heapBefore = (await harness.status({ uri, memory: true })).memory;
		const first = await timed(() => harness.status({ uri, query: 'm' }));
		const listStart = performance.now();
		await waitSettled(harness, uri, 'm');
		const listMs = performance.now() - listStart + first;
		await new Promise((resolve) => setTimeout(resolve, 500));
		const rssAfter = rssKiB(pid);
		const words = ['monolog', 'symfony', 'cache', 'psr/log', 'bundle-api'];
		const keystrokes: number[] = [];
		const emptyAgain: number[] = [];
		for (let round = 0; round < 4; round++) {
			for (const word of words) {
				for (let k = 1; k <= word.length; k++) {
					emptyAgain.push(await timed(() => harness.connection.sendRequest('composerRepositories/emptyRoundTrip').catch(() => undefined)));
					keystrokes.push(await timed(() => harness.status({ uri, query: word.slice(0, k) })));
				}
			}
		}
		// The same typing as completion requests in a `require` key, with the document changed at each keystroke.
		const typing: number[] = [];
		let version = 1;
		const anchor = text.indexOf('"require": {') + '"require": {'.length;
		for (const word of words) {
			for (let k = 1; k <= word.length; k++) {
				const typed = `${text.slice(0, anchor)}\n        "${word.slice(0, k)}": "",${text.slice(anchor)}`;
				version++;
				await harness.connection.sendNotification(DidChangeTextDocumentNotification.type, {
					textDocument: { uri, version }, contentChanges: [{ text: typed }],
				});
				const position = TextDocument.create(uri, 'json', version, typed).positionAt(anchor + 10 + k);
				typing.push(await timed(() => harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })));
			}
		}
		const base2 = { p50: percentile(emptyAgain, 50), p95: percentile(emptyAgain, 95) };
		// V8 gives memory back after a while idle: the steady cost is the one after a pause.
		await new Promise((resolve) => setTimeout(resolve, 10_000));
		const rssIdle = rssKiB(pid);
		const heapIdle = (await harness.status({ uri, memory: true })).memory;
		const logLine = harness.logs.find((l) => /package names in/.test(l)) ?? '(no list log line)';
		console.log(`\npackagist.org list of 400,000 names: loaded and indexed in ${(listMs / 1000).toFixed(1)} s (server log: ${logLine.replace(/^.*packagist\.org: /, '')})`);
		const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
		const delta = (kib: number) => `${kib < 0 ? '-' : '+'}${mib(Math.abs(kib))}`;
		console.log(`server resident memory: ${mib(rssBefore)} before the list, ${mib(rssAfter)} just after (${delta(rssAfter - rssBefore)}), ${mib(rssIdle)} after 10 s idle (${delta(rssIdle - rssBefore)})`);
		if (heapBefore && heapIdle) {
			const held = heapIdle.heapUsed + heapIdle.external - heapBefore.heapUsed - heapBefore.external;
			console.log(`server heap + external memory in use: ${delta(held / 1024)} after a full collection (the resident set keeps the pages V8 grew into while parsing the list)`);
		}
		console.log(line('name search per keystroke (status request)', keystrokes, base2));
		console.log(line('completion per keystroke in a require key', typing, base2));
		console.log('(until the language service offers live names, the completion line measures the request path with resolution only)');
	} finally {
		await harness.stop();
		await Promise.all(servers.map((s) => s.close()));
		fs.rmSync(root, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
