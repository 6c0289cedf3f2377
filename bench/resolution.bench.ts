// Resolution benchmark (reported, not asserted): a generated composer.json with ~20 repositories of mixed
// types (local git repos, path, artifact, package, composer repos served here on 127.0.0.1), resolved cold
// and warm by `composer-repos versions`, side by side with `composer show --all` on the same file in the same
// run, plus the raw transfer floor (`git ls-remote` of every git repo and the HTTP fetches alone).
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-bench-res-'));
const project = path.join(root, 'project');
const cli = path.resolve(__dirname, '../dist/cli.js');
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@e' };

function git(cwd: string, ...args: string[]): void {
	execFileSync('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number; stdout: string }> {
	const start = process.hrtime.bigint();
	return new Promise((resolve) => {
		execFile(cmd, args, { cwd: project, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (err, stdout) => {
			resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, code: err ? 1 : 0, stdout: String(stdout) });
		});
	});
}

/** A composer repository with metadata-url and available-packages, `count` packages of 5 versions each. */
function composerRepoFiles(prefix: string, count: number): Map<string, string> {
	const files = new Map<string, string>();
	const names = Array.from({ length: count }, (_, i) => `${prefix}/pkg${i}`);
	files.set('/packages.json', JSON.stringify({ packages: [], 'metadata-url': `/${prefix}/p2/%package%.json`, 'available-packages': names }));
	for (const name of names) {
		const versions = ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.1.0'].map((v) => ({ name, version: v, version_normalized: `${v}.0`, dist: { type: 'zip', url: `https://example.invalid/${name}/${v}.zip` } }));
		files.set(`/p2/${name}.json`, JSON.stringify({ packages: { [name]: versions } }));
		files.set(`/p2/${name}~dev.json`, JSON.stringify({ packages: { [name]: [] } }));
	}
	return files;
}

async function main(): Promise<void> {
	if (!fs.existsSync(cli)) {
		console.log('dist/cli.js missing: run `npm run bench` (it builds first)');
		process.exitCode = 1;
		return;
	}
	fs.mkdirSync(project, { recursive: true });
	const repositories: unknown[] = [];
	const gitRepos: string[] = [];
	const remoteRepos: string[] = [];
	// 6 local git repositories with tags and branches.
	for (let i = 0; i < 6; i++) {
		const dir = path.join(root, `git${i}`);
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ name: `bench/git${i}` }));
		git(dir, 'init', '-q', '-b', 'main');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'init');
		for (let t = 0; t < 8; t++) {
			git(dir, 'tag', `v1.${t}.0`);
		}
		git(dir, 'branch', '2.x');
		if (i < 3) {
			gitRepos.push(dir);
			repositories.push({ type: i % 2 ? 'vcs' : 'git', url: dir });
		} else {
			// Served as git remotes over (dumb) HTTP below: these use the mirror cache, so warm differs from cold.
			const bare = path.join(root, 'served', `git${i}.git`);
			execFileSync('git', ['clone', '-q', '--bare', '--', dir, bare], { env: gitEnv, stdio: 'ignore' });
			git(bare, 'update-server-info');
			remoteRepos.push(bare);
		}
	}
	// 4 path repositories (one glob over 5 packages).
	for (let i = 0; i < 5; i++) {
		fs.mkdirSync(path.join(project, `packages/p${i}`), { recursive: true });
		fs.writeFileSync(path.join(project, `packages/p${i}/composer.json`), JSON.stringify({ name: `bench/path${i}`, version: `1.${i}.0` }));
	}
	repositories.push({ type: 'path', url: 'packages/*' });
	for (let i = 0; i < 3; i++) {
		fs.mkdirSync(path.join(project, `single${i}`), { recursive: true });
		fs.writeFileSync(path.join(project, `single${i}/composer.json`), JSON.stringify({ name: `bench/single${i}`, version: '0.1.0' }));
		repositories.push({ type: 'path', url: `single${i}` });
	}
	// 3 artifact directories with 4 zips each.
	for (let a = 0; a < 3; a++) {
		const dir = path.join(project, `artifacts${a}`);
		fs.mkdirSync(dir, { recursive: true });
		for (let z = 0; z < 4; z++) {
			const src = path.join(root, `zsrc${a}-${z}`);
			fs.mkdirSync(src);
			fs.writeFileSync(path.join(src, 'composer.json'), JSON.stringify({ name: `bench/art${a}`, version: `1.${z}.0` }));
			execFileSync('zip', ['-q', path.join(dir, `art-${z}.zip`), 'composer.json'], { cwd: src });
		}
		repositories.push({ type: 'artifact', url: `artifacts${a}` });
	}
	// 3 package repositories.
	for (let p = 0; p < 3; p++) {
		repositories.push({ type: 'package', package: [1, 2, 3].map((v) => ({ name: `bench/inline${p}`, version: `${v}.0.0` })) });
	}
	// 3 composer repositories on loopback, 10 packages each.
	const served = new Map<string, string>();
	let requests = 0;
	const server = http.createServer((req, res) => {
		requests++;
		const gitPath = /^\/git\/(git\d+\.git)\/([^?]*)/.exec(req.url ?? '');
		if (gitPath) {
			const file = path.join(root, 'served', gitPath[1], gitPath[2]);
			const ok = file.startsWith(path.join(root, 'served') + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
			res.writeHead(ok ? 200 : 404, { 'content-type': 'application/octet-stream' });
			res.end(ok ? fs.readFileSync(file) : '');
			return;
		}
		const body = served.get(req.url ?? '');
		res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' });
		res.end(body ?? '{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const httpUrls: string[] = [];
	for (let c = 0; c < 3; c++) {
		const prefix = `repo${c}`;
		for (const [p, body] of composerRepoFiles(prefix, 10)) {
			const urlPath = p === '/packages.json' ? `/${prefix}/packages.json` : `/${prefix}${p}`;
			served.set(urlPath, body);
			httpUrls.push(`http://127.0.0.1:${port}${urlPath}`);
		}
		repositories.push({ type: 'composer', url: `http://127.0.0.1:${port}/${prefix}` });
	}
	for (const bare of remoteRepos) {
		repositories.push({ type: 'vcs', url: `http://127.0.0.1:${port}/git/${path.basename(bare)}` });
	}
	repositories.push({ 'packagist.org': false });
	fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'bench/root', repositories, config: { 'secure-http': false } }, null, 2));
	const count = repositories.length - 1;

	const ourHome = path.join(root, 'ours');
	const ourEnv = { PATH: process.env.PATH, HOME: ourHome, COMPOSER_HOME: path.join(ourHome, 'composer'), XDG_CACHE_HOME: path.join(ourHome, 'cache') };
	const composerHome = path.join(root, 'composer-home');
	const composerEnv = { ...process.env, HOME: composerHome, COMPOSER_HOME: composerHome, COMPOSER_CACHE_DIR: path.join(composerHome, 'cache'), COMPOSER_NO_INTERACTION: '1', COMPOSER_ALLOW_SUPERUSER: '1', COMPOSER_NO_AUDIT: '1' };
	fs.mkdirSync(composerHome, { recursive: true });

	const ours = { cold: await run(process.execPath, [cli, 'versions', '--file', project, '--format', 'json'], ourEnv), warm: await run(process.execPath, [cli, 'versions', '--file', project, '--format', 'json'], ourEnv) };
	const theirs = { cold: await run('composer', ['show', '--all', '--format=json', '--no-plugins'], composerEnv), warm: await run('composer', ['show', '--all', '--format=json', '--no-plugins'], composerEnv) };

	// The physical floor: the transfers alone.
	let start = process.hrtime.bigint();
	await Promise.all([
		...gitRepos.map((dir) => run('git', ['ls-remote', '--', dir], gitEnv)),
		...remoteRepos.map((bare) => run('git', ['ls-remote', '--', `http://127.0.0.1:${port}/git/${path.basename(bare)}`], gitEnv)),
	]);
	const lsRemoteMs = Number(process.hrtime.bigint() - start) / 1e6;
	start = process.hrtime.bigint();
	await Promise.all(httpUrls.map((u) => fetch(u).then((r) => r.arrayBuffer())));
	const httpMs = Number(process.hrtime.bigint() - start) / 1e6;
	server.close();

	let packages = 0;
	let errors = 0;
	try {
		const parsed = JSON.parse(ours.cold.stdout) as { packages: Record<string, unknown>; errors: unknown[] };
		packages = Object.keys(parsed.packages).length;
		errors = parsed.errors.length;
	} catch {
		// reported as 0 below
	}
	const fmt = (ms: number) => `${ms.toFixed(0).padStart(7)} ms`;
	console.log(`repositories: ${count} (3 local git, 3 git remotes over HTTP, 4 path, 3 artifact, 3 package, 3 composer on 127.0.0.1); packages listed by us: ${packages}, errors: ${errors}`);
	console.log(`composer-repos versions (all packages + versions)  cold ${fmt(ours.cold.ms)}   warm ${fmt(ours.warm.ms)}   exit ${ours.cold.code}/${ours.warm.code}`);
	console.log(`composer show --all (names only)                   cold ${fmt(theirs.cold.ms)}   warm ${fmt(theirs.warm.ms)}   exit ${theirs.cold.code}/${theirs.warm.code}`);
	console.log(`ratio ours/composer                                cold ${(ours.cold.ms / theirs.cold.ms).toFixed(2).padStart(7)}      warm ${(ours.warm.ms / theirs.warm.ms).toFixed(2).padStart(7)}`);
	console.log(`floor: git ls-remote x${gitRepos.length + remoteRepos.length} (parallel) ${fmt(lsRemoteMs)};  HTTP fetches x${httpUrls.length} (parallel) ${fmt(httpMs)};  server saw ${requests} requests in total`);
	fs.rmSync(root, { recursive: true, force: true });
}

void main();
