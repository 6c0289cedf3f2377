#!/usr/bin/env node
// `npm run bench`: builds, then runs every bench/*.bench.ts in turn, and ends with a summary table of the
// comparisons (ours against Composer or VS Code's JSON server, medians of interleaved runs, with the load average
// when each was measured). Benchmarks report; they assert nothing.
//   npm run bench -- semver      runs only benches whose file name contains "semver"
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const filter = process.argv[2];
const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(1);
const benches = readdirSync(new URL('../bench', import.meta.url)).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
const summaryDir = mkdtempSync(join(tmpdir(), 'composer-repos-bench-summary-'));
const summaryFile = join(summaryDir, 'summary.jsonl');
let failed = 0;
for (const file of benches) {
	console.log(`\n=== bench/${file} ===`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit', cwd: root, env: { ...process.env, BENCH_SUMMARY: summaryFile } });
	if (r.status !== 0) failed++;
}
let rows = [];
try {
	rows = readFileSync(summaryFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
} catch {
	// No bench recorded a comparison (a filter chose none of them).
}
rmSync(summaryDir, { recursive: true, force: true });
if (rows.length > 0) {
	const header = ['measure', 'ours', 'peer', 'ratio', 'target', 'load'];
	const cells = rows.map((r) => [r.measure, r.ours, r.peer, r.ratio, r.target, r.load]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
	const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
	console.log('\n=== summary (medians; ratio = peer / ours, > 1: ours faster) ===');
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	cells.forEach((c) => console.log(line(c)));
}
process.exit(failed ? 1 : 0);
