import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ComposerCredentials, composerHomeDir, loadCredentials, redact } from '../../server/src/net/credentials';
import { json, redirect, requireAuth } from '../helpers/loopbackServer';
import { loopbackServersForFile, tempDirForFile } from '../helpers/fileResources';
import { loopbackHttpClient } from '../helpers/noInternet';

const dir = tempDirForFile('cr-creds-');
const server = loopbackServersForFile();
const basic = (u: string, p: string): string => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');

describe('credentials: headers as Composer sends them', () => {
	const creds = new ComposerCredentials({
		'http-basic': { 'repo.example.org': { username: 'alice', password: 'pa55word-basic' }, 'ports.example.org:8443': { username: 'bob', password: 'port-secret' } },
		bearer: { 'bearer.example.org': 'bearer-token-123' },
		'github-oauth': { 'github.com': 'ghp_abcdefghijklmnopqrstuvwxyz0123' },
		'gitlab-token': { 'gitlab.com': 'glpat-tokentokentoken12', 'gl.corp.example': { username: 'ci', token: 'corp-deploy-token' } },
		'gitlab-oauth': { 'gitlab.oauth.example': 'gitlab-oauth-token' },
		'http-basic-ignored': {},
	} as never, { gitlabDomains: ['gitlab.com'] });

	test('http-basic and bearer go to their own host only', () => {
		assert.deepEqual(creds.headersFor('https://repo.example.org/packages.json'), { Authorization: basic('alice', 'pa55word-basic') });
		assert.deepEqual(creds.headersFor('https://bearer.example.org/p2/a/b.json'), { Authorization: 'Bearer bearer-token-123' });
		assert.deepEqual(creds.headersFor('https://evil.example.org/packages.json'), {});
		assert.deepEqual(creds.headersFor('https://repo.example.org.evil.test/'), {});
		assert.deepEqual(creds.headersFor('ftp://repo.example.org/'), {});
	});

	test('a port is part of the origin', () => {
		assert.deepEqual(creds.headersFor('https://ports.example.org:8443/x'), { Authorization: basic('bob', 'port-secret') });
		assert.deepEqual(creds.headersFor('https://ports.example.org/x'), {});
	});

	test('github-oauth is sent to api.github.com only', () => {
		assert.deepEqual(creds.headersFor('https://api.github.com/repos/a/b'), { Authorization: 'token ghp_abcdefghijklmnopqrstuvwxyz0123' });
		assert.deepEqual(creds.headersFor('https://github.com/a/b'), {});
		assert.deepEqual(creds.headersFor('https://codeload.github.com/a/b/zip'), {});
	});

	test('a configured GitHub API base is treated as api.github.com', () => {
		const c = new ComposerCredentials({ 'github-oauth': { 'github.com': 'ghp_abcdefghijklmnopqrstuvwxyz0123' } }, { apiBaseUrls: { github: 'http://127.0.0.1:9999/api' } });
		assert.deepEqual(c.headersFor('http://127.0.0.1:9999/api/repos/a/b'), { Authorization: 'token ghp_abcdefghijklmnopqrstuvwxyz0123' });
		assert.deepEqual(c.headersFor('http://127.0.0.1:9999/other'), {});
	});

	test('gitlab-token / gitlab-oauth headers, domains added implicitly', () => {
		assert.deepEqual(creds.headersFor('https://gitlab.com/api/v4/projects/1'), { 'PRIVATE-TOKEN': 'glpat-tokentokentoken12' });
		assert.deepEqual(creds.headersFor('https://gitlab.oauth.example/api/v4/projects'), { Authorization: 'Bearer gitlab-oauth-token' });
		// {username, token} form is basic auth (Composer: password is the token, not a private-token marker).
		assert.deepEqual(creds.headersFor('https://gl.corp.example/api/v4/projects'), { Authorization: basic('ci', 'corp-deploy-token') });
		assert.deepEqual(creds.implicitGitlabDomains.sort(), ['gitlab.oauth.example', 'gl.corp.example']);
	});

	test('bitbucket: x-token-auth is a bearer token, consumer key/secret is exposed for the token exchange', () => {
		const c = new ComposerCredentials({
			'http-basic': { 'bitbucket.org': { username: 'x-token-auth', password: 'bb-access-token' } },
			'bitbucket-oauth': { 'bb.example': { 'consumer-key': 'ck-key', 'consumer-secret': 'cs-secret' } },
		});
		assert.deepEqual(c.headersFor('https://api.bitbucket.org/2.0/repositories/a/b'), { Authorization: 'Bearer bb-access-token' });
		assert.deepEqual(c.bitbucketConsumer('bb.example'), { key: 'ck-key', secret: 'cs-secret' });
	});

	test('later sections win for the same domain (bearer over http-basic)', () => {
		const c = new ComposerCredentials({
			'http-basic': { 'x.example': { username: 'u', password: 'p-basic-pass' } },
			bearer: { 'x.example': 'x-bearer-token' },
		});
		assert.deepEqual(c.headersFor('https://x.example/'), { Authorization: 'Bearer x-bearer-token' });
	});
});

describe('credentials: where auth is read from', () => {
	test('COMPOSER_HOME auth.json < COMPOSER_AUTH < project config < project auth.json', () => {
		const home = fs.mkdtempSync(path.join(dir, 'home-'));
		const project = fs.mkdtempSync(path.join(dir, 'proj-'));
		fs.writeFileSync(path.join(home, 'auth.json'), JSON.stringify({ 'http-basic': {
			'a.example': { username: 'home', password: 'home-pass-a' }, 'b.example': { username: 'home', password: 'home-pass-b' },
			'c.example': { username: 'home', password: 'home-pass-c' }, 'd.example': { username: 'home', password: 'home-pass-d' },
		} }));
		fs.writeFileSync(path.join(project, 'auth.json'), JSON.stringify({ 'http-basic': { 'd.example': { username: 'proj', password: 'proj-pass-d' } } }));
		const creds = loadCredentials({
			composerHome: home, projectDir: project,
			env: { COMPOSER_AUTH: JSON.stringify({ 'http-basic': { 'b.example': { username: 'env', password: 'env-pass-b' } } }) },
			projectConfig: { 'http-basic': { 'c.example': { username: 'cfg', password: 'cfg-pass-c' } } },
		});
		assert.equal(creds.headersFor('https://a.example/').Authorization, basic('home', 'home-pass-a'));
		assert.equal(creds.headersFor('https://b.example/').Authorization, basic('env', 'env-pass-b'));
		assert.equal(creds.headersFor('https://c.example/').Authorization, basic('cfg', 'cfg-pass-c'));
		assert.equal(creds.headersFor('https://d.example/').Authorization, basic('proj', 'proj-pass-d'));
	});

	test('a malformed auth.json is a warning that does not quote the file', () => {
		const project = fs.mkdtempSync(path.join(dir, 'bad-'));
		fs.writeFileSync(path.join(project, 'auth.json'), '{"http-basic": {"x": {"password": "leaky-secret-value"');
		const creds = loadCredentials({ projectDir: project });
		assert.equal(creds.warnings.length, 1);
		assert.doesNotMatch(creds.warnings[0], /leaky/);
	});

	test('COMPOSER_HOME resolution', () => {
		assert.equal(composerHomeDir({ COMPOSER_HOME: '/x/ch' }, '/home/u'), '/x/ch');
		assert.equal(composerHomeDir({}, '/home/u', () => false), '/home/u/.composer');
		assert.equal(composerHomeDir({ XDG_CONFIG_HOME: '/xdg' }, '/home/u', () => false), '/xdg/composer');
		assert.equal(composerHomeDir({}, '/home/u', (p) => p === '/home/u/.config/composer'), '/home/u/.config/composer');
	});
});

describe('redact', () => {
	test('removes userinfo, token parameters, auth headers and registered secrets', () => {
		new ComposerCredentials({ bearer: { 'h.example': 'registered-secret-xyz' } });
		assert.equal(redact('see https://user:pw@host.example/p'), 'see https://***@host.example/p');
		assert.equal(redact('ssh://git@host.example/repo.git'), 'ssh://git@host.example/repo.git');
		assert.equal(redact('https://0123456789abcdef0123@host.example/p'), 'https://***@host.example/p');
		assert.equal(redact('https://api.example/x?access_token=abc123&y=1'), 'https://api.example/x?access_token=***&y=1');
		assert.equal(redact('Authorization: Bearer abc.def'), 'Authorization: Bearer ***');
		assert.equal(redact('PRIVATE-TOKEN: glpat-xxxxxxxxxxxxxxxxxxxxxxx'), 'PRIVATE-TOKEN: ***');
		assert.equal(redact('token ghp_abcdefghijklmnopqrstuvwxyz0123 leaked'), 'token *** leaked');
		assert.equal(redact('the value registered-secret-xyz appears'), 'the value *** appears');
	});
});

describe('credentials on the wire', () => {
	test('sent to their own host; dropped on a redirect to another origin; absent from errors', async () => {
		const other = await server({ routes: { '/landing': json({ landed: true }) } });
		const own = await server({
			routes: {
				'/private.json': requireAuth(basic('alice', 'wire-secret-1'), { body: { ok: true } }),
				'/bounce': redirect(other.url + '/landing'),
			},
		});
		const creds = new ComposerCredentials({ 'http-basic': { [`127.0.0.1:${own.port}`]: { username: 'alice', password: 'wire-secret-1' } } });
		const http = loopbackHttpClient({ credentials: creds });
		const ok = await http.request({ url: own.url + '/private.json' });
		assert.ok(ok.ok && ok.status === 200);
		const bounced = await http.request({ url: own.url + '/bounce', headers: { Authorization: basic('alice', 'wire-secret-1') } });
		assert.ok(bounced.ok && bounced.status === 200);
		assert.equal(own.requestsTo('/bounce')[0].headers.authorization, basic('alice', 'wire-secret-1'));
		assert.equal(other.requestsTo('/landing')[0].headers.authorization, undefined);
		// Without credentials: a 401 value, the challenge intact.
		const anon = await loopbackHttpClient().request({ url: own.url + '/private.json' });
		assert.ok(anon.ok && anon.status === 401);
		assert.equal(anon.headers['www-authenticate'], 'Basic realm="loopback"');
	});

	test('userinfo in a URL authenticates that origin only and never shows in messages', async () => {
		const own = await server({ routes: { '/u.json': requireAuth(basic('carol', 'url-secret-9'), { body: { ok: true } }) } });
		const http = loopbackHttpClient();
		const r = await http.request({ url: `http://carol:url-secret-9@127.0.0.1:${own.port}/u.json` });
		assert.ok(r.ok && r.status === 200);
		assert.doesNotMatch(r.url, /url-secret-9/);
		const closed = await server();
		const port = closed.port;
		await closed.close();
		const fail = await http.request({ url: `http://carol:url-secret-9@127.0.0.1:${port}/x.json` });
		assert.ok(!fail.ok);
		assert.doesNotMatch(fail.message + fail.url, /url-secret-9/);
		const refused = await loopbackHttpClient({ secureHttp: true }).request({ url: `http://carol:url-secret-9@127.0.0.1:${port}/x.json`, secureHttp: true });
		assert.ok(!refused.ok && refused.code === 'insecure');
		assert.doesNotMatch(refused.message, /url-secret-9/);
	});
});
