// The Mercurial driver against real repositories: tags (the implicit `tip` dropped, `release-` stripped, a tag
// without composer.json), named branches, bookmarks, a branch/bookmark name clash (the branch wins), the
// name taken from the tip, no default-branch alias; read in place and cloned over HTTP from `hg serve` on
// 127.0.0.1; hostile definitions; agreement with Composer 2.5.5.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { vcsRepositoryResolver } from '../../server/src/resolvers/vcs';
import { decodeChannels, encodeRunCommands } from '../../server/src/resolvers/vcs/hgCommandServer';
import { hgDriverFactory, parseHgBranches, parseHgTags } from '../../server/src/resolvers/vcs/hgDriver';
import type { LoadResult } from '../../server/src/resolvers/types';
import { composerShowVersions, oracleProject } from '../helpers/composerOracle';
import { buildHgRepo, hgNode, serveHg } from '../helpers/hgRepo';
import { prettyVersions, testHostileUrlsRunNothing, testMissingProgram, vcsRepo, vcsTestContext, type VcsTestContext } from '../helpers/vcsDriverContext';
import { hostileUrls } from '../helpers/hostileDefinitions';

const EXPECTED = ['1.0.0', '1.2.0', '2.x-dev', 'dev-bm-one', 'dev-clash', 'dev-default', 'dev-feature'];

let repo: string;
let server: { url: string; stop(): void } | undefined;
let t: VcsTestContext;
let markerDir: string;

function versionsOf(result: LoadResult, name?: string): string[] {
	assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
	return prettyVersions(result.packages, name);
}

function load(config: Record<string, unknown>, context: VcsTestContext = t): Promise<LoadResult> {
	return vcsRepositoryResolver.loadPackages(vcsRepo(config), undefined, context.ctx);
}

before(async () => {
	t = vcsTestContext();
	markerDir = fs.mkdtempSync(path.join(t.cacheDir, 'markers-'));
	repo = buildHgRepo([
		{ commit: { 'README': 'no composer.json yet' } },
		{ tag: '0.1.0' },
		{ commit: { 'composer.json': { name: 'acme/hg-main' } } },
		{ tag: '1.0.0' },
		{ tag: 'release-1.2.0' },
		{ tag: 'not-a-version' },
		{ bookmark: '2.x' },
		{ branch: 'feature' },
		{ commit: { 'composer.json': { name: 'acme/hg-renamed' } } },
		{ bookmark: 'bm-one' },
		{ update: 'default' },
		// An inactive bookmark named like the branch created next: the branch must win.
		{ bookmark: 'clash', rev: '0' },
		{ branch: 'clash' },
		{ commit: { 'composer.json': { name: 'acme/hg-main', description: 'tip' } } },
	]);
	server = await serveHg(repo);
});

after(() => {
	server?.stop();
	fs.rmSync(repo, { recursive: true, force: true });
	t?.cleanup();
});

describe('hg listings (pure)', () => {
	test('tags drop tip; branches win over bookmarks; names starting with - are ignored', () => {
		assert.deepEqual([...parseHgTags('tip                                5:aaaaaaaaaaaa\n1.0.0                              2:bbbbbbbbbbbb\n')], [['1.0.0', 'bbbbbbbbbbbb']]);
		const merged = parseHgBranches('clash   5:cccccccccccc\ndefault 3:dddddddddddd (inactive)\n-x 1:eeeeeeeeeeee\n', '   clash    0:ffffffffffff\n * bm   4:999999999999\n   -y   1:eeeeeeeeeeee\n');
		assert.deepEqual([...merged], [['clash', 'cccccccccccc'], ['bm', '999999999999'], ['default', 'dddddddddddd']]);
	});
});

describe('hg command server framing (pure)', () => {
	const frame = (channel: string, data: Buffer) => {
		const head = Buffer.alloc(5);
		head.write(channel, 0, 'ascii');
		head.writeUInt32BE(data.length, 1);
		return Buffer.concat([head, data]);
	};
	const code = (n: number) => {
		const b = Buffer.alloc(4);
		b.writeInt32BE(n);
		return b;
	};
	const hello = frame('o', Buffer.from('capabilities: getencoding runcommand\nencoding: UTF-8'));
	test('requests are length-prefixed, NUL-separated argument arrays', () => {
		const encoded = encodeRunCommands([['cat', '-r', 'abc', '--', 'path:composer.json']]);
		assert.equal(encoded.subarray(0, 11).toString(), 'runcommand\n');
		assert.equal(encoded.readUInt32BE(11), encoded.length - 15);
		assert.deepEqual(encoded.subarray(15).toString().split('\0'), ['cat', '-r', 'abc', '--', 'path:composer.json']);
	});
	test('answers are split per command; incomplete or unexpected sessions are refused', () => {
		const ok = Buffer.concat([hello, frame('o', Buffer.from('a')), frame('o', Buffer.from('b')), frame('r', code(0)), frame('e', Buffer.from('no such file')), frame('r', code(1))]);
		assert.deepEqual(decodeChannels(ok, 2), [{ exitCode: 0, stdout: 'ab', stderr: '' }, { exitCode: 1, stdout: '', stderr: 'no such file' }]);
		assert.equal(decodeChannels(ok, 3), null, 'a missing answer');
		assert.equal(decodeChannels(ok.subarray(0, ok.length - 2), 2), null, 'a truncated frame');
		assert.equal(decodeChannels(Buffer.concat([hello, frame('I', code(4096))]), 1), null, 'an input request');
		assert.equal(decodeChannels(frame('o', Buffer.from('abort: no repository')), 0), null, 'no hello');
	});
});

describe('hg driver on real repositories', () => {
	test('local repository read in place: tags, branches, bookmarks, clash, name from tip, no default alias', async () => {
		const r = await load({ type: 'hg', url: repo });
		assert.deepEqual(versionsOf(r), EXPECTED);
		assert.ok(r.ok);
		assert.ok(r.packages.every((p) => p.name === 'acme/hg-main'), 'the tip composer.json names every version');
		assert.ok(r.packages.every((p) => p.defaultBranch === undefined && p.aliasOf === undefined), 'the root identifier is a node, never a branch');
		const clash = r.packages.find((p) => p.version === 'dev-clash');
		assert.equal(clash?.source?.reference, hgNode(repo, 'max(branch("clash"))').slice(0, 12), 'the named branch wins over the bookmark');
		assert.deepEqual(clash?.source && { type: clash.source.type, url: clash.source.url }, { type: 'hg', url: repo });
		assert.ok(!t.runner.lines().some((l) => l.includes(' clone ')), 'a local repository is not cloned');
		for (const call of t.runner.calls) {
			assert.deepEqual(call.args.slice(0, 5), ['--noninteractive', '--config', 'ui.interactive=false', '--config', 'ui.ssh=ssh -o BatchMode=yes']);
		}
	});

	test('type vcs detects a local hg repository (hg summary)', async () => {
		const c = vcsTestContext();
		try {
			assert.deepEqual(versionsOf(await load({ type: 'vcs', url: repo }, c)), EXPECTED);
			assert.ok(c.runner.calls.some((call) => call.command === 'hg' && call.args.includes('summary') && call.cwd === repo));
		} finally {
			c.cleanup();
		}
	});

	test('remote repository: cloned over HTTP into the cache (init + pull), pulled on the next run', async () => {
		const c = vcsTestContext();
		try {
			assert.deepEqual(versionsOf(await load({ type: 'hg', url: server!.url }, c)), EXPECTED);
			const pull = c.runner.calls.find((call) => call.args.includes('pull'));
			assert.ok(pull && pull.args.slice(-2)[0] === '--' && pull.args.slice(-1)[0] === server!.url, JSON.stringify(pull?.args));
			assert.ok(c.runner.calls.some((call) => call.args.includes('init')));
			c.runner.calls.length = 0;
			assert.deepEqual(versionsOf(await load({ type: 'hg', url: server!.url }, c)), EXPECTED);
			assert.ok(c.runner.lines().some((l) => l.endsWith(` pull --quiet -- ${server!.url}`)) && !c.runner.lines().some((l) => / (?:clone|init) /.test(l)), c.runner.lines().join('\n'));
		} finally {
			c.cleanup();
		}
	});

	test('http:// is refused under secure-http before any process', async () => {
		const c = vcsTestContext({ secureHttp: true });
		try {
			const r = await load({ type: 'hg', url: server!.url }, c);
			assert.ok(!r.ok && r.error.code === 'vcs.insecure-url', JSON.stringify(r));
			assert.deepEqual(c.runner.calls, []);
		} finally {
			c.cleanup();
		}
	});

	test('a missing local path is an error value', async () => {
		const r = await load({ type: 'hg', url: path.join(repo, 'does-not-exist') });
		assert.ok(!r.ok && /path does not exist/.test(r.error.message));
	});
});

testMissingProgram(() => ({ type: 'hg', url: repo }), 'vcs.hg-not-found', 'hg was not found');

describe('hostile hg definitions run nothing', () => {
	testHostileUrlsRunNothing(['hg', 'vcs'], hostileUrls('hg', 'MARKER'));

	test('even past the URL checks, the driver puts the URL after -- so hg reads it as a path', async () => {
		const c = vcsTestContext();
		const marker = path.join(markerDir, 'direct');
		try {
			const url = `--config=alias.clone=!touch ${marker}`;
			await assert.rejects(hgDriverFactory.create(url, {}, c.ctx).initialize(), /Failed to clone/);
			assert.equal(await hgDriverFactory.supports(`--config=alias.identify=!touch ${marker}`, c.ctx, true), false);
			const isUrl = (a: string) => a.startsWith('--config=alias.');
			const withUrl = c.runner.calls.filter((call) => call.args.some(isUrl));
			assert.ok(withUrl.length >= 2 && withUrl.every((call) => call.args.indexOf('--') >= 0 && call.args.indexOf('--') < call.args.findIndex(isUrl)), c.runner.lines().join('\n'));
			assert.equal(fs.existsSync(marker), false);
		} finally {
			c.cleanup();
		}
	});
});

/** `composer show --all NAME` for one composer.json (one Composer run; hg runs are slow enough). */
async function composerVersions(repositories: unknown[], name: string): Promise<string[]> {
	const project = oracleProject({ repositories });
	try {
		const r = await composerShowVersions(project, name);
		assert.ok(r.ok, r.ok ? '' : r.stderr);
		return [...r.versions].sort();
	} finally {
		project.cleanup();
	}
}

describe('hg agreement with composer show --all', () => {
	test('local repository', async () => {
		assert.deepEqual(await composerVersions([{ type: 'hg', url: repo }], 'acme/hg-main'), EXPECTED);
	});
	test('HTTP-cloned repository found by type vcs (deep detection)', async () => {
		const ours = await load({ type: 'vcs', url: server!.url });
		assert.deepEqual(await composerVersions([{ type: 'vcs', url: server!.url }], 'acme/hg-main'), versionsOf(ours, 'acme/hg-main'));
		assert.deepEqual(versionsOf(ours), EXPECTED);
	});
});
