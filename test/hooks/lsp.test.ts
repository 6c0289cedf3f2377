// The hooks requests of the BUILT language server (dist/server.js over stdio, as the VS Code client reaches it):
// status by package and by composer.json URI, warnings with progress notifications, the short-lived listing cache
// and its refresh, cancellation, InvalidParams for bad input, and no token in any answer, log line or stderr.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import {
	HookProgressNotification, HookStatusRequest, HookUpdateRequest, HookWarningsRequest, type HookReport, type HookSettings,
} from '../../protocol/hooks';
import { gitRedirectEnv, startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { git, removeDir, tempDir } from '../helpers/gitRepo';
import { SERVER_COMMANDS, startHarness, type Harness } from '../server/lspHarness';
import { ALL_CREDENTIALS, buildLibrary, scenarioPackages, SECRETS, TOKENS } from './hooksSetup';

const work = tempDir('cr-hooks-lsp-');
let fake: FakePackagist;
let harness: Harness;
let settings: HookSettings;

before(async () => {
	fake = await startFakePackagist(scenarioPackages(buildLibrary(work)), TOKENS);
	settings = { baseUrls: fake.bases, readMarker: true };
	// The server inherits this process's environment: a private cache folder, git redirected to the fake.
	Object.assign(process.env, { XDG_CACHE_HOME: path.join(work, 'cache') }, gitRedirectEnv(fake));
	harness = await startHarness(SERVER_COMMANDS[0].args);
});

after(async () => {
	await harness?.stop();
	await fake?.close();
	removeDir(work);
});

function assertNoSecret(text: string): void {
	for (const s of SECRETS) {
		assert.ok(!text.includes(s), `secret ${s.slice(0, 6)}… in ${text.slice(0, 200)}`);
	}
}

describe('hooks requests of the language server', () => {
	test('status of a named package', async () => {
		const report = await harness.connection.sendRequest<HookReport>(HookStatusRequest.method, { package: 'acme/legacy', settings, credentials: ALL_CREDENTIALS } satisfies HookStatusRequest.Params);
		assert.equal(report.package, 'acme/legacy');
		assert.equal(report.verdict, 'warning');
		assert.match(report.signals[0].detail, /apiToken=\*\*\*/);
		assertNoSecret(JSON.stringify(report));
	});

	test('status of the composer.json a document URI names, with its git remote', async () => {
		const project = path.join(work, 'project');
		fs.mkdirSync(project, { recursive: true });
		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'acme/alpha' }));
		git(project, ['init', '--quiet']);
		git(project, ['remote', 'add', 'origin', 'git@github.com:acme/alpha.git']);
		const uri = pathToFileURL(path.join(project, 'composer.json')).toString();
		const report = await harness.connection.sendRequest<HookReport>(HookStatusRequest.method, { uri, settings, credentials: ALL_CREDENTIALS });
		assert.equal(report.verdict, 'ok', JSON.stringify(report.signals));
		assert.equal(report.repository, 'https://github.com/acme/alpha');
	});

	test('bad input is InvalidParams with a readable message', async () => {
		await assert.rejects(harness.connection.sendRequest(HookStatusRequest.method, { package: 'no name', settings, credentials: {} }),
			(e: unknown) => e instanceof ResponseError && e.code === -32602 && /not a package name/.test(e.message));
		await assert.rejects(harness.connection.sendRequest(HookStatusRequest.method, { uri: 'untitled:Untitled-1', settings, credentials: {} }),
			(e: unknown) => e instanceof ResponseError && e.code === -32602 && /composer\.json saved on disk/.test(e.message));
		await assert.rejects(harness.connection.sendRequest(HookStatusRequest.method, { package: 'acme/alpha', settings: { baseUrls: { packagist: 'http://packagist.example.com' }, readMarker: true }, credentials: {} }),
			(e: unknown) => e instanceof ResponseError && e.code === -32602 && /https/.test(e.message));
	});

	test('warnings: progress notifications, problems first; a second call is answered from the cache; refresh re-checks', async () => {
		const progress: HookProgressNotification.Params[] = [];
		const listener = harness.connection.onNotification(HookProgressNotification.method, (p: HookProgressNotification.Params) => {
			progress.push(p);
		});
		const params: HookWarningsRequest.Params = { vendor: 'acme', progressId: 'p1', settings, credentials: ALL_CREDENTIALS };
		const first = await harness.connection.sendRequest<HookWarningsRequest.Result>(HookWarningsRequest.method, params);
		assert.deepEqual(first.packages.map((p) => p.verdict), ['problem', 'problem', 'problem', 'warning', 'ok', 'ok', 'unknown']);
		assert.ok(progress.some((p) => p.progressId === 'p1' && p.done === 7 && p.total === 7), JSON.stringify(progress));
		assert.ok(progress.some((p) => p.package === 'acme/alpha'));
		const before = fake.requests.length;
		const second = await harness.connection.sendRequest<HookWarningsRequest.Result>(HookWarningsRequest.method, params);
		assert.deepEqual(second.packages.map((p) => p.package), first.packages.map((p) => p.package));
		assert.equal(fake.requests.length, before, 'answered from the listing cache');
		await harness.connection.sendRequest(HookWarningsRequest.method, { ...params, refresh: true });
		assert.ok(fake.requests.length > before, 'refresh asks again');
		listener.dispose();
		assertNoSecret(JSON.stringify(first));
	});

	test('a cancelled warnings request answers RequestCancelled', async () => {
		const source = new CancellationTokenSource();
		const listener = harness.connection.onNotification(HookProgressNotification.method, (p: HookProgressNotification.Params) => {
			// The first notification (0 of 7) comes before any package is checked.
			if (p.progressId === 'cancel-me') {
				source.cancel();
			}
		});
		await assert.rejects(
			harness.connection.sendRequest(HookWarningsRequest.method, { vendor: 'acme', progressId: 'cancel-me', refresh: true, settings, credentials: ALL_CREDENTIALS }, source.token),
			(e: unknown) => e instanceof ResponseError && e.code === -32800,
		);
		listener.dispose();
	});

	test('update: the job result, and a refusal for wrong credentials', async () => {
		const ok = await harness.connection.sendRequest<HookUpdateRequest.Result>(HookUpdateRequest.method, { package: 'acme/alpha', settings, credentials: ALL_CREDENTIALS });
		assert.equal(ok.status, 'completed');
		const refused = await harness.connection.sendRequest<HookUpdateRequest.Result>(HookUpdateRequest.method, { package: 'acme/alpha', settings, credentials: { packagist: { username: 'jdoe', token: 'notTheTokenZZ99' } } });
		assert.equal(refused.status, 'rejected');
		assert.ok(!JSON.stringify(refused).includes('notTheTokenZZ99'));
	});

	test('no token in the server\'s log or stderr', () => {
		assertNoSecret(harness.logs.join('\n') + harness.stderr());
	});
});
