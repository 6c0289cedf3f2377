// The built language server meets the hostile corpus (test/fixtures/hostile/resolution.json) in open documents:
// the long texts as an inline package's name and version and as repository urls, and the brace bombs as path
// urls. Diagnostics must still be published (the brace bombs as "too many alternatives", not a vanished
// diagnostic after a stack overflow), and the server must keep answering: a hover sent after each document
// is answered within the harness deadline. Before the checks were made linear, the first document froze it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { loadHostileCorpus } from '../helpers/hostileCorpus';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

interface PathCase { id: string; type?: string; prefix: string; group: string; repeat: number; suffix: string; closing?: string; expect: { code: string } }

interface Corpus {
	longText: { length: number; cases: Array<{ id: string; prefix: string; pump: string; suffix: string }> };
	paths: { cases: PathCase[] };
}

function corpus(): Corpus {
	const resolution = loadHostileCorpus().resolution as Corpus | undefined;
	assert.ok(resolution?.longText && resolution.paths, 'test/fixtures/hostile/resolution.json lacks longText or paths');
	return resolution;
}

describe('language server on hostile documents: diagnostics come, and the server keeps answering', () => {
	let harness: Harness;
	let dir: string;
	let counter = 0;
	const { longText, paths } = corpus();

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'composer-repos-lsp-hostile-'));
		harness = await startHarness(SERVER_COMMANDS[0].args);
	});
	after(async () => {
		await harness.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	async function openAndAsk(json: unknown): Promise<{ codes: string[] }> {
		const folder = join(dir, `case${++counter}`, 'project');
		mkdirSync(folder, { recursive: true });
		const uri = pathToFileURL(join(folder, 'composer.json')).toString();
		const text = JSON.stringify(json, null, 1);
		const published = harness.nextDiagnostics(uri);
		await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
		const diagnostics = (await published).diagnostics;
		// Still answering requests afterwards.
		await harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } });
		return { codes: diagnostics.map((d) => String(d.code)) };
	}

	for (const c of longText.cases) {
		test(`long text ${c.id} as package name, version and urls`, async () => {
			const text = c.prefix + c.pump.repeat(Math.ceil(longText.length / c.pump.length)).slice(0, longText.length) + c.suffix;
			const { codes } = await openAndAsk({
				name: 'acme/app',
				require: { 'acme/inline': text },
				repositories: [
					{ type: 'package', package: { name: text, version: text, dist: { type: 'zip', url: text } } },
					{ type: 'gitlab', url: text },
					{ type: 'composer', url: text, only: [text] },
				],
			});
			assert.ok(codes.length > 0, 'a hostile document without a single diagnostic');
		});
	}

	for (const c of paths.cases.filter((p) => p.expect.code === 'path-too-many-alternatives')) {
		test(`path url ${c.id}: too many alternatives`, async () => {
			const url = c.prefix + c.group.repeat(c.repeat) + c.suffix + (c.closing ?? '').repeat(c.repeat);
			const { codes } = await openAndAsk({ name: 'acme/app', repositories: [{ type: c.type ?? 'path', url }] });
			assert.deepEqual(codes, ['path-too-many-alternatives']);
		});
	}
});
