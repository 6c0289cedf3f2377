// normalize and satisfies throughput on 100,000 generated inputs (fixed seed), ours (the built
// dist/semver.js) next to composer/semver run by PHP on the same inputs in the same run.
// Our parseConstraints caches parsed constraints; PHP is timed both plain (Semver::satisfies parses
// every time) and with a parse cache like the one Composer's own VersionParser subclass keeps.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng, genConstraint, genVersion, mayDifferFromSemver332 } from '../test/semver/generators';

// tsx turns on source maps for the whole process, which makes every thrown Error (invalid inputs)
// several times slower. A consumer of dist/semver.js does not pay that, so measure without it.
process.setSourceMapsEnabled(false);

type SemverModule = typeof import('../server/src/semver/index');
const root = path.resolve(__dirname, '..');
const semver = createRequire(path.join(root, 'package.json'))('composer-repositories/semver') as SemverModule;

const N = 100_000;
const ROUNDS = 3;

function buildInputs(): { versions: string[]; pairs: Array<[string, string]> } {
	const r = createRng(0x5eed);
	// Inputs on which Debian's composer/semver 3.3.2 and 3.4 disagree would make PHP throw where we
	// do not; they are left out so that both sides do the same work.
	const versions: string[] = [];
	while (versions.length < N) {
		const v = genVersion(r);
		if (!mayDifferFromSemver332(v)) versions.push(v);
	}
	// satisfies() on invalid input only measures exception cost, so its pairs are valid ones drawn
	// from a realistic pool: a few hundred distinct constraints, as in a set of composer.json files.
	const valid = versions.filter((v) => semver.isValid(v) && !/[\s,|]/.test(v));
	const pool: string[] = [];
	while (pool.length < 500) {
		const c = genConstraint(r);
		if (mayDifferFromSemver332(c)) continue;
		try {
			semver.parseConstraints(c);
			pool.push(c);
		} catch {
			// only valid constraints
		}
	}
	const pairs: Array<[string, string]> = [];
	for (let i = 0; i < N; i++) pairs.push([valid[r.int(valid.length)], pool[r.int(pool.length)]]);
	return { versions, pairs };
}

/** Best of ROUNDS after one warm-up round, in operations per second. */
function measure(fn: () => number): { opsPerSec: number; result: number } {
	let result = fn();
	let best = Infinity;
	for (let i = 0; i < ROUNDS; i++) {
		const t0 = process.hrtime.bigint();
		result = fn();
		best = Math.min(best, Number(process.hrtime.bigint() - t0));
	}
	return { opsPerSec: N / (best / 1e9), result };
}

const PHP_BENCH = String.raw`<?php
require '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\Constraint\Constraint;
use Composer\Semver\Semver;
use Composer\Semver\VersionParser;

$in = json_decode(file_get_contents($argv[1]), true);
$rounds = (int) $argv[2];
$parser = new VersionParser();

function measure(callable $fn, $rounds, $n) {
    $result = $fn();
    $best = PHP_INT_MAX;
    for ($i = 0; $i < $rounds; $i++) {
        $t0 = hrtime(true);
        $result = $fn();
        $best = min($best, hrtime(true) - $t0);
    }
    return array('opsPerSec' => $n / ($best / 1e9), 'result' => $result);
}

$n = count($in['versions']);
$out = array();
$out['normalize'] = measure(function () use ($in, $parser) {
    $valid = 0;
    foreach ($in['versions'] as $v) {
        try { $parser->normalize($v); $valid++; } catch (\UnexpectedValueException $e) {}
    }
    return $valid;
}, $rounds, $n);
$out['satisfies'] = measure(function () use ($in) {
    $yes = 0;
    foreach ($in['pairs'] as $p) { if (Semver::satisfies($p[0], $p[1])) $yes++; }
    return $yes;
}, $rounds, $n);
$out['satisfiesCached'] = measure(function () use ($in, $parser) {
    static $cache = array();
    $yes = 0;
    foreach ($in['pairs'] as $p) {
        $c = isset($cache[$p[1]]) ? $cache[$p[1]] : ($cache[$p[1]] = $parser->parseConstraints($p[1]));
        if ($c->matches(new Constraint('==', $parser->normalize($p[0])))) $yes++;
    }
    return $yes;
}, $rounds, $n);
echo json_encode($out);
`;

interface PhpResult { opsPerSec: number; result: number }

function runPhp(inputs: { versions: string[]; pairs: Array<[string, string]> }): Record<string, PhpResult> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'semver-bench-'));
	try {
		const script = path.join(dir, 'bench.php');
		const data = path.join(dir, 'inputs.json');
		writeFileSync(script, PHP_BENCH);
		writeFileSync(data, JSON.stringify(inputs));
		return JSON.parse(execFileSync('php', [script, data, String(ROUNDS)], { maxBuffer: 16 * 1024 * 1024 }).toString());
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function fmt(opsPerSec: number): string {
	return Math.round(opsPerSec).toLocaleString('en-US').padStart(12);
}

const inputs = buildInputs();
const ours = {
	normalize: measure(() => {
		let valid = 0;
		for (const v of inputs.versions) {
			try {
				semver.normalize(v);
				valid++;
			} catch {
				// invalid inputs are part of the mix
			}
		}
		return valid;
	}),
	satisfies: measure(() => {
		let yes = 0;
		for (const [v, c] of inputs.pairs) if (semver.satisfies(v, c)) yes++;
		return yes;
	}),
};
const php = runPhp(inputs);

console.log(`${N.toLocaleString('en-US')} inputs per operation, best of ${ROUNDS} rounds after a warm-up, ops/s`);
console.log(`normalize   ours ${fmt(ours.normalize.opsPerSec)}   php ${fmt(php.normalize.opsPerSec)}   ratio ${(ours.normalize.opsPerSec / php.normalize.opsPerSec).toFixed(2)}x`
	+ `   (${ours.normalize.result} valid; php ${php.normalize.result})`);
console.log(`satisfies   ours ${fmt(ours.satisfies.opsPerSec)}   php ${fmt(php.satisfies.opsPerSec)}   ratio ${(ours.satisfies.opsPerSec / php.satisfies.opsPerSec).toFixed(2)}x`
	+ `   (${ours.satisfies.result} true; php ${php.satisfies.result}; php without a parse cache)`);
console.log(`satisfies   ours ${fmt(ours.satisfies.opsPerSec)}   php ${fmt(php.satisfiesCached.opsPerSec)}   ratio ${(ours.satisfies.opsPerSec / php.satisfiesCached.opsPerSec).toFixed(2)}x`
	+ `   (php with a parse cache, like Composer's VersionParser)`);
if (ours.normalize.result !== php.normalize.result || ours.satisfies.result !== php.satisfies.result) {
	console.log('WARNING: results differ from PHP on these inputs (see the oracle test)');
}
