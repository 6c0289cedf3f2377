// The built server flags every hostile repository definition of the corpus (test/fixtures/hostile/definitions.json)
// as an error on the offending value, starts no process for any of them, and keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hostileDefinitions } from '../helpers/hostileDefinitions';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

describe('language server: hostile repository definitions', () => {
	let harness: Harness;
	let dir: string;

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'composer-repos-hostile-lsp-'));
		harness = await startHarness(SERVER_COMMANDS[0].args);
	});

	after(async () => {
		await harness.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	test('one error per unsafe value, on the value, saying what it would have done', async () => {
		const marker = join(dir, 'pwned');
		const definitions = hostileDefinitions(marker);
		const text = JSON.stringify({ name: 'acme/app', repositories: definitions.map((d) => d.repository) }, null, '    ');
		const uri = pathToFileURL(join(dir, 'composer.json')).toString();
		await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
		const published = await harness.nextDiagnostics(uri);
		const document = TextDocument.create(uri, 'json', 1, text);
		const tree = parseTree(text)!;
		const flagged = published.diagnostics.filter((d) => d.code === 'command-injection');
		const expected = definitions.flatMap((d, i) => (d.unsafe ? [{ id: d.id, node: findNodeAtLocation(tree, ['repositories', i, d.unsafe.field])! }] : []));
		assert.equal(flagged.length, expected.length, flagged.map((d) => d.message).join('\n'));
		for (const { id, node } of expected) {
			const d = flagged.find((f) => document.offsetAt(f.range.start) === node.offset && document.offsetAt(f.range.end) === node.offset + node.length);
			assert.ok(d, `no diagnostic on the value of ${id}`);
			assert.equal(d.severity, 1);
			assert.match(String(d.message), /would .* Neither Composer nor this tool will run it\.$/s);
		}
		// Validation is text only: nothing ran, and the server still answers.
		assert.equal(existsSync(marker), false);
		const hover = await harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf('"git"') + 2) });
		assert.ok(hover);
		assert.equal(harness.child.exitCode, null);
	});
});
