// The askpass helper git runs for a URL's credentials (server/src/net/askPass.ts): it answers git's two prompts
// for the origin it was made for and nothing else, lives in a folder only this user can enter, and is gone once
// the process it was made for has ended.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createAskPass } from '../../server/src/net/askPass';

function ask(helper: string, env: Record<string, string>, prompt: string): Promise<{ code: number; out: string }> {
	return new Promise((resolve) => {
		// Run as git runs it: the file itself, no shell, the prompt as its only argument.
		execFile(helper, [prompt], { env: { PATH: process.env.PATH ?? '', ...env } }, (err, stdout) => {
			resolve({ code: err ? Number((err as NodeJS.ErrnoException & { code: unknown }).code) || 1 : 0, out: stdout });
		});
	});
}

describe('askpass helper', () => {
	test('answers the user name and password prompts of its own origin only', async () => {
		const setup = createAskPass({ username: 'deploy', password: 'p@ss word', origin: 'http://127.0.0.1:8080' });
		try {
			const helper = setup.env.GIT_ASKPASS;
			assert.deepEqual(await ask(helper, setup.env, 'Username for \'http://127.0.0.1:8080\': '), { code: 0, out: 'deploy\n' });
			assert.deepEqual(await ask(helper, setup.env, 'Password for \'http://deploy@127.0.0.1:8080\': '), { code: 0, out: 'p@ss word\n' });
			// A redirect to another host, another port or scheme: no answer.
			for (const other of ['http://example.org', 'http://127.0.0.1:8081', 'https://127.0.0.1:8080']) {
				const r = await ask(helper, setup.env, `Password for '${other}': `);
				assert.equal(r.out, '', other);
				assert.notEqual(r.code, 0, other);
			}
			assert.equal((await ask(helper, setup.env, 'Enter passphrase for key: ')).out, '');
			// Private: the folder and the script are this user's alone.
			assert.equal(fs.statSync(path.dirname(helper)).mode & 0o777, 0o700);
			assert.equal(fs.statSync(helper).mode & 0o077, 0);
			// The secret is in the environment given to the process, not in the script.
			assert.ok(!fs.readFileSync(helper, 'utf8').includes('p@ss word'));
		} finally {
			setup.dispose();
		}
		assert.equal(fs.existsSync(path.dirname(setup.env.GIT_ASKPASS)), false);
	});
});
