// What the start and diagnostics benches share: the generated composer.json and its project folder, and the
// statistics printed (min / median / max of interleaved runs, so machine noise hits both sides alike).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

/** A repository of each kind a real composer.json has, cycling; about one in ten has a problem to report. */
export function repository(i: number): unknown {
	switch (i % 10) {
		case 0: return { type: 'composer', url: `https://repo${i}.example.org` };
		case 1: return { type: 'vcs', url: `https://github.com/vendor${i}/package${i}` };
		case 2: return { type: 'git', url: `https://git.example.org/team/project${i}.git` };
		case 3: return { type: 'path', url: `packages/pkg${i % 4}`, options: { symlink: true } };
		case 4: return { type: 'artifact', url: `artifacts/set${i}` };
		case 5: return {
			type: 'package',
			package: { name: `vendor${i}/inline${i}`, version: `1.0.${i}`, dist: { type: 'zip', url: `https://dl.example.org/inline${i}.zip` } },
		};
		case 6: return { type: 'svn', url: `https://svn.example.org/project${i}`, 'trunk-path': 'trunk' };
		case 7: return { type: 'gitlab', url: `https://gitlab.com/group${i}/project${i}` };
		case 8: return { type: 'hg', url: `https://hg.example.org/repo${i}` };
		default: return { type: 'composer', url: `http://insecure${i}.example.org` };
	}
}

export function composerJson(count: number): string {
	const repositories = Array.from({ length: count }, (_, i) => repository(i));
	return `${JSON.stringify({ name: 'bench/project', description: 'Benchmark project', license: 'MIT', require: { 'php': '>=8.1' }, repositories }, null, 4)}\n`;
}

/** A real project folder, so path/artifact checks do real file-system work as in the editor. */
export function projectFolder(prefix: string, text?: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	for (let p = 0; p < 4; p++) {
		mkdirSync(join(dir, 'packages', `pkg${p}`), { recursive: true });
		writeFileSync(join(dir, 'packages', `pkg${p}`, 'composer.json'), `{"name": "bench/pkg${p}"}\n`);
	}
	mkdirSync(join(dir, 'artifacts'), { recursive: true });
	if (text !== undefined) writeFileSync(join(dir, 'composer.json'), text);
	return dir;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `min / median / max` in ms. */
export function spread(values: number[], digits = 1): string {
	return `${Math.min(...values).toFixed(digits)} / ${median(values).toFixed(digits)} / ${Math.max(...values).toFixed(digits)}`;
}

export function printTable(header: string[], rows: string[][]): void {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	rows.forEach((r) => console.log(line(r)));
}

/** The machine's load next to the figures: on a shared machine absolute times are noise, ratios are not. */
export function loadLine(): string {
	return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
}

/** Where Debian (and a few other layouts) put Composer's schema. */
export function findComposerSchema(): string | undefined {
	const candidates = [
		'/usr/share/php/Composer/res/composer-schema.json',
		'/usr/share/php/data/Composer/res/composer-schema.json',
		'/usr/share/composer/res/composer-schema.json',
	];
	const found = candidates.find((p) => existsSync(p));
	if (found) {
		return found;
	}
	// Other packagings: look a few levels down the same roots.
	const search = (dir: string, depth: number): string | undefined => {
		if (depth < 0 || !existsSync(dir)) {
			return undefined;
		}
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (name === 'composer-schema.json') {
				return path;
			}
			if (statSync(path).isDirectory()) {
				const hit = search(path, depth - 1);
				if (hit) {
					return hit;
				}
			}
		}
		return undefined;
	};
	return search('/usr/share/php/Composer', 3) ?? search('/usr/share/php/data/Composer', 3) ?? search('/usr/share/composer', 3);
}

/**
 * One line of `npm run bench`'s summary table (scripts/bench.mjs collects them through BENCH_SUMMARY): the same
 * medians and ratio the bench printed, so that anyone can rerun them.
 */
export function recordSummary(row: { measure: string; ours: string; peer: string; ratio: string; target: string }): void {
	const file = process.env.BENCH_SUMMARY;
	if (file) appendFileSync(file, `${JSON.stringify({ ...row, load: loadavg()[0].toFixed(2) })}\n`);
}
