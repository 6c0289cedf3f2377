// The server's cached file-system facts: the same answers as the real file system, asked once while nothing
// changes, and asked again after a change in a watched folder (real folders in a temp dir, real fs.watch).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalFacts } from '../../server/src/composerPaths/localFacts';
import { createCachedLocalFacts, type CachedLocalFacts } from '../../server/src/node/cachedLocalFacts';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';

/** The real facts, counting the questions that reach the file system. */
function countingFacts(): LocalFacts & { asked: string[] } {
	const real = createNodeLocalFacts();
	const asked: string[] = [];
	return {
		asked,
		stat: (p) => { asked.push(`stat ${p}`); return real.stat(p); },
		readDirectory: (p) => { asked.push(`list ${p}`); return real.readDirectory(p); },
	};
}

/** Polls until `check` holds: watcher events arrive asynchronously. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!(await check())) {
		assert.ok(Date.now() < deadline, 'the change was not observed within 5 s');
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('cached local facts (server)', () => {
	let root: string;
	const open: CachedLocalFacts[] = [];
	const make = (options: Parameters<typeof createCachedLocalFacts>[0]) => {
		const facts = createCachedLocalFacts(options);
		open.push(facts);
		return facts;
	};
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'composer-repos-cache-'));
		fs.mkdirSync(path.join(root, 'packages/a'), { recursive: true });
		fs.writeFileSync(path.join(root, 'packages/a/composer.json'), '{}');
	});
	after(() => {
		open.forEach((f) => f.dispose());
		fs.rmSync(root, { recursive: true, force: true });
	});

	test('answers as the file system does, and asks it once while nothing changes', async () => {
		const inner = countingFacts();
		const facts = make({ inner });
		const real = createNodeLocalFacts();
		for (let i = 0; i < 3; i++) {
			assert.equal(await facts.stat(path.join(root, 'packages/a/composer.json')), 'file');
			assert.equal(await facts.stat(path.join(root, 'packages/a')), 'directory');
			assert.equal(await facts.stat(path.join(root, 'packages/zzz')), 'missing');
			assert.deepEqual(await facts.readDirectory(path.join(root, 'packages')), await real.readDirectory(path.join(root, 'packages')));
		}
		assert.equal(inner.asked.length, 4);
	});

	test('a file created in a watched folder is seen on the next question', async () => {
		const facts = make({});
		const file = path.join(root, 'packages/a/new.zip');
		assert.equal(await facts.stat(file), 'missing');
		assert.deepEqual((await facts.readDirectory(path.join(root, 'packages/a'))).map((e) => e.name), ['composer.json']);
		fs.writeFileSync(file, 'PK');
		await eventually(async () => await facts.stat(file) === 'file');
		await eventually(async () => (await facts.readDirectory(path.join(root, 'packages/a'))).some((e) => e.name === 'new.zip'));
	});

	test('a folder created under a missing one is seen: the nearest existing ancestor is watched', async () => {
		const facts = make({});
		const target = path.join(root, 'later/deep/composer.json');
		assert.equal(await facts.stat(target), 'missing');
		fs.mkdirSync(path.join(root, 'later/deep'), { recursive: true });
		fs.writeFileSync(target, '{}');
		await eventually(async () => await facts.stat(target) === 'file');
	});

	test('beyond the watcher bound nothing is cached, so answers stay fresh', async () => {
		const inner = countingFacts();
		const facts = make({ inner, maxWatchers: 0 });
		await facts.stat(path.join(root, 'packages/a'));
		await facts.stat(path.join(root, 'packages/a'));
		assert.equal(inner.asked.length, 2);
		assert.equal(facts.watcherCount, 0);
	});

	test('invalidate() forgets every answer and closes the watchers', async () => {
		const inner = countingFacts();
		const facts = make({ inner });
		await facts.stat(path.join(root, 'packages/a'));
		assert.equal(facts.watcherCount, 1);
		facts.invalidate();
		assert.equal(facts.watcherCount, 0);
		await facts.stat(path.join(root, 'packages/a'));
		assert.equal(inner.asked.length, 2);
	});
});
