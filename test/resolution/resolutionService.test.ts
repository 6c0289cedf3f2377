// The resolution service against real repositories: a git repository, a path and an artifact repository, a
// composer repository and a packagist.org stand-in on 127.0.0.1. Requests are counted on the loopback servers
// and processes by a recording runner, so "only that one" and "nothing at all" are measured, not assumed.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { PackageLookup, RepositorySnapshot } from '../../server/src/service/liveData';
import { neverEnds } from '../helpers/loopbackServer';
import {
	COMPOSER_PACKAGE, createResolutionWorkspace, GIT_PACKAGE, PACKAGIST_PACKAGE, PATH_PACKAGE, ZIP_PACKAGE, type ResolutionWorkspace,
} from '../helpers/resolutionWorkspace';
import { model, serviceHarness } from './serviceHarness';

function found(lookup: PackageLookup): Extract<PackageLookup, { state: 'found' }> {
	assert.equal(lookup.state, 'found', JSON.stringify(lookup));
	return lookup as Extract<PackageLookup, { state: 'found' }>;
}

function versions(snapshot: RepositorySnapshot, name: string): string[] {
	return found(snapshot.lookup(name)).details.versions.map((v) => v.version);
}

let ws: ResolutionWorkspace;
before(async () => {
	ws = await createResolutionWorkspace({ composerRoutes: { '/hang/packages.json': neverEnds() } });
});
after(async () => {
	await ws.close();
});

describe('resolution service', () => {
	test('resolves every repository in the background; update and snapshot return at once', async () => {
		const h = serviceHarness(ws);
		try {
			const doc = model(ws.text());
			const started = performance.now();
			h.service.update(ws.uri, doc);
			const first = h.service.snapshot(doc, ws.uri)!;
			assert.ok(performance.now() - started < 200, 'update and snapshot must not wait for any repository');
			assert.equal(first.pending, true);
			assert.deepEqual(first.repositories.map((r) => r.state), ['pending', 'pending', 'pending', 'pending', 'pending']);
			assert.equal(first.lookup(GIT_PACKAGE).state, 'pending');

			const snapshot = await h.settle(ws.uri, doc);
			assert.deepEqual(snapshot.repositories.map((r) => [r.entryIndex, r.type, r.state]), [
				[0, 'vcs', 'ok'], [1, 'path', 'ok'], [2, 'artifact', 'ok'], [3, 'composer', 'ok'], [undefined, 'composer', 'ok'],
			]);
			assert.equal(snapshot.repositories[4].label, 'packagist.org');
			assert.deepEqual(versions(snapshot, GIT_PACKAGE), ['v1.1.0', 'v1.0.0', 'dev-main', 'dev-feature']);
			assert.deepEqual(versions(snapshot, PATH_PACKAGE), ['2.0.0']);
			assert.deepEqual(versions(snapshot, ZIP_PACKAGE), ['3.0.0']);
			assert.deepEqual(versions(snapshot, COMPOSER_PACKAGE), ['1.2.0', '1.0.0']);
			const log = found(snapshot.lookup(PACKAGIST_PACKAGE));
			assert.equal(log.repository, 'packagist.org');
			// Semver::rsort: the default branch (dev-master) counts as 9999999-dev, above its 3.x-dev alias.
			assert.deepEqual(log.details.versions.map((v) => [v.version, v.aliasOf ?? '']), [['dev-master', ''], ['3.x-dev', 'dev-master'], ['3.0.2', ''], ['2.0.0', ''], ['1.1.4', '']]);
			assert.equal(log.details.description, 'Common interface for logging libraries');
			assert.equal(log.details.sourceUrl, 'https://github.com/php-fig/log.git');
			assert.equal(found(snapshot.lookup(COMPOSER_PACKAGE)).entryIndex, 3);
			// Each repository's data says when it was fetched and how long it took.
			assert.ok(snapshot.repositories.every((r) => typeof r.fetchedAt === 'number' && typeof r.durationMs === 'number'));
		} finally {
			h.service.dispose();
		}
	});

	test('a name nobody requires is loaded when asked (pending first), then found or missing', async () => {
		const h = serviceHarness(ws);
		try {
			const doc = model(ws.text({ require: {} }));
			await h.settle(ws.uri, doc);
			const snapshot = h.service.snapshot(doc, ws.uri)!;
			assert.equal(snapshot.lookup('monolog/monolog').state, 'pending');
			assert.equal(snapshot.lookup('nobody/has-this').state, 'pending');
			const changes = h.changes;
			await h.until(() => h.service.snapshot(doc, ws.uri)!.lookup('monolog/monolog').state !== 'pending', 'monolog/monolog loading');
			assert.ok(h.changes > changes, 'the service says when a name arrived, so diagnostics can be published again');
			const after = h.service.snapshot(doc, ws.uri)!;
			assert.equal(found(after.lookup('monolog/monolog')).details.versions[0].version, '3.5.0');
			await h.until(() => h.service.snapshot(doc, ws.uri)!.lookup('nobody/has-this').state !== 'pending', 'nobody/has-this loading');
			assert.deepEqual(after.lookup('nobody/has-this'), { state: 'missing', shadowed: [], failed: [] });
			// The git repository knows its own package only: a name it lacks is not looked for in git again.
			assert.equal(h.vcsCommands().filter((c) => c.includes('monolog')).length, 0);
		} finally {
			h.service.dispose();
		}
	});

	test('two documents listing the same repositories share one load per repository (in-flight de-duplication)', async () => {
		const h = serviceHarness(ws);
		const composerBefore = ws.composer.requestsTo('/packages.json').length;
		try {
			const doc = model(ws.text());
			const second = `${ws.uri.replace(/composer\.json$/, '')}composer.json?copy`;
			// The same text under a second URI in the same folder: the same repositories, the same context.
			h.service.update(ws.uri, doc);
			h.service.update(second, model(ws.text()));
			await h.settle(ws.uri, doc);
			await h.settle(second, model(ws.text()));
			assert.equal(ws.composer.requestsTo('/packages.json').length - composerBefore, 1, 'the composer repository is read once');
			const clones = h.vcsCommands().filter((c) => / (clone|init) /.test(c));
			assert.ok(clones.length <= 1, `one mirror for the git repository, got: ${clones.join(' | ')}`);
		} finally {
			h.service.dispose();
		}
	});

	test('an edit that changes one repository re-resolves only that one', async () => {
		const h = serviceHarness(ws);
		try {
			const doc = model(ws.text());
			await h.settle(ws.uri, doc);
			const gitRuns = h.vcsCommands().length;
			const composerRuns = ws.composer.requests.length;
			const packagistRuns = ws.packagist.requests.length;
			// The composer repository gets an `only` filter; git, path, artifact and packagist keep their definitions.
			const repositories = [...ws.repositories.slice(0, 3), { ...ws.repositories[3], only: ['acme/*'] }];
			const edited = model(ws.text({ repositories }));
			await h.settle(ws.uri, edited);
			assert.equal(ws.composer.requests.length - composerRuns, 1, 'the changed repository is read again');
			assert.equal(h.vcsCommands().length - gitRuns, 0, 'the git repository keeps its result');
			assert.equal(ws.packagist.requests.length - packagistRuns, 0, 'packagist.org keeps its result');
			assert.deepEqual(versions(h.service.snapshot(edited, ws.uri)!, COMPOSER_PACKAGE), ['1.2.0', '1.0.0']);
		} finally {
			h.service.dispose();
		}
	});

	test('fresh data is served from memory; stale data is served while it is revalidated in the background', async () => {
		const h = serviceHarness(ws, { freshMs: 60_000 });
		try {
			const doc = model(ws.text());
			await h.settle(ws.uri, doc);
			const composerRuns = ws.composer.requests.length;
			const gitRuns = h.vcsCommands().length;
			h.clock.now += 30_000;
			h.service.update(ws.uri, model(ws.text() + ' '));
			assert.equal(ws.composer.requests.length, composerRuns, 'fresh: no request');
			assert.equal(h.vcsCommands().length, gitRuns, 'fresh: no process');

			h.clock.now += 60_000;
			const changes = h.changes;
			const stale = h.service.snapshot(doc, ws.uri)!;
			// Revalidation runs in the background: the old data is served meanwhile, nothing is "pending".
			assert.equal(stale.pending, false);
			assert.deepEqual(versions(stale, COMPOSER_PACKAGE), ['1.2.0', '1.0.0']);
			await h.until(() => ws.composer.requests.length > composerRuns && h.vcsCommands().length > gitRuns && h.changes >= changes + 4, 'repositories revalidated');
			const revalidations = ws.composer.requests.slice(composerRuns);
			assert.equal(revalidations.length, 1);
			assert.ok(revalidations[0].headers['if-none-match'] || revalidations[0].headers['if-modified-since'], 'a conditional request');
			assert.ok(h.vcsCommands().length > gitRuns, 'the git mirror is fetched again');
		} finally {
			h.service.dispose();
		}
	});

	test('a repository removed while it loads is cancelled: its connection closes', async () => {
		const h = serviceHarness(ws);
		try {
			const hanging = { type: 'composer', url: `${ws.composer.url}/hang` };
			const total = ws.composer.requests.length;
			h.service.update(ws.uri, model(ws.text({ repositories: [hanging, { 'packagist.org': false }], require: {} })));
			await ws.composer.waitForRequests(total + 1);
			const request = ws.composer.requests[total];
			assert.equal(request.url, '/hang/packages.json');
			h.service.update(ws.uri, model(ws.text({ repositories: [{ 'packagist.org': false }], require: {} })));
			await ws.composer.waitForClose(request.connection);
			assert.ok(h.logs.some((l) => l.includes('no longer listed, cancelled')), h.logs.join('\n'));
		} finally {
			h.service.dispose();
		}
	});

	test('untrusted: every repository skipped with the reason, zero processes, zero requests', async () => {
		const h = serviceHarness(ws, { trusted: false });
		const requests = ws.composer.requests.length + ws.packagist.requests.length;
		try {
			const doc = model(ws.text());
			h.service.update(ws.uri, doc);
			const snapshot = h.service.snapshot(doc, ws.uri)!;
			assert.equal(snapshot.pending, false);
			assert.ok(snapshot.repositories.length === 5 && snapshot.repositories.every((r) => r.state === 'skipped' && /not trusted/.test(r.reason ?? '')), JSON.stringify(snapshot.repositories));
			assert.deepEqual(snapshot.lookup(GIT_PACKAGE), { state: 'unknown', reason: snapshot.repositories[0].reason });
			assert.deepEqual(snapshot.searchNames('acme', 10), []);
			assert.deepEqual(snapshot.platform, []);
			// Give any stray work a chance to start before counting.
			await new Promise((resolve) => setImmediate(resolve));
			assert.deepEqual(h.runner.calls, []);
			assert.equal(ws.composer.requests.length + ws.packagist.requests.length, requests);

			// Trust granted: resolution starts.
			h.service.setTrusted(true);
			const trusted = await h.settle(ws.uri, doc);
			assert.deepEqual(versions(trusted, PATH_PACKAGE), ['2.0.0']);
		} finally {
			h.service.dispose();
		}
	});

	test('resolve.enable off for a document: no snapshot, no work', async () => {
		const h = serviceHarness(ws);
		const requests = ws.composer.requests.length + ws.packagist.requests.length;
		try {
			const doc = model(ws.text());
			h.service.setEnabled(ws.uri, false);
			h.service.update(ws.uri, doc);
			assert.equal(h.service.snapshot(doc, ws.uri), undefined);
			await new Promise((resolve) => setImmediate(resolve));
			assert.deepEqual(h.runner.calls, []);
			assert.equal(ws.composer.requests.length + ws.packagist.requests.length, requests);
		} finally {
			h.service.dispose();
		}
	});
});
