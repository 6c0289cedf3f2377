// Path repositories against real directory trees and git checkouts built in temp folders.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathResolver } from '../../server/src/resolvers/path';
import { expandBraces, globDirectories as globWithFacts } from '../../server/src/composerPaths';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import type { LoadResult, ResolveContext } from '../../server/src/resolvers/types';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-path-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, json: unknown): void {
	const file = path.join(root, rel);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
}

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
}

function ctxFor(project: string, env: Record<string, string | undefined> = {}): ResolveContext {
	return createNodeResolveContext({ composerJson: path.join(project, 'composer.json'), env: { PATH: process.env.PATH, HOME: root, ...env }, homeDir: root, cacheDir: false });
}

async function versions(project: string, config: Record<string, unknown>, env?: Record<string, string | undefined>): Promise<LoadResult> {
	return pathResolver.loadPackages({ key: 0, config: { type: 'path', ...config }, label: 'path' }, undefined, ctxFor(project, env));
}

function list(r: LoadResult): string[] {
	assert.ok(r.ok, r.ok ? '' : r.error.message);
	return r.packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('path glob', () => {
	test('brace expansion keeps alternative order and nests', () => {
		assert.deepEqual(expandBraces('x/{b,a}/y'), ['x/b/y', 'x/a/y']);
		assert.deepEqual(expandBraces('{a,{b,c}d}'), ['a', 'bd', 'cd']);
		// An unbalanced brace leaves the pattern literal, as glibc's glob retries without GLOB_BRACE (PHP: `a{b` matches a folder named `a{b`).
		assert.deepEqual(expandBraces('a{b'), ['a{b']);
	});

	test('*, ? and [..] match directories only, never dot entries', async () => {
		const globDirectories = (pattern: string, cwd: string) => globWithFacts(createNodeLocalFacts(), pattern, { cwd });
		write('g/packages/alpha/composer.json', {});
		write('g/packages/beta/composer.json', {});
		write('g/packages/.hidden/composer.json', {});
		write('g/packages/file.txt', 'x');
		write('g/packages/ab/composer.json', {});
		assert.deepEqual(await globDirectories('packages/*', path.join(root, 'g')), ['packages/ab', 'packages/alpha', 'packages/beta']);
		assert.deepEqual(await globDirectories('packages/a?', path.join(root, 'g')), ['packages/ab']);
		assert.deepEqual(await globDirectories('packages/[b]*', path.join(root, 'g')), ['packages/beta']);
		assert.deepEqual(await globDirectories('packages/{beta,alpha}', path.join(root, 'g')), ['packages/beta', 'packages/alpha']);
		assert.deepEqual(await globDirectories('packages/nope', path.join(root, 'g')), []);
	});
});

describe('path repository', () => {
	const project = path.join(root, 'proj');
	fs.mkdirSync(project, { recursive: true });
	write('proj/composer.json', {});
	write('proj/packages/a/composer.json', { name: 'acme/a', version: '1.2.0' });
	write('proj/packages/b/composer.json', { name: 'acme/b', version: 'v2.0' });
	write('proj/packages/c/readme', 'no composer.json here');
	write('proj/packages/d/composer.json', { name: 'acme/d', version: '3.0.0' });

	test('packages/* finds every directory with a composer.json', async () => {
		assert.deepEqual(list(await versions(project, { url: 'packages/*' })), ['acme/a@1.2.0', 'acme/b@v2.0', 'acme/d@3.0.0']);
	});

	test('{a,b} and ? globs', async () => {
		assert.deepEqual(list(await versions(project, { url: 'packages/{a,b}' })), ['acme/a@1.2.0', 'acme/b@v2.0']);
		assert.deepEqual(list(await versions(project, { url: 'packages/?' })), ['acme/a@1.2.0', 'acme/b@v2.0', 'acme/d@3.0.0']);
	});

	test('relative with .., absolute, ~/ and $VAR urls', async () => {
		write('shared/lib/composer.json', { name: 'acme/shared', version: '0.1.0' });
		assert.deepEqual(list(await versions(project, { url: '../shared/lib' })), ['acme/shared@0.1.0']);
		assert.deepEqual(list(await versions(project, { url: path.join(root, 'shared/lib') })), ['acme/shared@0.1.0']);
		assert.deepEqual(list(await versions(project, { url: '~/shared/lib' })), ['acme/shared@0.1.0']);
		assert.deepEqual(list(await versions(project, { url: '$LIBS/lib' }, { LIBS: path.join(root, 'shared') })), ['acme/shared@0.1.0']);
	});

	test('options.versions overrides composer.json', async () => {
		const r = await versions(project, { url: 'packages/a', options: { versions: { 'acme/a': '4.5.6' } } });
		assert.deepEqual(list(r), ['acme/a@4.5.6']);
		assert.ok(r.ok && r.packages[0].versionNormalized === '4.5.6.0');
	});

	test('no VCS and no version: dev-main', async () => {
		const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-path-novcs-'));
		try {
			fs.writeFileSync(path.join(outside, 'composer.json'), JSON.stringify({ name: 'acme/plain' }));
			assert.deepEqual(list(await versions(project, { url: outside })), ['acme/plain@dev-main']);
		} finally {
			fs.rmSync(outside, { recursive: true, force: true });
		}
	});

	test('missing directory is an error; an empty wildcard under an existing folder is not', async () => {
		const r = await versions(project, { url: 'nowhere/x' });
		assert.ok(!r.ok);
		assert.match(r.error.message, /The `url` supplied for the path \(nowhere\/x\) repository does not exist/);
		write('proj/empty/.keep', '');
		assert.deepEqual(list(await versions(project, { url: 'empty/*' })), []);
	});

	test('missing url, broken JSON and a package without name are errors', async () => {
		const noUrl = await versions(project, {});
		assert.ok(!noUrl.ok && /url/.test(noUrl.error.message));
		write('proj/broken/composer.json', '{"name": ');
		const broken = await versions(project, { url: 'broken' });
		assert.ok(!broken.ok && /does not contain valid JSON/.test(broken.error.message));
		write('proj/noname/composer.json', { version: '1.0.0' });
		const noName = await versions(project, { url: 'noname' });
		assert.ok(!noName.ok && /has no name defined/.test(noName.error.message));
	});

	test('branch-alias of the guessed dev version is kept as aliasOf', async () => {
		const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-path-alias-'));
		try {
			fs.writeFileSync(path.join(outside, 'composer.json'), JSON.stringify({ name: 'acme/al', extra: { 'branch-alias': { 'dev-main': '2.1.x-dev' } } }));
			const r = await versions(project, { url: outside });
			assert.ok(r.ok);
			assert.equal(r.packages[0].aliasOf, '2.1.9999999.9999999-dev');
		} finally {
			fs.rmSync(outside, { recursive: true, force: true });
		}
	});
});

describe('path repository version from a git checkout', () => {
	const repo = path.join(root, 'gitpkg');
	fs.mkdirSync(repo, { recursive: true });
	fs.writeFileSync(path.join(repo, 'composer.json'), JSON.stringify({ name: 'acme/g' }));
	git(repo, 'init', '-q', '-b', 'main');
	git(repo, 'add', '.');
	git(repo, 'commit', '-q', '-m', 'one');
	const project = path.join(root, 'gproj');
	fs.mkdirSync(project, { recursive: true });

	test('main branch → dev-main', async () => {
		assert.deepEqual(list(await versions(project, { url: repo })), ['acme/g@dev-main']);
	});

	test('numeric branch → X.Y.x-dev', async () => {
		git(repo, 'checkout', '-q', '-b', '1.4');
		try {
			assert.deepEqual(list(await versions(project, { url: repo })), ['acme/g@1.4.x-dev']);
		} finally {
			git(repo, 'checkout', '-q', 'main');
		}
	});

	test('feature branch → the feature version and the nearest mainline branch', async () => {
		git(repo, 'checkout', '-q', '-b', 'feature/x');
		fs.writeFileSync(path.join(repo, 'f.txt'), 'x');
		git(repo, 'add', '.');
		git(repo, 'commit', '-q', '-m', 'feature');
		try {
			assert.deepEqual(list(await versions(project, { url: repo })), ['acme/g@dev-feature/x', 'acme/g@dev-main']);
		} finally {
			git(repo, 'checkout', '-q', 'main');
		}
	});

	test('detached HEAD on a tag → the tag', async () => {
		git(repo, 'tag', 'v1.2.0');
		git(repo, 'checkout', '-q', '--detach', 'v1.2.0');
		try {
			assert.deepEqual(list(await versions(project, { url: repo })), ['acme/g@v1.2.0']);
		} finally {
			git(repo, 'checkout', '-q', 'main');
		}
	});

	test('a hostile checkout config is never executed', async () => {
		const evil = path.join(root, 'evil');
		fs.mkdirSync(evil, { recursive: true });
		fs.writeFileSync(path.join(evil, 'composer.json'), JSON.stringify({ name: 'acme/evil' }));
		git(evil, 'init', '-q', '-b', 'main');
		git(evil, 'add', '.');
		git(evil, 'commit', '-q', '-m', 'one');
		const marker = path.join(root, 'pwned');
		for (const key of ['core.fsmonitor', 'core.pager', 'core.editor', 'core.sshCommand']) {
			git(evil, 'config', key, `touch ${marker}`);
		}
		git(evil, 'config', 'alias.branch', `!touch ${marker}`);
		assert.deepEqual(list(await versions(project, { url: evil })), ['acme/evil@dev-main']);
		assert.equal(fs.existsSync(marker), false);
	});
});
