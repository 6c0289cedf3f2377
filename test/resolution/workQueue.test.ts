// The work queue: at most `limit` tasks at once, rounds counted per owner for progress, and cancellation that
// stops the tasks of the current round only.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { WorkQueue, type Activity } from '../../server/src/resolution/workQueue';

/** A task that ends when `release()` is called or its signal aborts, and says which. */
function gate(): { work: (signal: AbortSignal) => Promise<string>; release: () => void; started: () => boolean } {
	let release = () => {};
	let started = false;
	const work = (signal: AbortSignal) => new Promise<string>((resolve) => {
		started = true;
		release = () => resolve('done');
		signal.addEventListener('abort', () => resolve('aborted'), { once: true });
	});
	return { work, release: () => release(), started: () => started };
}

const never = new AbortController().signal;

describe('work queue', () => {
	test('runs at most `limit` tasks at once, the others in order as slots free', async () => {
		const queue = new WorkQueue(2);
		const gates = [gate(), gate(), gate()];
		const runs = gates.map((g, i) => queue.run(`repo${i}`, never, g.work, () => 'fallback'));
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual(gates.map((g) => g.started()), [true, true, false]);
		gates[0].release();
		assert.deepEqual(await runs[0], { value: 'done', cancelled: false });
		assert.equal(gates[2].started(), true);
		gates[1].release();
		gates[2].release();
		assert.deepEqual((await Promise.all(runs)).map((r) => r.value), ['done', 'done', 'done']);
	});

	test('a round counts repositories, not tasks, and ends when nothing is outstanding', async () => {
		const queue = new WorkQueue(4);
		const seen: Activity[] = [];
		queue.onActivity((a) => seen.push(a));
		const [a1, a2, b] = [gate(), gate(), gate()];
		const runs = [queue.run('a', never, a1.work, () => ''), queue.run('a', never, a2.work, () => ''), queue.run('b', never, b.work, () => '')];
		assert.deepEqual(queue.activity, { active: 2, done: 0, total: 2 });
		b.release();
		await runs[2];
		assert.deepEqual(queue.activity, { active: 1, done: 1, total: 2 });
		a1.release();
		a2.release();
		await Promise.all(runs);
		assert.deepEqual(seen.at(-1), { active: 0, done: 2, total: 2 });
		assert.deepEqual(queue.activity, { active: 0, done: 0, total: 0 }, 'a new round starts empty');
	});

	test('cancelling aborts the running and queued tasks of the round; later work runs normally', async () => {
		const queue = new WorkQueue(1);
		const [running, queued] = [gate(), gate()];
		const runs = [queue.run('a', never, running.work, () => 'not started'), queue.run('b', never, queued.work, () => 'not started')];
		await new Promise((resolve) => setImmediate(resolve));
		queue.cancelRound();
		assert.deepEqual(await runs[0], { value: 'aborted', cancelled: true });
		assert.deepEqual(await runs[1], { value: 'not started', cancelled: true });
		const later = gate();
		const next = queue.run('c', never, later.work, () => 'not started');
		await new Promise((resolve) => setImmediate(resolve));
		later.release();
		assert.deepEqual(await next, { value: 'done', cancelled: false });
	});

	test('a cancel that arrives after its round ended stops nothing that comes next', async () => {
		const queue = new WorkQueue(1);
		queue.cancelRound();
		const g = gate();
		const run = queue.run('a', never, g.work, () => 'not started');
		await new Promise((resolve) => setImmediate(resolve));
		g.release();
		assert.deepEqual(await run, { value: 'done', cancelled: false });
	});

	test('the owner\'s own signal (the repository left every document) aborts its task only', async () => {
		const queue = new WorkQueue(2);
		const owner = new AbortController();
		const [mine, other] = [gate(), gate()];
		const runs = [queue.run('a', owner.signal, mine.work, () => ''), queue.run('b', never, other.work, () => '')];
		await new Promise((resolve) => setImmediate(resolve));
		owner.abort();
		assert.deepEqual(await runs[0], { value: 'aborted', cancelled: false });
		other.release();
		assert.deepEqual(await runs[1], { value: 'done', cancelled: false });
	});
});
