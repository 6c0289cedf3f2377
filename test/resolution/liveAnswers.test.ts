// What the snapshot answers beyond statuses: package-name search over repositories and packagist.org's name
// list (loaded once), Composer's priority rules in lookups (canonical, only/exclude), platform packages from the
// local PHP, progress of a round and its cancellation, and credentials kept out of logs and statuses.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { json, requireAuth } from '../helpers/loopbackServer';
import { COMPOSER_PACKAGE, createResolutionWorkspace, PACKAGIST_PACKAGE, type ResolutionWorkspace } from '../helpers/resolutionWorkspace';
import { model, serviceHarness } from './serviceHarness';
import type { Activity } from '../../server/src/resolution/workQueue';

const SECRET = 's3cr3t-pa55';
let ws: ResolutionWorkspace;
before(async () => {
	ws = await createResolutionWorkspace({
		composerRoutes: {
			'/private/packages.json': requireAuth('Basic never-sent', json({ packages: {} })),
			'/slow/packages.json': { ...json({ packages: { 'slow/pkg': { '1.0.0': { name: 'slow/pkg', version: '1.0.0' } } } }), delayMs: 400 },
			'/other/packages.json': json({ packages: { [COMPOSER_PACKAGE]: { '9.0.0': { name: COMPOSER_PACKAGE, version: '9.0.0' } }, 'psr/log': { '0.1.0': { name: 'psr/log', version: '0.1.0' } } } }),
		},
	});
});
after(async () => {
	await ws.close();
});

describe('resolution answers', () => {
	test('name search: repositories first by match quality then priority, packagist.org\'s list loaded once', async () => {
		const h = serviceHarness(ws);
		try {
			const doc = model(ws.text({ require: {} }));
			await h.settle(ws.uri, doc);
			const snapshot = h.service.snapshot(doc, ws.uri)!;
			const lists = () => ws.packagist.requestsTo('/packages/list.json').length;
			const before = lists();
			// The first search starts packagist.org's list and answers with what is known (the enumerable repositories).
			// Equally good matches come in priority order (git, path, artifact, composer).
			assert.deepEqual(snapshot.searchNames('acme/', 10).map((m) => m.name), ['acme/git-lib', 'acme/path-lib', 'acme/zip-lib', 'acme/composer-lib']);
			assert.equal(snapshot.pending, true, 'the list is loading: completion is incomplete');
			await h.settle(ws.uri, doc);
			const later = h.service.snapshot(doc, ws.uri)!;
			assert.deepEqual(later.searchNames('psr/', 5).map((m) => [m.name, m.repository]), [['psr/log', 'packagist.org'], ['psr/container', 'packagist.org']]);
			assert.deepEqual(later.searchNames('console', 3).map((m) => m.name), ['symfony/console', 'symfony/console-helper']);
			const composerLib = later.searchNames('composer-lib', 1)[0];
			assert.deepEqual(composerLib, {
				name: COMPOSER_PACKAGE, repository: `composer repo (${ws.composer.url})`, description: 'A library in a composer repository', latest: '1.2.0',
			});
			later.searchNames('mono', 5);
			later.searchNames('sym', 5);
			assert.equal(lists() - before, 1, 'the list is fetched once');
		} finally {
			h.service.dispose();
		}
	});

	test('lookups follow Composer: a canonical repository hides later ones, only/exclude let a name through', async () => {
		const h = serviceHarness(ws);
		try {
			const other = { type: 'composer', url: `${ws.composer.url}/other` };
			const doc = model(ws.text({ repositories: [ws.repositories[3], other], require: { [COMPOSER_PACKAGE]: '*', [PACKAGIST_PACKAGE]: '*' } }));
			const snapshot = await h.settle(ws.uri, doc);
			const lib = snapshot.lookup(COMPOSER_PACKAGE);
			assert.ok(lib.state === 'found');
			assert.deepEqual(lib.details.versions.map((v) => v.version), ['1.2.0', '1.0.0']);
			assert.deepEqual(lib.shadowed, [{ label: `composer repo (${ws.composer.url}/other)`, entryIndex: 1, reason: 'canonical', hiddenBy: `composer repo (${ws.composer.url})` }]);
			// psr/log: the second repository has it and comes before packagist.org, which is then not the provider.
			const log = snapshot.lookup(PACKAGIST_PACKAGE);
			assert.ok(log.state === 'found' && log.repository === `composer repo (${ws.composer.url}/other)`, JSON.stringify(log));

			const filtered = model(ws.text({ repositories: [ws.repositories[3], { ...other, exclude: ['psr/*'] }], require: { [PACKAGIST_PACKAGE]: '*' } }));
			const excluded = await h.settle(ws.uri, filtered);
			const viaPackagist = excluded.lookup(PACKAGIST_PACKAGE);
			assert.ok(viaPackagist.state === 'found' && viaPackagist.repository === 'packagist.org', JSON.stringify(viaPackagist));
			assert.deepEqual(viaPackagist.shadowed.map((s) => [s.entryIndex, s.reason]), [[1, 'exclude']]);
		} finally {
			h.service.dispose();
		}
	});

	test('platform packages come from the local PHP, asked once', async () => {
		// PHP is part of the test machine (scripts/test.mjs installs it as Composer's runtime).
		const phpVersion = execFileSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
		const h = serviceHarness(ws);
		try {
			const doc = model(ws.text({ repositories: [{ 'packagist.org': false }], require: { php: '>=7' } }));
			const snapshot = await h.settle(ws.uri, doc);
			const php = snapshot.platform.find((p) => p.name === 'php');
			assert.equal(php?.version, phpVersion.replace(/^([^~+-]+).*$/, '$1'));
			assert.ok(snapshot.platform.some((p) => p.name === 'ext-json'), 'json is compiled into every PHP 8');
			assert.ok(!snapshot.platform.some((p) => p.name === 'ext-core' || p.name === 'ext-standard'));
			const lookup = snapshot.lookup('PHP');
			assert.ok(lookup.state === 'found' && lookup.repository === 'platform');
			h.service.snapshot(model(ws.text({ repositories: [] })), ws.uri);
			assert.equal(h.runner.calls.filter((c) => c.command === 'php').length, 1);
		} finally {
			h.service.dispose();
		}
	});

	test('a round reports its progress; cancelling it stops its work and says so', async () => {
		const h = serviceHarness(ws);
		const seen: Activity[] = [];
		h.service.onActivity((a) => seen.push(a));
		try {
			const slow = { type: 'composer', url: `${ws.composer.url}/slow` };
			const doc = model(ws.text({ repositories: [ws.repositories[1], slow, { 'packagist.org': false }], require: {} }));
			h.service.update(ws.uri, doc);
			await h.until(() => seen.some((a) => a.total === 2 && a.done === 1), 'one of two repositories done');
			h.service.cancelRound();
			const snapshot = await h.settle(ws.uri, doc);
			assert.deepEqual(snapshot.repositories.map((r) => r.state), ['ok', 'skipped']);
			assert.match(snapshot.repositories[1].reason ?? '', /Cancelled/);
			assert.deepEqual(seen.at(-1), { active: 0, done: 2, total: 2 });
			// A cancelled repository stays as it is on the next edits, until its data would be stale anyway.
			const requests = ws.composer.requestsTo('/slow/packages.json').length;
			h.service.update(ws.uri, model(ws.text({ repositories: [ws.repositories[1], slow, { 'packagist.org': false }], require: { 'slow/pkg': '*' } })));
			assert.equal(ws.composer.requestsTo('/slow/packages.json').length, requests);
		} finally {
			h.service.dispose();
		}
	});

	test('credentials never reach the log nor a status', async () => {
		const h = serviceHarness(ws);
		try {
			const url = ws.composer.url.replace('http://', `http://user:${SECRET}@`) + '/private';
			const doc = model(ws.text({ repositories: [{ type: 'composer', url }, { 'packagist.org': false }], require: { 'acme/private': '*' } }));
			const snapshot = await h.settle(ws.uri, doc);
			assert.equal(snapshot.repositories[0].state, 'error');
			assert.equal(snapshot.repositories[0].errorCode, 'auth');
			const everything = JSON.stringify([h.logs, snapshot.repositories, snapshot.lookup('acme/private')]);
			assert.ok(!everything.includes(SECRET), everything);
			assert.ok(h.logs.some((l) => l.includes('private')), 'the failure is logged');
			// The password was sent (as Basic auth), so the server saw it: the test checks our side only.
			assert.ok(ws.composer.requestsTo('/private/packages.json').length >= 1);
		} finally {
			h.service.dispose();
		}
	});
});
