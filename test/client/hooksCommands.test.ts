// The client's Packagist commands with a scripted VS Code (test/helpers/fakeVscode.ts) talking to the BUILT
// language server over stdio, which talks to the fake Packagist/GitHub/GitLab/Bitbucket: what the user sees
// (messages, buttons, modal warning, progress, the Explorer view, opened links), which tokens go where, the
// refusal in an untrusted workspace, cancellation, and the redacting output channel under a verbose
// protocol trace (vscode-jsonrpc's own tracer), with a control showing that an unredacted channel leaks.
// First: from here on `require('vscode')` is the scripted fake.
import { vscodeState, resetVscodeState, treeRows, FakeLogChannel, FakeSecretStorage, Uri, type ShownMessage } from '../helpers/fakeVscode';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, Trace } from 'vscode-jsonrpc/node';
import type * as vscode from 'vscode';
import { HookStatusRequest } from '../../protocol/hooks';
import { registerHooks } from '../../client/src/hooks';
import { HookCommands, HOOKS_VIEW, SecretKeys } from '../../client/src/hooks/ids';
import { redactingLogChannel, SecretRedactor } from '../../client/src/hooks/redaction';
import type { HookServer } from '../../client/src/hooks/requests';
import { gitRedirectEnv, startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { git, removeDir, tempDir } from '../helpers/gitRepo';
import { SERVER_COMMANDS, startHarness, type Harness } from '../server/lspHarness';
import { buildLibrary, scenarioPackages, TOKENS } from '../hooks/hooksSetup';

const work = tempDir('cr-client-hooks-');
let fake: FakePackagist;
let harness: Harness;
let secrets: FakeSecretStorage;
let channel: FakeLogChannel;
const calls: Array<{ method: string; params: Record<string, unknown> }> = [];
const OPEN = 'Open Link';

/** The LanguageClient's part the feature uses, forwarding to the real server (cancellation included). */
function serverAdapter(): HookServer {
	return {
		sendRequest<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
			calls.push({ method, params: params as Record<string, unknown> });
			const source = new CancellationTokenSource();
			token?.onCancellationRequested(() => source.cancel());
			return harness.connection.sendRequest<R>(method, params, source.token);
		},
		onNotification(method, handler) {
			return harness.connection.onNotification(method, handler);
		},
	};
}

function configure(): void {
	Object.assign(vscodeState.config, {
		'composerRepositories.hooks.packagistUrl': fake.bases.packagist,
		'composerRepositories.hooks.repoUrl': fake.bases.repo,
		'composerRepositories.hooks.githubApiUrl': fake.bases.githubApi,
		'composerRepositories.hooks.gitlabUrl': fake.bases.gitlab,
		'composerRepositories.hooks.bitbucketApiUrl': fake.bases.bitbucketApi,
	});
}

function run(command: string, ...args: unknown[]): Promise<unknown> {
	const fn = vscodeState.commands.get(command);
	assert.ok(fn, `${command} is registered`);
	return Promise.resolve(fn(...args));
}

async function until(what: string, predicate: () => boolean): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (!predicate()) {
		assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

function lastMessage(): ShownMessage {
	const m = vscodeState.messages.at(-1);
	assert.ok(m, 'a message was shown');
	return m;
}

function allSecrets(): string[] {
	return [TOKENS.github, TOKENS.gitlab, TOKENS.bitbucket, TOKENS.packagist.token, TOKENS.hookToken, 'signedInGhTok9876'];
}

before(async () => {
	fake = await startFakePackagist(scenarioPackages(buildLibrary(work)), TOKENS);
	Object.assign(process.env, { XDG_CACHE_HOME: path.join(work, 'cache') }, gitRedirectEnv(fake));
	harness = await startHarness(SERVER_COMMANDS[0].args);
	secrets = new FakeSecretStorage();
	channel = new FakeLogChannel();
	const redactor = new SecretRedactor();
	const output = redactingLogChannel(channel as unknown as vscode.LogOutputChannel, redactor);
	const context = { secrets, subscriptions: [] } as unknown as vscode.ExtensionContext;
	registerHooks(context, serverAdapter(), redactor, output);
	(globalThis as { __redactor?: SecretRedactor }).__redactor = redactor;
});

after(async () => {
	await harness?.stop();
	await fake?.close();
	removeDir(work);
});

beforeEach(() => {
	resetVscodeState();
	configure();
	calls.length = 0;
});

describe('Packagist commands in VS Code', () => {
	test('an untrusted workspace: a clear refusal and no request at all', async () => {
		vscodeState.trusted = false;
		const before = fake.requests.length;
		for (const command of [HookCommands.checkStatus, HookCommands.listWarnings, HookCommands.triggerUpdate, HookCommands.refresh]) {
			await run(command, 'acme/alpha');
		}
		assert.equal(calls.length, 0);
		assert.equal(fake.requests.length, before);
		assert.equal(vscodeState.messages.length, 4);
		assert.ok(vscodeState.messages.every((m) => m.level === 'warning' && /untrusted workspace/.test(m.text) && /Trust the workspace/.test(m.text)));
	});

	test('Check Hook Status on the open composer.json: the GitHub session goes with it, the view shows the result', async () => {
		const project = path.join(work, 'alpha-project');
		fs.mkdirSync(project, { recursive: true });
		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'acme/alpha' }));
		git(project, ['init', '--quiet']);
		git(project, ['remote', 'add', 'origin', 'https://github.com/acme/alpha.git']);
		vscodeState.activeDocument = { uri: Uri.file(path.join(project, 'composer.json')), getText: () => '{"name":"acme/alpha"}' };
		vscodeState.sessions.github = TOKENS.github;
		await run(HookCommands.checkStatus);
		assert.equal(calls.length, 1);
		assert.equal(calls[0].method, HookStatusRequest.method);
		assert.equal(calls[0].params.uri, Uri.file(path.join(project, 'composer.json')).toString());
		assert.equal((calls[0].params.credentials as { github?: string }).github, TOKENS.github);
		assert.deepEqual(vscodeState.sessionRequests[0], { provider: 'github', scopes: ['read:repo_hook'], options: { silent: true } });
		assert.equal((calls[0].params.settings as { baseUrls: { packagist: string } }).baseUrls.packagist, fake.bases.packagist);
		const rows = treeRows(HOOKS_VIEW);
		assert.equal(rows[0].item.label, 'acme/alpha');
		assert.equal(rows[0].item.description, 'ok');
		assert.equal(rows[0].item.contextValue, 'hookPackage.withSettings');
		const children = treeRows(HOOKS_VIEW, rows[0].node);
		assert.deepEqual(children.map((c) => c.item.label).slice(0, 3), ['Hook', 'Freshness', 'Package page marker']);
		assert.match(String(children[0].item.description), /^ok — The Packagist webhook/);
		assert.equal(children[3].item.command?.command, 'vscode.open', 'the advice opens its link');
		assert.equal(vscodeState.contexts['composerRepositories.hooks.hasResults'], true);
		assert.ok(vscodeState.executed.some((e) => e[0] === `${HOOKS_VIEW}.focus`));
		await until('the result message', () => vscodeState.messages.length > 0);
		assert.equal(lastMessage().level, 'info');
		assert.match(lastMessage().text, /^acme\/alpha — verdict: ok\. Nothing to do/);
		assert.ok(vscodeState.progress[0].cancellable);
	});

	test('a problem: an error message whose button opens the hook settings', async () => {
		vscodeState.sessions.github = TOKENS.github;
		vscodeState.inputs.push('acme/nohook');
		vscodeState.answer = (m) => (m.items.includes(OPEN) ? OPEN : undefined);
		await run(HookCommands.checkStatus);
		assert.equal(calls[0].params.package, 'acme/nohook');
		await until('the link to open', () => vscodeState.opened.length > 0);
		assert.equal(lastMessage().level, 'error');
		assert.match(lastMessage().text, /^acme\/nohook — verdict: problem\. Add the Packagist hook/);
		assert.deepEqual(vscodeState.opened, ['https://github.com/acme/nohook/settings/hooks']);
	});

	test('no GitHub sign-in: the hook is unknown, and "Sign in to GitHub" signs in and checks again', async () => {
		vscodeState.interactive.github = 'signedInGhTok9876';
		vscodeState.answer = (m) => (m.items.includes('Sign in to GitHub') ? 'Sign in to GitHub' : undefined);
		await run(HookCommands.checkStatus, 'acme/noadmin');
		assert.equal((calls[0].params.credentials as { github?: string }).github, undefined);
		await until('the second check', () => calls.length === 2);
		assert.deepEqual(vscodeState.sessionRequests.at(-1)?.options, { createIfNone: true });
		assert.equal((calls[1].params.credentials as { github?: string }).github, 'signedInGhTok9876');
	});

	test('List Sync Warnings: vendor, progress to 100 %, the view replaced, problems first, a summary', async () => {
		vscodeState.sessions.github = TOKENS.github;
		await secrets.store(SecretKeys.gitlab, TOKENS.gitlab);
		await secrets.store(SecretKeys.bitbucket, TOKENS.bitbucket);
		vscodeState.picks.push('A vendor');
		vscodeState.inputs.push('acme');
		await run(HookCommands.listWarnings);
		const creds = calls[0].params.credentials as Record<string, string>;
		assert.deepEqual([creds.github, creds.gitlab, creds.bitbucket], [TOKENS.github, TOKENS.gitlab, TOKENS.bitbucket]);
		const reports = vscodeState.progress[0].reports;
		assert.ok(reports.length >= 2, JSON.stringify(reports));
		assert.equal(Math.round(reports.reduce((sum, r) => sum + (r.increment ?? 0), 0)), 100);
		assert.match(reports.at(-1)?.message ?? '', /^7\/7/);
		const rows = treeRows(HOOKS_VIEW);
		assert.deepEqual(rows.map((r) => `${r.item.label}:${String(r.item.description)}`), [
			'acme/beta:problem', 'acme/failing:problem', 'acme/nohook:problem', 'acme/delta:warning', 'acme/alpha:ok', 'acme/gamma:ok', 'acme/retired:abandoned, not checked',
		]);
		assert.match(lastMessage().text, /^7 packages: 3 with problems, 1 with warnings, 2 ok\.$/);
	});

	test('cancelling the progress cancels the request in the server; the view keeps what it had', async () => {
		vscodeState.picks.push('A Packagist user (maintainer)');
		vscodeState.inputs.push('jdoe');
		vscodeState.cancelWhen = () => true;
		const before = treeRows(HOOKS_VIEW).map((r) => r.item.label);
		await run(HookCommands.listWarnings);
		assert.equal(lastMessage().text, 'Cancelled.');
		assert.deepEqual(treeRows(HOOKS_VIEW).map((r) => r.item.label), before);
	});

	test('Refresh runs the last listing again, bypassing the server\'s cache', async () => {
		vscodeState.sessions.github = TOKENS.github;
		await run(HookCommands.refresh);
		// The cancelled listing (jdoe) did not replace the view, so its source is still the vendor acme.
		assert.equal(calls[0].params.vendor, 'acme');
		assert.equal(calls[0].params.user, undefined);
		assert.equal(calls[0].params.refresh, true);
	});

	test('Trigger Update: asks for the Packagist token first, warns (modal) without a working hook, sends nothing when declined', async () => {
		await secrets.delete(SecretKeys.packagistUsername);
		await secrets.delete(SecretKeys.packagistToken);
		vscodeState.sessions.github = TOKENS.github;
		vscodeState.inputs.push('jdoe', TOKENS.packagist.token);
		vscodeState.answer = (m) => (m.items.includes('Set Packagist API Token') ? 'Set Packagist API Token' : undefined);
		const before = fake.updates.length;
		await run(HookCommands.triggerUpdate, 'acme/nohook');
		assert.equal(secrets.values.get(SecretKeys.packagistToken), TOKENS.packagist.token);
		assert.equal(vscodeState.inputRequests[1].password, true, 'the token is typed into a password box');
		const modal = vscodeState.messages.find((m) => m.modal);
		assert.ok(modal, 'a modal warning');
		assert.match(modal.text, /No working Packagist hook was found for acme\/nohook/);
		assert.match(modal.detail ?? '', /hides the missing hook/);
		assert.deepEqual(modal.items, ['Update Anyway']);
		assert.equal(fake.updates.length, before, 'declined: no update sent');
	});

	test('Trigger Update, confirmed: the job result; a healthy hook needs no confirmation', async () => {
		vscodeState.sessions.github = TOKENS.github;
		vscodeState.answer = (m) => (m.modal ? 'Update Anyway' : undefined);
		await run(HookCommands.triggerUpdate, 'acme/nohook');
		assert.equal(lastMessage().text, 'Packagist updated acme/nohook: Update of acme/nohook complete');
		const update = calls.find((c) => c.method === 'composerRepositories/hooks/update')!;
		assert.deepEqual(update.params.credentials, { packagist: TOKENS.packagist }, 'only the Packagist credentials go with an update');
		vscodeState.messages.length = 0;
		await run(HookCommands.triggerUpdate, 'acme/alpha');
		assert.ok(!vscodeState.messages.some((m) => m.modal));
		assert.match(lastMessage().text, /^Packagist updated acme\/alpha/);
	});

	test('a failed update: an error with its details in the output channel', async () => {
		vscodeState.sessions.github = TOKENS.github;
		vscodeState.answer = (m) => (m.modal ? 'Update Anyway' : m.items.includes('Show Details') ? 'Show Details' : undefined);
		await run(HookCommands.triggerUpdate, 'acme/failing');
		assert.match(lastMessage().text, /did not complete \(failed\)/);
		assert.ok(channel.lines.some((l) => l.includes('Reading composer.json of acme/failing')));
		assert.ok(vscodeState.executed.some((e) => e[0] === 'output.show'));
	});

	test('tree actions open Packagist and the hook settings', async () => {
		const node = treeRows(HOOKS_VIEW).find((r) => r.item.label === 'acme/failing')!.node;
		await run(HookCommands.openOnPackagist, node);
		await run(HookCommands.openHookSettings, node);
		assert.deepEqual(vscodeState.opened, [`${fake.bases.packagist}/packages/acme/failing`, 'https://github.com/acme/failing/settings/hooks/412345678']);
	});

	test('tokens: stored in secret storage only, and forgotten on request', async () => {
		vscodeState.inputs.push(TOKENS.gitlab);
		await run(HookCommands.setGitLabToken);
		assert.equal(secrets.values.get(SecretKeys.gitlab), TOKENS.gitlab);
		assert.equal(vscodeState.inputRequests[0].password, true);
		await run(HookCommands.forgetTokens);
		assert.equal(secrets.values.size, 0);
	});

	test('no secret reached the output channel', () => {
		const text = channel.lines.join('\n');
		for (const s of allSecrets()) {
			assert.ok(!text.includes(s), `${s.slice(0, 6)}… in the output channel`);
		}
	});
});

describe('the redacting output channel under a verbose protocol trace', () => {
	async function traceInto(target: vscode.LogOutputChannel, params: unknown): Promise<void> {
		const a = new PassThrough();
		const b = new PassThrough();
		const client = createMessageConnection(new StreamMessageReader(a), new StreamMessageWriter(b));
		const server = createMessageConnection(new StreamMessageReader(b), new StreamMessageWriter(a));
		server.onRequest(HookStatusRequest.method, (p: { credentials: unknown }) => ({ echoed: p.credentials }));
		server.listen();
		client.listen();
		// What the LanguageClient does with `trace.server: verbose`: message and data into its trace channel.
		await client.trace(Trace.Verbose, { log: (m: string, data?: string) => target.trace(data ? `${m}\n${data}` : m) });
		await client.sendRequest(HookStatusRequest.method, params);
		client.dispose();
		server.dispose();
	}

	const params = { package: 'acme/alpha', settings: { baseUrls: {}, readMarker: true }, credentials: { github: TOKENS.github, packagist: { username: 'jdoe', token: TOKENS.packagist.token } } };

	test('params and result are traced with every secret masked', async () => {
		const redactor = (globalThis as { __redactor?: SecretRedactor }).__redactor!;
		redactor.add(TOKENS.github);
		redactor.add(TOKENS.packagist.token);
		const lines = new FakeLogChannel();
		await traceInto(redactingLogChannel(lines as unknown as vscode.LogOutputChannel, redactor), params);
		const text = lines.lines.join('\n');
		assert.match(text, /Params: /);
		assert.match(text, /"github": "\*\*\*"/);
		assert.match(text, /Result: /);
		assert.ok(!text.includes(TOKENS.github) && !text.includes(TOKENS.packagist.token), text);
	});

	test('control: the same trace on a plain channel shows the token (so the test above can fail)', async () => {
		const lines = new FakeLogChannel();
		await traceInto(lines as unknown as vscode.LogOutputChannel, params);
		assert.ok(lines.lines.join('\n').includes(TOKENS.github));
	});

	test('Error objects and other writers are masked too', () => {
		const redactor = new SecretRedactor();
		redactor.add('s3cr3t-value-1');
		const lines = new FakeLogChannel();
		const out = redactingLogChannel(lines as unknown as vscode.LogOutputChannel, redactor);
		out.error(new Error('failed with s3cr3t-value-1'));
		out.appendLine('x s3cr3t-value-1 y');
		out.info('base64 ' + Buffer.from('s3cr3t-value-1').toString('base64'));
		assert.deepEqual(lines.lines, ['[error] failed with ***', '[appendLine] x *** y', '[info] base64 ***']);
		assert.equal(out.name, 'fake');
	});
});

