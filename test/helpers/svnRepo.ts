// Builds real Subversion repositories in temp folders (svnadmin create, svn import, svn copy, svnmucc put),
// reachable through file:// URLs, for the svn driver tests and Composer agreement checks; serveSvn makes one
// a remote (svnserve on 127.0.0.1), optionally readable only with a user name and password.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileText, writeFiles, type Files } from './gitRepo';

export interface SvnRepo {
	/** Folder holding the repository (and scratch space); remove it with cleanup(). */
	root: string;
	/** file:// URL of the repository root. */
	url: string;
	cleanup(): void;
}

function svn(command: string, args: string[], cwd?: string): string {
	return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
}

/** An empty repository; `prefix` must not contain "svn." or "fossil" (both would steer Composer's driver detection). */
export function createSvnRepo(prefix = 'cr-svnrepo-'): SvnRepo {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const repoDir = path.join(root, 'repo');
	svn('svnadmin', ['create', repoDir]);
	return { root, url: 'file://' + repoDir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

let importCount = 0;

/** `svn import` of a tree of files (folders are created from the paths) at `target` under the repository root. */
export function svnImport(repo: SvnRepo, files: Files, target = ''): void {
	const dir = path.join(repo.root, `import-${++importCount}`);
	fs.mkdirSync(dir, { recursive: true });
	writeFiles(dir, files);
	svn('svn', ['import', '--quiet', '--non-interactive', '-m', 'import', '--', dir, target === '' ? repo.url : `${repo.url}/${target}`]);
	fs.rmSync(dir, { recursive: true, force: true });
}

/** `svn copy` inside the repository (a tag or a branch), creating missing parents. */
export function svnCopy(repo: SvnRepo, from: string, to: string): void {
	svn('svn', ['copy', '--quiet', '--non-interactive', '--parents', '-m', `copy ${from} to ${to}`, '--', `${repo.url}/${from}`, `${repo.url}/${to}`]);
}

/** Writes (or replaces) one file directly in the repository with svnmucc, without a working copy. */
export function svnPut(repo: SvnRepo, file: string, content: string | Record<string, unknown>): void {
	const local = path.join(repo.root, `put-${++importCount}`);
	fs.writeFileSync(local, fileText(content));
	svn('svnmucc', ['--non-interactive', '-m', `put ${file}`, 'put', local, `${repo.url}/${file}`]);
	fs.rmSync(local, { force: true });
}

/** Creates empty folders (one commit). */
export function svnMkdir(repo: SvnRepo, ...dirs: string[]): void {
	svn('svn', ['mkdir', '--quiet', '--non-interactive', '--parents', '-m', 'mkdir', '--', ...dirs.map((d) => `${repo.url}/${d}`)]);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const port = (probe.address() as net.AddressInfo).port;
			probe.close(() => resolve(port));
		});
	});
}

function canConnect(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

export interface SvnServer {
	/** `svn://127.0.0.1:<port>/repo` (the repository root). */
	url: string;
	port: number;
	stop(): Promise<void>;
}

/**
 * Serves the repository with `svnserve` on 127.0.0.1. With `auth`, anonymous access is refused and only that
 * user (with that password) may read.
 */
export async function serveSvn(repo: SvnRepo, auth?: { user: string; password: string }): Promise<SvnServer> {
	const conf = path.join(repo.root, 'repo', 'conf');
	if (auth) {
		fs.writeFileSync(path.join(conf, 'passwd'), `[users]\n${auth.user} = ${auth.password}\n`);
		fs.writeFileSync(path.join(conf, 'svnserve.conf'), '[general]\nanon-access = none\nauth-access = read\npassword-db = passwd\n');
	} else {
		fs.writeFileSync(path.join(conf, 'svnserve.conf'), '[general]\nanon-access = read\n');
	}
	const port = await freePort();
	const child = spawn('svnserve', ['-d', '--foreground', '--listen-host', '127.0.0.1', '--listen-port', String(port), '-r', repo.root], { stdio: 'ignore' });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	for (let i = 0; i < 200 && !(await canConnect(port)); i++) {
		if (child.exitCode !== null) {
			throw new Error(`svnserve exited with ${child.exitCode}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return {
		url: `svn://127.0.0.1:${port}/repo`,
		port,
		stop: async () => {
			if (child.exitCode === null) {
				child.kill();
				await exited;
			}
		},
	};
}
