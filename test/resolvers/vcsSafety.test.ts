// Hostile repository definitions (the corpus in test/fixtures/hostile/definitions.json; Composer's argument-injection
// advisories as the threat model) must come back as error values with no process started; and the Node ProcessRunner's own guarantees (no shell,
// timeout and abort kill the process group, output cap, non-interactive environment, missing binary).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeProcessRunner } from '../../server/src/net/processRunner';
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../server/src/net/types';
import { unsafeRepositoryValues } from '../../server/src/composer/commandSafety';
import { checkVcsDefinition, checkVcsUrl, redactUrl, vcsRepositoryResolver, VCS_REPOSITORY_TYPES, type VcsDriverError } from '../../server/src/resolvers/vcs/index';
import { perforceDriverFactory } from '../../server/src/resolvers/vcs/perforceDriver';
import { hostileDefinitions, ordinaryDefinitions } from '../helpers/hostileDefinitions';
import { vcsContext } from '../helpers/fakeGitHosts';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { buildGitRepo, git, removeDir, tempDir } from '../helpers/gitRepo';

const work = tempDir('vcs-safety-test-');
after(() => removeDir(work));

/** Records and refuses: proves that not even a harmless process was started. */
class RefusingRunner implements ProcessRunner {
	readonly calls: ProcessRequest[] = [];
	async run(req: ProcessRequest): Promise<ProcessResult> {
		this.calls.push(req);
		return { ok: false, code: 'refused', message: 'refused by test' };
	}
}

describe('hostile repository definitions', () => {
	const marker = path.join(work, 'pwned');
	// The corpus the validator and the server tests read too; path/artifact/composer/package ones are in hostileDefinitions.test.ts.
	const hostile = hostileDefinitions(marker).filter((d) => VCS_REPOSITORY_TYPES.includes(String(d.repository.type)));
	test('the corpus has VCS definitions of every kind', () => {
		assert.deepEqual([...new Set(hostile.map((d) => d.unsafe?.reason ?? 'after-expansion'))].sort(),
			['after-expansion', 'command-transport', 'control-character', 'option', 'shell-syntax', 'ssh-option']);
	});
	for (const def of hostile) {
		test(`${def.id}: ${JSON.stringify(def.repository)} is refused before any process starts`, async () => {
			assert.ok(def.refused);
			const runner = new RefusingRunner();
			const r = await vcsRepositoryResolver.loadPackages({ key: 0, config: def.repository, label: 'hostile' }, undefined, vcsContext({ baseDir: work, processes: runner, env: def.env ?? {} }));
			assert.ok(!r.ok);
			assert.equal(r.error.code, def.unsafe === null || def.unsafe.field === 'url' ? 'vcs.unsafe-url' : 'vcs.unsafe-value');
			if (def.unsafe) {
				// The editor's diagnostic on the value says exactly this (test/unit/validationCommandSafety.test.ts).
				assert.equal(r.error.message, unsafeRepositoryValues(def.repository)[0]?.message);
			}
			assert.equal(runner.calls.length, 0);
			assert.ok(!fs.existsSync(marker));
		});
	}

	test('a perforce definition reached through type "vcs" is refused by the driver itself', async () => {
		const runner = new RecordingRunner();
		const depot = hostileDefinitions(marker).find((d) => d.id === 'perforce-depot-substitution')!;
		const driver = perforceDriverFactory.create(String(depot.repository.url), depot.repository, vcsContext({ baseDir: work, processes: runner }));
		await assert.rejects(driver.initialize(), (e: VcsDriverError) => e.code === 'unsafe-value' && /holds the shell syntax/.test(e.message));
		assert.equal(runner.calls.length, 0);
	});

	test('ordinary definitions pass the check', () => {
		for (const repository of ordinaryDefinitions()) {
			assert.equal(checkVcsDefinition(repository), null, JSON.stringify(repository));
		}
		for (const url of ['https://github.com/a/b', 'git@github.com:a/b.git', 'ssh://git@host:22/a.git', '/srv/repo', './rel/repo', 'file:///srv/x', 'C:\\repo', 'svn://h/r', 'https://user:pa-ss@h/x.git']) {
			assert.equal(checkVcsUrl(url), null, url);
		}
	});

	test('refs named like options are skipped and never reach a command line', async () => {
		const dir = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'acme/refs' } } }, { tag: '1.0.0' }] }, path.join(work, 'refs'));
		git(dir, ['update-ref', 'refs/heads/-evil', 'HEAD']);
		git(dir, ['update-ref', 'refs/tags/--upload-pack=touch', 'HEAD']);
		const runner = new RecordingRunner();
		const r = await vcsRepositoryResolver.loadPackages({ key: 0, config: { type: 'git', url: dir }, label: 'refs' }, undefined, vcsContext({ baseDir: work, processes: runner }));
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.packages.map((p) => p.version).sort(), ['1.0.0', 'dev-main']);
		for (const call of runner.calls) {
			assert.ok(!call.args.some((a) => a.includes('evil') || a.includes('upload-pack')), call.args.join(' '));
		}
		assert.ok(!fs.existsSync(marker));
	});

	test('git itself refuses ext:: in the runner environment (defence in depth)', async () => {
		const r = await new NodeProcessRunner().run({ command: 'git', args: ['ls-remote', '--', `ext::sh -c touch% ${marker}`], cwd: work, timeoutMs: 30_000 });
		assert.ok(r.ok);
		assert.notEqual(r.exitCode, 0);
		assert.ok(!fs.existsSync(marker));
	});
});

describe('NodeProcessRunner', () => {
	const runner = new NodeProcessRunner();

	test('a missing program is a not-found value', async () => {
		const r = await runner.run({ command: 'composer-repos-no-such-program', args: [] });
		assert.equal(r.ok, false);
		assert.equal(!r.ok && r.code, 'not-found');
	});

	test('arguments are not interpreted by a shell; stdin input is delivered', async () => {
		const r = await runner.run({ command: 'printf', args: ['%s|', '$(touch x)', 'a b;c'] });
		assert.ok(r.ok);
		assert.equal(r.stdout.toString(), '$(touch x)|a b;c|');
		const cat = await runner.run({ command: 'cat', args: [], input: 'hello\n' });
		assert.ok(cat.ok);
		assert.equal(cat.stdout.toString(), 'hello\n');
	});

	test('the environment forbids prompts and command transports, whatever the caller passes', async () => {
		const r = await runner.run({ command: 'env', args: [], env: { GIT_ALLOW_PROTOCOL: 'ext', GIT_TERMINAL_PROMPT: '1', EXTRA: 'yes' } });
		assert.ok(r.ok);
		const env = new Map(r.stdout.toString().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
		assert.equal(env.get('GIT_TERMINAL_PROMPT'), '0');
		assert.equal(env.get('GIT_ALLOW_PROTOCOL'), 'file:git:http:https:ssh');
		assert.equal(env.get('GIT_PROTOCOL_FROM_USER'), '0');
		assert.equal(env.get('GIT_ASKPASS'), '');
		assert.equal(env.get('SSH_ASKPASS'), '');
		assert.match(env.get('GIT_SSH_COMMAND') ?? '', /BatchMode=yes/);
		assert.equal(env.get('HGPLAIN'), '1');
		assert.equal(env.get('LANG'), 'C');
		assert.equal(env.get('EXTRA'), 'yes');
	});

	test('a timeout kills the whole process group', async () => {
		const pidFile = path.join(work, 'child.pid');
		const r = await runner.run({ command: 'sh', args: ['-c', 'sleep 60 & echo $! > "$0"; wait', pidFile], timeoutMs: 300 });
		assert.equal(!r.ok && r.code, 'timeout');
		const pid = Number(fs.readFileSync(pidFile, 'utf8'));
		let alive = true;
		for (let i = 0; i < 50 && alive; i++) {
			// Gone, or a zombie waiting for a reaper (containers often lack one): either way no longer running.
			const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
			if (stat === '' || /^\d+ \(.*\) [ZX]/.test(stat)) {
				alive = false;
			} else {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		}
		assert.equal(alive, false, 'the grandchild must be gone');
	});

	test('an abort signal cancels; too much output stops the program', async () => {
		const controller = new AbortController();
		const pending = runner.run({ command: 'sleep', args: ['60'], signal: controller.signal });
		controller.abort();
		const r = await pending;
		assert.equal(!r.ok && r.code, 'cancelled');
		const big = await runner.run({ command: 'head', args: ['-c', '100000', '/dev/zero'], maxBuffer: 1000 });
		assert.equal(big.ok, false);
	});
});

test('labels and messages never show a password or a token in a URL', () => {
	assert.equal(redactUrl('https://user:s3cret@example.org/repo.git'), 'https://***@example.org/repo.git');
	assert.equal(redactUrl('https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/acme/lib'), 'https://***@github.com/acme/lib');
	assert.equal(redactUrl('https://x-token-auth:tok@bitbucket.org/acme/lib.git'), 'https://***@bitbucket.org/acme/lib.git');
	// A plain user name is not a secret: ssh URLs stay readable.
	assert.equal(redactUrl('ssh://git@example.org/acme/lib.git'), 'ssh://git@example.org/acme/lib.git');
});
