// Builds real Mercurial repositories in temp folders from small recipes (commits, tags, named branches,
// bookmarks), isolated from the user's configuration, for the hg driver tests and Composer agreement checks.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFiles, type Files } from './gitRepo';

export type HgStep =
	/** Commit these file changes (null deletes a file). */
	| { commit: Files; message?: string }
	/** `hg tag` at the working parent (or `rev`); this itself commits .hgtags. */
	| { tag: string; rev?: string }
	/** `hg branch NAME`: the next commit starts the named branch. */
	| { branch: string; force?: boolean }
	/** `hg bookmark NAME` at the working parent (or `rev`). */
	| { bookmark: string; rev?: string }
	| { update: string };

let clock = 1_700_000_000;

export function hg(cwd: string, args: string[]): string {
	return execFileSync('hg', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, HGPLAIN: '1', HGRCPATH: '', HGUSER: 'Test <test@example.invalid>', LC_ALL: 'C' },
	});
}

export function buildHgRepo(steps: HgStep[], dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-hgrepo-'))): string {
	hg(dir, ['init']);
	for (const step of steps) {
		const date = `${(clock += 60)} 0`;
		if ('commit' in step) {
			writeFiles(dir, step.commit);
			hg(dir, ['commit', '--addremove', '--quiet', '-d', date, '-m', step.message ?? 'change']);
		} else if ('tag' in step) {
			hg(dir, ['tag', '-d', date, ...(step.rev ? ['-r', step.rev] : []), '--', step.tag]);
		} else if ('branch' in step) {
			hg(dir, ['branch', '--quiet', ...(step.force ? ['--force'] : []), '--', step.branch]);
		} else if ('bookmark' in step) {
			hg(dir, ['bookmark', ...(step.rev ? ['-r', step.rev] : []), '--', step.bookmark]);
		} else {
			hg(dir, ['update', '--quiet', '--', step.update]);
		}
	}
	return dir;
}

/** The full node id of a revision (for expected source references). */
export function hgNode(dir: string, rev: string): string {
	return hg(dir, ['log', '-r', rev, '--template', '{node}']).trim();
}

/** Serves a repository over HTTP on 127.0.0.1 (an ephemeral port) with `hg serve`; stop() ends that process. */
export function serveHg(dir: string): Promise<{ url: string; stop(): void }> {
	return new Promise((resolve, reject) => {
		const child = spawn('hg', ['serve', '--address', '127.0.0.1', '--port', '0', '--config', 'web.push_ssl=false'], {
			cwd: dir,
			env: { ...process.env, HGPLAIN: '1', HGRCPATH: '', LC_ALL: 'C' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`hg serve did not start: ${out}`));
		}, 20_000);
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening at (http:\/\/[^\s/]+:\d+)\//.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({ url: m[1].replace('localhost', '127.0.0.1'), stop: () => child.kill() });
			}
		});
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}
