// The built server's resolution over stdio, against real repositories (git on disk, path, artifact, a composer
// repository and a packagist.org stand-in on 127.0.0.1): a standalone server resolves without settings, trust
// and the setting gate every process and request, progress is reported and cancellable, open documents are
// validated again when resolution progresses, and credentials never reach the log. Processes are counted by
// recording wrappers first on the server's PATH, requests by the loopback servers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import {
	CompletionRequest,
	DidOpenTextDocumentNotification,
	type ProgressToken,
} from 'vscode-languageserver-protocol/node';
import { WORKSPACE_TRUST_NOTIFICATION } from '../../protocol/ext';
import type { ResolutionReport } from '../../server/src/resolution/types';
import { neverEnds, requireAuth, json } from '../helpers/loopbackServer';
import { recordingPath, type RecordingPath } from '../helpers/recordingPath';
import { COMPOSER_PACKAGE, createResolutionWorkspace, GIT_PACKAGE, PACKAGIST_PACKAGE, type ResolutionWorkspace } from '../helpers/resolutionWorkspace';
import { SERVER_COMMANDS, settingsChanged, startHarness, type Harness, type HarnessOptions } from './lspHarness';

const SECRET = 'hunter2-lsp';
let ws: ResolutionWorkspace;
let recorder: RecordingPath;

before(async () => {
	ws = await createResolutionWorkspace({
		composerRoutes: {
			'/slow/packages.json': { ...json({ packages: { 'slow/pkg': { '1.0.0': { name: 'slow/pkg', version: '1.0.0' } } } }), delayMs: 1500 },
			'/hang/packages.json': neverEnds(),
			'/private/packages.json': requireAuth('Basic never-sent', json({ packages: {} })),
		},
	});
	recorder = recordingPath(ws.root);
	writeFileSync(ws.composerJson, ws.text());
});
after(async () => {
	await ws.close();
});

function serverEnv(): HarnessOptions['env'] {
	return { ...ws.env, PATH: `${recorder.bin}:${process.env.PATH ?? ''}`, COMPOSER_DISABLE_NETWORK: undefined };
}

async function open(harness: Harness, text: string, uri = ws.uri): Promise<void> {
	await harness.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
}

const settled = (r: ResolutionReport) => r.enabled && !r.pending;

function requestCount(): number {
	return ws.composer.requests.length + ws.packagist.requests.length;
}

describe('resolution in the language server over stdio', () => {
	for (const command of SERVER_COMMANDS) {
		test(`${command.label}: a standalone server without settings or trust options resolves`, async () => {
			const harness = await startHarness(command.args, undefined, { env: serverEnv() });
			try {
				await open(harness, ws.text());
				const report = await harness.waitForStatus({ uri: ws.uri, names: [GIT_PACKAGE, COMPOSER_PACKAGE, PACKAGIST_PACKAGE] }, settled, 'resolution settling');
				assert.equal(report.trusted, true);
				assert.deepEqual(report.repositories.map((r) => r.state), ['ok', 'ok', 'ok', 'ok', 'ok']);
				assert.deepEqual(report.lookups.map((l) => l.lookup.state), ['found', 'found', 'found']);
				const log = report.lookups[2].lookup;
				assert.ok(log.state === 'found' && log.repository === 'packagist.org' && log.details.versions.some((v) => v.version === '3.0.2'));
				assert.ok(report.platform.some((p) => p.name === 'php'), 'the local PHP was asked');
			} finally {
				assert.equal(await harness.stop(), 0);
			}
		});
	}

	test('untrusted: statuses say why, zero processes and zero requests; trusting the workspace starts resolution', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: false }, { env: serverEnv() });
		const processes = recorder.calls().length;
		const requests = requestCount();
		try {
			await open(harness, ws.text());
			await harness.nextDiagnostics(ws.uri);
			const report = await harness.status({ uri: ws.uri, names: [GIT_PACKAGE] });
			assert.equal(report.trusted, false);
			assert.ok(report.repositories.every((r) => r.state === 'skipped' && /not trusted/.test(r.reason ?? '')), JSON.stringify(report.repositories));
			assert.equal(report.lookups[0].lookup.state, 'unknown');
			// Completion and hover ask the provider too: still nothing may start.
			await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: ws.uri }, position: { line: 1, character: 5 } });
			await harness.status({ uri: ws.uri });
			assert.deepEqual(recorder.calls().slice(processes), []);
			assert.equal(requestCount(), requests);

			await harness.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
			const trusted = await harness.waitForStatus({ uri: ws.uri }, settled, 'resolution after trust');
			assert.equal(trusted.trusted, true);
			assert.deepEqual(trusted.repositories.map((r) => r.state), ['ok', 'ok', 'ok', 'ok', 'ok']);
			assert.ok(recorder.calls().slice(processes).some((c) => c.startsWith('git ')));
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});

	test('composerRepositories.resolve.enable=false: nothing is resolved for the document, no request, no process', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true }, { env: serverEnv() });
		const processes = recorder.calls().length;
		const requests = requestCount();
		try {
			harness.settings.set(ws.uri, { resolve: { enable: false } });
			await open(harness, ws.text());
			await harness.nextDiagnostics(ws.uri);
			const report = await harness.status({ uri: ws.uri, names: [GIT_PACKAGE] });
			assert.equal(report.enabled, false);
			assert.deepEqual(report.repositories, []);
			assert.equal(requestCount(), requests);
			assert.deepEqual(recorder.calls().slice(processes), []);
			// Turned on again: the next validation hands the document to resolution.
			harness.settings.set(ws.uri, { resolve: { enable: true } });
			await settingsChanged(harness);
			await harness.waitForStatus({ uri: ws.uri }, settled, 'resolution after the setting is turned on');
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});

	test('a slow repository shows a cancellable progress; the document is validated again when resolution progresses', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true }, { env: serverEnv(), workDoneProgress: true });
		try {
			const slow = { type: 'composer', url: `${ws.composer.url}/slow` };
			await open(harness, ws.text({ repositories: [ws.repositories[1], slow, { 'packagist.org': false }], require: { 'slow/pkg': '^1.0' } }));
			const first = await harness.nextDiagnostics(ws.uri);
			assert.equal(first.version, 1);
			// Completion answers at once with what is known: the slow repository has not answered yet.
			await harness.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: ws.uri }, position: { line: 1, character: 5 } });
			assert.equal((await harness.status({ uri: ws.uri })).pending, true);
			// Validated again, same version, without any edit, once resolution has progressed.
			const again = await harness.nextDiagnostics(ws.uri);
			assert.equal(again.version, 1);
			const report = await harness.waitForStatus({ uri: ws.uri, names: ['slow/pkg'] }, settled, 'the slow repository');
			assert.equal(report.lookups[0].lookup.state, 'found');
			const [token] = harness.progress.created;
			assert.ok(token !== undefined, 'a progress was created');
			const values = harness.progress.values.filter((v) => v.token === token).map((v) => v.value);
			assert.equal(values[0].kind, 'begin');
			assert.equal(values[0].cancellable, true);
			assert.match(values[0].message ?? '', /^Resolving \d of 2 repositories…$/);
			assert.equal(values.at(-1)?.kind, 'end');
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});

	test('cancelling the progress stops the round: the hanging request is closed, the repository is skipped', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true }, { env: serverEnv(), workDoneProgress: true });
		try {
			const total = ws.composer.requests.length;
			await open(harness, ws.text({ repositories: [{ type: 'composer', url: `${ws.composer.url}/hang` }, { 'packagist.org': false }], require: {} }));
			await ws.composer.waitForRequests(total + 1);
			const request = ws.composer.requests[total];
			const token = await waitForToken(harness);
			await harness.cancelProgress(token);
			await ws.composer.waitForClose(request.connection);
			const report = await harness.waitForStatus({ uri: ws.uri }, settled, 'the cancelled round');
			assert.equal(report.repositories[0].state, 'skipped');
			assert.match(report.repositories[0].reason ?? '', /Cancelled/);
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});

	test('credentials in a repository URL never reach the log, a status or stderr', async () => {
		const harness = await startHarness(SERVER_COMMANDS[0].args, { locale: 'en', trusted: true }, { env: serverEnv() });
		try {
			const url = ws.composer.url.replace('http://', `http://user:${SECRET}@`) + '/private';
			await open(harness, ws.text({ repositories: [{ type: 'composer', url }, { 'packagist.org': false }], require: { 'acme/private': '*' } }));
			const report = await harness.waitForStatus({ uri: ws.uri, names: ['acme/private'] }, settled, 'the private repository');
			assert.equal(report.repositories[0].state, 'error');
			assert.ok(harness.logs.some((l) => l.includes('/private')), `the failure is logged: ${harness.logs.join('\n')}`);
			const everything = JSON.stringify([harness.logs, report, harness.stderr()]);
			assert.ok(!everything.includes(SECRET), everything);
		} finally {
			assert.equal(await harness.stop(), 0);
		}
	});
});

async function waitForToken(harness: Harness): Promise<ProgressToken> {
	const deadline = Date.now() + 15_000;
	while (harness.progress.created.length === 0 || !harness.progress.values.some((v) => v.token === harness.progress.created[0] && v.value.kind === 'begin')) {
		if (Date.now() > deadline) {
			throw new Error('no progress began');
		}
		await harness.status({ uri: ws.uri });
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return harness.progress.created[0];
}
