// "Use a fork…" over LSP, as any editor drives it: the branches request against a real git repository with a
// branch, the package-source request, the code action, and the command with full arguments, whose edit the
// server applies through workspace/applyEdit; workspace trust gates every read of a repository.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	ApplyWorkspaceEditRequest,
	CodeActionRequest,
	DidOpenTextDocumentNotification,
	ExecuteCommandRequest,
	type ApplyWorkspaceEditParams,
	type CodeAction,
	type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	Commands, FORK_BRANCHES_REQUEST, PACKAGE_SOURCE_REQUEST, WORKSPACE_TRUST_NOTIFICATION,
	type ForkBranchesResult, type PackageSourceResult, type UseForkResult,
} from '../../protocol/ext';
import { buildGitRepo } from '../helpers/gitRepo';
import { SERVER_COMMANDS, startHarness, type Harness } from './lspHarness';

const BEFORE = [
	'{',
	'    "require": {',
	'        "php": "^8.1",',
	'        "acme/lib": "^2.1"',
	'    }',
	'}',
	'',
].join('\n');

const work = mkdtempSync(join(tmpdir(), 'composer-repos-fork-lsp-'));
// The server reads auth.json and config.json from COMPOSER_HOME and keeps VCS mirrors under XDG_CACHE_HOME:
// both point into this test's folder, so nothing outside it is read or written.
process.env.COMPOSER_HOME = join(work, 'composer-home');
process.env.XDG_CACHE_HOME = join(work, 'cache');
mkdirSync(process.env.COMPOSER_HOME, { recursive: true });

const fork = buildGitRepo({
	steps: [{ commit: { 'composer.json': { name: 'acme/lib' } } }, { branch: 'fix' }, { commit: { 'fix.php': '<?php' } }],
	head: 'main',
}, join(work, 'fork'));

after(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;

async function open(harness: Harness, text: string): Promise<string> {
	const uri = pathToFileURL(join(work, `case${++counter}`, 'composer.json')).toString();
	await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
	return uri;
}

/** Answers workspace/applyEdit by applying the edit to the text the test holds for each URI. */
function recordEdits(harness: Harness, texts: Map<string, string>): ApplyWorkspaceEditParams[] {
	const seen: ApplyWorkspaceEditParams[] = [];
	harness.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
		seen.push(params);
		for (const [uri, edits] of Object.entries(params.edit.changes ?? {})) {
			texts.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, texts.get(uri) ?? ''), edits as TextEdit[]));
		}
		return { applied: true };
	});
	return seen;
}

describe('Use a fork over LSP (trusted workspace)', () => {
	let harness: Harness;
	const texts = new Map<string, string>();
	let edits: ApplyWorkspaceEditParams[];

	before(async () => {
		harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true });
		edits = recordEdits(harness, texts);
	});
	after(async () => {
		await harness.stop();
	});

	test('forkBranches lists the branches of a local git repository, with their Composer versions', async () => {
		const uri = await open(harness, BEFORE);
		const result: ForkBranchesResult = await harness.connection.sendRequest(FORK_BRANCHES_REQUEST, { url: fork, documentUri: uri, packageName: 'acme/lib' });
		assert.deepEqual(result, {
			branches: [{ name: 'main', version: 'dev-main', providesPackage: true }, { name: 'fix', version: 'dev-fix', providesPackage: true }],
			defaultBranch: 'main',
		});
	});

	test('forkBranches on a URL that does not answer: an error, no branches', async () => {
		const uri = await open(harness, BEFORE);
		const result: ForkBranchesResult = await harness.connection.sendRequest(FORK_BRANCHES_REQUEST, { url: join(work, 'nothing-here'), documentUri: uri });
		assert.deepEqual(result.branches, []);
		assert.match(result.error ?? '', /Could not list the branches of/);
	});

	test('packageSource: the source URL of the package on its providing repository', async () => {
		const text = JSON.stringify({ repositories: [{ type: 'vcs', url: fork }, { 'packagist.org': false }], require: { 'acme/lib': 'dev-main' } });
		const uri = await open(harness, text);
		const result: PackageSourceResult = await harness.connection.sendRequest(PACKAGE_SOURCE_REQUEST, { documentUri: uri, packageName: 'acme/lib' });
		assert.deepEqual(result, { url: fork });
	});

	test('the code action on the require entry runs the command with the entry', async () => {
		const uri = await open(harness, BEFORE);
		const line = BEFORE.split('\n').findIndex((l) => l.includes('acme/lib'));
		const actions = await harness.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri }, range: { start: { line, character: 12 }, end: { line, character: 12 } }, context: { diagnostics: [] },
		}) as CodeAction[];
		const fork = actions.find((a) => a.title === 'Use a fork of acme/lib…');
		assert.ok(fork, JSON.stringify(actions));
		assert.deepEqual(fork.command, { title: 'Use a fork of acme/lib…', command: Commands.useFork, arguments: [{ uri, packageName: 'acme/lib', section: 'require' }] });
	});

	test('the command with full arguments applies one edit: the fork first, the branch aliased', async () => {
		const uri = await open(harness, BEFORE);
		texts.set(uri, BEFORE);
		const result: UseForkResult = await harness.connection.sendRequest(ExecuteCommandRequest.type, {
			command: Commands.useFork, arguments: [{ uri, packageName: 'acme/lib', section: 'require', url: fork, branch: 'fix' }],
		});
		assert.deepEqual(result, { applied: true, constraint: 'dev-fix as 2.x-dev' });
		const mine = edits.filter((e) => Object.keys(e.edit.changes ?? {}).includes(uri));
		assert.equal(mine.length, 1, 'one workspace edit');
		assert.equal(mine[0].label, 'Use a fork of acme/lib');
		assert.equal(texts.get(uri), [
			'{',
			'    "require": {',
			'        "php": "^8.1",',
			'        "acme/lib": "dev-fix as 2.x-dev"',
			'    },',
			'    "repositories": [',
			'        {',
			'            "type": "vcs",',
			`            "url": ${JSON.stringify(fork)}`,
			'        }',
			'    ]',
			'}',
			'',
		].join('\n'));
	});

	test('a branch the fork does not have, or missing arguments: nothing is written, the reason is returned', async () => {
		const uri = await open(harness, BEFORE);
		const before = edits.length;
		const noBranch: UseForkResult = await harness.connection.sendRequest(ExecuteCommandRequest.type, {
			command: Commands.useFork, arguments: [{ uri, packageName: 'acme/lib', section: 'require', url: fork, branch: 'nope' }],
		});
		assert.deepEqual(noBranch, { applied: false, message: 'The fork has no branch "nope".' });
		const partial: UseForkResult = await harness.connection.sendRequest(ExecuteCommandRequest.type, {
			command: Commands.useFork, arguments: [{ uri, packageName: 'acme/lib', section: 'require' }],
		});
		assert.equal(partial.applied, false);
		assert.match(partial.message ?? '', /"url" and "branch"/);
		const bad: UseForkResult = await harness.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.useFork, arguments: ['x'] });
		assert.equal(bad.applied, false);
		assert.equal(edits.length, before);
	});
});

describe('Use a fork over LSP (untrusted workspace)', () => {
	let harness: Harness;
	before(async () => {
		harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: false });
	});
	after(async () => {
		await harness.stop();
	});

	test('no repository is read until the workspace is trusted', async () => {
		const texts = new Map<string, string>();
		const edits = recordEdits(harness, texts);
		const text = JSON.stringify({ repositories: [{ type: 'vcs', url: fork }], require: { 'acme/lib': '^2.1' } });
		const uri = await open(harness, text);
		texts.set(uri, text);
		const refused: ForkBranchesResult = await harness.connection.sendRequest(FORK_BRANCHES_REQUEST, { url: fork, documentUri: uri });
		assert.deepEqual(refused.branches, []);
		assert.match(refused.error ?? '', /not trusted/);
		assert.deepEqual(await harness.connection.sendRequest(PACKAGE_SOURCE_REQUEST, { documentUri: uri, packageName: 'acme/lib' }), {});
		// The edit itself is text only: it is written without reading the fork.
		const applied: UseForkResult = await harness.connection.sendRequest(ExecuteCommandRequest.type, {
			command: Commands.useFork, arguments: [{ uri, packageName: 'acme/lib', section: 'require', url: fork, branch: 'fix', alias: null }],
		});
		assert.deepEqual(applied, { applied: true, constraint: 'dev-fix' });
		assert.equal(edits.length, 1);
		assert.equal(texts.get(uri), text.replace('"^2.1"', '"dev-fix"'), 'the fork entry was already there: only the constraint changes');

		await harness.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
		const listed: ForkBranchesResult = await harness.connection.sendRequest(FORK_BRANCHES_REQUEST, { url: fork, documentUri: uri });
		assert.deepEqual(listed.branches.map((b) => b.name), ['main', 'fix']);
	});
});
