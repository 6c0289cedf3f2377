// Builds real Fossil repositories (a repository file plus an open checkout) in temp folders from small
// recipes, with a private FOSSIL_HOME so the user's global fossil configuration is never touched;
// serveFossil makes a repository file a remote on 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFiles, type Files } from './gitRepo';

export type FossilStep =
	/** Commit these files on the current branch; with `branch`, the commit starts that new branch. */
	| { commit: Files; branch?: string; message?: string }
	/** `fossil tag add NAME CHECKIN` (default: current). */
	| { tag: string; at?: string }
	/** `fossil branch new NAME BASIS` without switching. */
	| { branch: string; from: string }
	| { update: string };

export interface FossilRepo {
	root: string;
	/** The repository file (a clone source; Composer clones it). */
	repoFile: string;
	/** An open checkout of it (Composer reads a local checkout folder in place). */
	checkout: string;
	cleanup(): void;
}

export function fossilEnv(root: string): NodeJS.ProcessEnv {
	return { ...process.env, FOSSIL_HOME: root, USER: 'test', LC_ALL: 'C' };
}

function fossil(root: string, cwd: string, args: string[]): string {
	return execFileSync('fossil', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: fossilEnv(root) });
}

/** `name` is the repository file's base name; keep ".fossil" out of the folder names unless a test wants it. */
export function buildFossilRepo(steps: FossilStep[], name = 'project.fossil'): FossilRepo {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-fslrepo-'));
	const repoFile = path.join(root, name);
	const checkout = path.join(root, 'checkout');
	fs.mkdirSync(checkout);
	fossil(root, root, ['init', '-A', 'test', '--', repoFile]);
	fossil(root, checkout, ['open', '--', repoFile]);
	for (const step of steps) {
		if ('commit' in step) {
			for (const [file, content] of Object.entries(step.commit)) {
				if (content === null) {
					fossil(root, checkout, ['rm', '--hard', '--', file]);
				}
			}
			writeFiles(checkout, step.commit);
			fossil(root, checkout, ['addremove']);
			fossil(root, checkout, ['commit', '--no-warnings', '--allow-empty', '-m', step.message ?? 'change', ...(step.branch ? ['--branch', step.branch] : [])]);
		} else if ('tag' in step) {
			fossil(root, checkout, ['tag', 'add', step.tag, step.at ?? 'current']);
		} else if ('from' in step) {
			fossil(root, checkout, ['branch', 'new', step.branch, step.from]);
		} else {
			fossil(root, checkout, ['update', step.update]);
		}
	}
	return { root, repoFile, checkout, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Adds a user that may read and clone (`fossil user new` + capabilities), and takes reading away from everyone else. */
export function restrictFossilRepo(repo: FossilRepo, user: string, password: string): void {
	fossil(repo.root, repo.root, ['user', 'new', user, 'test user', password, '-R', repo.repoFile]);
	fossil(repo.root, repo.root, ['user', 'capabilities', user, 'gio', '-R', repo.repoFile]);
	for (const anyone of ['nobody', 'anonymous']) {
		fossil(repo.root, repo.root, ['user', 'capabilities', anyone, '', '-R', repo.repoFile]);
	}
}

export interface FossilServer {
	url: string;
	/** Connections received. */
	readonly connections: number;
	stop(): Promise<void>;
}

/**
 * Serves a repository file over HTTP on 127.0.0.1 (ephemeral port): each connection is handed to one
 * `fossil http` process (fossil's own server cannot listen on port 0).
 */
export function serveFossil(repo: FossilRepo): Promise<FossilServer> {
	let connections = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		connections++;
		sockets.add(socket);
		const child = spawn('fossil', ['http', '--ipaddr', '127.0.0.1', repo.repoFile], { env: fossilEnv(repo.root), stdio: ['pipe', 'pipe', 'ignore'] });
		socket.pipe(child.stdin);
		child.stdout.pipe(socket);
		child.on('exit', () => socket.end());
		child.stdin.on('error', () => undefined);
		socket.on('error', () => child.kill());
		socket.on('close', () => sockets.delete(socket));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
				get connections() {
					return connections;
				},
				stop: () => new Promise<void>((done) => {
					for (const s of sockets) {
						s.destroy();
					}
					server.close(() => done());
				}),
			});
		});
	});
}
