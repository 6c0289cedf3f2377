// The compact package-name index: ranking of matches, and the memory it holds for a packagist-sized list
// (400,000 names), measured on the heap after full garbage collections.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NameIndex, MatchRank } from '../../server/src/resolution/nameIndex';
import { packagistNames } from '../helpers/resolutionWorkspace';

describe('name index', () => {
	const index = NameIndex.from(['Psr/Log', 'psr/log-implementation', 'monolog/monolog', 'acme/psr-log-bridge', 'xpsr/logger', 'psr/log', 'acme/blog']);

	test('names are lower-cased, de-duplicated and sorted', () => {
		assert.equal(index.size, 6);
		assert.deepEqual(Array.from({ length: index.size }, (_, i) => index.nameAt(i)), ['acme/blog', 'acme/psr-log-bridge', 'monolog/monolog', 'psr/log', 'psr/log-implementation', 'xpsr/logger']);
		assert.ok(index.has('PSR/LOG') && !index.has('psr/lo'));
	});

	test('matches come best first: exact, prefix, package part, word, anywhere', () => {
		assert.deepEqual(index.search('psr/log', 10).map((m) => [m.name, m.rank]), [
			['psr/log', MatchRank.Exact], ['psr/log-implementation', MatchRank.Prefix], ['xpsr/logger', MatchRank.Contains],
		]);
		// Within a rank, shorter names first.
		assert.deepEqual(index.search('log', 10).map((m) => m.name), ['psr/log', 'xpsr/logger', 'psr/log-implementation', 'acme/psr-log-bridge', 'acme/blog', 'monolog/monolog']);
		assert.deepEqual(index.search('LOG', 2).map((m) => m.name), ['psr/log', 'xpsr/logger']);
		assert.deepEqual(index.search('nothing', 5), []);
		assert.deepEqual(index.search('', 2).map((m) => m.name), ['acme/blog', 'acme/psr-log-bridge']);
	});

	test('typing on narrows the previous scan and finds exactly what a fresh search finds', () => {
		const names = packagistNames(50_000);
		const typed = NameIndex.from(names);
		for (const word of ['cache', 'bundle-api', 'zetor', 'psr/log']) {
			for (let k = 1; k <= word.length; k++) {
				const fresh = NameIndex.from(names);
				assert.deepEqual(typed.search(word.slice(0, k), 30), fresh.search(word.slice(0, k), 30), `"${word.slice(0, k)}"`);
			}
		}
	});

	test('400,000 names: one string and an offset table, and nothing else held', () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const held = () => {
			for (let i = 0; i < 4; i++) {
				gc();
			}
			const m = process.memoryUsage();
			return m.heapUsed + m.arrayBuffers;
		};
		// As the list arrives: parsed from packagist.org's JSON, each name a flat string.
		const names = (JSON.parse(JSON.stringify({ packageNames: packagistNames(400_000) })) as { packageNames: string[] }).packageNames;
		const chars = names.reduce((n, s) => n + s.length + 1, 0);
		const before = held();
		const index = NameIndex.from(names);
		const cost = held() - before;
		assert.equal(index.size, 400_000);
		// One byte per character and separator, four bytes of offset per name (an array of the parsed names
		// costs about twice that: see `npm run bench`).
		assert.equal(index.byteSize, chars + 4 * 400_000);
		assert.ok(Math.abs(cost - index.byteSize) < 2 * 1024 * 1024, `index holds ${cost} bytes, expected about ${index.byteSize}`);
		assert.deepEqual(index.search('psr/', 3).map((m) => m.name), ['psr/log', 'psr/container']);
		assert.equal(index.search('cache', 20).length, 20);
	});

	test('the long-list build yields to the event loop and gives the same index', async () => {
		const names = packagistNames(30_000).reverse();
		let pauses = 0;
		const built = await NameIndex.build(names, 1000, async () => {
			pauses++;
		});
		const direct = NameIndex.from(names);
		assert.ok(pauses >= 30 + 30, `paused ${pauses} times`);
		assert.equal(built.size, direct.size);
		assert.equal(built.byteSize, direct.byteSize);
		for (const i of [0, 1, 4999, 29_999]) {
			assert.equal(built.nameAt(i), direct.nameAt(i));
		}
		assert.deepEqual(built.search('cache', 10), direct.search('cache', 10));
	});
});
