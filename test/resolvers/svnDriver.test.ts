// The Subversion driver against real repositories (svnadmin + file:// URLs): standard and custom layouts,
// `false` paths, package-path, a url pointing at /trunk, auto-detection, and agreement with Composer 2.5.5.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { svnDriverFactory } from '../../server/src/resolvers/vcs/svnDriver';
import { parseSvnList, readSvnLayout, svnBaseUrl, svnFileUrl, svnUrlCredentials } from '../../server/src/resolvers/vcs/svnLayout';
import { checkSecureTransport as checkSvnTransport } from '../../server/src/resolvers/vcs/urlSafety';
import { withoutCredentials } from '../../server/src/resolvers/vcs/vcsTools';
import type { LoadResult } from '../../server/src/resolvers/types';
import { composerShowAll } from '../helpers/composerOracle';
import { createSvnRepo, svnCopy, svnImport, svnMkdir, svnPut, type SvnRepo } from '../helpers/svnRepo';
import { prettyVersions, testHostileUrlsRunNothing, testMissingProgram, vcsRepo, vcsTestContext, type VcsTestContext } from '../helpers/vcsDriverContext';
import { hostileUrls } from '../helpers/hostileDefinitions';

let std: SvnRepo;
let custom: SvnRepo;
let bare: SvnRepo;
let nested: SvnRepo;
let t: VcsTestContext;

async function load(config: Record<string, unknown>, context: VcsTestContext = t): Promise<LoadResult> {
	return vcsRepositoryResolver.loadPackages(vcsRepo(config), undefined, context.ctx);
}

function versionsOf(result: LoadResult, name?: string): string[] {
	assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
	return prettyVersions(result.packages, name);
}

before(() => {
	t = vcsTestContext();
	// Standard layout: trunk, branches (one without composer.json), tags (valid, release-, dev, invalid,
	// and one whose composer.json declares another version).
	std = createSvnRepo();
	svnImport(std, { 'trunk/composer.json': { name: 'acme/svn-std', description: 'std' }, 'trunk/src/a.php': '<?php' });
	svnMkdir(std, 'branches', 'tags', 'branches/nocomposer');
	for (const tag of ['1.0.0', 'v1.1.0', 'release-1.2.0', '2.0.0-dev', 'latest', '--help']) {
		svnCopy(std, 'trunk', `tags/${tag}`);
	}
	svnCopy(std, 'trunk', 'tags/1.3.0');
	svnPut(std, 'tags/1.3.0/composer.json', { name: 'acme/svn-std', version: '9.9.9' });
	svnCopy(std, 'trunk', 'branches/feature-x');
	svnCopy(std, 'trunk', 'branches/1.x');
	svnPut(std, 'branches/1.x/composer.json', { name: 'acme/other-name' });

	// Custom layout names, plus package-path in the same repository under another project folder.
	custom = createSvnRepo();
	svnImport(custom, { 'main/composer.json': { name: 'acme/svn-custom' }, 'main/lib/composer.json': { name: 'acme/svn-pkg' } });
	svnCopy(custom, 'main', 'releases/2.0.0');
	svnCopy(custom, 'main', 'dev/next');

	// Only a trunk: branches/tags folders missing (fails unless disabled with false).
	bare = createSvnRepo();
	svnImport(bare, { 'trunk/composer.json': { name: 'acme/svn-bare' } });

	// trunk-path false: the folder ABOVE the url's last segment is the trunk (Composer cuts at the last "/").
	nested = createSvnRepo();
	svnImport(nested, { 'proj/composer.json': { name: 'acme/svn-flat' } });
	svnCopy(nested, 'proj', 'proj/tags/3.0.0');
});

after(() => {
	for (const r of [std, custom, bare, nested]) {
		r?.cleanup();
	}
	t?.cleanup();
});

describe('svn layout rules (pure)', () => {
	test('defaults, false and PHP string conversions', () => {
		assert.deepEqual(readSvnLayout({}), { trunkPath: 'trunk', branchesPath: 'branches', tagsPath: 'tags', packagePath: '', cacheCredentials: true });
		const l = readSvnLayout({ 'trunk-path': false, 'branches-path': null, 'tags-path': 7, 'package-path': '/a/b/', 'svn-cache-credentials': false });
		assert.deepEqual(l, { trunkPath: false, branchesPath: 'branches', tagsPath: '7', packagePath: '/a/b', cacheCredentials: false });
	});
	test('base URL cut at the last /trunk, or at the last / with trunk-path false', () => {
		assert.equal(svnBaseUrl('file:///r/project/trunk/', 'trunk').baseUrl, 'file:///r/project');
		assert.equal(svnBaseUrl('/r/trunk/x/trunk', 'trunk').baseUrl, 'file:///r/trunk/x');
		assert.equal(svnBaseUrl('svn://h/r/proj/x', false).baseUrl, 'svn://h/r/proj');
		assert.equal(svnBaseUrl('svn://h/r', 'main').baseUrl, 'svn://h/r');
	});
	test('ls lines and file URLs', () => {
		assert.deepEqual(parseSvnList('     12 bob           Nov 21 09:17 ./\n     11 bob   15 Nov 21 09:17 1.0.0/\n'), [{ revision: '12', name: './' }, { revision: '11', name: '1.0.0/' }]);
		assert.equal(svnFileUrl('file:///r', '/tags/1.0.0/pkg/@7', 'composer.json'), 'file:///r/tags/1.0.0/pkg/composer.json@7');
		assert.equal(svnFileUrl('file:///r', '/@3', 'composer.json'), 'file:///r/composer.json@3');
	});
	test('a password in the URL is taken out of it (decoded); a user name alone stays', () => {
		assert.deepEqual(svnUrlCredentials('svn://us%40r:p%3Aw@d@host:3690/repo'), { url: 'svn://host:3690/repo', username: 'us@r', password: 'p:w@d' });
		assert.deepEqual(svnUrlCredentials('svn+ssh://me@host/repo'), { url: 'svn+ssh://me@host/repo' });
		assert.deepEqual(svnUrlCredentials('file:///r'), { url: 'file:///r' });
		assert.equal(withoutCredentials('https://tok@host/r'), 'https://host/r');
		assert.equal(withoutCredentials('svn://u:p@ss@host/r@3'), 'svn://host/r@3');
	});
	test('secure-http and secure-svn-domains', () => {
		const config = { secureHttp: true, githubDomains: [], gitlabDomains: [], useGithubApi: true, secureSvnDomains: ['svn.trusted.example'] };
		assert.equal(checkSvnTransport('svn://svn.trusted.example/r', config), null);
		assert.match(checkSvnTransport('svn://other.example/r', config)?.message ?? '', /secure-svn-domains/);
		assert.match(checkSvnTransport('http://svn.example/r', config)?.message ?? '', /secure-http/);
		assert.equal(checkSvnTransport('https://svn.example/r', config), null);
		assert.equal(checkSvnTransport('svn://other.example/r', { ...config, secureHttp: false }), null);
	});
});

describe('svn driver on real repositories', () => {
	test('standard layout: tags, branches, trunk; name from trunk; no default-branch alias', async () => {
		const r = await load({ type: 'svn', url: std.url });
		assert.deepEqual(versionsOf(r), ['1.0.0', '1.2.0', '1.x-dev', 'dev-feature-x', 'dev-trunk', 'v1.1.0']);
		assert.ok(r.ok);
		assert.ok(r.packages.every((p) => p.name === 'acme/svn-std'), 'the trunk name overrides acme/other-name on branch 1.x');
		const trunk = r.packages.find((p) => p.version === 'dev-trunk');
		assert.equal(trunk?.defaultBranch, undefined, 'svn root identifier is a path@rev, never a branch name');
		assert.equal(trunk?.aliasOf, undefined);
		assert.deepEqual(trunk?.source, { type: 'svn', url: std.url, reference: '/trunk/@1' });
		const tag = r.packages.find((p) => p.version === '1.0.0');
		assert.match(tag?.source?.reference ?? '', /^\/tags\/1\.0\.0\/@\d+$/);
		assert.ok(t.runner.calls.every((c) => c.args.includes('--non-interactive') && c.args.includes('--no-auth-cache')), t.runner.lines().join('\n'));
		assert.ok(t.runner.calls.every((c) => c.args[c.args.length - 2] === '--'), 'the URL always follows --');
	});

	test('url pointing at /trunk gives the same versions', async () => {
		assert.deepEqual(versionsOf(await load({ type: 'svn', url: `${std.url}/trunk/` })), ['1.0.0', '1.2.0', '1.x-dev', 'dev-feature-x', 'dev-trunk', 'v1.1.0']);
	});

	test('custom trunk/branches/tags paths; the trunk key stays "trunk"', async () => {
		const r = await load({ type: 'svn', url: custom.url, 'trunk-path': 'main', 'branches-path': 'dev', 'tags-path': 'releases' });
		assert.deepEqual(versionsOf(r), ['2.0.0', 'dev-next', 'dev-trunk']);
		assert.ok(r.ok && r.packages.every((p) => p.name === 'acme/svn-custom'));
	});

	test('package-path reads composer.json from a subfolder of every ref', async () => {
		const r = await load({ type: 'svn', url: custom.url, 'trunk-path': 'main', 'branches-path': 'dev', 'tags-path': 'releases', 'package-path': '/lib/' });
		assert.deepEqual(versionsOf(r, 'acme/svn-pkg'), ['2.0.0', 'dev-next', 'dev-trunk']);
		assert.ok(r.ok);
		assert.match(r.packages.find((p) => p.version === '2.0.0')?.source?.reference ?? '', /^\/releases\/2\.0\.0\/lib\/@\d+$/);
	});

	test('missing branches folder fails the repository, as in Composer; false disables the listing', async () => {
		const failed = await load({ type: 'svn', url: bare.url });
		assert.equal(failed.ok, false);
		assert.ok(!failed.ok && /could not be processed/.test(failed.error.message) && /branches/.test(failed.error.message), JSON.stringify(failed));
		assert.deepEqual(versionsOf(await load({ type: 'svn', url: bare.url, 'branches-path': false, 'tags-path': false })), ['dev-trunk']);
	});

	test('trunk-path false: the folder above the url is the trunk', async () => {
		assert.deepEqual(versionsOf(await load({ type: 'svn', url: `${nested.url}/proj/x`, 'trunk-path': false, 'branches-path': false })), ['3.0.0', 'dev-trunk']);
		const cut = await load({ type: 'svn', url: `${nested.url}/proj`, 'trunk-path': false, 'branches-path': false });
		assert.equal(cut.ok, false, 'with the url at the project itself Composer lists the parent and fails');
	});

	test('type vcs on a local svn repository: fossil\'s check claims the folder first, so it fails as in Composer', async () => {
		// Composer asks fossil before svn, and `fossil info` (fossil 2.x) succeeds in any folder; Composer then
		// finds no refs and reports "No valid composer.json". The agreement suite checks Composer says the same.
		const local = vcsTestContext();
		try {
			const r = await load({ type: 'vcs', url: std.url.slice('file://'.length) }, local);
			assert.equal(r.ok, false);
			assert.ok(!r.ok && /No valid composer\.json/.test(r.error.message), JSON.stringify(r));
			assert.ok(local.runner.lines().includes('fossil info'), local.runner.lines().join('\n'));
		} finally {
			local.cleanup();
		}
	});

	test('svn supports(): svn URLs by pattern, local repositories in the shallow pass, remote ones only deep', async () => {
		const c = vcsTestContext();
		try {
			assert.equal(await svnDriverFactory.supports('svn+ssh://host.invalid/r', c.ctx, false), true);
			assert.equal(await svnDriverFactory.supports('https://svn.example.invalid/r', c.ctx, false), true);
			assert.equal(await svnDriverFactory.supports('https://example.invalid/r', c.ctx, false), false);
			assert.deepEqual(c.runner.calls, [], 'URL patterns and remote shallow checks run nothing');
			assert.equal(await svnDriverFactory.supports(std.url.slice('file://'.length), c.ctx, false), true);
			assert.deepEqual(c.runner.lines(), [`svn info --non-interactive -- ${std.url}`]);
			assert.equal(await svnDriverFactory.supports(custom.url + '/nothing-here', c.ctx, true), false);
		} finally {
			c.cleanup();
		}
	});

	test('svn-cache-credentials true lets svn store credentials (no --no-auth-cache)', async () => {
		const c = vcsTestContext();
		try {
			versionsOf(await load({ type: 'svn', url: bare.url, 'branches-path': false, 'tags-path': false, 'svn-cache-credentials': true }, c));
			assert.ok(c.runner.calls.length > 0 && c.runner.calls.every((call) => !call.args.includes('--no-auth-cache')));
		} finally {
			c.cleanup();
		}
	});

	test('svn:// is refused under secure-http unless the host is in secure-svn-domains, before any process', async () => {
		const c = vcsTestContext({ secureHttp: true });
		try {
			const r = await load({ type: 'svn', url: 'svn://127.0.0.1:9/repo' }, c);
			assert.equal(r.ok, false);
			assert.ok(!r.ok && /secure-svn-domains/.test(r.error.message));
			assert.deepEqual(c.runner.calls, []);
		} finally {
			c.cleanup();
		}
	});
});

testMissingProgram(() => ({ type: 'svn', url: std.url }), 'vcs.svn-not-found', 'svn was not found');

describe('hostile svn definitions run nothing', () => {
	testHostileUrlsRunNothing(['svn', 'vcs'], hostileUrls('svn', 'MARKER'));

	test('past the URL checks, every svn call ends with -- <url>; an option-like tag folder is only ever part of a URL', async () => {
		const c = vcsTestContext();
		try {
			await assert.rejects(svnDriverFactory.create('--config-option=servers:global:http-proxy-host=evil', {}, c.ctx).initialize(), /could not be processed/);
			assert.deepEqual(c.runner.calls.map((call) => call.args.slice(-2)), [['--', '--config-option=servers:global:http-proxy-host=evil/trunk']]);
			c.runner.calls.length = 0;
			const r = await load({ type: 'svn', url: std.url }, c);
			assert.ok(r.ok && !r.packages.some((p) => p.version.includes('help')));
			for (const call of c.runner.calls) {
				assert.ok(call.args[call.args.length - 2] === '--' && call.args[call.args.length - 1].startsWith('file://'), JSON.stringify(call.args));
			}
		} finally {
			c.cleanup();
		}
	});
});

describe('svn agreement with composer show --all', () => {
	test('standard, /trunk url, custom layout, package-path, false paths', async () => {
		const repositories = [
			{ type: 'svn', url: std.url },
			{ type: 'svn', url: custom.url, 'trunk-path': 'main', 'branches-path': 'dev', 'tags-path': 'releases' },
			{ type: 'svn', url: custom.url, 'trunk-path': 'main', 'branches-path': 'dev', 'tags-path': 'releases', 'package-path': 'lib' },
			{ type: 'svn', url: `${bare.url}/trunk`, 'branches-path': false, 'tags-path': false },
			{ type: 'svn', url: `${nested.url}/proj/x`, 'trunk-path': false, 'branches-path': false },
		];
		const theirs = await composerShowAll({ repositories });
		const ours = new Map<string, string[]>();
		for (const config of repositories) {
			const r = await load(config);
			assert.ok(r.ok, JSON.stringify(r));
			for (const p of r.packages) {
				ours.set(p.name, [...(ours.get(p.name) ?? []), p.version]);
			}
		}
		const sorted = (m: Map<string, string[]>) => [...m].map(([n, v]) => [n, [...v].sort()]).sort();
		assert.deepEqual(sorted(ours), sorted(theirs.versions));
		assert.deepEqual([...theirs.versions.keys()].sort(), ['acme/svn-bare', 'acme/svn-custom', 'acme/svn-flat', 'acme/svn-pkg', 'acme/svn-std']);
	});

	test('Composer also fails on type vcs for a local svn folder (fossil claims it) and on a missing branches folder', async () => {
		await assert.rejects(composerShowAll({ repositories: [{ type: 'vcs', url: std.url.slice('file://'.length) }] }), /No valid composer\.json was found/);
		await assert.rejects(composerShowAll({ repositories: [{ type: 'svn', url: bare.url }] }), /could not be processed/);
	});
});
