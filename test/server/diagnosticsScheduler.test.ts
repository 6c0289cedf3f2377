// The debounced diagnostics scheduler in-process, with a manual timer and a validator whose results the test
// releases: bursts validate once, a validation made stale by a newer edit (or a close) is aborted and never
// published, and a failing validation neither publishes nor stops the next one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticsScheduler, type Timer } from '../../server/src/lsp/diagnostics';

const URI = 'file:///project/composer.json';

function setup() {
	const published: PublishDiagnosticsParams[] = [];
	const errors: string[] = [];
	const connection = {
		sendDiagnostics: async (p: PublishDiagnosticsParams) => { published.push(p); },
		console: { error: (m: string) => errors.push(m) },
		tracer: { log: () => undefined },
	} as unknown as Connection;
	const open = new Map<string, TextDocument>();
	const documents = { get: (uri: string) => open.get(uri), all: () => [...open.values()] } as unknown as TextDocuments<TextDocument>;
	const timers: { callback: () => void; disposed: boolean }[] = [];
	const timer: Timer = {
		setTimeout(callback) {
			const t = { callback, disposed: false };
			timers.push(t);
			return { dispose: () => { t.disposed = true; } };
		},
	};
	/** Fires every pending timer. */
	const tick = () => timers.splice(0).filter((t) => !t.disposed).forEach((t) => t.callback());
	const calls: { version: number; signal: AbortSignal; resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }[] = [];
	const validator = {
		validate: (document: TextDocument, signal: AbortSignal) => new Promise<Diagnostic[]>((resolve, reject) => {
			calls.push({ version: document.version, signal, resolve, reject });
		}),
	};
	const scheduler = new DiagnosticsScheduler(connection, documents, validator, 200, timer);
	const edit = (version: number) => {
		const document = TextDocument.create(URI, 'json', version, `{"v": ${version}}`);
		open.set(URI, document);
		scheduler.schedule(document);
	};
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	return { scheduler, published, errors, calls, tick, edit, settle, open };
}

const diagnostic = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message });

test('a burst of edits is validated once, at its last version', async () => {
	const s = setup();
	for (let v = 1; v <= 50; v++) s.edit(v);
	s.tick();
	assert.deepEqual(s.calls.map((c) => c.version), [50]);
	s.calls[0].resolve([diagnostic('x')]);
	await s.settle();
	assert.deepEqual(s.published.map((p) => p.version), [50]);
});

test('an edit during a validation aborts it; its result is never published', async () => {
	const s = setup();
	s.edit(1);
	s.tick();
	const first = s.calls[0];
	assert.equal(first.signal.aborted, false);
	s.edit(2);
	assert.equal(first.signal.aborted, true, 'the stale validation is told to stop');
	assert.equal(s.scheduler.cancelledCount, 1);
	first.resolve([diagnostic('old')]);
	await s.settle();
	assert.equal(s.published.length, 0);
	s.tick();
	s.calls[1].resolve([diagnostic('new')]);
	await s.settle();
	assert.deepEqual(s.published.map((p) => [p.version, p.diagnostics[0].message]), [[2, 'new']]);
});

test('closing a document aborts its validation and clears what was published', async () => {
	const s = setup();
	s.edit(1);
	s.tick();
	s.open.delete(URI);
	s.scheduler.clear(URI);
	assert.equal(s.calls[0].signal.aborted, true);
	s.calls[0].resolve([diagnostic('late')]);
	await s.settle();
	assert.deepEqual(s.published.map((p) => p.diagnostics.length), [0]);
});

test('a validation that fails is logged, publishes nothing, and the next one still runs', async () => {
	const s = setup();
	s.edit(1);
	s.tick();
	s.calls[0].reject(new Error('boom'));
	await s.settle();
	assert.equal(s.published.length, 0);
	assert.match(s.errors.join('\n'), /validating file:\/\/\/project\/composer\.json failed: boom/);
	s.edit(2);
	s.tick();
	s.calls[1].resolve([]);
	await s.settle();
	assert.deepEqual(s.published.map((p) => p.version), [2]);
});
