// `node dist/cli.js versions` end to end over every repository kind but svn/hg/fossil: composer (v2 metadata-url
// and v1 providers) on loopback, a git remote over dumb HTTP, the GitHub API fake, path, artifact, package, and
// packagist.org itself resolved through its real protocol at COMPOSER_REPOS_PACKAGIST_URL (a loopback fake: the
// real packagist.org is never contacted). Compared with Debian's `composer show --all` where Composer can reach the
// same servers; then `{"packagist.org": false}`, a failing repository, exit codes, and `--offline` after a warm run.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composerShowAllNames, composerShowVersions, oracleProject, type OracleProject } from '../helpers/composerOracle';
import { startFakeGitHosts, type FakeGitHosts } from '../helpers/fakeGitHosts';
import { bareClone, buildGitRepo, readRepoModel, removeDir, tempDir } from '../helpers/gitRepo';
import { json, serverError, startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { sha256 } from '../resolvers/composerTestContext';

const cli = path.resolve(__dirname, '../../dist/cli.js');
const work = tempDir('cr-cli-e2e-');
const home = path.join(work, 'home');

let repos: LoopbackServer;
let packagist: LoopbackServer;
let hosts: FakeGitHosts;
let oracle: OracleProject | undefined;

interface VersionsOutput {
	packages: Record<string, { versions: string[]; repository: string }>;
	errors: Array<{ repository: string; message: string }>;
}

const d = (name: string, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	name, version, dist: { type: 'zip', url: `https://dl.example/${name}/${version}.zip`, reference: 'abc' }, ...extra,
});

function project(name: string, repositories: unknown, config: Record<string, unknown> = { 'secure-http': false }): string {
	const dir = path.join(work, name);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ name: 'e2e/root', repositories, config }));
	return dir;
}

function versions(dir: string, extra: string[] = []): Promise<{ code: number; out: VersionsOutput; stderr: string }> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [cli, 'versions', '--file', dir, '--format', 'json', ...extra], {
			cwd: dir,
			env: {
				PATH: process.env.PATH, HOME: home, COMPOSER_HOME: path.join(home, 'composer'), XDG_CACHE_HOME: path.join(home, 'cache'),
				COMPOSER_REPOS_PACKAGIST_URL: packagist.url,
			},
			timeout: 120_000,
		}, (err, stdout, stderr) => {
			try {
				resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: JSON.parse(stdout) as VersionsOutput, stderr });
			} catch (e) {
				reject(new Error(`bad CLI output (${String(e)}):\n${stdout}\n${stderr}`));
			}
		});
	});
}

const sorted = (list: string[]) => [...list].map(String).sort();
let mainProject = '';
let common: unknown[] = [];

before(async () => {
	fs.mkdirSync(home, { recursive: true });
	const provider = JSON.stringify({ packages: { 'v1/prov': { '1.0.0': d('v1/prov', '1.0.0', { uid: 1 }), 'v1.2.0-RC1': d('v1/prov', 'v1.2.0-RC1', { uid: 2 }) } } });
	const listing = JSON.stringify({ providers: { 'v1/prov': { sha256: sha256(provider) } } });
	repos = await startLoopbackServer({
		conditional: true,
		routes: {
			'/v2/packages.json': json({ packages: [], 'metadata-url': '/v2/p2/%package%.json', 'available-packages': ['v2/meta'] }),
			'/v2/p2/v2/meta.json': json({ minified: 'composer/2.0', packages: { 'v2/meta': [d('v2/meta', 'v2.0.0'), { version: '1.1.0' }] } }),
			'/v2/p2/v2/meta~dev.json': json({ packages: { 'v2/meta': [d('v2/meta', 'dev-main', { 'default-branch': true }), d('v2/meta', '2.x-dev', { extra: { 'branch-alias': { '2.x-dev': '2.1.x-dev' } } })] } }),
			'/v1/packages.json': json({ packages: [], 'providers-url': '/v1/p/%package%$%hash%.json', 'provider-includes': { 'p/provider-all$%hash%.json': { sha256: sha256(listing) } } }),
			[`/v1/p/provider-all$${sha256(listing)}.json`]: { body: listing },
			[`/v1/p/v1/prov$${sha256(provider)}.json`]: { body: provider },
			'/broken/packages.json': serverError(),
		},
	});
	// packagist.org's real protocol: packages.json with metadata-url and the `list` endpoint for enumeration.
	packagist = await startLoopbackServer({
		conditional: true,
		routes: {
			'/packages.json': json({ packages: [], 'metadata-url': '/p2/%package%.json', list: '/packages/list.json', 'providers-api': '/providers/%package%.json' }),
			'/packages/list.json': json({ packageNames: ['pk/one'] }),
			'/p2/pk/one.json': json({ minified: 'composer/2.0', packages: { 'pk/one': [d('pk/one', '5.0.0'), { version: '4.2.0' }] } }),
			'/p2/pk/one~dev.json': json({ packages: { 'pk/one': [] } }),
		},
	});

	const lib = buildGitRepo({
		steps: [
			{ commit: { 'composer.json': { name: 'git/lib' } } }, { tag: 'v1.0.0' },
			{ commit: { 'composer.json': { name: 'git/lib', description: 'x' } } }, { tag: 'release-1.1.0', annotated: true },
			{ branch: '2.x' }, { checkout: 'main' }, { commit: { 'composer.json': { name: 'git/lib', extra: { 'branch-alias': { 'dev-main': '3.0.x-dev' } } } } },
		],
	}, path.join(work, 'lib'));
	const gh = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'gh/lib' } } }, { tag: '0.1.0' }, { branch: 'next' }, { checkout: 'main' }] }, path.join(work, 'gh'));
	hosts = await startFakeGitHosts({ repos: { 'acme/gh': readRepoModel(gh) }, gitRoots: { '/git/lib.git': bareClone(lib, path.join(work, 'served', 'lib.git')) } });

	mainProject = path.join(work, 'main');
	fs.mkdirSync(path.join(mainProject, 'packages/pa'), { recursive: true });
	fs.writeFileSync(path.join(mainProject, 'packages/pa/composer.json'), JSON.stringify({ name: 'path/a', version: '1.2.3' }));
	const zipSrc = path.join(work, 'zipsrc');
	fs.mkdirSync(path.join(zipSrc, 'art'), { recursive: true });
	fs.writeFileSync(path.join(zipSrc, 'art/composer.json'), JSON.stringify({ name: 'art/a', version: '0.9.0' }));
	fs.mkdirSync(path.join(mainProject, 'artifacts'), { recursive: true });
	execFileSync('zip', ['-qr', path.join(mainProject, 'artifacts/art.zip'), 'art'], { cwd: zipSrc });

	common = [
		{ type: 'composer', url: `${repos.url}/v2` },
		{ type: 'composer', url: `${repos.url}/v1` },
		{ type: 'vcs', url: `${hosts.url}/git/lib.git` },
		{ type: 'path', url: 'packages/*' },
		{ type: 'artifact', url: 'artifacts' },
		{ type: 'package', package: [{ name: 'inline/a', version: '3.0.0' }, { name: 'inline/a', version: 'dev-main', 'default-branch': true }] },
	];
	// Ours: packagist.org left enabled (it is appended last and served from COMPOSER_REPOS_PACKAGIST_URL).
	fs.writeFileSync(path.join(mainProject, 'composer.json'), JSON.stringify({ name: 'e2e/root', repositories: common, config: { 'secure-http': false } }));
});

after(async () => {
	oracle?.cleanup();
	await Promise.all([repos?.close(), packagist?.close(), hosts?.close()]);
	removeDir(work);
});

describe('versions end to end', () => {
	let warm: VersionsOutput | undefined;

	test('every kind at once agrees with composer show --all (packagist.org through its protocol on loopback)', async () => {
		assert.ok(fs.existsSync(cli), 'dist/cli.js must be built (npm test builds it)');
		const packagistBefore = packagist.requests.length;
		const ours = await versions(mainProject);
		assert.deepEqual(ours.out.errors, [], ours.stderr);
		assert.equal(ours.code, 0);
		assert.ok(packagist.requests.length > packagistBefore, 'packagist.org was resolved through the configured URL');
		warm = ours.out;

		// Composer cannot be pointed at another packagist.org URL, so its project lists the fake explicitly, last.
		const oracleDir = path.join(work, 'oracle');
		fs.mkdirSync(oracleDir, { recursive: true });
		fs.cpSync(path.join(mainProject, 'packages'), path.join(oracleDir, 'packages'), { recursive: true });
		fs.cpSync(path.join(mainProject, 'artifacts'), path.join(oracleDir, 'artifacts'), { recursive: true });
		oracle = oracleProject({ dir: oracleDir, repositories: [...common, { type: 'composer', url: packagist.url }] });
		const names = await composerShowAllNames(oracle);
		assert.ok(names.ok, names.ok ? '' : names.stderr);
		assert.deepEqual(Object.keys(ours.out.packages).sort(), sorted(names.names));
		for (const name of names.names) {
			const theirs = await composerShowVersions(oracle, name);
			assert.ok(theirs.ok, theirs.ok ? '' : theirs.stderr);
			assert.deepEqual(sorted(ours.out.packages[name].versions), sorted(theirs.versions), name);
		}
		// Pinned, so that a mistake shared with Composer 2.5.5 would still show.
		assert.deepEqual(ours.out.packages['git/lib'].versions, ['3.0.x-dev', '2.x-dev', '1.1.0', 'v1.0.0', 'dev-main']);
		assert.deepEqual(ours.out.packages['v1/prov'].versions, ['v1.2.0-RC1', '1.0.0']);
		assert.deepEqual(ours.out.packages['v2/meta'].versions, ['2.x-dev', '2.1.x-dev', 'v2.0.0', '1.1.0', 'dev-main']);
		assert.deepEqual(ours.out.packages['pk/one'], { versions: ['5.0.0', '4.2.0'], repository: 'packagist.org' });
		assert.deepEqual(Object.keys(ours.out.packages).sort(), ['art/a', 'git/lib', 'inline/a', 'path/a', 'pk/one', 'v1/prov', 'v2/meta']);
	});

	test('--offline after a warm run: same versions from the caches, said on stderr, no request', async () => {
		assert.ok(warm, 'needs the warm run above');
		const counts = [repos.requests.length, packagist.requests.length, hosts.requests.length];
		const offline = await versions(mainProject, ['--offline']);
		assert.deepEqual(offline.out.errors, [], offline.stderr);
		assert.equal(offline.code, 0);
		assert.deepEqual(offline.out.packages, warm.packages);
		assert.deepEqual([repos.requests.length, packagist.requests.length, hosts.requests.length], counts, 'offline made no request');
		assert.match(offline.stderr, /warning: .*loaded from the local cache and may be out of date/);
	});

	test('the GitHub API driver (a github-domains host) lists tags and branches through the API', async () => {
		const host = `127.0.0.1:${hosts.port}`;
		const dir = project('github', [{ type: 'vcs', url: `http://${host}/acme/gh` }, { 'packagist.org': false }], { 'secure-http': false, 'github-domains': [host] });
		const r = await versions(dir);
		assert.deepEqual(r.out.errors, [], r.stderr);
		assert.deepEqual(r.out.packages['gh/lib'].versions, ['0.1.0', 'dev-main', 'dev-next']);
		assert.ok(hosts.requests.some((u) => u.startsWith('/api/v3/repos/acme/gh/tags')));
	});

	test('{"packagist.org": false} (list and keyed forms) is honoured: packagist is never asked', async () => {
		const before = packagist.requests.length;
		const listForm = await versions(project('nopackagist-list', [{ type: 'package', package: { name: 'only/this', version: '1.0.0' } }, { 'packagist.org': false }]));
		const keyedForm = await versions(project('nopackagist-keyed', { 'packagist.org': false, own: { type: 'package', package: { name: 'only/this', version: '1.0.0' } } }));
		for (const r of [listForm, keyedForm]) {
			assert.equal(r.code, 0, r.stderr);
			assert.deepEqual(Object.keys(r.out.packages), ['only/this']);
		}
		assert.equal(packagist.requests.length, before);
	});

	test('a failing repository is reported in errors, the others still resolve, exit 1; a named package only', async () => {
		const dir = project('failing', [
			{ type: 'composer', url: `${repos.url}/broken` },
			{ type: 'package', package: { name: 'ok/pkg', version: '2.0.0' } },
			{ 'packagist.org': false },
		]);
		const r = await versions(dir);
		assert.equal(r.code, 1);
		assert.deepEqual(r.out.packages, { 'ok/pkg': { versions: ['2.0.0'], repository: 'package repo (defining 1 package)' } });
		assert.equal(r.out.errors.length, 1);
		assert.equal(r.out.errors[0].repository, `composer repo (${repos.url}/broken)`);
		assert.match(r.out.errors[0].message, /HTTP 500/);
		const clean = await versions(project('clean', [{ type: 'package', package: { name: 'ok/pkg', version: '2.0.0' } }, { 'packagist.org': false }]), ['ok/pkg']);
		assert.equal(clean.code, 0);
	});
});
