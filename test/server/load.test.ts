// The built server under 2,000 rapid didChange edits over stdio: it keeps answering requests, its memory stays
// bounded, no stale result is published over a newer one, the final diagnostics (those of the last text) arrive
// within one debounce of the last edit plus the validation, and a request whose handler throws answers its
// default value without taking the server down.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
	CodeActionRequest,
	CompletionRequest,
	DidChangeTextDocumentNotification,
	DidOpenTextDocumentNotification,
	HoverRequest,
	type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/index';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

/** The server's default debounce (server/src/lsp/server.ts). */
const DEBOUNCE_MS = 200;
/** Validating this document takes a few ms; the rest is a loaded 2-core machine. */
const SLACK_MS = 1500;
const EDITS = 2000;
const URI = 'file:///load-test/project/composer.json';

const START = `{
	"name": "acme/app",
	"repositories": [
		{"type": "vcs", "url": "https://github.com/acme/lib"},
		{"type": "composer", "url": "https://repo.example.org"},
		{"type": "package", "package": {"name": "acme/inline", "version": "1.0.0", "dist": {"type": "zip", "url": "https://e.org/x.zip"}}}
	],
	"require": {"acme/lib": "^1.0"}
}
`;

function rssOf(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** Typing and un-typing inside the first url, breaking the JSON now and then (an unbalanced quote or brace). */
function editFor(i: number, document: TextDocument): TextDocumentContentChangeEvent {
	const text = document.getText();
	const at = text.indexOf('acme/lib"') + 4;
	if (i % 100 === 50) return { range: { start: document.positionAt(at), end: document.positionAt(at) }, text: '"' };
	if (i % 100 === 51) return { range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, text: '' };
	if (i % 2 === 0) return { range: { start: document.positionAt(at), end: document.positionAt(at) }, text: String.fromCharCode(97 + (i % 26)) };
	return { range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, text: '' };
}

describe('language server under load', () => {
	let harness: Harness;

	before(async () => {
		harness = await startHarness(SERVER_COMMANDS[0].args);
	});

	after(async () => {
		if (harness.child.exitCode === null) await harness.stop();
	});

	test(`${EDITS} rapid edits: responsive, bounded memory, no stale publish, final diagnostics on time`, async () => {
		const { connection, child } = harness;
		const published: { version?: number; at: number; codes: string[] }[] = [];
		let local = TextDocument.create(URI, 'json', 1, START);
		await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'json', version: 1, text: START } });
		await harness.nextDiagnostics(URI, (p) => p.version === 1);
		const rssBefore = rssOf(child.pid!);

		// Every publish from now on, in order.
		const collect = async () => {
			for (;;) {
				const p = await harness.nextDiagnostics(URI).catch(() => undefined);
				if (!p) return;
				published.push({ version: p.version, at: Date.now(), codes: p.diagnostics.map((d) => String(d.code)) });
				if (p.version === EDITS + 1) return;
			}
		};
		const collecting = collect();

		const latencies: number[] = [];
		const requests: Promise<unknown>[] = [];
		for (let i = 1; i <= EDITS; i++) {
			const change = editFor(i, local);
			local = TextDocument.update(local, [change], i + 1);
			void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: i + 1 }, contentChanges: [change] });
			if (i % 250 === 0) {
				const sent = Date.now();
				const position = local.positionAt(local.getText().indexOf('"type"') + 9);
				const answered = () => latencies.push(Date.now() - sent);
				requests.push(connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }).then(answered));
				requests.push(connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position }).then(answered));
			}
		}
		// A request right behind the last edit is answered once the server has applied it: from then on, only the
		// debounce and one validation stand between the last edit and its diagnostics.
		const position = local.positionAt(local.getText().indexOf('"type"') + 9);
		await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position });
		const lastEditApplied = Date.now();
		await Promise.all(requests);
		await collecting;

		// Responsive: every request interleaved with the burst was answered, none later than the edits queued before it
		// take to apply (LSP handles messages in order), and a request after the burst at once.
		assert.equal(latencies.length, 2 * EDITS / 250);
		assert.ok(Math.max(...latencies) < 10_000, `latencies ${latencies.join(', ')}`);
		const quiet = Date.now();
		await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position });
		assert.ok(Date.now() - quiet < 1000, `a request after the burst took ${Date.now() - quiet} ms`);
		// Debounced, and never an older result after a newer one.
		const versions = published.map((p) => p.version ?? 0);
		assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions ${versions.join(', ')}`);
		assert.ok(published.length < EDITS / 20, `${published.length} publishes for ${EDITS} edits`);
		// The final text's diagnostics, within one debounce of the last edit (plus the validation on a busy machine).
		const final = published[published.length - 1];
		assert.equal(final.version, EDITS + 1);
		assert.ok(final.at - lastEditApplied < DEBOUNCE_MS + SLACK_MS, `final diagnostics ${final.at - lastEditApplied} ms after the last edit was applied`);
		const expected = await getLanguageService({}).doValidation(local);
		assert.deepEqual(final.codes, expected.map((d) => String(d.code)));
		// Memory: 2,000 versions of a document leave nothing behind worth measuring.
		const rssAfter = rssOf(child.pid!);
		assert.ok(rssAfter - rssBefore < 100 * 1024 * 1024, `rss grew from ${rssBefore} to ${rssAfter}`);
		assert.ok(rssAfter < 400 * 1024 * 1024, `rss ${rssAfter}`);
	});

	test('a request whose handler throws answers its default value; the server keeps serving', async () => {
		const { connection, child } = harness;
		const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
		// Quick-fix data no diagnostic of ours would carry: the code action handler throws on it.
		const actions = await connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri: URI },
			range,
			context: { diagnostics: [{ range, message: 'x', source: 'composer-repositories', data: { fixes: [{ kind: 'remove', title: 't', range: null }] } }] },
		});
		assert.deepEqual(actions, []);
		const position = { line: Number.NaN, character: -1 };
		const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }).catch((e: Error) => e);
		assert.ok(hover === null || hover instanceof Error);
		assert.ok(harness.logs.some((l) => /\[codeAction\]/.test(l)), 'the failure is logged with its request');
		// Still alive and answering.
		const completion = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 3, character: 12 } });
		assert.ok(completion);
		assert.equal(child.exitCode, null);
	});
});
