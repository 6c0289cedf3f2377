// Builds real Subversion repositories in temp folders (svnadmin create, svn import, svn copy, svnmucc put),
// reachable through file:// URLs, for the svn driver tests and Composer agreement checks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Files } from './gitRepo';

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

function writeTree(dir: string, files: Files): void {
	for (const [name, content] of Object.entries(files)) {
		if (content === null) {
			continue;
		}
		const p = path.join(dir, name);
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 4) + '\n');
	}
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
	writeTree(dir, files);
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
	fs.writeFileSync(local, typeof content === 'string' ? content : JSON.stringify(content, null, 4) + '\n');
	svn('svnmucc', ['--non-interactive', '-m', `put ${file}`, 'put', local, `${repo.url}/${file}`]);
	fs.rmSync(local, { force: true });
}

/** Creates empty folders (one commit). */
export function svnMkdir(repo: SvnRepo, ...dirs: string[]): void {
	svn('svn', ['mkdir', '--quiet', '--non-interactive', '--parents', '-m', 'mkdir', '--', ...dirs.map((d) => `${repo.url}/${d}`)]);
}
