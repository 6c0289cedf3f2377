// Builds real git repositories in temp folders from small recipes, for resolver tests and Composer
// agreement checks. Dates and identities are fixed so object ids are stable across runs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** File path -> content; objects are written as JSON, null deletes the file. */
export type Files = Record<string, string | Record<string, unknown> | null>;

export type GitStep =
	/** Commit these file changes on the current branch. */
	| { commit: Files; message?: string }
	/** Create a tag at HEAD (or at `at`); `annotated` makes a tag object. */
	| { tag: string; annotated?: boolean; at?: string }
	/** Create a branch at HEAD (or `from`) and switch to it. */
	| { branch: string; from?: string }
	/** Create a branch with no history (no shared commits). */
	| { orphan: string }
	| { checkout: string };

export interface GitRecipe {
	/** Name of the first branch (default `main`). */
	initialBranch?: string;
	steps: GitStep[];
	/** Branch checked out at the end (the default branch of a local repository / HEAD of a bare clone). */
	head?: string;
}

let clock = 1_700_000_000;

export function git(cwd: string, args: string[], input?: string): string {
	clock += 60;
	const date = `${clock} +0000`;
	return execFileSync('git', args, {
		cwd,
		input,
		encoding: 'utf8',
		stdio: ['pipe', 'pipe', 'pipe'],
		env: {
			...process.env,
			GIT_AUTHOR_NAME: 'Test',
			GIT_AUTHOR_EMAIL: 'test@example.invalid',
			GIT_COMMITTER_NAME: 'Test',
			GIT_COMMITTER_EMAIL: 'test@example.invalid',
			GIT_AUTHOR_DATE: date,
			GIT_COMMITTER_DATE: date,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
		},
	});
}

export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A file's text: strings as they are, objects as 4-space JSON with a final newline (as Composer writes it). */
export function fileText(content: string | Record<string, unknown>): string {
	return typeof content === 'string' ? content : JSON.stringify(content, null, 4) + '\n';
}

/** Writes the files under `dir` (folders created from the paths); a null content deletes that file. Shared by every repo builder. */
export function writeFiles(dir: string, files: Files): void {
	for (const [name, content] of Object.entries(files)) {
		const p = path.join(dir, name);
		if (content === null) {
			fs.rmSync(p, { force: true });
			continue;
		}
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p, fileText(content));
	}
}

/** Creates a working repository at `dir` (created if missing) following the recipe; returns `dir`. */
export function buildGitRepo(recipe: GitRecipe, dir = tempDir('git-repo-')): string {
	fs.mkdirSync(dir, { recursive: true });
	git(dir, ['init', '--quiet', `--initial-branch=${recipe.initialBranch ?? 'main'}`]);
	for (const step of recipe.steps) {
		if ('commit' in step) {
			writeFiles(dir, step.commit);
			git(dir, ['add', '--all']);
			git(dir, ['commit', '--quiet', '--allow-empty', '-m', step.message ?? 'change']);
		} else if ('tag' in step) {
			const args = step.annotated ? ['tag', '-a', '-m', `tag ${step.tag}`, '--', step.tag] : ['tag', '--', step.tag];
			git(dir, step.at ? [...args, step.at] : args);
		} else if ('branch' in step) {
			git(dir, ['checkout', '--quiet', '-b', step.branch, ...(step.from ? [step.from] : [])]);
		} else if ('orphan' in step) {
			git(dir, ['checkout', '--quiet', '--orphan', step.orphan]);
			git(dir, ['rm', '-r', '--quiet', '--cached', '--ignore-unmatch', '.']);
			for (const name of fs.readdirSync(dir)) {
				if (name !== '.git') {
					fs.rmSync(path.join(dir, name), { recursive: true, force: true });
				}
			}
		} else {
			git(dir, ['checkout', '--quiet', step.checkout]);
		}
	}
	if (recipe.head) {
		git(dir, ['checkout', '--quiet', recipe.head]);
	}
	return dir;
}

/** A bare clone (a "server" repository), with partial-clone support switched on like real hosts. */
export function bareClone(source: string, dir = tempDir('git-bare-') + '/repo.git'): string {
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	git(path.dirname(dir), ['clone', '--quiet', '--bare', '--', source, dir]);
	git(dir, ['config', 'uploadpack.allowFilter', 'true']);
	git(dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
	git(dir, ['update-server-info']);
	return dir;
}

/** Branch/tag -> commit and composer.json text per commit: the data a fake host API serves. */
export interface RepoModel {
	defaultBranch: string;
	branches: Array<{ name: string; commit: string }>;
	tags: Array<{ name: string; commit: string }>;
	/** commit -> composer.json text (absent when the commit has none). */
	composerJson: Map<string, string>;
}

export function readRepoModel(dir: string): RepoModel {
	const head = git(dir, ['symbolic-ref', '--short', 'HEAD']).trim();
	const refs = git(dir, ['for-each-ref', '--format=%(refname) %(objectname) %(*objectname)', 'refs/heads', 'refs/tags']).trim().split('\n').filter(Boolean);
	const model: RepoModel = { defaultBranch: head, branches: [], tags: [], composerJson: new Map() };
	for (const line of refs) {
		const [ref, oid, peeled] = line.split(' ');
		const commit = peeled || oid;
		if (ref.startsWith('refs/heads/')) {
			model.branches.push({ name: ref.slice(11), commit });
		} else {
			model.tags.push({ name: ref.slice(10), commit });
		}
		try {
			model.composerJson.set(commit, git(dir, ['show', `${commit}:composer.json`]));
		} catch {
			// no composer.json at that commit
		}
	}
	return model;
}

export function removeDir(dir: string): void {
	fs.rmSync(dir, { recursive: true, force: true });
}
