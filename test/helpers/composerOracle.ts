// Runs the real Composer (Debian's `composer`, 2.5.5) as an oracle: given a composer.json, what does
// `composer show --all [NAME]` list? Shared by resolver tests (composer, vcs, path, artifact...) to compare
// name and version lists. Isolated: its own project folder, a temp COMPOSER_HOME and cache, never interactive,
// `secure-http: false` by default (fixtures live on loopback http / file paths). packagist.org is disabled
// unless the caller's repositories already say something about it, so nothing leaves the machine.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface OracleProjectOptions {
	/** The `repositories` block, list or keyed form, written as given (packagist.org is disabled if not mentioned). */
	repositories: unknown[] | Record<string, unknown>;
	/** `config` entries merged over `{"secure-http": false}`. */
	config?: Record<string, unknown>;
	/** Write composer.json into this existing folder (relative repository urls resolve there); not deleted by cleanup. */
	dir?: string;
	/** Other top-level composer.json keys. */
	extra?: Record<string, unknown>;
	/** Extra environment for every Composer call. */
	env?: Record<string, string>;
}

export interface OracleProject {
	dir: string;
	home: string;
	env: NodeJS.ProcessEnv;
	cleanup(): void;
}

export type OracleVersions = { ok: true; versions: string[]; stderr: string } | { ok: false; stderr: string };
export type OracleNames = { ok: true; names: string[]; stderr: string } | { ok: false; stderr: string };

function mentionsPackagist(repos: unknown[] | Record<string, unknown>): boolean {
	const entries = Array.isArray(repos) ? repos : Object.entries(repos).map(([k, v]) => (k === 'packagist.org' || k === 'packagist' ? { [k]: v } : v));
	return entries.some((r) => r !== null && typeof r === 'object' && ('packagist.org' in r || 'packagist' in r));
}

/** Writes the composer.json and prepares an isolated COMPOSER_HOME; call cleanup() when done. */
export function oracleProject(options: OracleProjectOptions): OracleProject {
	const ownDir = options.dir === undefined;
	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'composer-oracle-'));
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'composer-oracle-home-'));
	let repositories = options.repositories;
	if (!mentionsPackagist(repositories)) {
		repositories = Array.isArray(repositories) ? [...repositories, { 'packagist.org': false }] : { ...repositories, 'packagist.org': false };
	}
	const manifestPath = path.join(dir, 'composer.json');
	const manifest = { name: 'oracle/project', ...options.extra, repositories, config: { 'secure-http': false, ...options.config } };
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 4));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		COMPOSER_HOME: home,
		COMPOSER_CACHE_DIR: path.join(home, 'cache'),
		COMPOSER_NO_INTERACTION: '1',
		COMPOSER_ALLOW_SUPERUSER: '1',
		COMPOSER_NO_AUDIT: '1',
		GIT_TERMINAL_PROMPT: '0',
		...options.env,
	};
	delete env.COMPOSER_DISABLE_NETWORK;
	delete env.COMPOSER;
	delete env.COMPOSER_AUTH;
	return {
		dir,
		home,
		env,
		cleanup() {
			fs.rmSync(home, { recursive: true, force: true });
			if (ownDir) {
				fs.rmSync(dir, { recursive: true, force: true });
			} else {
				fs.rmSync(manifestPath, { force: true });
			}
		},
	};
}

export function runComposer(project: OracleProject, args: string[], timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile('composer', ['--no-plugins', ...args], { cwd: project.dir, env: project.env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({ code, stdout: String(stdout), stderr: String(stderr) });
		});
	});
}

/** `composer show --all --format=json`: the names of every available package. */
export async function composerShowAllNames(project: OracleProject): Promise<OracleNames> {
	const r = await runComposer(project, ['show', '--all', '--format=json']);
	if (r.code !== 0) {
		return { ok: false, stderr: r.stderr };
	}
	try {
		const parsed = JSON.parse(r.stdout) as { available?: Array<{ name: string }> };
		return { ok: true, names: (parsed.available ?? []).map((p) => p.name), stderr: r.stderr };
	} catch {
		return { ok: false, stderr: `unparsable output: ${r.stdout.slice(0, 500)}\n${r.stderr}` };
	}
}

/** `composer show --all NAME --format=json`: the versions list as Composer prints it (9999999-dev hidden). */
export async function composerShowVersions(project: OracleProject, name: string): Promise<OracleVersions> {
	const r = await runComposer(project, ['show', '--all', '--format=json', '--', name]);
	if (r.code !== 0) {
		return { ok: false, stderr: r.stderr };
	}
	try {
		const parsed = JSON.parse(r.stdout) as { versions?: string[] };
		return { ok: true, versions: parsed.versions ?? [], stderr: r.stderr };
	} catch {
		return { ok: false, stderr: `unparsable output: ${r.stdout.slice(0, 500)}\n${r.stderr}` };
	}
}

/** One call for the common case: every available name -> its versions. Throws when Composer fails. */
export async function composerShowAll(options: OracleProjectOptions): Promise<{ versions: Map<string, string[]>; stderr: string }> {
	const project = oracleProject(options);
	try {
		const names = await composerShowAllNames(project);
		if (!names.ok) {
			throw new Error(`composer show --all failed: ${names.stderr}`);
		}
		const versions = new Map<string, string[]>();
		for (const name of names.names) {
			const v = await composerShowVersions(project, name);
			versions.set(name, v.ok ? v.versions : []);
		}
		return { versions, stderr: names.stderr };
	} finally {
		project.cleanup();
	}
}
