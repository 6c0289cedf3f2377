// Compares this implementation with real composer/semver (Debian's php-composer-semver 3.3.2, run
// by the php CLI) on a few thousand generated inputs, in one php process. Inputs where 3.3.2 and the
// 3.4 behaviour we follow are known to differ are excluded (see mayDifferFromSemver332).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as util from 'node:util';
import * as semver from '../../server/src/semver/index';
import { createRng, genConstraint, genVersion, mayDifferFromSemver332 } from './generators';

type Outcome = { ok: unknown } | { error: string };

interface OracleInput {
	normalize: string[];
	normalizeBranch: string[];
	parseStability: string[];
	parseConstraints: string[];
	satisfies: Array<[string, string]>;
	compare: Array<[string, string, string]>;
	versionCompare: Array<[string, string]>;
}

const ORACLE = path.join(__dirname, 'fixtures', 'oracle.php');

function runPhp(input: OracleInput): Promise<Record<keyof OracleInput, Outcome[] | number[]>> {
	return new Promise((resolve, reject) => {
		const child = execFile('php', [ORACLE], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`php failed: ${err.message}\n${stderr}`));
			else resolve(JSON.parse(stdout));
		});
		child.stdin?.end(JSON.stringify(input));
	});
}

function ours(fn: () => unknown): Outcome {
	try {
		return { ok: fn() };
	} catch (e) {
		return { error: (e as Error).message };
	}
}

function buildInput(): OracleInput {
	const r = createRng(20240611);
	const versions: string[] = [];
	const constraints: string[] = [];
	while (versions.length < 3000) {
		const v = genVersion(r);
		if (!mayDifferFromSemver332(v)) versions.push(v);
	}
	while (constraints.length < 3000) {
		const c = genConstraint(r);
		if (!mayDifferFromSemver332(c)) constraints.push(c);
	}
	// Pair valid versions with constraints often enough that true and false answers both occur.
	const satisfies: Array<[string, string]> = [];
	for (let i = 0; i < 4000; i++) satisfies.push([versions[r.int(versions.length)], constraints[r.int(constraints.length)]]);
	const compare: Array<[string, string, string]> = [];
	const ops = ['<', '<=', '>', '>=', '==', '!=', '=', '<>'];
	for (let i = 0; i < 3000; i++) compare.push([versions[r.int(versions.length)], versions[r.int(versions.length)], r.pick(ops)]);
	const versionCompare: Array<[string, string]> = [];
	for (let i = 0; i < 3000; i++) versionCompare.push([versions[r.int(versions.length)], versions[r.int(versions.length)]]);
	return {
		normalize: versions,
		normalizeBranch: versions.slice(0, 1000),
		parseStability: versions.slice(0, 1000),
		parseConstraints: constraints,
		satisfies,
		compare,
		versionCompare,
	};
}

describe('agreement with composer/semver run by PHP', () => {
	const input = buildInput();
	let php: Awaited<ReturnType<typeof runPhp>>;

	before(async () => {
		php = await runPhp(input);
	});

	function check<T>(name: keyof OracleInput, items: T[], mine: (item: T) => unknown): void {
		const theirs = php[name];
		assert.equal(theirs.length, items.length);
		const mismatches: string[] = [];
		items.forEach((item, i) => {
			const a = mine(item);
			if (!util.isDeepStrictEqual(a, theirs[i])) {
				mismatches.push(`${JSON.stringify(item)}: ours ${JSON.stringify(a)}, php ${JSON.stringify(theirs[i])}`);
			}
		});
		assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${items.length} differ`);
	}

	test('normalize (3000 inputs, valid and invalid, messages included)', () => {
		check('normalize', input.normalize, (v) => ours(() => semver.normalize(v)));
		// The generator must exercise both outcomes.
		const valid = input.normalize.filter((v) => semver.isValid(v)).length;
		assert.ok(valid > 1000 && valid < 2900, `valid: ${valid}`);
	});

	test('normalizeBranch and parseStability (1000 inputs each)', () => {
		check('normalizeBranch', input.normalizeBranch, (v) => ours(() => semver.normalizeBranch(v)));
		check('parseStability', input.parseStability, (v) => ours(() => semver.parseStability(v)));
	});

	test('parseConstraints string form (3000 inputs, messages included)', () => {
		check('parseConstraints', input.parseConstraints, (c) => ours(() => String(semver.parseConstraints(c))));
	});

	test('satisfies (4000 pairs)', () => {
		check('satisfies', input.satisfies, ([v, c]) => ours(() => semver.satisfies(v, c)));
		const answers = input.satisfies.map(([v, c]) => ours(() => semver.satisfies(v, c)));
		assert.ok(answers.some((a) => 'ok' in a && a.ok === true) && answers.some((a) => 'ok' in a && a.ok === false));
	});

	test('Comparator::compare on raw strings (3000 triples)', () => {
		check('compare', input.compare, ([a, b, op]) => ours(() => semver.compare(a, b, op as semver.InputOperator)));
	});

	test('version_compare (3000 pairs)', () => {
		check('versionCompare', input.versionCompare, ([a, b]) => semver.phpVersionCompare(a, b));
	});
});
