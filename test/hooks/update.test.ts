// The manual update: POST /api/update-package with Bearer USER:TOKEN and the package URL, the job polled until it
// ends (completed or failed, with Packagist's log as text), refusals (bad credentials, not a maintainer), the
// recorded manual update that makes a later "auto-updated" marker unknown, the poll timeout and cancellation.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HookCancelledError, HookInputError } from '../../server/src/hooks/context';
import { MemoryStateStore } from '../../server/src/hooks/stateStore';
import { checkPackage } from '../../server/src/hooks/status';
import { plainDetails, triggerUpdate } from '../../server/src/hooks/updateJob';
import { jobIdOf, startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { removeDir, tempDir } from '../helpers/gitRepo';
import { buildLibrary, scenarioPackages, SECRETS, testContext, TOKENS } from './hooksSetup';

const work = tempDir('cr-hooks-update-');
let fake: FakePackagist;
const FAST = { firstMs: 5, maxMs: 20, timeoutMs: 5_000 };

before(async () => {
	fake = await startFakePackagist(scenarioPackages(buildLibrary(work)), TOKENS);
});

after(async () => {
	await fake?.close();
	removeDir(work);
});

describe('hooks update', () => {
	test('a completed job: the request, the polls, Packagist\'s log as text; the marker then proves nothing', async () => {
		const state = new MemoryStateStore();
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache'), state, poll: FAST });
		const result = await triggerUpdate(ctx, 'acme/alpha');
		assert.equal(result.status, 'completed');
		assert.equal(result.jobId, jobIdOf('acme/alpha'));
		assert.equal(result.type, 'manual');
		assert.equal(result.message, 'Update of acme/alpha complete');
		assert.match(result.details ?? '', /^Reading composer\.json of acme\/alpha \(main\)\nImporting tag v1\.4\.0/);
		assert.doesNotMatch(result.details ?? '', /<pre>/);
		const post = fake.updates.at(-1)!;
		assert.equal(post.authorization, `Bearer ${TOKENS.packagist.username}:${TOKENS.packagist.token}`);
		assert.deepEqual(JSON.parse(post.body), { repository: `${fake.bases.packagist}/packages/acme/alpha` });
		assert.equal(fake.requests.filter((q) => q.url === `/packagist/jobs/${result.jobId}`).length, 2, 'running, then completed');
		for (const secret of SECRETS) {
			assert.ok(!JSON.stringify(result).includes(secret));
		}
		assert.ok(state.manualUpdateAt('acme/alpha') !== undefined);
		const report = await checkPackage(ctx, { name: 'acme/alpha' });
		const marker = report.signals.find((s) => s.kind === 'marker')!;
		assert.equal(marker.status, 'unknown');
		assert.match(marker.detail, /manual update/);
	});

	test('a failed job reports failed with its message', async () => {
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: FAST });
		const result = await triggerUpdate(ctx, 'acme/failing');
		assert.equal(result.status, 'failed');
		assert.match(result.message, /invalid composer\.json metadata/);
		assert.match(result.details ?? '', /"composer\.json" is invalid/, 'HTML entities decoded');
	});

	test('refusals: bad credentials (403), not a maintainer (404), no credentials at all', async () => {
		const bad = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: FAST, credentials: { packagist: { username: 'jdoe', token: 'wrongTokenABCDEF' } } });
		const r403 = await triggerUpdate(bad.ctx, 'acme/alpha');
		assert.equal(r403.status, 'rejected');
		assert.match(r403.message, /HTTP 403/);
		assert.ok(!r403.message.includes('wrongTokenABCDEF'));
		const good = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: FAST });
		const r404 = await triggerUpdate(good.ctx, 'acme/nope');
		assert.equal(r404.status, 'rejected');
		assert.match(r404.message, /HTTP 404/);
		const none = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: FAST, credentials: {} });
		const before = fake.updates.length;
		await assert.rejects(triggerUpdate(none.ctx, 'acme/alpha'), HookInputError);
		assert.equal(fake.updates.length, before, 'nothing was sent');
	});

	test('a job that never ends times out; a cancelled wait ends as cancelled', async () => {
		// acme/nohook's job id is never polled to completion: give it no time.
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: { firstMs: 5, maxMs: 5, timeoutMs: 1 } });
		const result = await triggerUpdate(ctx, 'acme/nohook');
		assert.equal(result.status, 'timeout');
		const controller = new AbortController();
		const slow = testContext(fake, { cacheDir: path.join(work, 'cache'), poll: { firstMs: 60_000, maxMs: 60_000, timeoutMs: 300_000 }, signal: controller.signal });
		const pending = triggerUpdate(slow.ctx, 'acme/alpha');
		setTimeout(() => controller.abort(), 50);
		await assert.rejects(pending, HookCancelledError);
	});

	test('plainDetails strips tags, decodes entities and bounds the length', () => {
		assert.equal(plainDetails('<pre>a &lt;b&gt; &amp; &quot;c&quot;</pre>'), 'a <b> & "c"');
		assert.equal(plainDetails(`<pre>${'x'.repeat(5000)}</pre>`).length, 4001);
	});
});
