// LSP-level tests: the built server, started the two ways editors start it, driven over stdio by the real
// client library. Each document has one unambiguous expected result (see the brief's examples).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CodeActionRequest,
	CompletionRequest,
	DidChangeTextDocumentNotification,
	DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification,
	HoverRequest,
	TextDocumentSyncKind,
	type CodeAction,
	type Command,
	type CompletionItem,
	type CompletionList,
	type Diagnostic,
	type Position,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS, settingsChanged, startHarness, type Harness } from './lspHarness';

const PEAR = '{\n\t"repositories": [\n\t\t{"type": "pear", "url": "https://pear.php.net"}\n\t]\n}\n';
const LEGACY = '{\n\t"repositories": [\n\t\t{"packagist": false}\n\t]\n}\n';
const CLEAN = '{\n\t"repositories": [\n\t\t{"type": "composer", "url": "https://repo.example.org"}\n\t]\n}\n';
const COMPLETE = '{\n\t"repositories": [\n\t\t{"type": "<|>"}\n\t]\n}\n';
const BROKEN = '{\n\t"repositories": [\n\t\t{"type": \n';

/** Offset → position in `text` (0-based, LSP). */
function positionAt(text: string, offset: number): Position {
	return TextDocument.create('x:', 'json', 0, text).positionAt(offset);
}

function cursor(marked: string): { text: string; position: Position } {
	const offset = marked.indexOf('<|>');
	assert.ok(offset >= 0, 'fixture needs a <|> marker');
	const text = marked.replace('<|>', '');
	return { text, position: positionAt(text, offset) };
}

function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
	return diagnostics.filter((d) => d.code === code);
}

function errors(diagnostics: Diagnostic[]): Diagnostic[] {
	return diagnostics.filter((d) => d.severity === undefined || d.severity === 1);
}

function applyAction(text: string, uri: string, action: CodeAction): string {
	const edits: TextEdit[] = [...(action.edit?.changes?.[uri] ?? [])];
	for (const change of action.edit?.documentChanges ?? []) {
		if ('textDocument' in change && change.textDocument.uri === uri) {
			edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e));
		}
	}
	assert.ok(edits.length > 0, `code action "${action.title}" has no edit for ${uri}`);
	return TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), edits);
}

for (const command of SERVER_COMMANDS) {
	describe(`language server over stdio: ${command.label}`, () => {
		let harness: Harness;
		let dir: string;
		let counter = 0;
		/** A fresh composer.json URI per test, so no test sees another's notifications. */
		const freshUri = () => pathToFileURL(join(dir, `case${++counter}`, 'composer.json')).toString();

		async function open(text: string, uri = freshUri()): Promise<string> {
			await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, {
				textDocument: { uri, languageId: 'json', version: 1, text },
			});
			return uri;
		}

		before(async () => {
			dir = mkdtempSync(join(tmpdir(), 'composer-repos-lsp-'));
			harness = await startHarness(command.args);
		});

		after(async () => {
			if (harness.child.exitCode === null) {
				harness.child.kill();
			}
			rmSync(dir, { recursive: true, force: true });
		});

		test('initialize announces the features the server provides', () => {
			const { capabilities, serverInfo } = harness.initializeResult;
			assert.equal(serverInfo?.name, 'composer-repositories');
			assert.equal(capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
			assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':', '/', ' ', '|', ',', '@']);
			assert.equal(capabilities.hoverProvider, true);
			assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
		});

		test('didOpen publishes removed-type (error) on a pear repository, on the type value', async () => {
			const uri = await open(PEAR);
			const published = await harness.nextDiagnostics(uri);
			const [removed, ...others] = withCode(published.diagnostics, 'removed-type');
			assert.ok(removed, `expected removed-type in ${JSON.stringify(published.diagnostics)}`);
			assert.equal(others.length, 0);
			assert.equal(removed.severity, 1);
			assert.equal(removed.source, 'composer-repositories');
			assert.equal(removed.range.start.line, 2);
			const document = TextDocument.create(uri, 'json', 1, PEAR);
			assert.match(document.getText(removed.range), /pear/);
			assert.equal(published.version, 1);
		});

		test('the server pulls settings for the document from the composerRepositories section', async () => {
			const uri = await open(CLEAN);
			await harness.nextDiagnostics(uri);
			assert.ok(harness.configurationRequests.some((item) => item.scopeUri === uri && item.section === 'composerRepositories'));
			// Registered while handling `initialized`, which the server processed before this didOpen.
			assert.ok(harness.registrations.includes('workspace/didChangeConfiguration'), harness.registrations.join(', '));
		});

		test('completion inside "type": "" offers vcs', async () => {
			const { text, position } = cursor(COMPLETE);
			const uri = await open(text);
			const result = await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
			assert.ok(result, 'completion result');
			const items: CompletionItem[] = Array.isArray(result) ? result : (result as CompletionList).items;
			const labels = items.map((item) => item.label.replace(/"/g, ''));
			assert.ok(labels.includes('vcs'), `labels: ${labels.join(', ')}`);
		});

		test('hover on a type value explains it', async () => {
			const uri = await open(PEAR);
			const position = positionAt(PEAR, PEAR.indexOf('pear') + 1);
			const hover = await harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
			assert.ok(hover, 'hover result');
			const contents = JSON.stringify(hover.contents);
			assert.ok(contents.length > 10, contents);
		});

		test('legacy {"packagist": false} gets legacy-packagist and a quick fix to "packagist.org"', async () => {
			const uri = await open(LEGACY);
			const published = await harness.nextDiagnostics(uri);
			const [legacy] = withCode(published.diagnostics, 'legacy-packagist');
			assert.ok(legacy, `expected legacy-packagist in ${JSON.stringify(published.diagnostics)}`);
			const actions = await harness.connection.sendRequest(CodeActionRequest.type, {
				textDocument: { uri },
				range: legacy.range,
				context: { diagnostics: [legacy], only: ['quickfix'] },
			});
			assert.ok(actions && actions.length > 0, 'at least one code action');
			const fixes = (actions as (CodeAction | Command)[]).filter((a): a is CodeAction => 'kind' in a || 'edit' in a);
			const fixed = fixes.map((action) => applyAction(LEGACY, uri, action));
			assert.ok(fixed.includes('{\n\t"repositories": [\n\t\t{"packagist.org": false}\n\t]\n}\n'), fixed.join('\n---\n'));
		});

		test('didChange produces new diagnostics for the new version; didClose clears them', async () => {
			const uri = await open(CLEAN);
			const first = await harness.nextDiagnostics(uri);
			assert.deepEqual(errors(first.diagnostics), []);
			await harness.connection.sendNotification(DidChangeTextDocumentNotification.type, {
				textDocument: { uri, version: 2 },
				contentChanges: [{ text: PEAR }],
			});
			const second = await harness.nextDiagnostics(uri, (p) => p.version === 2);
			assert.equal(withCode(second.diagnostics, 'removed-type').length, 1);
			await harness.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
			const cleared = await harness.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
			assert.deepEqual(cleared.diagnostics, []);
		});

		test('after a burst of edits the last version is validated and published', async () => {
			const uri = await open(CLEAN);
			await harness.nextDiagnostics(uri);
			for (let version = 2; version <= 6; version++) {
				await harness.connection.sendNotification(DidChangeTextDocumentNotification.type, {
					textDocument: { uri, version },
					contentChanges: [{ text: version === 6 ? PEAR : CLEAN }],
				});
			}
			const last = await harness.nextDiagnostics(uri, (p) => p.version === 6);
			assert.equal(withCode(last.diagnostics, 'removed-type').length, 1);
		});

		test('broken JSON does not crash the server; it keeps answering', async () => {
			const uri = await open(BROKEN);
			await harness.nextDiagnostics(uri);
			const position = positionAt(BROKEN, BROKEN.length - 1);
			await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
			await harness.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
			const next = await open(PEAR);
			const published = await harness.nextDiagnostics(next);
			assert.equal(withCode(published.diagnostics, 'removed-type').length, 1);
			assert.equal(harness.child.exitCode, null);
		});

		test('validate.enable=false for a resource publishes no diagnostics; turning it back on revalidates', async () => {
			const uri = freshUri();
			harness.settings.set(uri, { validate: { enable: false } });
			await open(PEAR, uri);
			const off = await harness.nextDiagnostics(uri);
			assert.deepEqual(off.diagnostics, []);
			harness.settings.set(uri, { validate: { enable: true } });
			await settingsChanged(harness);
			const on = await harness.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
			assert.equal(withCode(on.diagnostics, 'removed-type').length, 1);
		});

		test('files not named composer.json get no repositories diagnostics', async () => {
			const uri = pathToFileURL(join(dir, 'package.json')).toString();
			await open(PEAR, uri);
			const published = await harness.nextDiagnostics(uri);
			assert.deepEqual(published.diagnostics, []);
		});

		test('shutdown then exit ends the process with code 0', async () => {
			assert.equal(await harness.stop(), 0);
		});
	});
}

describe('language server localisation', () => {
	test('a locale without a bundle falls back to English silently', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'xx-yy' });
		try {
			const uri = pathToFileURL(join(tmpdir(), 'composer-repos-l10n', 'composer.json')).toString();
			await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, {
				textDocument: { uri, languageId: 'json', version: 1, text: PEAR },
			});
			const published = await harness.nextDiagnostics(uri);
			assert.equal(withCode(published.diagnostics, 'removed-type').length, 1);
			assert.deepEqual(harness.logs.filter((line) => line.includes('[l10n]')), []);
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});
});
