// The server's own workspace-trust gate for the hook requests (the client refuses too, but the server must not
// rely on it): the BUILT server started with `trusted: false` refuses every hook request with a readable error
// and not one request reaches the fake services; after the trust notification the same requests work. A server
// started without initializationOptions (other editors) counts as trusted. Plus the WorkspaceTrust unit itself.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { WORKSPACE_TRUST_NOTIFICATION, type InitializationOptions, type WorkspaceTrustParams } from '../../protocol/ext';
import {
	HookStatusRequest, HookUpdateRequest, HookWarningsRequest, type HookReport, type HookSettings,
} from '../../protocol/hooks';
import { WorkspaceTrust } from '../../server/src/lsp/workspaceTrust';
import { gitRedirectEnv, startFakePackagist, type FakePackagist } from '../helpers/fakePackagist';
import { removeDir, tempDir } from '../helpers/gitRepo';
import { SERVER_COMMANDS, startHarness, type Harness } from '../server/lspHarness';
import { ALL_CREDENTIALS, buildLibrary, scenarioPackages, TOKENS } from './hooksSetup';

const work = tempDir('cr-hooks-trust-');
let fake: FakePackagist;
let settings: HookSettings;
const harnesses: Harness[] = [];

before(async () => {
	fake = await startFakePackagist(scenarioPackages(buildLibrary(work)), TOKENS);
	settings = { baseUrls: fake.bases, readMarker: true };
	Object.assign(process.env, { XDG_CACHE_HOME: path.join(work, 'cache') }, gitRedirectEnv(fake));
});

after(async () => {
	for (const h of harnesses) {
		await h.stop();
	}
	await fake?.close();
	removeDir(work);
});

async function start(options?: InitializationOptions): Promise<Harness> {
	const harness = await startHarness(SERVER_COMMANDS[0].args, options);
	harnesses.push(harness);
	return harness;
}

const refusedUntrusted = (e: unknown): boolean =>
	e instanceof ResponseError && e.code === -32600 && /untrusted workspace/.test(e.message);

describe('hook requests in an untrusted workspace', () => {
	test('refused with a clear error and no request reaches any service; after the trust notification they work', async () => {
		const harness = await start({ locale: 'en', trusted: false });
		const project = path.join(work, 'project');
		fs.mkdirSync(project, { recursive: true });
		fs.writeFileSync(path.join(project, 'composer.json'), JSON.stringify({ name: 'acme/alpha' }));
		const uri = pathToFileURL(path.join(project, 'composer.json')).toString();
		const before = fake.requests.length;

		await assert.rejects(harness.connection.sendRequest(HookStatusRequest.method, { package: 'acme/alpha', settings, credentials: ALL_CREDENTIALS }), refusedUntrusted);
		await assert.rejects(harness.connection.sendRequest(HookStatusRequest.method, { uri, settings, credentials: ALL_CREDENTIALS }), refusedUntrusted);
		await assert.rejects(harness.connection.sendRequest(HookWarningsRequest.method, { vendor: 'acme', settings, credentials: ALL_CREDENTIALS }), refusedUntrusted);
		await assert.rejects(harness.connection.sendRequest(HookUpdateRequest.method, { package: 'acme/alpha', settings, credentials: ALL_CREDENTIALS }), refusedUntrusted);
		assert.equal(fake.requests.length, before, `requests reached the fake: ${JSON.stringify(fake.requests.slice(before))}`);

		await harness.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true } satisfies WorkspaceTrustParams);
		const report = await harness.connection.sendRequest<HookReport>(HookStatusRequest.method, { package: 'acme/alpha', settings, credentials: ALL_CREDENTIALS });
		assert.equal(report.verdict, 'ok', JSON.stringify(report.signals));
		assert.ok(fake.requests.length > before, 'the trusted request reached the fake');
	});

	test('a server started without initializationOptions (other editors) is trusted, as before', async () => {
		const harness = await start();
		const report = await harness.connection.sendRequest<HookReport>(HookStatusRequest.method, { package: 'acme/alpha', settings, credentials: ALL_CREDENTIALS });
		assert.equal(report.package, 'acme/alpha');
	});
});

describe('WorkspaceTrust', () => {
	test('initialize: only an explicit trusted: false distrusts; listeners hear changes only', () => {
		const trust = new WorkspaceTrust();
		const heard: boolean[] = [];
		const remove = trust.onDidChange((t) => heard.push(t));
		trust.initialize({ initializationOptions: undefined });
		assert.equal(trust.isTrusted, true);
		trust.initialize({ initializationOptions: { locale: 'en' } });
		assert.equal(trust.isTrusted, true);
		trust.initialize({ initializationOptions: { locale: 'en', trusted: false } });
		assert.equal(trust.isTrusted, false);
		trust.initialize({ initializationOptions: { locale: 'en', trusted: true } });
		assert.equal(trust.isTrusted, true);
		assert.deepEqual(heard, [false, true]);
		remove();
		trust.initialize({ initializationOptions: { trusted: false } });
		assert.deepEqual(heard, [false, true]);
	});
});
