// `composer-repos versions`: JSON shape, text output, per-repository errors and exit codes.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { versionsCommand } from '../../server/src/cli/commands/versions';
import type { CliIO } from '../../server/src/cli/command';
import { neverEnds, startLoopbackServer } from '../helpers/loopbackServer';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-cli-versions-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function project(name: string, composerJson: unknown): string {
	const dir = path.join(root, name);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify(composerJson));
	return dir;
}

async function run(args: string[], cwd = root, signal?: AbortSignal): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = {
		stdout: (t) => { out += t; },
		stderr: (t) => { err += t; },
		cwd,
		env: { PATH: process.env.PATH, HOME: root, COMPOSER_HOME: path.join(root, 'home'), XDG_CACHE_HOME: path.join(root, 'cache') },
		signal,
	};
	const code = await versionsCommand.run(args, io);
	return { code, out, err };
}

const inline = {
	repositories: [
		{ type: 'package', package: [
			{ name: 'acme/x', version: 'dev-main', 'default-branch': true },
			{ name: 'acme/x', version: '1.0.0' },
			{ name: 'acme/x', version: 'v1.1.0' },
			{ name: 'acme/y', version: '0.1.0' },
		] },
		{ 'packagist.org': false },
	],
};

describe('composer-repos versions', () => {
	test('JSON: every package, newest first, 9999999-dev hidden, labels, no errors, exit 0', async () => {
		const dir = project('ok', inline);
		const r = await run(['--file', dir, '--format', 'json']);
		assert.equal(r.code, 0, r.err);
		assert.deepEqual(JSON.parse(r.out), {
			packages: {
				'acme/x': { versions: ['v1.1.0', '1.0.0', 'dev-main'], repository: 'package repo (defining 4 packages)' },
				'acme/y': { versions: ['0.1.0'], repository: 'package repo (defining 4 packages)' },
			},
			errors: [],
		});
	});

	test('PACKAGE arguments restrict the output; --file accepts the composer.json itself', async () => {
		const dir = project('named', inline);
		const r = await run(['acme/Y', '--file', path.join(dir, 'composer.json'), '--format=json']);
		assert.equal(r.code, 0);
		assert.deepEqual(Object.keys(JSON.parse(r.out).packages), ['acme/y']);
	});

	test('text output lists versions; a failing repository is reported and the others still resolve (exit 1)', async () => {
		const dir = project('mixed', { repositories: [{ type: 'path', url: 'missing/dir' }, ...inline.repositories] });
		const r = await run([], dir);
		assert.equal(r.code, 1);
		assert.match(r.out, /acme\/x {2}\(package repo \(defining 4 packages\)\)\n {2}versions : v1\.1\.0, 1\.0\.0, dev-main\n/);
		assert.match(r.err, /error: path repo \(missing\/dir\): The `url` supplied for the path \(missing\/dir\) repository does not exist/);
		const json = JSON.parse((await run(['--format', 'json'], dir)).out);
		assert.deepEqual(json.errors, [{ repository: 'path repo (missing/dir)', message: 'The `url` supplied for the path (missing/dir) repository does not exist' }]);
		assert.ok(json.packages['acme/x']);
	});

	test('an unknown package is an error entry (exit 1)', async () => {
		const dir = project('unknown', inline);
		const r = await run(['acme/none', '--format', 'json'], dir);
		assert.equal(r.code, 1);
		assert.deepEqual(JSON.parse(r.out).errors.map((e: { message: string }) => e.message), ['Package acme/none not found']);
	});

	test('usage and file problems exit 2 through the CLI entry point', () => {
		const cli = path.resolve(__dirname, '../../dist/cli.js');
		assert.ok(fs.existsSync(cli), 'dist/cli.js must be built (npm test builds it)');
		const bad = spawnSync(process.execPath, [cli, 'versions', '--format', 'yaml'], { cwd: root, encoding: 'utf8' });
		assert.equal(bad.status, 2);
		const missing = spawnSync(process.execPath, [cli, 'versions', '--file', path.join(root, 'nope')], { cwd: root, encoding: 'utf8' });
		assert.equal(missing.status, 2);
		const notAName = spawnSync(process.execPath, [cli, 'versions', '--file', project('n', inline), '--notanoption'], { cwd: root, encoding: 'utf8' });
		assert.equal(notAName.status, 2);
	});

	test('aborting the run closes every socket, HTTP and git alike, and returns with "cancelled" errors', async () => {
		// Both the composer repository and the git remote hang forever after the first bytes.
		const server = await startLoopbackServer({ routes: { '/packages.json': neverEnds(), '/hang.git/info/refs': neverEnds() } });
		try {
			const dir = project('cancel', {
				repositories: [{ type: 'composer', url: server.url }, { type: 'vcs', url: `${server.url}/hang.git` }, { 'packagist.org': false }],
				config: { 'secure-http': false },
			});
			const controller = new AbortController();
			const pending = run(['--format', 'json'], dir, controller.signal);
			await server.waitForRequests(2);
			controller.abort();
			const r = await pending;
			assert.equal(r.code, 1);
			const errors = JSON.parse(r.out).errors as Array<{ message: string }>;
			assert.equal(errors.length, 2, r.out);
			for (const e of errors) {
				assert.match(e.message, /cancel/i);
			}
			// The connections end because the socket was destroyed and the git process group killed.
			await Promise.all(server.requests.map((q) => server.waitForClose(q.connection)));
		} finally {
			await server.close();
		}
	});

	test('Ctrl-C (SIGINT) on dist/cli.js aborts the run: sockets closed, cancelled errors, exit 1', async () => {
		const server = await startLoopbackServer({ routes: { '/packages.json': neverEnds() } });
		try {
			const dir = project('sigint', { repositories: [{ type: 'composer', url: server.url }, { 'packagist.org': false }], config: { 'secure-http': false } });
			const cli = path.resolve(__dirname, '../../dist/cli.js');
			const child = spawn(process.execPath, [cli, 'versions', '--file', dir, '--format', 'json'], {
				env: { PATH: process.env.PATH, HOME: root, COMPOSER_HOME: path.join(root, 'home'), XDG_CACHE_HOME: path.join(root, 'cache') },
			});
			let out = '';
			child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
			const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
			await server.waitForRequests(1);
			child.kill('SIGINT');
			assert.equal(await exited, 1);
			assert.match(JSON.parse(out).errors[0].message, /cancelled/);
			await server.waitForClose(server.requests[0].connection);
		} finally {
			await server.close();
		}
	});
});
