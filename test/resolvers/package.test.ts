// Inline `package` repositories: object and list forms, aliases, and invalid definitions as error values.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { loadInlinePackages, packageResolver } from '../../server/src/resolvers/package';
import type { LoadResult, ResolveContext } from '../../server/src/resolvers/types';

function ok(r: LoadResult): string[] {
	assert.ok(r.ok, r.ok ? '' : r.error.message);
	return r.packages.map((p) => `${p.name}@${p.version}=${p.versionNormalized}${p.aliasOf ? ` as ${p.aliasOf}` : ''}`);
}

function err(r: LoadResult): string {
	assert.ok(!r.ok, 'expected an error value');
	return r.error.message;
}

describe('package repository', () => {
	test('one object is one version', () => {
		assert.deepEqual(ok(loadInlinePackages({ name: 'acme/one', version: 'v1.0.0', dist: { type: 'zip', url: 'https://e/x.zip' } })), ['acme/one@v1.0.0=1.0.0.0']);
	});

	test('a list gives several versions, with branch aliases and the default-branch alias', () => {
		const r = loadInlinePackages([
			{ name: 'acme/many', version: '1.0.0' },
			{ name: 'acme/many', version: 'dev-main', extra: { 'branch-alias': { 'dev-main': '1.1.x-dev' } } },
			{ name: 'acme/many', version: 'dev-trunk', 'default-branch': true },
			{ name: 'acme/many', version: '2.x-dev' },
		]);
		assert.deepEqual(ok(r), [
			'acme/many@1.0.0=1.0.0.0',
			'acme/many@dev-main=dev-main as 1.1.9999999.9999999-dev',
			'acme/many@dev-trunk=dev-trunk as 9999999-dev',
			'acme/many@2.x-dev=2.9999999.9999999.9999999-dev',
		]);
	});

	test('an object with numeric keys is a list (PHP arrays)', () => {
		assert.deepEqual(ok(loadInlinePackages({ 0: { name: 'acme/n', version: '1.0' }, 1: { name: 'acme/n', version: '2.0' } })), ['acme/n@1.0=1.0.0.0', 'acme/n@2.0=2.0.0.0']);
	});

	test('invalid definitions are error values with Composer\'s wording', () => {
		assert.match(err(loadInlinePackages({ version: '1.0.0' })), /contains an invalid package definition: Invalid package information: \nname : must be present/);
		assert.match(err(loadInlinePackages({ name: 'Acme/Upper', version: '1.0.0' })), /should not contain uppercase characters/);
		assert.match(err(loadInlinePackages({ name: 'acme/v', version: 'not a version' })), /version : invalid value \(not a version\)/);
		assert.match(err(loadInlinePackages({ name: 'acme/nov' })), /Package acme\/nov has no version defined\./);
		assert.match(err(loadInlinePackages({ name: 'acme/s', version: '1.0.0', source: { type: 'git', url: '--upload-pack=touch /tmp/x' } })), /source.reference : must be present\nsource.url : must not start with a "-"/);
		assert.match(err(loadInlinePackages({ name: 'acme/self', version: '1.0.0', require: { 'acme/self': '*' } })), /a package cannot set a require on itself/);
		assert.match(err(loadInlinePackages({ name: 'acme/c', version: '1.0.0', require: { 'acme/d': '>>1' } })), /require.acme\/d : invalid version constraint/);
		assert.match(err(loadInlinePackages([{ name: 'acme/ok', version: '1.0.0' }, 'nope'])), /invalid package definition/);
		assert.match(err(loadInlinePackages(undefined)), /needs a "package"/);
		assert.match(err(loadInlinePackages([])), /name : must be present/);
	});

	test('loadPackages filters by the requested names', async () => {
		const repo = { key: 0, config: { type: 'package', package: [{ name: 'acme/a', version: '1.0.0' }, { name: 'acme/b', version: '1.0.0' }] }, label: 'package repo' };
		const r = await packageResolver.loadPackages(repo, ['acme/b'], {} as ResolveContext);
		assert.ok(r.ok);
		assert.deepEqual(r.namesFound, ['acme/b']);
		assert.deepEqual(r.packages.map((p) => p.name), ['acme/b']);
	});
});
