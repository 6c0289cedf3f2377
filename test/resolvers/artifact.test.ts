// Artifact repositories over zips and tarballs made at test time (zip, git archive, tar), read in memory.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, describe, test } from 'node:test';
import { artifactResolver } from '../../server/src/resolvers/artifact';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import type { LoadResult } from '../../server/src/resolvers/types';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-artifact-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };

/** A folder with files, zipped with the `zip` command from inside it (`entries` relative to it). */
function zipOf(target: string, files: Record<string, unknown>): void {
	const src = fs.mkdtempSync(path.join(root, 'src-'));
	for (const [rel, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
		fs.writeFileSync(path.join(src, rel), typeof content === 'string' ? content : JSON.stringify(content));
	}
	fs.mkdirSync(path.dirname(target), { recursive: true });
	execFileSync('zip', ['-qr', target, ...fs.readdirSync(src)], { cwd: src });
}

/** A stored (uncompressed) zip with arbitrary entry names, e.g. `../composer.json`. */
function rawZip(target: string, entries: Record<string, string>): void {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(entries)) {
		const data = Buffer.from(text);
		const nameBuf = Buffer.from(name);
		const crc = zlib.crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBuf.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBuf.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBuf, data);
		centrals.push(central, nameBuf);
		offset += 30 + nameBuf.length + data.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(entries).length, 8);
	end.writeUInt16LE(Object.keys(entries).length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.writeFileSync(target, Buffer.concat([...locals, cd, end]));
}

async function scan(dir: string): Promise<LoadResult> {
	const ctx = createNodeResolveContext({ composerJson: path.join(root, 'composer.json'), env: { PATH: process.env.PATH }, homeDir: root, cacheDir: false });
	return artifactResolver.loadPackages({ key: 0, config: { type: 'artifact', url: dir }, label: 'artifact' }, undefined, ctx);
}

function list(r: LoadResult): string[] {
	assert.ok(r.ok, r.ok ? '' : r.error.message);
	return r.packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('artifact repository', () => {
	test('composer.json at the root, inside one top-level dir, and in nested subdirectories', async () => {
		const dir = path.join(root, 'a1');
		zipOf(path.join(dir, 'root.zip'), { 'composer.json': { name: 'acme/root', version: '1.0.0' }, 'src/x.php': '<?php' });
		zipOf(path.join(dir, 'deep/er/inner.zip'), { 'pkg/composer.json': { name: 'acme/inner', version: 'v2.0.1' }, 'pkg/src/y.php': '<?php' });
		// git archive --prefix gives a single top-level directory with directory entries.
		const repo = path.join(root, 'arch-repo');
		fs.mkdirSync(repo);
		fs.writeFileSync(path.join(repo, 'composer.json'), JSON.stringify({ name: 'acme/archived', version: '3.1.0' }));
		execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: gitEnv });
		execFileSync('git', ['add', '.'], { cwd: repo, env: gitEnv });
		execFileSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, env: gitEnv });
		execFileSync('git', ['archive', '--format=zip', '--prefix=archived-3.1.0/', '-o', path.join(dir, 'archived.zip'), 'HEAD'], { cwd: repo, env: gitEnv });
		assert.deepEqual(list(await scan(dir)), ['acme/archived@3.1.0', 'acme/inner@v2.0.1', 'acme/root@1.0.0']);
	});

	test('two top-level dirs, a garbage zip and an empty zip are skipped with a warning', async () => {
		const dir = path.join(root, 'a2');
		zipOf(path.join(dir, 'ok.zip'), { 'composer.json': { name: 'acme/ok', version: '1.0.0' } });
		zipOf(path.join(dir, 'two.zip'), { 'x/composer.json': { name: 'acme/two', version: '1.0.0' }, 'y/readme': 'x' });
		fs.writeFileSync(path.join(dir, 'garbage.zip'), 'not a zip at all');
		const r = await scan(dir);
		assert.deepEqual(list(r), ['acme/ok@1.0.0']);
		assert.ok(r.ok && r.warnings.some((w) => /more than one top level directories/.test(w)));
		assert.ok(r.ok && r.warnings.some((w) => /garbage\.zip/.test(w)));
	});

	test('an archive without version fails the repository, as in Composer', async () => {
		const dir = path.join(root, 'a3');
		zipOf(path.join(dir, 'nov.zip'), { 'composer.json': { name: 'acme/nov' } });
		const r = await scan(dir);
		assert.ok(!r.ok);
		assert.match(r.error.message, /Failed loading package in .*nov\.zip: Package acme\/nov has no version defined\./);
	});

	test('an upper-case .ZIP fails the repository, as in Composer', async () => {
		const dir = path.join(root, 'a4');
		zipOf(path.join(dir, 'UP.ZIP'), { 'composer.json': { name: 'acme/up', version: '1.0.0' } });
		const r = await scan(dir);
		assert.ok(!r.ok);
		assert.match(r.error.message, /Files with "ZIP" extensions aren't supported/);
	});

	test('tar, tar.gz and tgz archives', async () => {
		const dir = path.join(root, 'a5');
		fs.mkdirSync(dir);
		const src = path.join(root, 'tarsrc');
		fs.mkdirSync(path.join(src, 'pkg'), { recursive: true });
		fs.writeFileSync(path.join(src, 'pkg/composer.json'), JSON.stringify({ name: 'acme/tarred', version: '1.0.0' }));
		fs.writeFileSync(path.join(src, 'composer.json'), JSON.stringify({ name: 'acme/tarroot', version: '2.0.0' }));
		execFileSync('tar', ['czf', path.join(dir, 'dir.tgz'), 'pkg'], { cwd: src });
		execFileSync('tar', ['cf', path.join(dir, 'root.tar'), 'composer.json'], { cwd: src });
		assert.deepEqual(list(await scan(dir)), ['acme/tarred@1.0.0', 'acme/tarroot@2.0.0']);
	});

	test('a missing directory is an error value', async () => {
		const r = await scan(path.join(root, 'does-not-exist'));
		assert.ok(!r.ok && /does not exist/.test(r.error.message));
	});

	test('path traversal in entry names never reads outside the archive', async () => {
		const dir = path.join(root, 'a6');
		// A real file one level up that a careless extractor would read or overwrite.
		fs.writeFileSync(path.join(root, 'composer.json'), JSON.stringify({ name: 'acme/outside', version: '9.9.9' }));
		rawZip(path.join(dir, 'evil.zip'), { '../composer.json': JSON.stringify({ name: 'acme/inside', version: '1.0.0' }) });
		rawZip(path.join(dir, 'abs.zip'), { '/etc/composer.json': JSON.stringify({ name: 'acme/abs', version: '1.0.0' }) });
		const before = fs.readFileSync(path.join(root, 'composer.json'), 'utf8');
		const r = await scan(dir);
		// `../` is a single top-level "directory" inside the zip: its composer.json comes from the zip itself.
		assert.deepEqual(list(r), ['acme/inside@1.0.0']);
		assert.equal(fs.readFileSync(path.join(root, 'composer.json'), 'utf8'), before);
		assert.equal(fs.readdirSync(dir).sort().join(','), 'abs.zip,evil.zip');
	});
});
