// Secrets never reach output: `node dist/cli.js versions` on a composer.json whose repositories use an auth.json
// (http-basic, bearer, github-oauth) and URL userinfo, against loopback servers where one answers 401 and others
// 500. The run must still list what it can, report the failures, and no secret (nor its base64 form) may appear
// anywhere in stdout or stderr, in either format. The github-oauth domain also proves that Composer's implicit
// github-domains entry is applied: the `vcs` URL on that host is read through the GitHub API driver.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFakeGitHosts, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { bareClone, buildGitRepo, readRepoModel, removeDir, tempDir } from '../helpers/gitRepo';
import { serverError, startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';

const cli = path.resolve(__dirname, '../../dist/cli.js');
const work = tempDir('cr-cli-secrets-');
const project = path.join(work, 'project');

const BASIC_USER = 'basicUserS3cr3tQ';
const BASIC_PASS = 'basicPassS3cr3tW';
const BEARER = 'bearerTokS3cr3tE';
const GH_TOKEN = 'ghTokenS3cr3tRabcdef0123';
const URL_PASS = 'urlPassS3cr3tT';
const secrets = [BASIC_USER, BASIC_PASS, BEARER, GH_TOKEN, URL_PASS, Buffer.from(`${BASIC_USER}:${BASIC_PASS}`).toString('base64'), Buffer.from(`${GH_TOKEN}:x-oauth-basic`).toString('base64')];

let basic: LoopbackServer;
let bearer: LoopbackServer;
let hosts: FakeGitHosts;

before(async () => {
	const lib = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'acme/gh' } } }, { tag: 'v1.0.0' }] }, path.join(work, 'lib'));
	const bare = bareClone(lib, path.join(work, 'served', 'lib.git'));
	// The API fails (500), so the driver falls back to git over dumb HTTP at the repository URL.
	hosts = await startFakeGitHosts({ repos: { 'acme/gh': readRepoModel(lib) }, failRepoData: 500, gitRoots: { '/acme/gh': bare } });
	const expected = 'Basic ' + Buffer.from(`${BASIC_USER}:${BASIC_PASS}`).toString('base64');
	basic = await startLoopbackServer({
		routes: {
			'/packages.json': (req, res) => {
				if (req.headers.authorization !== expected) {
					res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
					return;
				}
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ packages: { 'acme/basic': { '1.0.0': { name: 'acme/basic', version: '1.0.0' } } } }));
			},
		},
	});
	bearer = await startLoopbackServer({
		routes: {
			'/packages.json': (_req, res) => {
				res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"', 'content-type': 'text/plain' });
				res.end('bad token');
			},
			'/other/packages.json': serverError(),
		},
	});
	fs.mkdirSync(project, { recursive: true });
	fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({
		name: 'acme/root',
		repositories: [
			{ type: 'composer', url: basic.url },
			{ type: 'composer', url: bearer.url },
			{ type: 'composer', url: `http://urlUser:${URL_PASS}@127.0.0.1:${bearer.port}/other` },
			{ type: 'vcs', url: `http://127.0.0.1:${hosts.port}/acme/gh` },
			{ 'packagist.org': false },
		],
		config: { 'secure-http': false },
	}));
	fs.writeFileSync(path.join(project, 'auth.json'), JSON.stringify({
		'http-basic': { [`127.0.0.1:${basic.port}`]: { username: BASIC_USER, password: BASIC_PASS } },
		bearer: { [`127.0.0.1:${bearer.port}`]: BEARER },
		'github-oauth': { [`127.0.0.1:${hosts.port}`]: GH_TOKEN },
	}));
});

after(async () => {
	await Promise.all([basic?.close(), bearer?.close(), hosts?.close()]);
	removeDir(work);
});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const home = path.join(work, 'home');
	return new Promise((resolve) => {
		execFile(process.execPath, [cli, 'versions', '--file', project, ...args], {
			cwd: project,
			env: { PATH: process.env.PATH, HOME: home, COMPOSER_HOME: path.join(home, 'composer'), XDG_CACHE_HOME: path.join(home, 'cache'), COMPOSER_REPOS_PACKAGIST_URL: 'http://127.0.0.1:9' },
			timeout: 120_000,
		}, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
	});
}

function assertNoSecret(text: string): void {
	for (const s of secrets) {
		assert.ok(!text.includes(s), `secret ${s.slice(0, 6)}… leaked:\n${text}`);
	}
}

describe('versions: credentials never appear in output', () => {
	test('JSON: what can be listed is, failures are reported, no secret anywhere', async () => {
		assert.ok(fs.existsSync(cli), 'dist/cli.js must be built (npm test builds it)');
		const r = await runCli(['--format', 'json']);
		assertNoSecret(r.stdout + r.stderr);
		assert.equal(r.code, 1, r.stderr);
		const json = JSON.parse(r.stdout) as { packages: Record<string, { versions: string[] }>; errors: Array<{ repository: string; message: string }> };
		assert.deepEqual(json.packages['acme/basic']?.versions, ['1.0.0'], 'http-basic credentials were sent to their host');
		assert.deepEqual(json.packages['acme/gh']?.versions, ['v1.0.0', 'dev-main']);
		const messages = json.errors.map((e) => `${e.repository}: ${e.message}`).join('\n');
		assert.match(messages, /HTTP 401 Unauthorized/);
		assert.match(messages, /HTTP 500/);
		assert.match(messages, /http:\/\/(urlUser:)?\*\*\*@127/, 'the userinfo URL is shown masked');
		assert.match(messages, /http-basic or bearer/, 'kind markers such as "bearer" are not treated as secrets');
		// Composer adds a domain with github-oauth credentials to github-domains: the GitHub API was asked.
		assert.ok(hosts.requests.some((u) => u.startsWith('/api/v3/repos/acme/gh')), hosts.requests.join('\n'));
		assert.match(r.stderr, /warning: .*the API could not be used/);
	});

	test('text format: no secret anywhere either', async () => {
		const r = await runCli([]);
		assertNoSecret(r.stdout + r.stderr);
		assert.equal(r.code, 1);
		assert.match(r.stderr, /error: /);
	});
});
