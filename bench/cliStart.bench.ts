// CLI start (reported, not asserted): `composer-repos check` of one composer.json against `composer validate`
// of the same file, as whole processes, interleaved A B A B so machine load hits both alike. Where our time goes
// is printed too: Node's own start (`node -e 0`), loading the bundle (`composer-repos --version`) and the rest
// (validation and output).
//   npm run bench -- cliStart          BENCH_RUNS=21 to change the number of measured runs
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composerJson, loadLine, median, printTable, projectFolder, recordSummary, spread } from './common';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 11);
const WARMUP = 2;
const REPOSITORIES = 100;
const cli = resolve(__dirname, '../dist/cli.js');

function wall(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; status: number | null; error?: Error } {
	const start = process.hrtime.bigint();
	const r = spawnSync(command, args, { cwd, env, stdio: 'ignore', timeout: 120_000 });
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: r.status, error: r.error };
}

function main(): number {
	const dir = projectFolder('composer-repos-bench-cli-', composerJson(REPOSITORIES));
	const file = join(dir, 'composer.json');
	// Composer must not read the user's global config or plugins, nor ask anything: a home of its own.
	const composerEnv = { ...process.env, COMPOSER_HOME: join(dir, '.composer-home'), COMPOSER_NO_INTERACTION: '1', COMPOSER_DISABLE_NETWORK: '1' };
	const env = { ...process.env, LANG: 'C' };
	try {
		const probe = wall('composer', ['--version'], dir, composerEnv);
		const haveComposer = probe.error === undefined && probe.status === 0;
		if (!haveComposer) console.log('composer validate: skipped: composer not installed');
		const samples = { node: [] as number[], load: [] as number[], ours: [] as number[], composer: [] as number[] };
		for (let run = 0; run < WARMUP + RUNS; run++) {
			const n = wall(process.execPath, ['-e', '0'], dir, env);
			const l = wall(process.execPath, [cli, '--version'], dir, env);
			const a = wall(process.execPath, [cli, 'check', file], dir, env);
			const b = haveComposer ? wall('composer', ['validate', '--no-interaction', file], dir, composerEnv) : undefined;
			if (a.status !== 1) throw new Error(`composer-repos check exited with ${a.status} (expected 1: the file has errors)`);
			if (run < WARMUP) continue;
			samples.node.push(n.ms);
			samples.load.push(l.ms);
			samples.ours.push(a.ms);
			if (b) samples.composer.push(b.ms);
		}
		console.log(`Node ${process.version}; ${REPOSITORIES} repositories; ${RUNS} runs after ${WARMUP} warm-up runs, interleaved; ${loadLine()}\n`);
		const rows = [
			['node -e 0 (Node\'s own start)', spread(samples.node, 0)],
			['composer-repos --version (Node + loading the bundle)', spread(samples.load, 0)],
			['composer-repos check', spread(samples.ours, 0)],
		];
		if (samples.composer.length) rows.push(['composer validate', spread(samples.composer, 0)]);
		printTable(['process (wall ms)', 'min / median / max'], rows);
		const m = { node: median(samples.node), load: median(samples.load), ours: median(samples.ours) };
		console.log(`\nwhere our time goes (medians): Node ${m.node.toFixed(0)} ms, loading the bundle ${(m.load - m.node).toFixed(0)} ms, `
			+ `validating and printing ${(m.ours - m.load).toFixed(0)} ms`);
		if (samples.composer.length) {
			const ratio = `${(median(samples.composer) / m.ours).toFixed(2)}x`;
			console.log(`ratio composer validate / composer-repos check (medians): ${ratio} (target: at least 3x)`);
			recordSummary({ measure: `CLI start: check vs composer validate, ${REPOSITORIES} repositories (process wall)`, ours: `${m.ours.toFixed(0)} ms`,
				peer: `${median(samples.composer).toFixed(0)} ms`, ratio, target: '>= 3x' });
		} else {
			recordSummary({ measure: 'CLI start: check vs composer validate', ours: `${m.ours.toFixed(0)} ms`, peer: 'skipped: composer not installed', ratio: '-', target: '>= 3x' });
		}
		return 0;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

try {
	process.exitCode = main();
} catch (error) {
	console.error(`cli start bench failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
