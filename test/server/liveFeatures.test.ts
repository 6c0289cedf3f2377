// Completion, hover and live diagnostics from the built server with its real resolution service, over stdio:
// versions of a package in a composer repository on 127.0.0.1 and in a git repository on disk, package names
// from the packagist.org stand-in's list, a hover on a `require` entry, and diagnostics that appear without an
// edit once the repositories have answered (a package no repository has, a constraint no version matches).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	CompletionRequest, DidOpenTextDocumentNotification, HoverRequest, type CompletionList, type Diagnostic, type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCursor } from '../helpers/markers';
import { COMPOSER_PACKAGE, createResolutionWorkspace, GIT_PACKAGE, PACKAGIST_PACKAGE, type ResolutionWorkspace } from '../helpers/resolutionWorkspace';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

let ws: ResolutionWorkspace;
let harness: Harness;
let counter = 0;

before(async () => {
	ws = await createResolutionWorkspace();
	harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true }, {
		env: { ...ws.env, COMPOSER_DISABLE_NETWORK: undefined },
	});
});
after(async () => {
	await harness.stop();
	await ws.close();
});

/** Opens `marked` (with a `<|>` cursor) as a fresh composer.json in the project folder, resolved. */
async function openResolved(marked: string): Promise<{ uri: string; text: string; position: { line: number; character: number } }> {
	const { text, offset } = parseCursor(marked);
	const uri = ws.uri.replace(/composer\.json$/, `composer.json?case=${++counter}`);
	await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
	await harness.waitForStatus({ uri }, (r) => r.enabled && !r.pending, 'resolution settling');
	return { uri, text, position: TextDocument.create(uri, 'json', 1, text).positionAt(offset) };
}

function project(require: string): string {
	const repositories = JSON.stringify(ws.repositories);
	return `{\n\t"repositories": ${repositories},\n\t"require": {\n\t\t${require}\n\t},\n\t"config": {"secure-http": false}\n}\n`;
}

async function complete(marked: string): Promise<CompletionList> {
	const { uri, position } = await openResolved(marked);
	const list = await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
	assert.ok(list && !Array.isArray(list), 'a completion list');
	return list;
}

describe('live features through the real resolution service', () => {
	test('version completion lists what the composer repository on 127.0.0.1 offers', async () => {
		const list = await complete(project(`"${COMPOSER_PACKAGE}": "<|>"`));
		const labels = list.items.map((i) => i.label);
		assert.ok(labels.includes('1.2.0') && labels.includes('1.0.0'), labels.join(', '));
		assert.ok(labels.indexOf('^1.2') < labels.indexOf('1.0.0'), 'newest first');
		assert.equal(list.isIncomplete, false);
		assert.match(list.items.find((i) => i.label === '1.2.0')?.detail ?? '', /composer repo \(http:\/\/127\.0\.0\.1/);
	});

	test('version completion lists the git repository\'s tags and branches', async () => {
		const list = await complete(project(`"${GIT_PACKAGE}": "<|>"`));
		const labels = list.items.map((i) => i.label);
		for (const version of ['1.1.0', '1.0.0', 'dev-main', 'dev-feature']) {
			assert.ok(labels.some((l) => l === version || l === `v${version}`), `${version} in ${labels.join(', ')}`);
		}
	});

	test('package-name completion reads packagist.org\'s list (loaded on the first ask, the list marked incomplete meanwhile)', async () => {
		const { uri, position } = await openResolved(project('"psr/<|>": ""'));
		const first = await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as CompletionList;
		assert.equal(first.isIncomplete, true, 'the names list is still loading');
		await harness.waitForStatus({ uri }, (r) => !r.pending, 'the names list');
		const again = await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as CompletionList;
		const labels = again.items.map((i) => i.label);
		assert.ok(labels.includes(PACKAGIST_PACKAGE) && labels.includes('psr/container'), labels.join(', '));
	});

	test('a hover on a require entry says which repository provides it and what it offers', async () => {
		const { uri, position } = await openResolved(project(`"${PACKAGIST_PACKAGE}<|>": "^3.0"`));
		const hover = await harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
		const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
		assert.match(value, /packagist\.org/);
		assert.match(value, /3\.0\.2/);
		assert.match(value, /Common interface for logging libraries/);
	});

	test('live diagnostics appear without an edit once the repositories answer', async () => {
		const document = project(`"acme/nowhere": "^1.0",\n\t\t"${COMPOSER_PACKAGE}": "^7.0"`);
		const uri = ws.uri.replace(/composer\.json$/, `composer.json?case=${++counter}`);
		await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: document } });
		const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();
		const both = (p: { diagnostics: Diagnostic[] }) => codes(p.diagnostics).includes('package-not-found') && codes(p.diagnostics).includes('no-matching-version');
		const live = await harness.nextDiagnostics(uri, both);
		assert.equal(live.version, 1, 'published again for the same version, without an edit');
		const notFound = live.diagnostics.find((d) => d.code === 'package-not-found')!;
		const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
		assert.match(text(notFound), /acme\/nowhere/);
		const noMatch = live.diagnostics.find((d) => d.code === 'no-matching-version')!;
		assert.match(text(noMatch), /\^7\.0/);
	});
});
