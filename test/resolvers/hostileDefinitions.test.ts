// Hostile definitions for the non-VCS resolvers (composer, path, artifact, package), from the corpus the validator
// and server tests read too (test/fixtures/hostile/definitions.json): urls that look like options, traversal, and
// package metadata whose source/dist would run a command if anyone executed it. They must come back as values,
// and no process may ever receive such a value as an argument.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { artifactResolver } from '../../server/src/resolvers/artifact';
import { composerResolver } from '../../server/src/resolvers/composer';
import { packageResolver } from '../../server/src/resolvers/package';
import { pathResolver } from '../../server/src/resolvers/path';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import type { RepositoryResolver, ResolveContext } from '../../server/src/resolvers/types';
import { RecordingRunner } from '../helpers/vcsDriverContext';
import { git, removeDir, tempDir } from '../helpers/gitRepo';
import { json, startLoopbackServer } from '../helpers/loopbackServer';
import { loopbackHttpClient } from '../helpers/noInternet';
import { hostileDefinition } from '../helpers/hostileDefinitions';

const root = tempDir('cr-hostile-');
const marker = path.join(root, 'pwned');
after(() => removeDir(root));

function ctx(secureHttp = false): { ctx: ResolveContext; runner: RecordingRunner; http: ReturnType<typeof loopbackHttpClient> } {
	const runner = new RecordingRunner();
	const http = loopbackHttpClient({ secureHttp });
	const c = createNodeResolveContext({
		composerJson: path.join(root, 'composer.json'), env: { PATH: process.env.PATH, HOME: root }, homeDir: root, cacheDir: false, processes: runner, http,
		configLayers: [{ 'secure-http': secureHttp }],
	});
	return { ctx: c, runner, http };
}

async function load(resolver: RepositoryResolver, config: Record<string, unknown>, c: ResolveContext) {
	return resolver.loadPackages({ key: 0, config, label: String(config.type) }, undefined, c);
}

/** No recorded process got `value` (or anything starting with `-` that came from the definition) as an argument. */
function assertNeverPassed(runner: RecordingRunner, values: string[]): void {
	for (const call of runner.calls) {
		for (const v of values) {
			assert.ok(!call.args.some((a) => a.includes(v)), `${call.command} ${call.args.join(' ')} received ${v}`);
		}
	}
}

describe('hostile definitions: path, artifact, composer, package', () => {
	test('a path url naming an option-like folder is read as a folder; git only ever gets it as cwd', async () => {
		const def = hostileDefinition('path-option-like-folder', marker);
		assert.equal(def.refused, false);
		const name = String(def.repository.url);
		const dir = path.join(root, name);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'composer.json'), JSON.stringify({ name: 'acme/dashed' }));
		execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
		git(dir, ['add', '.']);
		git(dir, ['commit', '-q', '-m', 'one']);
		const { ctx: c, runner } = ctx();
		const r = await load(pathResolver, def.repository, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.packages.map((p) => `${p.name}@${p.version}`), ['acme/dashed@dev-main']);
		assert.ok(runner.calls.length > 0, 'the checkout was asked for its branch');
		assertNeverPassed(runner, ['upload-pack', name]);
		assert.equal(fs.existsSync(marker), false);
		assert.equal(fs.existsSync(path.join(dir, 'pwned')), false);
	});

	test('a missing option-like path url is an error value and starts nothing', async () => {
		const { ctx: c, runner } = ctx();
		const r = await load(pathResolver, { type: 'path', url: String(hostileDefinition('composer-option-like-url').repository.url) }, c);
		assert.ok(!r.ok);
		assert.match(r.error.message, /does not exist/);
		assert.equal(runner.calls.length, 0);
	});

	test('artifact: an option-like folder and traversal urls are plain paths; archives are never extracted or run', async () => {
		const def = hostileDefinition('artifact-option-like-folder', marker);
		assert.equal(def.refused, false);
		const dir = path.join(root, String(def.repository.url));
		const src = path.join(root, 'artsrc');
		fs.mkdirSync(dir, { recursive: true });
		fs.mkdirSync(src, { recursive: true });
		fs.writeFileSync(path.join(src, 'composer.json'), JSON.stringify({ name: 'acme/zipped', version: '1.0.0', scripts: { 'post-install-cmd': `touch ${marker}` } }));
		execFileSync('zip', ['-q', path.join(dir, 'p.zip'), 'composer.json'], { cwd: src });
		const { ctx: c, runner } = ctx();
		const r = await load(artifactResolver, def.repository, c);
		assert.ok(r.ok, JSON.stringify(r));
		assert.deepEqual(r.packages.map((p) => `${p.name}@${p.version}`), ['acme/zipped@1.0.0']);
		// `..` in the url walks up like any relative path (Composer allows it); it is resolved, never passed on.
		const up = await load(artifactResolver, { type: 'artifact', url: `art/../${String(def.repository.url)}` }, c);
		assert.ok(up.ok && up.packages.length === 1);
		assert.equal(runner.calls.length, 0);
		assert.deepEqual(fs.readdirSync(dir), ['p.zip']);
		assert.equal(fs.existsSync(marker), false);
	});

	test('composer: an option-like url is refused as a value with no connection and no process', async () => {
		const def = hostileDefinition('composer-option-like-url', marker);
		assert.equal(def.refused, true);
		for (const secure of [true, false]) {
			const { ctx: c, runner, http } = ctx(secure);
			const r = await load(composerResolver, def.repository, c);
			assert.ok(!r.ok, JSON.stringify(r));
			assert.equal(runner.calls.length, 0);
			assert.ok(http.refused.every((u) => !u.startsWith('-')));
		}
	});

	test('command-like sources: listed from a composer repository, refused by the package validator, never executed', async () => {
		const inline = hostileDefinition('package-option-like-source', marker);
		const evil = (inline.repository.package as { source: Record<string, unknown> }).source;
		const server = await startLoopbackServer({
			routes: { '/packages.json': json({ packages: { 'acme/src': { '1.0.0': { name: 'acme/src', version: '1.0.0', source: evil, dist: { type: 'zip', url: 'ext::sh -c touch%20pwned' } } } } }) },
		});
		try {
			const { ctx: c, runner } = ctx();
			const fromComposer = await load(composerResolver, { type: 'composer', url: server.url }, c);
			assert.ok(fromComposer.ok, JSON.stringify(fromComposer));
			assert.deepEqual(fromComposer.packages.map((p) => p.version), ['1.0.0']);
			const fromPackage = await load(packageResolver, inline.repository, c);
			// Composer validates inline `package` definitions (ValidatingArrayLoader): `-`-prefixed source values are refused.
			assert.ok(!fromPackage.ok);
			assert.match(fromPackage.error.message, /source\.url : must not start with a "-"/);
			assert.equal(runner.calls.length, 0);
			assert.equal(fs.existsSync(marker), false);
		} finally {
			await server.close();
		}
	});
});
