// Root-only syntax: inline aliases, stability flags and #refs, with the ranges of each part.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRootRequire, splitConstraintAtoms, Span } from '../../server/src/semver/index';

/** The text at a span must be what the span says, so ranges can be checked by slicing. */
function at(input: string, span: Span | undefined): string {
	assert.ok(span, 'span expected');
	assert.equal(input.slice(span.start, span.end), span.text);
	return span.text;
}

describe('splitConstraintAtoms', () => {
	test('an inline alias: source, target and the constraint Composer matches on', () => {
		const input = 'dev-bugfix as 1.2.0';
		const [atom] = splitConstraintAtoms(input);
		assert.deepEqual(atom.alias?.source, { text: 'dev-bugfix', start: 0, end: 10 });
		assert.deepEqual(atom.alias?.target, { text: '1.2.0', start: 14, end: 19 });
		assert.deepEqual(atom.constraint, { text: 'dev-bugfix', start: 0, end: 10 });
		assert.equal(atom.stabilityFlag, undefined);
	});

	test('a stability flag is split off the constraint', () => {
		const input = '^1.0@dev';
		const [atom] = splitConstraintAtoms(input);
		assert.deepEqual(atom.constraint, { text: '^1.0', start: 0, end: 4 });
		assert.deepEqual(atom.stabilityFlag?.span, { text: '@dev', start: 4, end: 8 });
		assert.deepEqual(atom.stabilityFlag?.name, { text: 'dev', start: 5, end: 8 });
		assert.equal(atom.stabilityFlag?.stability, 'dev');
	});

	test('flag names are case-insensitive and normalized', () => {
		const [atom] = splitConstraintAtoms('>=1.0@rc');
		assert.equal(atom.stabilityFlag?.stability, 'RC');
		assert.equal(atom.stabilityFlag?.name.text, 'rc');
	});

	test('a bare @dev is a constraint of its own (meaning *), with an empty constraint span', () => {
		const [atom] = splitConstraintAtoms('@dev');
		assert.deepEqual(atom.constraint, { text: '', start: 0, end: 0 });
		assert.deepEqual(atom.stabilityFlag?.span, { text: '@dev', start: 0, end: 4 });
	});

	test('a #ref on a branch, in an OR group, with offsets into the untrimmed input', () => {
		const input = '  ^1.0 || dev-main#abc123 ';
		const atoms = splitConstraintAtoms(input);
		assert.equal(atoms.length, 2);
		assert.deepEqual(atoms.map((a) => a.orGroup), [0, 1]);
		assert.equal(at(input, atoms[0].span), '^1.0');
		assert.equal(atoms[0].span.start, 2);
		assert.equal(at(input, atoms[1].constraint), 'dev-main');
		assert.equal(at(input, atoms[1].reference?.span), '#abc123');
		assert.equal(at(input, atoms[1].reference?.ref), 'abc123');
	});

	test('#ref on an x-dev branch, with a flag, inside an alias', () => {
		const input = '1.x-dev#f00d@dev as 1.5.0@beta';
		const [atom] = splitConstraintAtoms(input);
		assert.equal(at(input, atom.alias?.source), '1.x-dev#f00d@dev');
		assert.equal(at(input, atom.alias?.target), '1.5.0@beta');
		assert.equal(at(input, atom.stabilityFlag?.span), '@dev');
		assert.equal(at(input, atom.aliasStabilityFlag?.span), '@beta');
		assert.equal(atom.aliasStabilityFlag?.stability, 'beta');
		assert.equal(at(input, atom.reference?.ref), 'f00d');
		assert.equal(at(input, atom.constraint), '1.x-dev');
	});

	test('a # on a numeric version is not a reference (Composer rejects the constraint)', () => {
		const [atom] = splitConstraintAtoms('1.0#abc');
		assert.equal(atom.reference, undefined);
		assert.equal(atom.constraint.text, '1.0#abc');
	});

	test('AND atoms split on commas and spaces, but not inside hyphen ranges or after operators', () => {
		const input = '>= 1.0, <2.0 1.0 - 1.5 || ^3';
		const atoms = splitConstraintAtoms(input);
		assert.deepEqual(atoms.map((a) => at(input, a.span)), ['>= 1.0', '<2.0', '1.0 - 1.5', '^3']);
		assert.deepEqual(atoms.map((a) => a.orGroup), [0, 0, 0, 1]);
	});

	test('a single | is an OR too, and an empty OR part is an atom with empty text', () => {
		const atoms = splitConstraintAtoms('^1|^2 ||');
		assert.deepEqual(atoms.map((a) => a.span.text), ['^1', '^2', '']);
	});
});

describe('analyzeRootRequire', () => {
	test('a valid inline alias is normalized on both sides', () => {
		const value = 'dev-bugfix as 1.2.0';
		const r = analyzeRootRequire('acme/foo', value);
		assert.deepEqual(r.errors, []);
		assert.equal(at(value, r.alias?.source), 'dev-bugfix');
		assert.equal(at(value, r.alias?.target), '1.2.0');
		assert.equal(r.alias?.normalizedSource, 'dev-bugfix');
		assert.equal(r.alias?.normalizedTarget, '1.2.0.0');
		// dev-bugfix is less stable than the default minimum-stability, so Composer infers a dev flag.
		assert.deepEqual(r.stabilityFlag, { stability: 'dev', explicit: false, span: { text: 'dev-bugfix', start: 0, end: 10 } });
	});

	test('an alias whose target is a range: Composer\'s error, on the target range', () => {
		const value = '1.0.0+foo as ^2.0';
		const r = analyzeRootRequire('acme/foo', value);
		assert.deepEqual(r.errors, [{
			kind: 'alias',
			message: 'Invalid version string "^2.0" in "1.0.0+foo as ^2.0", the alias must be an exact version',
			start: 13,
			end: 17,
		}]);
		assert.equal(r.alias?.normalizedSource, '1.0.0.0');
	});

	test('an alias whose source is a range: Composer\'s error, on the source range', () => {
		const value = '^2.0 as 1.0.0';
		const r = analyzeRootRequire('acme/foo', value);
		assert.equal(r.errors.length, 1);
		assert.equal(r.errors[0].message, 'Invalid version string "^2.0" in "^2.0 as 1.0.0", the alias source must be an exact version, if it is a branch name you should prefix it with dev-');
		assert.deepEqual([r.errors[0].start, r.errors[0].end], [0, 4]);
	});

	test('a branch name without dev- as alias source', () => {
		const value = 'bugfix as 1.0.x-dev';
		const r = analyzeRootRequire('acme/foo', value);
		assert.equal(r.errors[0].message, 'Invalid version string "bugfix" in "bugfix as 1.0.x-dev", the alias source must be an exact version, if it is a branch name you should prefix it with dev-');
		assert.equal(r.alias?.normalizedTarget, '1.0.9999999.9999999-dev');
	});

	test('" as " that the alias pattern does not accept is an invalid alias definition', () => {
		const value = 'dev-x as 1.0 as 2.0';
		const r = analyzeRootRequire('acme/foo', value);
		assert.deepEqual(r.errors[0], {
			kind: 'alias',
			message: 'Invalid alias definition in "acme/foo": "dev-x as 1.0 as 2.0". Aliases should be in the form "exact-version as other-exact-version".',
			start: 0,
			end: value.length,
		});
	});

	test('an alias inside an OR list is found after the separator', () => {
		const value = '^1.0 || dev-main as 2.0.x-dev';
		const r = analyzeRootRequire('acme/foo', value);
		assert.deepEqual(r.errors, []);
		assert.equal(at(value, r.alias?.source), 'dev-main');
		assert.equal(at(value, r.alias?.target), '2.0.x-dev');
	});

	test('a hex #ref on a dev constraint is locked, also behind an alias', () => {
		const value = 'dev-main#0a1b2c as 1.0.0';
		const r = analyzeRootRequire('acme/foo', value);
		assert.equal(at(value, r.reference), '0a1b2c');
		assert.deepEqual(r.errors, []);
	});

	test('a non-hex ref is not locked, and a ref on a stable version is a constraint error', () => {
		assert.equal(analyzeRootRequire('a/b', 'dev-main#feature').reference, undefined);
		const r = analyzeRootRequire('a/b', '1.0#abc');
		assert.equal(r.reference, undefined);
		assert.deepEqual(r.errors, [{ kind: 'constraint', message: 'Could not parse version constraint 1.0#abc: Invalid version string "1.0#abc"', start: 0, end: 7 }]);
	});

	test('explicit flags: the most unstable one wins, with its range', () => {
		const value = '^1.0@beta || ^2.0@alpha';
		const r = analyzeRootRequire('a/b', value);
		assert.equal(r.stabilityFlag?.stability, 'alpha');
		assert.equal(r.stabilityFlag?.explicit, true);
		assert.equal(at(value, r.stabilityFlag?.span), '@alpha');
		assert.equal(r.stabilityFlag?.span.start, 17);
	});

	test('inferred flags respect minimum-stability', () => {
		assert.equal(analyzeRootRequire('a/b', '1.0.0-beta2').stabilityFlag?.stability, 'beta');
		assert.equal(analyzeRootRequire('a/b', '1.0.0-beta2', 'alpha').stabilityFlag, undefined);
		assert.equal(analyzeRootRequire('a/b', '^1.0').stabilityFlag, undefined);
	});

	test('a flag on the alias source is invisible to Composer\'s flag extraction (no flag at all)', () => {
		// extractStabilityFlags matches `^[^@]*?@flag$` on the whole atom, and the inference step
		// refuses atoms containing `@`: Composer registers no flag for this requirement.
		assert.equal(analyzeRootRequire('a/b', 'dev-foo@dev as 1.0.0').stabilityFlag, undefined);
	});
});
