// `composer-repos hooks status|warnings|update` as CI runs it: the built dist/cli.js against the fake Packagist,
// GitHub, GitLab and Bitbucket (base URLs as flags), git redirected to a real local repository, tokens from the
// environment. Exit codes (1 on a `problem` verdict), the JSON contract, text output, usage errors, and no token
// in stdout, stderr or the cache folder.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { filesUnder } from '../helpers/cacheSecrets';
import { gitRedirectEnv, jobIdOf, startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { git, removeDir, tempDir } from '../helpers/gitRepo';
import { buildLibrary, scenarioPackages, SECRETS, TOKENS } from '../hooks/hooksSetup';

const cli = path.resolve(__dirname, '../../dist/cli.js');
const work = tempDir('cr-cli-hooks-');
const home = path.join(work, 'home');
let fake: FakePackagist;

interface Run { code: number; stdout: string; stderr: string }

const TOKEN_ENV = {
	GITHUB_TOKEN: TOKENS.github, GITLAB_TOKEN: TOKENS.gitlab, BITBUCKET_TOKEN: TOKENS.bitbucket,
	PACKAGIST_USERNAME: TOKENS.packagist.username, PACKAGIST_API_TOKEN: TOKENS.packagist.token,
};

/** Async, so the fake in this process keeps answering while the CLI runs. */
function run(args: string[], env: Record<string, string> = TOKEN_ENV, cwd = work): Promise<Run> {
	return new Promise((resolve) => {
		execFile(process.execPath, [cli, 'hooks', ...args], {
			cwd,
			env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), LC_ALL: 'C', TZ: 'UTC', ...gitRedirectEnv(fake), ...env },
			timeout: 120_000,
		}, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
	});
}

function noSecret(r: Run): void {
	for (const s of SECRETS) {
		assert.ok(!(r.stdout + r.stderr).includes(s), `secret ${s.slice(0, 6)}… leaked:\n${r.stdout}\n${r.stderr}`);
	}
}

interface ReportJson {
	package: string;
	repository: string | null;
	verdict: string;
	signals: Array<{ kind: string; status: string; detail: string }>;
	advice: string;
	skipped?: boolean;
	abandoned?: unknown;
}

function assertReportShape(r: ReportJson): void {
	for (const key of ['package', 'repository', 'verdict', 'signals', 'advice']) {
		assert.ok(key in r, `report has ${key}`);
	}
	assert.ok(['ok', 'warning', 'problem', 'unknown'].includes(r.verdict));
	for (const s of r.signals) {
		assert.ok(['hook', 'freshness', 'marker'].includes(s.kind));
		assert.ok(['ok', 'warning', 'problem', 'unknown'].includes(s.status));
		assert.equal(typeof s.detail, 'string');
	}
}

before(async () => {
	assert.ok(fs.existsSync(cli), 'dist/cli.js must be built (npm test builds it)');
	fake = await startFakePackagist(scenarioPackages(buildLibrary(work)), TOKENS);
});

after(async () => {
	await fake?.close();
	removeDir(work);
});

describe('composer-repos hooks', () => {
	test('status --package, JSON: the contract, exit 0 for ok', async () => {
		const r = await run(['status', '--package', 'acme/alpha', '--format', 'json', ...fake.flags]);
		assert.equal(r.code, 0, r.stderr);
		const report = JSON.parse(r.stdout) as ReportJson;
		assertReportShape(report);
		assert.equal(report.package, 'acme/alpha');
		assert.equal(report.repository, 'https://github.com/acme/alpha');
		assert.equal(report.verdict, 'ok');
		assert.deepEqual(report.signals.map((s) => `${s.kind}:${s.status}`), ['hook:ok', 'freshness:ok', 'marker:ok']);
		noSecret(r);
	});

	test('status PATH, text: the package of the composer.json, exit 1 for a problem', async () => {
		const project = path.join(work, 'project');
		fs.mkdirSync(project, { recursive: true });
		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'acme/failing', type: 'library' }));
		git(project, ['init', '--quiet']);
		git(project, ['remote', 'add', 'origin', 'git@github.com:acme/failing.git']);
		const r = await run(['status', project, ...fake.flags]);
		assert.equal(r.code, 1, r.stderr);
		const lines = r.stdout.split('\n');
		assert.match(lines[0], /^problem\s+acme\/failing {2}\(https:\/\/github\.com\/acme\/failing\)$/);
		assert.match(r.stdout, /^ {2}hook {7}problem {2}.*HTTP 403/m);
		assert.match(r.stdout, /^ {2}freshness {2}problem {2}.*v1\.4\.0/m);
		assert.match(r.stdout, /^ {2}marker {5}ok /m);
		assert.match(r.stdout, /^ {2}next: /m);
		assert.match(r.stdout, /https:\/\/github\.com\/acme\/failing\/settings\/hooks\/412345678/);
		noSecret(r);
	});

	test('without tokens the hook is unknown and the message names the variable', async () => {
		const r = await run(['status', '--package', 'acme/nohook', '--format', 'json', ...fake.flags], {});
		const report = JSON.parse(r.stdout) as ReportJson;
		const hook = report.signals.find((s) => s.kind === 'hook')!;
		assert.equal(hook.status, 'unknown');
		assert.match(hook.detail, /GITHUB_TOKEN/);
		assert.equal(r.code, 1, 'the page says not auto-updated: problem');
	});

	test('a rate limit is reported with its reset time (HH:MM)', async () => {
		const r = await run(['status', '--package', 'acme/limited', '--format', 'json', ...fake.flags]);
		const hook = (JSON.parse(r.stdout) as ReportJson).signals.find((s) => s.kind === 'hook')!;
		assert.match(hook.detail, /rate-limited the requests until 00:00/, hook.detail);
		assert.equal(r.code, 0, 'unknown is not a problem');
	});

	test('--no-marker: the page is not read', async () => {
		const before = fake.requests.length;
		const r = await run(['status', '--package', 'acme/gamma', '--no-marker', '--format', 'json', ...fake.flags]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal((JSON.parse(r.stdout) as ReportJson).signals.find((s) => s.kind === 'marker')!.status, 'unknown');
		assert.ok(!fake.requests.slice(before).some((q) => q.url === '/packagist/packages/acme/gamma'));
	});

	test('warnings --vendor: problems first, abandoned skipped, exit 1; text lists every package', async () => {
		const r = await run(['warnings', '--vendor', 'acme', '--format', 'json', ...fake.flags]);
		assert.equal(r.code, 1, r.stderr);
		const json = JSON.parse(r.stdout) as { packages: ReportJson[] };
		assert.deepEqual(Object.keys(json), ['packages']);
		json.packages.forEach(assertReportShape);
		assert.deepEqual(json.packages.map((p) => p.verdict), ['problem', 'problem', 'problem', 'warning', 'ok', 'ok', 'unknown']);
		assert.equal(json.packages.at(-1)!.package, 'acme/retired');
		assert.equal(json.packages.at(-1)!.skipped, true);
		noSecret(r);
		const text = await run(['warnings', '--vendor', 'acme', ...fake.flags]);
		assert.equal(text.code, 1);
		assert.match(text.stdout, /^problem\s+acme\/beta/);
		assert.match(text.stdout, /^unknown\s+acme\/retired .*\[abandoned\]$/m);
		assert.match(text.stdout, /^ok\s+acme\/alpha/m);
	});

	test('warnings --user reads every page', async () => {
		const r = await run(['warnings', '--user', 'jdoe', '--format', 'json', ...fake.flags]);
		assert.equal(r.code, 1, r.stderr);
		assert.deepEqual((JSON.parse(r.stdout) as { packages: ReportJson[] }).packages.map((p) => p.package).sort(), ['acme/alpha', 'acme/beta', 'acme/failing']);
	});

	test('update: the job result, exit 0; no warning when the hook works', async () => {
		const r = await run(['update', 'acme/alpha', '--format', 'json', ...fake.flags]);
		assert.equal(r.code, 0, r.stderr);
		const result = JSON.parse(r.stdout) as { package: string; jobId: string; status: string; message: string; warning?: string };
		assert.equal(result.status, 'completed');
		assert.equal(result.jobId, jobIdOf('acme/alpha'));
		assert.equal(result.warning, undefined);
		assert.equal(r.stderr, '');
		noSecret(r);
	});

	test('update warns first when no working hook was found; a failed job exits 1', async () => {
		const warned = await run(['update', 'acme/nohook', ...fake.flags]);
		assert.equal(warned.code, 0, warned.stderr);
		assert.match(warned.stderr, /^warning: No working Packagist hook was found .*auto-updated/);
		assert.match(warned.stdout, /^completed\s+acme\/nohook/);
		const failed = await run(['update', 'acme/failing', ...fake.flags]);
		assert.equal(failed.code, 1);
		assert.match(failed.stdout, /^failed\s+acme\/failing/);
		assert.match(failed.stdout, /\| Reading composer\.json of acme\/failing/);
		noSecret(warned);
		noSecret(failed);
	});

	test('update with rejected credentials exits 1 without echoing them', async () => {
		const r = await run(['update', 'acme/alpha', ...fake.flags], { ...TOKEN_ENV, PACKAGIST_API_TOKEN: 'wrongPkgTokenQRS789' });
		assert.equal(r.code, 1);
		assert.match(r.stdout, /^rejected\s+acme\/alpha/);
		assert.ok(!(r.stdout + r.stderr).includes('wrongPkgTokenQRS789'));
	});

	test('usage errors exit 2 with a hint', async () => {
		const cases: Array<[string[], RegExp, Record<string, string>?]> = [
			[[], /missing subcommand/],
			[['bogus'], /unknown subcommand 'bogus'/],
			[['status', '--package', 'acme/alpha', '--format', 'yaml'], /invalid value 'yaml'/],
			[['status', '--package', 'acme/alpha', '--packagist-url', 'http://packagist.example.com'], /must use https/],
			[['warnings'], /exactly one of --vendor and --user/],
			[['warnings', '--vendor', 'acme', '--concurrency', '0'], /invalid value '0'/],
			[['update', 'acme/alpha'], /PACKAGIST_USERNAME and PACKAGIST_API_TOKEN/, {}],
			[['status', '--package', 'not a name', ...[]], /not a package name/],
			[['status', path.join(work, 'missing-dir')], /cannot open/],
		];
		for (const [args, pattern, env] of cases) {
			const r = await run(args, env ?? TOKEN_ENV);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.equal(r.stdout, '');
			assert.match(r.stderr, pattern, args.join(' '));
			assert.doesNotMatch(r.stderr, /\n\s+at /);
		}
	});

	test('help lists the subcommands and the token variables', async () => {
		const r = await run(['--help']);
		assert.equal(r.code, 0);
		assert.match(r.stdout, /hooks status/);
		assert.match(r.stdout, /GITHUB_TOKEN, GITLAB_TOKEN, BITBUCKET_TOKEN/);
	});

	test('no token in any file of the cache folder', () => {
		const files = filesUnder(path.join(home, 'cache'));
		assert.ok(files.length > 0);
		for (const file of files) {
			const content = fs.readFileSync(file);
			for (const s of SECRETS) {
				assert.ok(!content.includes(s) && !content.includes(Buffer.from(s).toString('base64')), `${file} holds a secret`);
			}
		}
		assert.ok(files.some((f) => f.endsWith('hooks-state.json')), 'the state file is in the cache folder');
	});
});
