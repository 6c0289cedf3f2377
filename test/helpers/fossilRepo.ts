// Builds real Fossil repositories (a repository file plus an open checkout) in temp folders from small
// recipes, with a private FOSSIL_HOME so the user's global fossil configuration is never touched.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Files } from './gitRepo';

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
				const p = path.join(checkout, file);
				if (content === null) {
					fossil(root, checkout, ['rm', '--hard', '--', file]);
					continue;
				}
				fs.mkdirSync(path.dirname(p), { recursive: true });
				fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 4) + '\n');
			}
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
