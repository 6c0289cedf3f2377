#!/usr/bin/env node
// `npm run bench`: builds, then runs every bench/*.bench.ts in turn. Benchmarks report; they assert nothing.
//   npm run bench -- semver      runs only benches whose file name contains "semver"
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2];
const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(1);
const benches = readdirSync(new URL('../bench', import.meta.url)).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
let failed = 0;
for (const file of benches) {
	console.log(`\n=== bench/${file} ===`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit', cwd: root });
	if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
