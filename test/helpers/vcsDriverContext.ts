// A ResolveContext for the svn/hg/fossil/perforce driver tests: the real process runner wrapped in a
// recorder (so hostile-definition tests can prove that nothing ran), a temp cache folder, and an HTTP
// client that refuses everything (these drivers only run VCS programs). RecordingRunner and
// noProgramsRunner are shared with the git and API-driver tests (fakeGitHosts.ts).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { NodeProcessRunner } from '../../server/src/net/processRunner';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../server/src/net/types';
import type { RepositoryDefinition, ResolveContext } from '../../server/src/resolvers/types';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';

export class RecordingRunner implements ProcessRunner {
	readonly calls: ProcessRequest[] = [];
	constructor(private readonly inner: ProcessRunner = new NodeProcessRunner()) {}
	run(req: ProcessRequest): Promise<ProcessResult> {
		this.calls.push(req);
		return this.inner.run(req);
	}
	/** `command arg arg…` per call, for readable assertion messages. */
	lines(): string[] {
		return this.calls.map((c) => [c.command, ...c.args].join(' '));
	}

	/** What the programs were asked to do (effectiveArgs of every call), `command arg arg…` per command. */
	commandLines(): string[] {
		return this.calls.flatMap((c) => effectiveArgs(c).map((args) => [c.command, ...args].join(' ')));
	}
}

/** The commands an hg command-server session runs: the `runcommand` frames of its stdin. */
function runCommands(input: Buffer): string[][] {
	const commands: string[][] = [];
	for (let pos = 0; pos < input.length;) {
		const end = input.indexOf(0x0a, pos);
		const length = input.readUInt32BE(end + 1);
		commands.push(input.subarray(end + 5, end + 5 + length).toString('utf8').split('\0'));
		pos = end + 5 + length;
	}
	return commands;
}

/**
 * The argument lists a call really runs, including what travels on stdin because it may hold a password: for
 * hg's command server, the commands it is sent; for fossil's `--args -`, the argv with stdin's lines in its place.
 */
export function effectiveArgs(call: ProcessRequest): string[][] {
	if (call.command === 'hg' && call.args.includes('--cmdserver') && call.input !== undefined) {
		return runCommands(Buffer.from(call.input));
	}
	const at = call.args.indexOf('--args');
	if (call.command === 'fossil' && at >= 0 && call.args[at + 1] === '-' && call.input !== undefined) {
		const lines = String(call.input).split('\n').filter((l) => l !== '');
		return [[...call.args.slice(0, at), ...lines, ...call.args.slice(at + 2)]];
	}
	return [call.args];
}

/** A runner on which no program is installed, whatever this machine has: every request fails as "not-found". */
export const noProgramsRunner: ProcessRunner = {
	run: async (req) => ({ ok: false, code: 'not-found', message: `${req.command} is not installed` }),
};

export interface VcsTestContext {
	ctx: ResolveContext;
	runner: RecordingRunner;
	cacheDir: string;
	cleanup(): void;
}

export function vcsTestContext(options: { baseDir?: string; secureHttp?: boolean; secureSvnDomains?: string[]; runner?: ProcessRunner } = {}): VcsTestContext {
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-vcs-cache-'));
	const runner = new RecordingRunner(options.runner);
	const ctx: ResolveContext = {
		baseDir: options.baseDir ?? os.tmpdir(),
		env: {},
		homeDir: os.tmpdir(),
		config: { secureHttp: options.secureHttp ?? false, githubDomains: ['github.com'], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: options.secureSvnDomains ?? [] },
		http: { request: async (req) => ({ ok: false, code: 'network', message: 'no HTTP in VCS driver tests', url: req.url }) },
		processes: runner,
		credentials: { headersFor: () => ({}) },
		offline: false,
		apiBaseUrls: { github: 'http://127.0.0.1:9/github', gitlab: 'http://127.0.0.1:9/gitlab', bitbucket: 'http://127.0.0.1:9/bitbucket', packagist: 'http://127.0.0.1:9/packagist', packagistRepo: 'http://127.0.0.1:9/repo' },
		cacheDir,
	};
	return { ctx, runner, cacheDir, cleanup: () => fs.rmSync(cacheDir, { recursive: true, force: true }) };
}

export function vcsRepo(config: Record<string, unknown>): RepositoryDefinition {
	return { key: 0, config, label: `${String(config.type)} ${String(config.url)}` };
}

/** Pretty versions of one load, sorted as strings, for compact comparisons. */
export function prettyVersions(packages: Array<{ name: string; version: string }>, name?: string): string[] {
	return packages.filter((p) => name === undefined || p.name === name).map((p) => p.version).sort();
}

/**
 * One test per hostile URL and repository type: the definition is refused as `vcs.unsafe-url` before any
 * process starts. `MARKER` in a URL becomes a file path that a command injected through it would create.
 */
export function testHostileUrlsRunNothing(types: string[], urls: string[]): void {
	for (const url of urls) {
		for (const type of types) {
			test(`${type}: ${url}`, async () => {
				const c = vcsTestContext();
				const marker = path.join(c.cacheDir, 'marker');
				try {
					const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type, url: url.replace('MARKER', marker) }), undefined, c.ctx);
					assert.ok(!r.ok && r.error.code === 'vcs.unsafe-url', JSON.stringify(r));
					assert.deepEqual(c.runner.calls, []);
					assert.equal(fs.existsSync(marker), false);
				} finally {
					c.cleanup();
				}
			});
		}
	}
}

/** A test that loading `config` on a machine without the VCS program gives error `code` naming the program. */
export function testMissingProgram(config: () => Record<string, unknown>, code: string, message: string): void {
	test('a missing program is an error value, not a crash', async () => {
		const c = vcsTestContext({ runner: noProgramsRunner });
		try {
			const r = await vcsRepositoryResolver.loadPackages(vcsRepo(config()), undefined, c.ctx);
			assert.ok(!r.ok && r.error.code === code && r.error.message.includes(message), JSON.stringify(r));
		} finally {
			c.cleanup();
		}
	});
}
