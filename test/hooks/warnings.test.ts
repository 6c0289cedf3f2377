// Sync warnings over a vendor's and a maintainer's packages: problems first, abandoned ones marked and skipped,
// every page of a maintainer's list, bounded concurrency with progress, cancellation, the disk cache for public
// answers only (no secret in any cache file), and a 300-package vendor in seconds.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HookCancelledError, HookInputError } from '../../server/src/hooks/context';
import { listWarnings, mapLimit } from '../../server/src/hooks/warnings';
import { filesUnder } from '../helpers/cacheSecrets';
import { startFakePackagist, type FakeHooksPackage, type FakePackagist } from '../helpers/fakePackagist';
import { removeDir, tempDir } from '../helpers/gitRepo';
import { buildLibrary, scenarioPackages, SECRETS, testContext, TOKENS, type Repos } from './hooksSetup';
import * as fs from 'node:fs';

const work = tempDir('cr-hooks-warnings-');
let repos: Repos;
let fake: FakePackagist;

before(async () => {
	repos = buildLibrary(work);
	fake = await startFakePackagist(scenarioPackages(repos), TOKENS);
});

after(async () => {
	await fake?.close();
	removeDir(work);
});

describe('hooks warnings', () => {
	test('a vendor: every package, problems first, the abandoned one marked and skipped without a request', async () => {
		const cacheDir = path.join(work, 'cache-vendor');
		const progress: Array<[number, number]> = [];
		const { ctx } = testContext(fake, { cacheDir });
		const before = fake.requests.length;
		const reports = await listWarnings(ctx, { vendor: 'acme' }, { onProgress: (done, total) => progress.push([done, total]) });
		const names = reports.map((r) => `${r.verdict}:${r.package}`);
		assert.deepEqual(names, [
			'problem:acme/beta', 'problem:acme/failing', 'problem:acme/nohook',
			'warning:acme/delta',
			'ok:acme/alpha', 'ok:acme/gamma',
			'unknown:acme/retired',
		]);
		const retired = reports.find((r) => r.package === 'acme/retired')!;
		assert.equal(retired.skipped, true);
		assert.equal(retired.abandoned, 'acme/alpha');
		assert.deepEqual(retired.signals, []);
		const requested = fake.requests.slice(before).map((q) => q.url);
		assert.ok(!requested.some((u) => u.includes('retired')), `no request for the abandoned package: ${requested.filter((u) => u.includes('retired')).join(', ')}`);
		assert.deepEqual(progress[0], [0, 7]);
		assert.deepEqual(progress.at(-1), [7, 7]);
		assert.equal(progress.length, 8);
	});

	test('--include-abandoned checks the abandoned package too', async () => {
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache-vendor') });
		const reports = await listWarnings(ctx, { vendor: 'acme', includeAbandoned: true });
		const retired = reports.find((r) => r.package === 'acme/retired')!;
		assert.equal(retired.skipped, undefined);
		assert.equal(retired.verdict, 'problem');
		assert.equal(retired.abandoned, 'acme/alpha');
	});

	test('a maintainer: all pages of the list are read', async () => {
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache-user') });
		const reports = await listWarnings(ctx, { user: 'jdoe' });
		assert.deepEqual(reports.map((r) => r.package).sort(), ['acme/alpha', 'acme/beta', 'acme/failing']);
		assert.ok(fake.requests.some((q) => q.url === '/packagist/users/jdoe/packages.json?page=2'));
		await assert.rejects(listWarnings(ctx, { user: 'nobody' }), (e: unknown) => e instanceof HookInputError && /no user "nobody"/.test(e.message));
	});

	test('input: exactly one of vendor and user, well-formed', async () => {
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache-user') });
		await assert.rejects(listWarnings(ctx, {}), HookInputError);
		await assert.rejects(listWarnings(ctx, { vendor: 'acme', user: 'jdoe' }), HookInputError);
		await assert.rejects(listWarnings(ctx, { vendor: '../etc' }), HookInputError);
	});

	test('the disk cache holds public answers only: no token, no hook URL token, in any cache file', async () => {
		const cacheDir = path.join(work, 'cache-vendor');
		const files = filesUnder(cacheDir);
		assert.ok(files.length > 5, `cached files: ${files.length}`);
		for (const file of files) {
			const content = fs.readFileSync(file, 'utf8');
			for (const secret of SECRETS) {
				assert.ok(!content.includes(secret) && !content.includes(Buffer.from(secret).toString('base64')), `${file} holds a secret`);
			}
			assert.ok(!content.includes('"hooks"') && !content.includes('config'), `${file} looks like a hook list`);
		}
	});

	test('a cancelled run stops starting packages and ends as cancelled', async () => {
		const controller = new AbortController();
		const { ctx } = testContext(fake, { cacheDir: path.join(work, 'cache-cancel'), signal: controller.signal, concurrency: 1 });
		let seen = 0;
		await assert.rejects(listWarnings(ctx, { vendor: 'acme' }, {
			onProgress: (done) => {
				seen = done;
				if (done === 2) {
					controller.abort();
				}
			},
		}), HookCancelledError);
		assert.equal(seen, 2, 'no package finished after the abort');
	});

	test('mapLimit never runs more than its limit at once', async () => {
		let active = 0;
		let peak = 0;
		const out = await mapLimit([...Array(20).keys()], 3, undefined, async (n) => {
			active++;
			peak = Math.max(peak, active);
			await new Promise((r) => setTimeout(r, 2));
			active--;
			return n * 2;
		});
		assert.equal(peak, 3);
		assert.deepEqual(out, [...Array(20).keys()].map((n) => n * 2));
	});
});

describe('a 300-package vendor', () => {
	let big: FakePackagist;
	before(async () => {
		const packages: FakeHooksPackage[] = [];
		for (let i = 0; i < 300; i++) {
			packages.push({
				name: `bulk/pkg${String(i).padStart(3, '0')}`, host: 'github', model: repos.model, bare: repos.bare,
				tags: i % 10 === 0 ? 'p2-tags-to-1.3.json' : 'p2-tags-to-1.4.json', devAt: 'main', page: 'page-auto-updated.html',
				github: { hooks: 'hooks-official.json', deliveries: { 412345678: 'deliveries-ok.json' } },
			});
		}
		// Each answer takes 5 ms, as a nearby server would.
		big = await startFakePackagist(packages, TOKENS, { delayMs: 5 });
	});
	after(async () => {
		await big?.close();
	});

	test('finishes in seconds with at most 10 requests on the wire to Packagist (and 10 to the host API)', async () => {
		const { ctx } = testContext(big, { cacheDir: path.join(work, 'cache-bulk') });
		const started = Date.now();
		const reports = await listWarnings(ctx, { vendor: 'bulk' });
		const seconds = (Date.now() - started) / 1000;
		assert.equal(reports.length, 300);
		assert.equal(reports.filter((r) => r.verdict === 'problem').length, 30);
		assert.ok(reports.slice(0, 30).every((r) => r.verdict === 'problem'), 'problems first');
		assert.ok(big.peak.packagist <= 10 && big.peak.hosts <= 10, `most in flight: ${JSON.stringify(big.peak)}`);
		assert.ok(big.peak.packagist >= 5 && big.peak.hosts >= 5, `requests ran in parallel: ${JSON.stringify(big.peak)}`);
		assert.ok(seconds < 30, `took ${seconds} s`);
	});
});
