// The small pure pieces of the hooks engine: rate-limit resets, the page marker parse, Packagist receiver URLs and
// their redaction, where a repository URL maps (GitHub, GitHub Enterprise, GitLab subgroups, Bitbucket, other),
// base URL rules, and the state file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { rateLimitReset } from '../../server/src/hooks/apiClient';
import { checkBaseUrl, resolveBaseUrls } from '../../server/src/hooks/context';
import { parseMarker } from '../../server/src/hooks/packagist';
import { packagistReceiver, showHookUrl } from '../../server/src/hooks/receiver';
import { authHeaders, locateRepository } from '../../server/src/hooks/repository';
import { FileStateStore } from '../../server/src/hooks/stateStore';
import { readFixture } from '../helpers/fakePackagist';
import { removeDir, tempDir } from '../helpers/gitRepo';

const work = tempDir('cr-hooks-units-');
after(() => removeDir(work));

const bases = resolveBaseUrls({});

describe('rate limits', () => {
	const now = 1_800_000_000_000;
	test('GitHub: 403 with remaining 0 uses x-ratelimit-reset; a plain 403 is not a rate limit', () => {
		assert.equal(rateLimitReset(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000600' }, now), 1_800_000_600_000);
		assert.equal(rateLimitReset(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1800000600' }, now), undefined);
		assert.equal(rateLimitReset(403, {}, now), undefined);
	});
	test('retry-after (seconds or a date), GitLab ratelimit-reset, and a bare 429', () => {
		assert.equal(rateLimitReset(429, { 'retry-after': '30' }, now), now + 30_000);
		assert.equal(rateLimitReset(403, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }, now), Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'));
		assert.equal(rateLimitReset(429, { 'ratelimit-reset': '1800000120' }, now), 1_800_000_120_000);
		assert.equal(rateLimitReset(429, {}, now), now + 60_000);
		assert.equal(rateLimitReset(500, { 'retry-after': '30' }, now), undefined);
	});
});

describe('the page marker', () => {
	test('by class name, with the last update', () => {
		assert.deepEqual(parseMarker(readFixture('packagist/page-not-auto-updated.html')), { autoUpdated: false, lastUpdate: '2026-07-08 03:12:40 UTC' });
		assert.deepEqual(parseMarker(readFixture('packagist/page-auto-updated.html')), { autoUpdated: true, lastUpdate: '2026-07-20 08:01:52 UTC' });
		assert.deepEqual(parseMarker(readFixture('packagist/page-not-crawled.html')), { autoUpdated: null, lastUpdate: undefined });
		assert.equal(parseMarker('<p>This package is auto-updated.</p>').autoUpdated, null, 'text alone is not the marker');
	});
});

describe('Packagist receivers', () => {
	test('the three endpoints on packagist.org or the configured base; others are not', () => {
		assert.deepEqual(packagistReceiver('https://packagist.org/api/github', bases.packagist), { endpoint: 'github', hasUsername: false, tokenInUrl: false });
		assert.deepEqual(packagistReceiver('https://packagist.org/api/github?username=jdoe', bases.packagist), { endpoint: 'github', hasUsername: true, tokenInUrl: false });
		assert.deepEqual(packagistReceiver('https://packagist.org/api/update-package?username=u&apiToken=t', bases.packagist), { endpoint: 'update-package', hasUsername: true, tokenInUrl: true });
		assert.equal(packagistReceiver('http://127.0.0.1:9/api/bitbucket', 'http://127.0.0.1:9/packagist')?.endpoint, 'bitbucket');
		assert.equal(packagistReceiver('https://ci.example.com/github', bases.packagist), null);
		assert.equal(packagistReceiver('https://packagist.org.evil.example/api/github', bases.packagist), null);
		assert.equal(packagistReceiver(42, bases.packagist), null);
	});
	test('showHookUrl hides the token, whatever its case', () => {
		assert.equal(showHookUrl('https://packagist.org/api/update-package?username=u&apiToken=s3cr3tValue'), 'https://packagist.org/api/update-package?username=u&apiToken=***');
		assert.equal(showHookUrl('https://packagist.org/api/bitbucket?apitoken=abc&username=u'), 'https://packagist.org/api/bitbucket?apitoken=***&username=u');
	});
});

describe('repository locations', () => {
	const ctx = { bases, credentials: { github: 'tGH1234', githubEnterprise: 'tGHE1234', gitlab: 'tGL1234', bitbucket: 'tBB1234' }, githubEnterpriseUrl: 'https://ghe.example.com' };
	test('github.com in its forms', () => {
		for (const url of ['https://github.com/acme/alpha', 'https://github.com/acme/alpha.git', 'git@github.com:acme/alpha.git', 'ssh://git@github.com/acme/alpha.git', 'https://www.github.com/acme/alpha/']) {
			const r = locateRepository(url, ctx);
			assert.equal(r.kind, 'github', url);
			assert.equal(r.apiBase, 'https://api.github.com');
			assert.equal(`${r.owner}/${r.name}`, 'acme/alpha', url);
			assert.equal(r.webUrl, 'https://github.com/acme/alpha');
			assert.equal(r.gitUrl, 'https://github.com/acme/alpha.git');
			assert.equal(r.token, 'tGH1234');
		}
	});
	test('GitHub Enterprise Server: its own API and token', () => {
		const r = locateRepository('git@ghe.example.com:team/lib.git', ctx);
		assert.equal(r.kind, 'github');
		assert.equal(r.enterprise, true);
		assert.equal(r.apiBase, 'https://ghe.example.com/api/v3');
		assert.equal(r.token, 'tGHE1234');
		assert.equal(r.webUrl, 'https://ghe.example.com/team/lib');
		const viaBase = locateRepository('https://ghe.corp.test/team/lib', { ...ctx, bases: { ...bases, githubApi: 'https://ghe.corp.test/api/v3' } });
		assert.equal(viaBase.kind, 'github');
		assert.equal(viaBase.apiBase, 'https://ghe.corp.test/api/v3');
		assert.equal(viaBase.token, 'tGH1234');
	});
	test('GitLab (subgroups, a self-managed base), Bitbucket, and any other host', () => {
		const gl = locateRepository('https://gitlab.com/acme/sub/beta.git', ctx);
		assert.equal(gl.kind, 'gitlab');
		assert.equal(gl.projectPath, 'acme/sub/beta');
		assert.equal(gl.apiBase, 'https://gitlab.com/api/v4');
		const self = locateRepository('git@git.corp.test:team/lib.git', { ...ctx, bases: { ...bases, gitlab: 'https://git.corp.test' } });
		assert.equal(self.kind, 'gitlab');
		assert.equal(self.apiBase, 'https://git.corp.test/api/v4');
		const bb = locateRepository('git@bitbucket.org:acme/gamma.git', ctx);
		assert.equal(bb.kind, 'bitbucket');
		assert.equal(bb.apiBase, 'https://api.bitbucket.org/2.0');
		assert.equal(`${bb.owner}/${bb.name}`, 'acme/gamma');
		const other = locateRepository('https://git.example.org/acme/delta.git', ctx);
		assert.equal(other.kind, 'other');
		assert.equal(other.token, undefined);
		assert.equal(other.gitUrl, 'https://git.example.org/acme/delta.git');
		assert.equal(locateRepository('https://user:pw12345@git.example.org/x.git', ctx).display, 'https://***@git.example.org/x.git');
	});
	test('auth headers per host; a Bitbucket EMAIL:TOKEN is Basic', () => {
		assert.equal(authHeaders(locateRepository('https://github.com/a/b', ctx))?.Authorization, 'Bearer tGH1234');
		assert.equal(authHeaders(locateRepository('https://gitlab.com/a/b', ctx))?.['PRIVATE-TOKEN'], 'tGL1234');
		const basic = authHeaders(locateRepository('https://bitbucket.org/a/b', { ...ctx, credentials: { bitbucket: 'me@example.com:tok' } }));
		assert.equal(basic?.Authorization, `Basic ${Buffer.from('me@example.com:tok').toString('base64')}`);
		assert.equal(authHeaders(locateRepository('https://github.com/a/b', { ...ctx, credentials: {} })), undefined);
	});
});

describe('base URLs', () => {
	test('https anywhere, http only on loopback, no credentials, trailing slash dropped', () => {
		assert.equal(checkBaseUrl('packagist', 'https://packagist.example.com/'), 'https://packagist.example.com');
		assert.equal(checkBaseUrl('packagist', 'http://127.0.0.1:8080/packagist/'), 'http://127.0.0.1:8080/packagist');
		assert.throws(() => checkBaseUrl('packagist', 'http://packagist.example.com'), /https/);
		assert.throws(() => checkBaseUrl('packagist', 'ftp://x'), /https/);
		assert.throws(() => checkBaseUrl('packagist', 'packagist.org'), /absolute/);
		assert.deepEqual(resolveBaseUrls({ repo: ' ' }).repo, 'https://repo.packagist.org');
	});
});

describe('the state file', () => {
	test('keeps first sightings and manual updates across instances, forgets what reached Packagist', () => {
		const file = path.join(work, 'state', 'hooks-state.json');
		const t0 = Date.now() - 3600_000;
		const a = new FileStateStore(file);
		assert.equal(a.firstSeen('acme/x', 'tags:v2', t0), t0);
		assert.equal(a.firstSeen('acme/x', 'tags:v2', t0 + 5000), t0);
		a.recordManualUpdate('acme/x', t0);
		a.firstSeen('acme/old', 'head:abc', Date.now() - 100 * 24 * 3600_000);
		const b = new FileStateStore(file);
		assert.equal(b.firstSeen('acme/x', 'tags:v2', t0 + 9000), t0);
		assert.equal(b.manualUpdateAt('acme/x'), t0);
		assert.equal(b.firstSeen('acme/old', 'head:abc', t0), t0, 'entries older than 90 days are dropped on load');
		b.keepOnly('acme/x', new Set());
		assert.equal(new FileStateStore(file).firstSeen('acme/x', 'tags:v2', t0 + 7000), t0 + 7000);
		assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))), ['firstSeen', 'manualUpdates']);
	});
});
