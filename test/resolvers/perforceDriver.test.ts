// The Perforce driver: a clear error value when `p4` is not installed (never a crash), the required `depot`,
// Composer's supports() rules (URL naming perforce/p4 in the shallow pass, any URL in the deep pass), and a
// hostile port that can never become a p4 option.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { ProcessRequest, ProcessResult } from '../../server/src/net/types';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { perforceDriverFactory } from '../../server/src/resolvers/vcs/perforceDriver';
import { vcsRepo, vcsTestContext } from '../helpers/vcsDriverContext';

/** A runner on which `p4` is missing whatever the machine has, so the test means the same everywhere. */
const noP4 = {
	run: async (req: ProcessRequest): Promise<ProcessResult> => ({ ok: false, code: 'not-found', message: `${req.command} is not installed or not on PATH.` }),
};

/** A runner on which `p4` exists: `-V` works, `info -s` answers for ports containing "good". */
const fakeP4 = {
	run: async (req: ProcessRequest): Promise<ProcessResult> => ({ ok: true, exitCode: req.args[0] === '-V' || req.args[1]?.includes('good') ? 0 : 1, stdout: Buffer.from(''), stderr: '' }),
};

describe('perforce repositories', () => {
	test('p4 not installed: a clear "cannot resolve" error value', async () => {
		const c = vcsTestContext({ runner: noP4 });
		try {
			const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type: 'perforce', url: 'perforce.example.invalid:1666', depot: 'Depot' }), undefined, c.ctx);
			assert.equal(r.ok, false);
			assert.ok(!r.ok && r.error.code === 'vcs.p4-not-found', JSON.stringify(r));
			assert.ok(!r.ok && /Cannot resolve perforce repository perforce\.example\.invalid:1666: the p4 command is not installed/.test(r.error.message), JSON.stringify(r));
			assert.deepEqual(c.runner.lines(), ['p4 -V']);
		} finally {
			c.cleanup();
		}
	});

	test('with the real PATH of this machine the result is an error value too (p4 absent, or depots unsupported)', async () => {
		const c = vcsTestContext();
		try {
			const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type: 'perforce', url: '127.0.0.1:9', depot: 'Depot' }), undefined, c.ctx);
			assert.ok(!r.ok && /^Cannot resolve perforce repository 127\.0\.0\.1:9: /.test(r.error.message), JSON.stringify(r));
		} finally {
			c.cleanup();
		}
	});

	test('depot is required, checked before anything runs', async () => {
		for (const depot of [undefined, '', 42]) {
			const c = vcsTestContext({ runner: noP4 });
			try {
				const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type: 'perforce', url: 'p4.example.invalid:1666', depot }), undefined, c.ctx);
				assert.ok(!r.ok && r.error.code === 'vcs.perforce-depot-missing' && /"depot" key is required/.test(r.error.message), JSON.stringify(r));
				assert.equal(c.runner.calls.length, 0);
			} finally {
				c.cleanup();
			}
		}
	});

	test('p4 present: an honest "not supported yet" error, not a crash', async () => {
		const c = vcsTestContext({ runner: fakeP4 });
		try {
			const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type: 'perforce', url: 'ssl:p4.example.invalid:1666', depot: 'Depot' }), undefined, c.ctx);
			assert.ok(!r.ok && r.error.code === 'vcs.perforce-unsupported', JSON.stringify(r));
		} finally {
			c.cleanup();
		}
	});

	test('supports(): shallow only for URLs naming perforce/p4, deep for any URL, confirmed by p4 info', async () => {
		const c = vcsTestContext({ runner: fakeP4 });
		try {
			assert.equal(await perforceDriverFactory.supports('https://example.invalid/repo', c.ctx, false), false);
			assert.equal(c.runner.calls.length, 0);
			assert.equal(await perforceDriverFactory.supports('p4-good.example.invalid:1666', c.ctx, false), true, '"p4" followed by "-" is a whole word');
			assert.equal(await perforceDriverFactory.supports('https://p4good.example/x', c.ctx, false), false, '"p4good" is not');
			assert.equal(await perforceDriverFactory.supports('perforce.good.example:1666', c.ctx, false), true);
			assert.equal(await perforceDriverFactory.supports('good.example:1666', c.ctx, true), true);
			assert.equal(await perforceDriverFactory.supports('other.example:1666', c.ctx, true), false);
			assert.deepEqual(c.runner.calls.map((call) => call.args.slice(0, 1).concat(call.args.slice(2))), [['-p', 'info', '-s'], ['-p', 'info', '-s'], ['-p', 'info', '-s'], ['-p', 'info', '-s']]);
			const missing = vcsTestContext({ runner: noP4 });
			assert.equal(await perforceDriverFactory.supports('perforce.example:1666', missing.ctx, true), false, 'no p4: not supported, no crash');
			missing.cleanup();
		} finally {
			c.cleanup();
		}
	});

	test('a hostile port is refused before p4 runs; the port is always the value of -p', async () => {
		const c = vcsTestContext({ runner: fakeP4 });
		try {
			const r = await vcsRepositoryResolver.loadPackages(vcsRepo({ type: 'perforce', url: '-c evil p4', depot: 'D' }), undefined, c.ctx);
			assert.ok(!r.ok && r.error.code === 'vcs.unsafe-url');
			assert.equal(c.runner.calls.length, 0);
			await perforceDriverFactory.supports('-x p4', c.ctx, false);
			assert.deepEqual(c.runner.calls[0].args, ['-p', '-x p4', 'info', '-s']);
		} finally {
			c.cleanup();
		}
	});
});
