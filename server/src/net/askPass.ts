// Credentials for one git process without a command line: git asks the program named by GIT_ASKPASS for the user
// name and password when a server wants them. That program is a small Node script written for this one process
// into a private temporary folder (0700, removed when the process ends); it is run directly by git (no shell),
// answers only for the origin the credentials belong to, and reads them from its own environment, which only this
// user can read (/proc/<pid>/environ), where argv is public (/proc/<pid>/cmdline, `ps`).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface AskPassCredentials {
	username: string;
	password: string;
	/** `scheme://host[:port]` as git writes it in its prompt; other prompts get no answer. */
	origin: string;
}

export interface AskPassSetup {
	/** Environment for the one process that may use the credentials. */
	env: Record<string, string>;
	/** Removes the helper and its folder. */
	dispose(): void;
}

/**
 * The helper. git runs it with one argument, its prompt: `Username for 'https://host': ` or
 * `Password for 'https://user@host': `.
 */
const HELPER = `'use strict';
const prompt = process.argv[2] || '';
const m = /^(Username|Password) for '([^']*)': ?$/.exec(prompt);
const origin = m ? m[2].replace(/^([a-z][a-z0-9+.-]*:\\/\\/)[^@/]*@/i, '$1').toLowerCase() : '';
if (!m || origin !== String(process.env.COMPOSER_REPOS_ASKPASS_ORIGIN).toLowerCase()) {
	process.exit(1);
}
process.stdout.write((m[1] === 'Username' ? process.env.COMPOSER_REPOS_ASKPASS_USERNAME : process.env.COMPOSER_REPOS_ASKPASS_PASSWORD) + '\\n');
`;

/**
 * Writes the helper for one process. The script's first line names the Node that runs us (through a link in the
 * same private folder, as a `#!` line cannot hold spaces), so no `node` on PATH and no shell is needed.
 */
export function createAskPass(credentials: AskPassCredentials): AskPassSetup {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'composer-repos-askpass-'));
	try {
		if (/\s/.test(dir)) {
			throw new Error(`the temporary folder ${dir} holds a space, which a #! line cannot`);
		}
		fs.chmodSync(dir, 0o700);
		const node = path.join(dir, 'node');
		fs.symlinkSync(process.execPath, node);
		const helper = path.join(dir, 'askpass.js');
		fs.writeFileSync(helper, `#!${node}\n${HELPER}`, { mode: 0o700 });
		return {
			env: {
				GIT_ASKPASS: helper,
				// VS Code's Node is Electron; this makes it run the script as Node does.
				ELECTRON_RUN_AS_NODE: '1',
				COMPOSER_REPOS_ASKPASS_USERNAME: credentials.username,
				COMPOSER_REPOS_ASKPASS_PASSWORD: credentials.password,
				COMPOSER_REPOS_ASKPASS_ORIGIN: credentials.origin,
			},
			dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
		};
	} catch (e) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}
