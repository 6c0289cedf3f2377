// The BUILT module, loaded the way a consumer does: `require('composer-repositories/semver')`,
// resolved through package.json "exports" (package self-reference). `npm test` builds dist/ first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const requireFromPackage = createRequire(path.join(root, 'package.json'));

type SemverModule = typeof import('../../server/src/semver/index');

function load(): SemverModule {
	const bundle = path.join(root, 'dist', 'semver.js');
	assert.ok(existsSync(bundle), `${bundle} is missing: build first (node esbuild.mjs, which npm test runs)`);
	return requireFromPackage('composer-repositories/semver') as SemverModule;
}

test('the export resolves to dist/semver.js', () => {
	assert.equal(requireFromPackage.resolve('composer-repositories/semver'), path.join(root, 'dist', 'semver.js'));
});

test('the bundle exposes the public API and gives Composer\'s answers', () => {
	const semver = load();
	assert.equal(semver.normalize('v1.0.0-beta.2'), '1.0.0.0-beta2');
	assert.equal(semver.normalizeBranch('1.x'), '1.9999999.9999999.9999999-dev');
	assert.equal(semver.normalizeDefaultBranch('dev-master'), '9999999-dev');
	assert.equal(semver.parseStability('1.0.0-RC1'), 'RC');
	assert.equal(String(semver.parseConstraints('^1.2 || dev-main')), '[[>= 1.2.0.0-dev < 2.0.0.0-dev] || == dev-main]');
	assert.equal(semver.satisfies('1.5.0', '^1.2'), true);
	assert.deepEqual(semver.satisfiedBy(['1.0', '2.0', '2.5'], '~2.0'), ['2.0', '2.5']);
	assert.deepEqual(semver.sort(['dev-master', '1.0', 'dev-foo', '0.9']), ['dev-foo', '0.9', '1.0', 'dev-master']);
	assert.deepEqual(semver.rsort(['1.0', '2.0']), ['2.0', '1.0']);
	assert.equal(semver.compare('1.25.0-beta2.1', '1.25.0-b.2.1', '=='), true);
	assert.throws(() => semver.normalize('foo'), { message: 'Invalid version string "foo"' });
	const [atom] = semver.splitConstraintAtoms('dev-x as 1.0@dev');
	assert.deepEqual(atom.alias?.target, { text: '1.0@dev', start: 9, end: 16 });
	assert.ok(new semver.Constraint('>=', '1.0.0.0').matches(new semver.Constraint('==', '1.2.0.0')));
});

test('type declarations for the export are built', () => {
	assert.ok(existsSync(path.join(root, 'dist', 'types', 'semver', 'index.d.ts')));
});
