// Where scripts/setup-e2e.mjs put the real-editor tools. It writes e2e-env.json into its cache folder; the
// folder is found the same way the script finds it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface E2eTools {
	/** Node 24: code-server refuses any other major. */
	node24: string;
	codeServerEntry: string;
	codeServerVersion: string;
	/** Folder of the playwright-core package (loaded with require, it is not a project dependency). */
	playwrightCore: string;
	chromium: string;
}

export const ROOT = join(__dirname, '../../..');
/** The package under test; COMPOSER_REPOS_E2E_VSIX tests another build (e.g. a release candidate). */
export const VSIX = process.env.COMPOSER_REPOS_E2E_VSIX || join(ROOT, 'dist/composer-repositories.vsix');
/** publisher.name from package.json, as `code-server --list-extensions` prints it. */
export const EXTENSION_ID = 'composer-repositories.composer-repositories';

export function e2eCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.COMPOSER_REPOS_E2E_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'composer-repositories-e2e');
}

/** The installed tools, or an Error saying how to install them. */
export function loadE2eTools(env: NodeJS.ProcessEnv = process.env): E2eTools | Error {
	const file = join(e2eCacheDir(env), 'e2e-env.json');
	if (!existsSync(file)) {
		return new Error(`${file} is missing: run 'bash scripts/setup.sh --e2e' (or node scripts/setup-e2e.mjs) first`);
	}
	const tools = JSON.parse(readFileSync(file, 'utf8')) as E2eTools;
	for (const path of [tools.node24, tools.codeServerEntry, tools.playwrightCore, tools.chromium]) {
		if (!existsSync(path)) {
			return new Error(`${path} (from ${file}) is missing: run 'node scripts/setup-e2e.mjs' again`);
		}
	}
	return tools;
}
