// Error messages are Composer's, word for word (checked against composer/semver run by PHP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as semver from '../../server/src/semver/index';

const constraintErrors: Array<[string, string]> = [
	['foo', 'Could not parse version constraint foo: Invalid version string "foo"'],
	['~>1.2', 'Could not parse version constraint ~>1.2: Invalid operator "~>", you probably meant to use the "~" operator'],
	['1.0#abc', 'Could not parse version constraint 1.0#abc: Invalid version string "1.0#abc"'],
	['|| ^1', 'Could not parse version constraint : Invalid version string ""'],
	['^1 ||', 'Could not parse version constraint : Invalid version string ""'],
	['|||', 'Could not parse version constraint : Invalid version string ""'],
	['>2.0,,<=3.0', 'Could not parse version constraint >2.0,,<=3.0: Invalid version string "2.0,,<=3.0"'],
	['dev-foo bar', 'Could not parse version constraint bar: Invalid version string "bar"'],
	['1.0 - 2.*', 'Could not parse version constraint 1.0 - 2.*: Invalid version string "1.0 - 2.*"'],
	['^2.x', 'Could not parse version constraint ^2.x: Invalid version string "^2.x"'],
	['foo@dev', 'Could not parse version constraint foo: Invalid version string "foo"'],
	['~1.2.3.4.5', 'Could not parse version constraint ~1.2.3.4.5: Invalid version string "~1.2.3.4.5"'],
];

for (const [input, message] of constraintErrors) {
	test(`parseConstraints(${JSON.stringify(input)}) throws Composer's message`, () => {
		assert.throws(() => semver.parseConstraints(input), (e: unknown) => e instanceof Error && e.message === message);
	});
}

const constraintForms: Array<[string, string]> = [
	['>=foo-bar-dev', '>= dev-foo-bar'],
	['foo-dev', '== dev-foo'],
	['<1.0-rc1', '< 1.0.0.0-RC1-dev'],
	['1 - 2.0', '[>= 1.0.0.0-dev < 2.1.0.0-dev]'],
	['v1 - v2', '[>= 1.0.0.0-dev < 3.0.0.0-dev]'],
	['^0.0', '[>= 0.0.0.0-dev < 0.1.0.0-dev]'],
	['~1.0.x-dev', '[>= 1.0.9999999.9999999-dev < 1.1.0.0-dev]'],
	['<1.2.3.4-stable', '< 1.2.3.4'],
	['@dev', '*'],
	['^1.2 , <1.5', '[>= 1.2.0.0-dev < 2.0.0.0-dev < 1.5.0.0-dev]'],
	['1.0.0 as ^2.0', '== 1.0.0.0'],
	['dev-main#abc123', '== dev-main'],
	// Composer adds 1 to a version part with PHP arithmetic, which overflows into a float.
	['~9223372036854775807.1', '[>= 9223372036854775807.1-dev < 9.2233720368548E+18.0.0.0-dev]'],
];

for (const [input, form] of constraintForms) {
	test(`parseConstraints(${JSON.stringify(input)}) is ${form}`, () => {
		assert.equal(String(semver.parseConstraints(input)), form);
	});
}

test('normalize errors name the input, trimmed', () => {
	assert.throws(() => semver.normalize(' 1.0.0-meh '), { message: 'Invalid version string "1.0.0-meh"' });
	assert.equal(semver.normalize(' 1.0 '), '1.0.0.0');
	assert.equal(semver.normalize('dev-Foo Bar'), 'dev-Foo Bar');
	assert.equal(semver.normalize('1.0-stable'), '1.0.0.0');
});

test('normalize with a full alias string explains which side is wrong', () => {
	assert.throws(() => semver.normalize('^2.0', '^2.0 as 1.0'), {
		message: 'Invalid version string "^2.0" in "^2.0 as 1.0", the alias source must be an exact version, if it is a branch name you should prefix it with dev-',
	});
	assert.equal(semver.normalize('1.0@dev', '1.0@dev as ^1.0'), '1.0.0.0');
});

test('invalid operators and stabilities', () => {
	assert.throws(() => new semver.Constraint('=>', '1.0'), { message: 'Invalid operator "=>" given, expected one of: =, ==, <, <=, >, >=, <>, !=' });
	assert.throws(() => semver.compare('1.0', '1.0', '=>' as semver.InputOperator), { message: /^Invalid operator "=>"/ });
	assert.throws(() => semver.normalizeStability('Foo'), { message: 'Invalid stability string "foo", expected one of stable, RC, beta, alpha or dev' });
});

test('satisfies throws for an invalid version or constraint instead of answering', () => {
	assert.throws(() => semver.satisfies('foo', '^1.0'), { message: 'Invalid version string "foo"' });
	assert.throws(() => semver.satisfies('1.0', '^foo'), { message: 'Could not parse version constraint ^foo: Invalid version string "^foo"' });
});

test('bounds of parsed constraints', () => {
	const c = semver.parseConstraints('^1.2 || ^2.0');
	assert.equal(c.lowerBound.version, '1.2.0.0-dev');
	assert.equal(c.lowerBound.isInclusive, true);
	assert.equal(c.upperBound.version, '3.0.0.0-dev');
	assert.equal(c.upperBound.isInclusive, false);
	const all = semver.parseConstraints('*');
	assert.ok(all.lowerBound.isZero && all.upperBound.isPositiveInfinity);
	assert.ok(semver.parseConstraints('dev-main').upperBound.isPositiveInfinity);
});
