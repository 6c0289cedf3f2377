// Property tests (fast-check) on generated versions and constraints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as semver from '../../server/src/semver/index';
import { createRng, genConstraint, genVersion } from './generators';

/** Versions from the shared generator, driven by a fast-check seed so that runs are reproducible. */
const anyVersion = fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => genVersion(createRng(seed)));
const validVersion = anyVersion.filter((v) => semver.isValid(v));
const validConstraint = fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => genConstraint(createRng(seed))).filter((c) => {
	try {
		semver.parseConstraints(c);
		return true;
	} catch {
		return false;
	}
});
const PARAMS = { seed: 424242, numRuns: 300 };

/** What sort() orders by: the normalized version, default branches as 9999999-dev. */
const sortKey = (v: string): string => semver.normalizeDefaultBranch(semver.normalize(v));

test('sort returns a permutation in an order consistent with compare', () => {
	fc.assert(fc.property(fc.array(validVersion, { maxLength: 25 }), (versions) => {
		const sorted = semver.sort(versions);
		assert.deepEqual([...sorted].sort(), [...versions].sort());
		for (let i = 0; i < sorted.length; i++) {
			for (let j = i + 1; j < sorted.length; j++) {
				// Nothing later in the list may be strictly below something earlier.
				assert.ok(!semver.compare(sortKey(sorted[j]), sortKey(sorted[i]), '<'), `${sorted[j]} sorted after ${sorted[i]}`);
			}
		}
		const reversed = semver.rsort(versions);
		for (let i = 1; i < reversed.length; i++) {
			assert.ok(!semver.compare(sortKey(reversed[i - 1]), sortKey(reversed[i]), '<'), `${reversed[i - 1]} before ${reversed[i]} in rsort`);
		}
	}), PARAMS);
});

test('the order behind sort is a strict weak order: irreflexive, asymmetric, transitive', () => {
	fc.assert(fc.property(validVersion, validVersion, validVersion, (a, b, c) => {
		const [x, y, z] = [sortKey(a), sortKey(b), sortKey(c)];
		const lt = (p: string, q: string): boolean => semver.compare(p, q, '<');
		assert.ok(!lt(x, x));
		assert.ok(!(lt(x, y) && lt(y, x)));
		if (lt(x, y) && lt(y, z)) assert.ok(lt(x, z));
		// Incomparability is transitive too, or sorting would not be well defined.
		const eq = (p: string, q: string): boolean => !lt(p, q) && !lt(q, p);
		if (eq(x, y) && eq(y, z)) assert.ok(eq(x, z));
	}), { ...PARAMS, numRuns: 1000 });
});

test('sort is idempotent where the order is total', () => {
	// Between two distinct dev- branches Composer's comparator says "greater" both ways, and PHP's sort (which we
	// reproduce, see phpSortOracle.test.ts) then swaps them on every run: no idempotence to expect there.
	const total = (versions: string[]): boolean => versions.every((a, i) => versions.slice(i + 1).every((b) => {
		const [x, y] = [sortKey(a), sortKey(b)];
		return x === y || semver.compare(x, y, '<') || semver.compare(y, x, '<');
	}));
	fc.assert(fc.property(fc.array(validVersion, { maxLength: 20 }), (versions) => {
		fc.pre(total(versions));
		const sorted = semver.sort(versions);
		assert.deepEqual(semver.sort(sorted), sorted);
	}), PARAMS);
});

test('satisfies(v, c) equals parseConstraints(c).matches(parseConstraints("==" + normalize(v)))', () => {
	// Re-parsing "==<normalized>" normalizes the version a second time, so the identity needs a
	// normalized form that normalizes to itself and stays one atom. Date versions (2010-01-02 →
	// 2010.01.02 → 2010.01.02.0) and branch names with spaces or `|` are not such forms.
	const stable = validVersion.filter((v) => {
		const n = semver.normalize(v);
		return !/[\s,|]/.test(n) && semver.normalize(n) === n;
	});
	fc.assert(fc.property(stable, validConstraint, (v, c) => {
		const expected = semver.parseConstraints(c).matches(semver.parseConstraints('==' + semver.normalize(v)));
		assert.equal(semver.satisfies(v, c), expected);
	}), { ...PARAMS, numRuns: 2000 });
});

test('satisfiedBy keeps exactly the satisfying versions, in order', () => {
	fc.assert(fc.property(fc.array(validVersion, { maxLength: 15 }), validConstraint, (versions, c) => {
		assert.deepEqual(semver.satisfiedBy(versions, c), versions.filter((v) => semver.satisfies(v, c)));
	}), PARAMS);
});

test('compare agrees with phpVersionCompare on plain numeric versions', () => {
	const plain = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
	fc.assert(fc.property(plain, plain, (a, b) => {
		const c = semver.phpVersionCompare(a, b);
		assert.equal(semver.compare(a, b, '<'), c < 0);
		assert.equal(semver.compare(a, b, '=='), c === 0);
		assert.equal(semver.compare(a, b, '>'), c > 0);
	}), PARAMS);
});

test('parseConstraints returns the cached object for the same text', () => {
	assert.equal(semver.parseConstraints('^1.2 || ^2.0'), semver.parseConstraints('^1.2 || ^2.0'));
});

test('normalize is stable under the anyVersion generator: never throws anything but Error', () => {
	fc.assert(fc.property(anyVersion, (v) => {
		try {
			semver.normalize(v);
		} catch (e) {
			assert.ok(e instanceof Error && /^Invalid version string "/.test(e.message), String(e));
		}
	}), { ...PARAMS, numRuns: 1000 });
});
