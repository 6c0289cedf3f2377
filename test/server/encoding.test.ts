// What the server can tell about a file Composer refuses for its encoding, from the text the editor sends: a lone
// surrogate in that text, and U+FFFD standing for bytes that are not UTF-8 in the file on disk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

describe('language server: encoding', () => {
	let harness: Harness;
	let dir: string;
	let counter = 0;

	async function diagnosticsFor(text: string, bytesOnDisk?: Buffer) {
		const folder = join(dir, `case${++counter}`);
		const file = join(folder, 'composer.json');
		if (bytesOnDisk) {
			mkdirSync(folder, { recursive: true });
			writeFileSync(file, bytesOnDisk);
		}
		const uri = pathToFileURL(file).toString();
		await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
		const { diagnostics } = await harness.nextDiagnostics(uri);
		return diagnostics.map((d) => ({ code: d.code, line: d.range.start.line, character: d.range.start.character, message: String(d.message) }));
	}

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'composer-repos-encoding-lsp-'));
		harness = await startHarness(SERVER_COMMANDS[0].args);
	});

	after(async () => {
		await harness.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	test('a lone surrogate the client sends (JSON-RPC carries it as \\ud800) is not UTF-8 for Composer', async () => {
		const [d, ...rest] = await diagnosticsFor('{\n\t"name": "acme/app",\n\t"description": "x\ud800"\n}\n');
		assert.deepEqual(rest, []);
		assert.deepEqual([d.code, d.line, d.character], ['invalid-json', 2, 18]);
		assert.match(d.message, /not UTF-8.*could not parse as JSON/);
	});

	test('U+FFFD for bytes on disk that are not UTF-8 is reported; a real U+FFFD is not', async () => {
		const text = '{\n\t"name": "acme/app",\n\t"description": "caf\ufffd"\n}\n';
		const latin1 = await diagnosticsFor(text, Buffer.from(text.replace('\ufffd', '\xe9'), 'latin1'));
		assert.deepEqual(latin1.map((d) => [d.code, d.line, d.character]), [['invalid-json', 2, 20]]);
		assert.deepEqual(await diagnosticsFor(text, Buffer.from(text, 'utf8')), []);
	});

	test('an empty document', async () => {
		const [d, ...rest] = await diagnosticsFor('');
		assert.deepEqual(rest, []);
		assert.equal(d.code, 'invalid-json');
		assert.match(d.message, /empty/);
	});
});
