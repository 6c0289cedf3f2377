// The shared path logic (server/src/composerPaths/) against PHP itself: glob() with Composer's flags on a real
// tree of awkward names, and Composer's own Platform::expandPath. PHP is spawned with execFile; the inputs travel
// as one JSON argument, never through a shell. Also: the validator and the path resolver read urls the same way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareUtf8, compileSegment, expandBraces, expandPath, globDirectories, isAbsolutePath, phpDirname, segmentMatches, userDirectory, wildcardParent } from '../../server/src/composerPaths';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { pathResolver } from '../../server/src/resolvers/path';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import { validate } from './validationHarness';

const COMPOSER_AUTOLOAD = '/usr/share/php/Composer/autoload.php';

function php(code: string, input: unknown, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<unknown> {
	return new Promise((resolve, reject) => {
		execFile('php', ['-r', code, '--', JSON.stringify(input)], { ...options, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`php failed: ${error.message}\n${stderr}`));
			else resolve(JSON.parse(stdout));
		});
	});
}

// PathRepository::getUrlMatches, verbatim in behaviour: the flags Composer passes and the trimming it applies.
const PHP_GLOB = `
$out = [];
foreach (json_decode($argv[1], true) as $pattern) {
	$found = glob($pattern, GLOB_MARK | GLOB_ONLYDIR | GLOB_BRACE);
	$out[] = array_map(static fn ($v) => rtrim(str_replace(DIRECTORY_SEPARATOR, '/', $v), '/'), $found === false ? [] : $found);
}
echo json_encode($out);`;

const PHP_EXPAND = `
require ${JSON.stringify(COMPOSER_AUTOLOAD)};
echo json_encode(array_map([Composer\\Util\\Platform::class, 'expandPath'], json_decode($argv[1], true)));`;

const DIRS = [
	'alpha', 'beta', 'ab', 'AB', '1', 'a,b', 'a{b', 'a}b', '{}', 'x', 'x[1]', 'x]', '[x', '!', '-', ']', 'q?', 'star*', 'sp ace',
	'back\\slash', 'é', 'ée', 'ｚ', '😀', 'line\nbreak', 'brace{a,b}', '.hidden', '.hid2', 'nested/one/two', 'nested/three',
];
const FILES = ['file', 'fileb', 'alpha/composer.json', '.hidden/composer.json', 'x[1]/composer.json', 'nested/one/file'];
const LINKS: Array<[name: string, target: string]> = [['linkdir', 'alpha'], ['deep', 'nested/one'], ['linkfile', 'file'], ['broken', 'nowhere'], ['selfloop', '.']];

const PATTERNS = [
	// wildcards, dot entries, separators
	'*', '.*', '?', '??', '*/', 'alpha/', 'alpha//', './*', 'nested/*', 'nested/*/*', 'nested//*', 'nested/*/two/', 'nested/./*',
	'nested/..', '*/..', '.?', '.hid?', '[.]hidden', '\\.hid*', '', 'nope', 'nope/*', 'alpha/composer.json',
	// symlinks and files
	'link*', 'broken', 'linkfile', 'file', 'file/', 'selfloop/selfloop/alpha', 'sel*/sel*/al*', 'deep/../*', 'deep/..',
	// braces
	'{alpha,beta}', '{beta,alpha}', '{alpha,alpha}', '{,alpha}', '{alpha}', '{}', 'a{b', 'a\\{b', '{a,b', '{{alpha,beta}',
	'nested/{one/*,three}', '{nested/{one,three},alpha}', '{a\\,b,ab}', 'brace{a,b}', 'brace\\{a,b\\}', '{.hidden,alpha}',
	'{*a,*b}', '{alpha/,beta}', '*}*',
	// brackets
	'[ab]*', '[!a]*', '[^a]*', '[]a]*', '[!]]', '[a-c]*', '[c-a]', '[c-ax]', '[--a]', '[a-]', '[', '[x', '\\[x', '[[]x',
	'x[1]', 'x\\[1]', 'x[[]1]', '*]', '[[:alpha:]]', '[[:upper:]]*', '[[:digit:]]', '[[:alpha:][:digit:]]', '[[:bogus:]]',
	'[[:ALPHA:]]', '[[.a.]]b', '[[=é=]]*', '[[.ab.]]', '[a-[.c.]]b', '[[:alpha:]-c]', '[\\]]', '[a\\-c]*', '[é]?',
	// escapes and literal specials
	// non-ASCII names: glibc matches them as characters or as UTF-8 bytes
	'???', '*[!é]', '?[!a]', '[[:alpha:]][[:alpha:]]', '[^[:alpha:]][^[:alpha:]]', '[é-ê]', '[[.é.]]', '[!x]',
	'q\\?', 'q?', 'star\\*', 'sp ace', 'back\\\\slash', 'back\\slash', '*sl*', '*[[:space:]]*', 'line?break', '?e',
];

describe('composerPaths: glob against PHP glob(GLOB_MARK|GLOB_ONLYDIR|GLOB_BRACE)', () => {
	let root: string;
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-composer-paths-'));
		for (const d of DIRS) fs.mkdirSync(path.join(root, d), { recursive: true });
		for (const f of FILES) fs.writeFileSync(path.join(root, f), '{}');
		for (const [name, target] of LINKS) fs.symlinkSync(target, path.join(root, name));
	});
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	test('relative and absolute patterns give what PHP gives, in PHP order', async () => {
		const patterns = [...PATTERNS, '/tm?', '/{tmp,no-such-dir-here}', '//tm?', '//tmp', '///tm?', `/${root}/al*`, `${root}/al*`, `${root}/{beta,alpha}/`, `${root}/nested/*/two`];
		const expected = await php(PHP_GLOB, patterns, { cwd: root }) as string[][];
		const facts = createNodeLocalFacts();
		const mismatches: string[] = [];
		for (const [i, pattern] of patterns.entries()) {
			const ours = await globDirectories(facts, pattern, { cwd: root });
			if (JSON.stringify(ours) !== JSON.stringify(expected[i])) mismatches.push(`${JSON.stringify(pattern)}: ours ${JSON.stringify(ours)}, PHP ${JSON.stringify(expected[i])}`);
		}
		assert.deepEqual(mismatches, []);
		// The tree really exercises the cases: PHP found something for most patterns, and nothing for some.
		assert.ok(expected.filter((r) => r.length > 0).length > 60 && expected.some((r) => r.length === 0));
	});

	test('seeded random patterns over the tricky tokens agree with PHP too', async () => {
		const tokens = ['*', '*', '*', '?', '?', '[', ']', '!', '^', '{', '}', ',', '\\', '/', '.', '..', '-', ':', 'a', 'b', 'x', '1', 'é', 'e', 'nested/', 'deep/',
			'selfloop/', 'link', '{a,b}', '{,', '\\{', '[!', '[]', '[:alpha:]', '[.a.]', 'q?', 'AB'];
		let seed = 20261121;
		const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
		const patterns: string[] = [];
		while (patterns.length < 600) {
			let p = '';
			for (let len = 1 + next(6); len > 0; len--) p += tokens[next(tokens.length)];
			if (!/^\/+$/.test(p)) patterns.push(p); // the root alone: we keep `/` where Composer's rtrim leaves ''
		}
		const expected = await php(PHP_GLOB, patterns, { cwd: root }) as string[][];
		const facts = createNodeLocalFacts();
		const mismatches: string[] = [];
		for (const [i, pattern] of patterns.entries()) {
			const ours = await globDirectories(facts, pattern, { cwd: root });
			if (JSON.stringify(ours) !== JSON.stringify(expected[i])) mismatches.push(`${JSON.stringify(pattern)}: ours ${JSON.stringify(ours)}, PHP ${JSON.stringify(expected[i])}`);
		}
		assert.deepEqual(mismatches, []);
		assert.ok(expected.filter((r) => r.length > 0).length > 60); // this seed: 90 of 600 match something
	});

	test('differences between the former copies, settled by PHP', async () => {
		const facts = createNodeLocalFacts();
		const glob = (p: string) => globDirectories(facts, p, { cwd: root });
		// Unbalanced brace: literal (the resolver's copy matched nothing).
		assert.deepEqual(expandBraces('a{b'), ['a{b']);
		assert.deepEqual(await glob('a{b'), ['a{b']);
		// A backslash escapes on POSIX (the validator's copy split folders at it).
		assert.deepEqual(await glob('x\\[1]'), ['x[1]']);
		assert.deepEqual(await glob('back\\\\slash'), ['back\\slash']);
		// Sorted with GLOB_MARK's slash and in UTF-8 byte order (the validator's copy did not sort; the resolver's put `a` before `a,b`).
		assert.deepEqual(await glob('a*'), ['a,b', 'ab', 'alpha', 'a{b', 'a}b']);
		assert.deepEqual((await glob('*')).slice(-4), ['é', 'ée', 'ｚ', '😀']);
		// Duplicates from two alternatives are kept (the validator's copy dropped them).
		assert.deepEqual(await glob('{alpha,alpha}'), ['alpha', 'alpha']);
		// `.*` matches the `.` and `..` entries (both copies missed them); POSIX classes work (both copies misread them).
		assert.deepEqual(await glob('.*'), ['..', '.', '.hid2', '.hidden']);
		assert.deepEqual(await glob('[[:digit:]]'), ['1']);
		// `..` after a symlink goes through the link (the resolver's copy normalized it away first).
		assert.deepEqual(await glob('deep/../*'), ['deep/../one', 'deep/../three']);
	});

	test('Windows rules: a backslash separates and escapes nothing', () => {
		assert.deepEqual(expandBraces('{a\\,b,c}', false), ['a\\', 'b', 'c']);
		assert.deepEqual(expandBraces('{a\\,b,c}'), ['a\\,b', 'c']);
		assert.ok(segmentMatches(compileSegment('x\\', false), 'x\\') && !segmentMatches(compileSegment('\\*', false), 'a'));
		assert.ok(segmentMatches(compileSegment('\\*'), '*') && !segmentMatches(compileSegment('\\*'), 'a'));
	});

	test('the limit bounds the work, and UTF-8 order differs from UTF-16 order above U+FFFF', async () => {
		assert.equal((await globDirectories(createNodeLocalFacts(), '*', { cwd: root, limit: 3 })).length, 3);
		assert.ok(compareUtf8('ｚ', '😀') < 0 && 'ｚ' > '😀');
	});
});

describe('composerPaths: expandPath against Composer\'s Platform::expandPath', () => {
	const inputs = ['~/a', '~\\a', '~', '~/$FOO', '$FOO/x', '$FOO', '%FOO%/x', '%FOO/x', '$UNSET/x', '$FOO%/x', 'x/$FOO', '$FOO-bar',
		'$FOOé', '%FOO%%FOO%', '$HOME/x', '%HOME%', '', '$', '%%', '$1/x', '$EMPTY/x', '/abs/$FOO', 'C:\\x', '$FOO\nrest'];

	test('with HOME set, HOME wins over the account folder (the vcs copy used the account folder first)', async () => {
		const env = { PATH: process.env.PATH, HOME: '/h/me', FOO: '/foo', EMPTY: '' };
		const expected = await php(PHP_EXPAND, inputs, { env });
		assert.deepEqual(inputs.map((p) => expandPath(p, env, '/account')), expected);
		// The differences the former copies had: `~\` stays (all copies expanded it), an unset variable is empty
		// (the vcs copy kept `$UNSET`), `$HOME` is the variable, not the account folder.
		assert.equal(expandPath('~\\a', env, '/account'), '~\\a');
		assert.equal(expandPath('$UNSET/x', env, '/account'), '/x');
		assert.equal(expandPath('$HOME/x', { FOO: '1' }, '/account'), '/x');
	});

	test('without HOME the account folder is used; an empty HOME is still HOME', async () => {
		const env = { PATH: process.env.PATH, FOO: '/foo' };
		const expected = await php(PHP_EXPAND, inputs, { env });
		assert.deepEqual(inputs.map((p) => expandPath(p, env, os.userInfo().homedir)), expected);
		const emptyHome = { PATH: process.env.PATH, HOME: '' };
		assert.deepEqual(['~/a', '$HOME/a'].map((p) => expandPath(p, emptyHome, '/account')), await php(PHP_EXPAND, ['~/a', '$HOME/a'], { env: emptyHome }));
	});

	test('Windows rules (read from Platform.php; no PHP for Windows here)', () => {
		assert.equal(expandPath('~/a', { USERPROFILE: 'C:\\Users\\me' }, 'C:\\acct', true), 'C:\\Users\\me/a');
		assert.equal(expandPath('~/a', { USERPROFILE: 'C:\\Users\\me' }, 'C:\\acct', false), 'C:\\acct/a');
		assert.equal(expandPath('$HOME\\x', { HOME: '', USERPROFILE: 'C:\\U' }, 'C:\\acct', true), 'C:\\U\\x');
		assert.equal(expandPath('%appdata%\\x', { APPDATA: 'C:\\AD' }, 'C:\\acct', true), 'C:\\AD\\x');
		assert.equal(expandPath('%appdata%\\x', { APPDATA: 'C:\\AD' }, '/acct', false), '\\x');
		assert.equal(userDirectory({}, undefined, true), undefined);
	});

	test('an unknown environment or home folder gives undefined (the editor then stays silent)', () => {
		assert.equal(expandPath('$A/x', undefined, '/h'), undefined);
		assert.equal(expandPath('~/x', {}, undefined), undefined);
		assert.equal(expandPath('plain/x', undefined, undefined), 'plain/x');
	});
});

describe('composerPaths: small PHP/Composer path rules', () => {
	test('isAbsolutePath is Filesystem::isAbsolutePath (the validator\'s copy wanted a letter before the colon)', () => {
		assert.ok(isAbsolutePath('/x') && isAbsolutePath('C:\\x') && isAbsolutePath('\\\\srv\\share') && isAbsolutePath('1:x'));
		assert.ok(!isAbsolutePath('x/y') && !isAbsolutePath('~/x') && !isAbsolutePath('\\x'));
	});

	test('dirname and the folder Composer checks when a wildcard matches nothing (only * { } count)', () => {
		assert.deepEqual(['a*', '/a*', 'a/b*/', 'a//b', '/', 'a\\b*'].map((p) => phpDirname(p)), ['.', '/', 'a', 'a', '/', '.']);
		assert.equal(phpDirname('C:\\a*', true), 'C:\\');
		assert.equal(wildcardParent('packages/*/src'), 'packages');
		assert.equal(wildcardParent('{a,b}/x'), '.');
		assert.equal(wildcardParent('packages/?'), undefined);
		assert.equal(wildcardParent('pk/[ab]'), undefined);
	});
});

describe('composerPaths: the validator and the path resolver agree', () => {
	// A project folder whose own name has glob characters: Composer globs the url from the working directory,
	// so the folder name is never a pattern. The validator's former copy globbed the absolute path and misread it.
	let root: string;
	let project: string;
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-composer-paths-agree-'));
		project = path.join(root, 'we{ir}d [1]');
		for (const [dir, name] of [['packages/alpha', 'acme/alpha'], ['packages/x[1]', 'acme/bracket']]) {
			fs.mkdirSync(path.join(project, dir), { recursive: true });
			fs.writeFileSync(path.join(project, dir, 'composer.json'), JSON.stringify({ name, version: '1.0.0' }));
		}
		fs.mkdirSync(path.join(project, 'packages/no-manifest'));
	});
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	const cases: Array<[url: string, packages: string[], diagnostic: string | undefined]> = [
		['packages/*', ['acme/alpha', 'acme/bracket'], undefined],
		['packages/{alpha,alpha}', ['acme/alpha', 'acme/alpha'], undefined],
		['packages/x\\[1]', ['acme/bracket'], undefined],
		['packages/none-*', [], 'path-glob-no-match'],
		['packages/none-?', [], 'path-not-found'],
		['packages/no-manifest', [], 'path-no-composer-json'],
		['packages\\alpha', [], 'path-not-found'],
	];
	for (const [url, packages, diagnostic] of cases) {
		test(`url ${JSON.stringify(url)}`, async () => {
			const composerJson = path.join(project, 'composer.json');
			const text = JSON.stringify({ repositories: [{ type: 'path', url }] });
			const { diagnostics } = await validate(text, { facts: createNodeLocalFacts(), env: {}, homeDir: root }, composerJson);
			assert.deepEqual(diagnostics.map((d) => d.code), diagnostic === undefined ? [] : [diagnostic]);
			const ctx = createNodeResolveContext({ composerJson, env: { PATH: process.env.PATH, HOME: root }, homeDir: root, cacheDir: false });
			const result = await pathResolver.loadPackages({ key: 0, config: { type: 'path', url }, label: 'path' }, undefined, ctx);
			if (diagnostic === 'path-not-found') {
				assert.equal(result.ok, false);
			} else {
				assert.ok(result.ok, result.ok ? '' : result.error.message);
				assert.deepEqual(result.packages.map((p) => p.name), packages);
			}
		});
	}
});
