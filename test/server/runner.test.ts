// runSafe, the boundary every LSP handler goes through: cancellation answers RequestCancelled, a thrown
// error answers the default value and is logged with its label.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { runSafe } from '../../server/src/lsp/runner';

function recorder() {
	const lines: string[] = [];
	return { lines, log: { error: (message: string) => lines.push(message) } };
}

test('runSafe returns the work\'s result', async () => {
	const { log, lines } = recorder();
	const source = new CancellationTokenSource();
	assert.equal(await runSafe(log, async () => 42, 0, '[test]', source.token), 42);
	assert.deepEqual(lines, []);
});

test('a request cancelled before it runs answers RequestCancelled without running', async () => {
	const { log } = recorder();
	const source = new CancellationTokenSource();
	source.cancel();
	let ran = false;
	const result = await runSafe(log, () => { ran = true; return 1; }, 0, '[test]', source.token);
	assert.ok(result instanceof ResponseError);
	assert.equal(result.code, LSPErrorCodes.RequestCancelled);
	assert.equal(ran, false);
});

test('a request cancelled while running answers RequestCancelled, and the work sees an aborted signal', async () => {
	const { log } = recorder();
	const source = new CancellationTokenSource();
	let aborted = false;
	const result = await runSafe(log, async (signal) => {
		source.cancel();
		aborted = signal.aborted;
		return 1;
	}, 0, '[test]', source.token);
	assert.ok(result instanceof ResponseError);
	assert.equal(result.code, LSPErrorCodes.RequestCancelled);
	assert.equal(aborted, true);
});

test('errors, thrown or rejected, become the default value and a log line with the label', async () => {
	const { log, lines } = recorder();
	const source = new CancellationTokenSource();
	assert.deepEqual(await runSafe(log, () => { throw new Error('boom'); }, [], '[completion] x', source.token), []);
	assert.equal(await runSafe(log, () => Promise.reject(new Error('later')), null, '[hover] y', source.token), null);
	assert.equal(lines.length, 2);
	assert.match(lines[0], /^\[completion\] x: boom/);
	assert.match(lines[1], /^\[hover\] y: later/);
});
