// Semver::sort/rsort and the usort() under them, compared with PHP itself (Debian's php and composer/semver) on
// many random lists: several distinct `dev-` branches (which Composer's comparator calls "greater" both ways),
// numbers, default branches, and lists long enough for each of zend_sort's paths (insertion sort up to 16, the
// quicksort with a median of 3, and of 5 from 1024 elements).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as semver from '../../server/src/semver/index';
import { phpUsort } from '../../server/src/semver/phpSort';
import { createRng } from './generators';

const ORACLE = path.join(__dirname, 'fixtures', 'sortOracle.php');

interface OracleInput { versions: string[][]; integers: number[][] }
interface OracleOutput { sort: string[][]; rsort: string[][]; usort: number[][] }

function runPhp(input: OracleInput): Promise<OracleOutput> {
	return new Promise((resolve, reject) => {
		const child = execFile('php', [ORACLE], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`php failed: ${err.message}\n${stderr}`));
			else resolve(JSON.parse(stdout) as OracleOutput);
		});
		child.stdin?.end(JSON.stringify(input));
	});
}

const BRANCHES = ['dev-main', 'dev-master', 'dev-trunk', 'dev-feature', 'dev-fix/a', 'dev-zeta', 'dev-alpha', 'dev-2.x-wip', 'dev-release', 'dev-hotfix'];
const NAMED = ['1.x-dev', '2.0.x-dev', 'dev-default', 'master', 'v1.0.0', '1.0', '1.0.0.0', '01.0', '2.0.0-beta1', '2.0.0-RC2', '3.0.0-alpha', '10.2.3', '0.1', '1.0.0-patch1'];

function buildInput(): OracleInput {
	const r = createRng(20260417);
	const version = (): string => {
		const roll = r.int(10);
		if (roll < 4) return r.pick(BRANCHES);
		if (roll < 6) return r.pick(NAMED);
		return `${r.int(4)}.${r.int(5)}.${r.int(5)}${r.int(4) === 0 ? '-beta' + (1 + r.int(3)) : ''}`;
	};
	const sizes = [...Array.from({ length: 400 }, (_, i) => 2 + (i % 30)), 17, 33, 64, 100, 257, 1023, 1024, 1500];
	const versions = sizes.map((n) => Array.from({ length: n }, version));
	const integers = [...Array.from({ length: 41 }, (_, n) => n), 64, 100, 511, 1024, 2000].map((n) => Array.from({ length: n }, () => r.int(50)));
	return { versions, integers };
}

describe('PHP sorting, reproduced', () => {
	const input = buildInput();
	let php: OracleOutput;

	before(async () => {
		php = await runPhp(input);
	});

	test('the lists exercise several distinct dev- branches at once', () => {
		const withBranches = input.versions.filter((list) => new Set(list.filter((v) => v.startsWith('dev-'))).size >= 3);
		assert.ok(withBranches.length > 300, `${withBranches.length}`);
	});

	test('Semver::sort and Semver::rsort give PHP\'s order', () => {
		const mismatches: string[] = [];
		input.versions.forEach((list, i) => {
			if (JSON.stringify(semver.sort(list)) !== JSON.stringify(php.sort[i])) mismatches.push(`sort ${JSON.stringify(list)}`);
			if (JSON.stringify(semver.rsort(list)) !== JSON.stringify(php.rsort[i])) mismatches.push(`rsort ${JSON.stringify(list)}`);
		});
		assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${input.versions.length * 2} differ`);
	});

	test('usort with an inconsistent comparator: every comparison and swap as zend_sort makes them', () => {
		input.integers.forEach((list, i) => {
			assert.deepEqual(phpUsort(list, (a, b) => ((a * 31 + b * 17) % 3) - 1), php.usort[i], `list of ${list.length}`);
		});
	});
});
