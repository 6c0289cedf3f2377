// End-to-end agreement with real Composer: one composer.json mixing path (globs, git checkouts), artifact,
// package and a local git repository; `composer show --all` and our `versions` CLI must list the same
// packages and, per package, the same versions.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composerShowAllNames, oracleProject, runComposer, type OracleProject } from '../helpers/composerOracle';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-agree-'));
const project = path.join(root, 'project');
const home = path.join(root, 'home');
let oracle: OracleProject | undefined;
const cli = path.resolve(__dirname, '../../dist/cli.js');
after(() => {
	oracle?.cleanup();
	fs.rmSync(root, { recursive: true, force: true });
});

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
function git(cwd: string, ...args: string[]): void {
	execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
}
function write(rel: string, content: unknown): string {
	const file = path.join(project, rel);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	return file;
}
function zipDir(rel: string, files: Record<string, unknown>, target: string): void {
	const src = path.join(root, 'zipsrc', rel);
	for (const [name, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
		fs.writeFileSync(path.join(src, name), JSON.stringify(content));
	}
	fs.mkdirSync(path.dirname(target), { recursive: true });
	execFileSync('zip', ['-qr', target, ...fs.readdirSync(src)], { cwd: src });
}

/** `composer show --all --format=json NAME` → versions (the name is a checked vendor/name, never an option). */
async function theirVersions(name: string): Promise<string[]> {
	const r = await runComposer(oracle!, ['show', '--all', '--format=json', name]);
	assert.equal(r.code, 0, r.stderr);
	return (JSON.parse(r.stdout) as { versions: string[] }).versions;
}

function ourVersions(): Promise<{ code: number | null; json: { packages: Record<string, { versions: string[]; repository: string }>; errors: unknown[] } }> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [cli, 'versions', '--file', project, '--format', 'json'], {
			cwd: project, env: { PATH: process.env.PATH, HOME: home, COMPOSER_HOME: oracle!.home, XDG_CACHE_HOME: path.join(home, 'cache') }, timeout: 120_000,
		}, (err, stdout, stderr) => {
			try {
				resolve({ code: err ? (err as { code?: number }).code ?? null : 0, json: JSON.parse(stdout) });
			} catch (e) {
				reject(new Error(`bad CLI output: ${String(e)}\n${stdout}\n${stderr}`));
			}
		});
	});
}

describe('agreement with composer show --all', () => {
	before(() => {
		fs.mkdirSync(home, { recursive: true });
		// path: plain versions, a glob, no version outside VCS, and a git checkout on a feature branch.
		write('packages/a/composer.json', { name: 'acme/a', version: '1.0.0' });
		write('packages/b/composer.json', { name: 'acme/b', extra: { 'branch-alias': { 'dev-main': '2.3.x-dev' } } });
		write('packages/nojson/readme', 'x');
		const g = path.join(root, 'checkout');
		fs.mkdirSync(g);
		fs.writeFileSync(path.join(g, 'composer.json'), JSON.stringify({ name: 'acme/checkout' }));
		git(g, 'init', '-q', '-b', 'main');
		git(g, 'add', '.');
		git(g, 'commit', '-q', '-m', 'one');
		git(g, 'checkout', '-q', '-b', 'feature/thing');
		fs.writeFileSync(path.join(g, 'x'), 'x');
		git(g, 'add', '.');
		git(g, 'commit', '-q', '-m', 'two');
		// artifact: root, single top-level dir, nested folder, a skipped two-dir zip.
		zipDir('z1', { 'composer.json': { name: 'acme/art', version: '1.0.0' } }, path.join(project, 'artifacts/art-1.0.0.zip'));
		zipDir('z2', { 'art/composer.json': { name: 'acme/art', version: 'v1.1.0' } }, path.join(project, 'artifacts/sub/dir/art-1.1.0.zip'));
		zipDir('z3', { 'x/composer.json': { name: 'acme/skipped', version: '1.0.0' }, 'y/composer.json': {} }, path.join(project, 'artifacts/two.zip'));
		// a local git repository through the vcs resolver.
		const v = path.join(root, 'vcsrepo');
		fs.mkdirSync(v);
		fs.writeFileSync(path.join(v, 'composer.json'), JSON.stringify({ name: 'acme/vcs' }));
		git(v, 'init', '-q', '-b', 'main');
		git(v, 'add', '.');
		git(v, 'commit', '-q', '-m', 'one');
		git(v, 'tag', 'v1.0.0');
		git(v, 'tag', 'release-1.1.0');
		git(v, 'branch', '2.x');
		oracle = oracleProject({
			dir: project,
			extra: { name: 'acme/root' },
			repositories: [
				{ type: 'path', url: 'packages/*' },
				{ type: 'path', url: g },
				{ type: 'artifact', url: 'artifacts' },
				{ type: 'package', package: [
					{ name: 'acme/inline', version: 'dev-main', 'default-branch': true },
					{ name: 'acme/inline', version: 'dev-next', extra: { 'branch-alias': { 'dev-next': '3.0.x-dev' } } },
					{ name: 'acme/inline', version: 'v1.0.0' },
					{ name: 'acme/inline', version: '2.0.0-beta1' },
					{ name: 'acme/a', version: '9.0.0' },
				] },
				{ type: 'package', canonical: false, package: { name: 'acme/nc', version: '1.0.0' } },
				{ type: 'package', package: { name: 'acme/nc', version: '2.0.0' } },
				{ type: 'package', exclude: ['acme/ex'], package: { name: 'acme/ex', version: '1.0.0' } },
				{ type: 'package', package: { name: 'acme/ex', version: '5.0.0' } },
				{ type: 'git', url: v },
				{ 'packagist.org': false },
			],
		});
	});

	test('dist/cli.js is built', () => {
		assert.ok(fs.existsSync(cli), 'run `node esbuild.mjs` (npm test does) before this test');
	});

	test('same packages and, per package, the same versions', async () => {
		const ours = await ourVersions();
		assert.deepEqual(ours.json.errors, []);
		assert.equal(ours.code, 0);
		const names = await composerShowAllNames(oracle!);
		assert.ok(names.ok, names.ok ? '' : names.stderr);
		assert.deepEqual(Object.keys(ours.json.packages).sort(), [...names.names].sort());
		for (const name of names.names) {
			const theirs = await theirVersions(name);
			assert.deepEqual([...ours.json.packages[name].versions].sort(), [...theirs].sort(), name);
		}
		// The checks above compare Composer with us; these pin what both said, so a shared mistake shows.
		assert.deepEqual(ours.json.packages['acme/checkout'].versions.slice().sort(), ['dev-feature/thing', 'dev-main']);
		assert.deepEqual(ours.json.packages['acme/a'].versions, ['1.0.0']);
		assert.deepEqual(ours.json.packages['acme/nc'].versions, ['2.0.0', '1.0.0']);
		assert.deepEqual(ours.json.packages['acme/ex'].versions, ['5.0.0']);
		assert.deepEqual(ours.json.packages['acme/vcs'].versions.slice().sort(), ['1.1.0', '2.x-dev', 'dev-main', 'v1.0.0']);
	});
});

describe('agreement with composer show --all: path globs and checkouts', () => {
	const dir = path.join(root, 'globs');
	let globOracle: OracleProject | undefined;
	after(() => globOracle?.cleanup());

	test('{a,b}, ?, ../ and a numeric-branch checkout list the same versions', async () => {
		for (const n of ['a', 'b', 'c', 'dd']) {
			fs.mkdirSync(path.join(dir, 'pk', n), { recursive: true });
			fs.writeFileSync(path.join(dir, 'pk', n, 'composer.json'), JSON.stringify({ name: `glob/${n}`, version: `1.0.${n.length}` }));
		}
		const shared = path.join(root, 'shared-lib');
		fs.mkdirSync(shared, { recursive: true });
		fs.writeFileSync(path.join(shared, 'composer.json'), JSON.stringify({ name: 'glob/shared' }));
		git(shared, 'init', '-q', '-b', '1.4');
		git(shared, 'add', '.');
		git(shared, 'commit', '-q', '-m', 'one');
		globOracle = oracleProject({ dir, repositories: [
			{ type: 'path', url: 'pk/{b,a}' },
			{ type: 'path', url: 'pk/?' },
			{ type: 'path', url: '../shared-lib' },
			{ type: 'path', url: 'pk/none-*' },
		] });
		const ours = await new Promise<{ packages: Record<string, { versions: string[] }>; errors: unknown[] }>((resolve, reject) => {
			execFile(process.execPath, [cli, 'versions', '--file', dir, '--format', 'json'], { env: { PATH: process.env.PATH, HOME: home, COMPOSER_HOME: globOracle!.home } }, (_e, stdout) => {
				try {
					resolve(JSON.parse(stdout));
				} catch (e) {
					reject(e);
				}
			});
		});
		assert.deepEqual(ours.errors, []);
		const names = await composerShowAllNames(globOracle);
		assert.ok(names.ok, names.ok ? '' : names.stderr);
		assert.deepEqual(Object.keys(ours.packages).sort(), [...names.names].sort());
		for (const name of names.names) {
			const r = await runComposer(globOracle, ['show', '--all', '--format=json', name]);
			assert.equal(r.code, 0, r.stderr);
			assert.deepEqual(ours.packages[name].versions.slice().sort(), (JSON.parse(r.stdout) as { versions: string[] }).versions.sort(), name);
		}
		assert.deepEqual(ours.packages['glob/shared'].versions, ['1.4.x-dev']);
		assert.deepEqual(Object.keys(ours.packages).sort(), ['glob/a', 'glob/b', 'glob/c', 'glob/shared']);
	});
});

