// Diagnostics latency: our language service versus vscode-json-languageservice validating the same text
// against Composer's own JSON schema, in the same process and the same run (interleaved, so machine noise
// hits both alike). Reported, not asserted. Composer's schema is read at run time from Debian's composer
// package (it is not ours to commit); without it the bench says so and exits non-zero.
//   npm run bench -- diagnostics          BENCH_RUNS=50 to change the number of measured runs per size
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getLanguageService as getJsonLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeLanguageService } from '../server/src/node/languageService';
import { getLanguageService } from '../server/src/service/index';

const SIZES = [10, 100, 1000];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 21);
const WARMUP = 3;

/** Where Debian (and a few other layouts) put Composer's schema. */
function findComposerSchema(): string | undefined {
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

/** A repository of each kind a real composer.json has, cycling; about one in ten has a problem to report. */
function repository(i: number): unknown {
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

function composerJson(count: number): string {
	const repositories = Array.from({ length: count }, (_, i) => repository(i));
	return `${JSON.stringify({ name: 'bench/project', require: { 'php': '>=8.1' }, repositories }, null, 4)}\n`;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(fn: () => Promise<number>): Promise<{ ms: number; count: number }> {
	const start = performance.now();
	const count = await fn();
	return { ms: performance.now() - start, count };
}

async function main(): Promise<number> {
	const schemaPath = findComposerSchema();
	if (!schemaPath) {
		console.error('diagnostics bench: Composer\'s composer-schema.json was not found under /usr/share/php/Composer, '
			+ '/usr/share/php/data/Composer or /usr/share/composer (install Debian\'s `composer` package); nothing to compare against.');
		return 1;
	}
	const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as JSONSchema;

	// A real project folder, so path/artifact checks do real file-system work as in the editor.
	const dir = mkdtempSync(join(tmpdir(), 'composer-repos-bench-'));
	for (let p = 0; p < 4; p++) {
		mkdirSync(join(dir, 'packages', `pkg${p}`), { recursive: true });
		writeFileSync(join(dir, 'packages', `pkg${p}`, 'composer.json'), `{"name": "bench/pkg${p}"}\n`);
	}
	mkdirSync(join(dir, 'artifacts'), { recursive: true });
	const documentPath = join(dir, 'composer.json');
	const uri = pathToFileURL(documentPath).toString();

	const ours = createNodeLanguageService();
	const oursNoFs = getLanguageService({});
	const jsonLs = getJsonLanguageService({});
	jsonLs.configure({ validate: true, allowComments: false, schemas: [{ uri: pathToFileURL(schemaPath).toString(), fileMatch: ['composer.json'], schema }] });

	// Guard against measuring a no-op: the schema must actually be applied to composer.json.
	const probe = TextDocument.create(uri, 'json', 0, '{"repositories": 42}');
	if ((await jsonLs.doValidation(probe, jsonLs.parseJSONDocument(probe))).length === 0) {
		console.error('diagnostics bench: vscode-json-languageservice did not apply Composer\'s schema (no error for "repositories": 42).');
		rmSync(dir, { recursive: true, force: true });
		return 1;
	}

	console.log(`Composer schema: ${schemaPath}`);
	console.log(`Node ${process.version}; median of ${RUNS} runs after ${WARMUP} warm-up runs; times in ms (parse + validate)\n`);
	const header = ['repositories', 'bytes', 'ours', 'ours (no fs)', 'json-ls + schema', 'ratio ours/json-ls', 'diagnostics ours / json-ls'];
	const rows: string[][] = [];
	try {
		for (const size of SIZES) {
			const text = composerJson(size);
			const samples = { ours: [] as number[], oursNoFs: [] as number[], jsonLs: [] as number[] };
			let counts = { ours: 0, jsonLs: 0 };
			for (let run = 0; run < WARMUP + RUNS; run++) {
				// A new version each run, as when the user types: no result can come from a per-version cache.
				const document = TextDocument.create(uri, 'json', run + 1, text);
				const a = await time(async () => (await ours.doValidation(document, documentPath)).length);
				const b = await time(async () => (await oursNoFs.doValidation(document, documentPath)).length);
				const c = await time(async () => (await jsonLs.doValidation(document, jsonLs.parseJSONDocument(document))).length);
				if (run >= WARMUP) {
					samples.ours.push(a.ms);
					samples.oursNoFs.push(b.ms);
					samples.jsonLs.push(c.ms);
				}
				counts = { ours: a.count, jsonLs: c.count };
			}
			const m = { ours: median(samples.ours), oursNoFs: median(samples.oursNoFs), jsonLs: median(samples.jsonLs) };
			rows.push([String(size), String(text.length), m.ours.toFixed(2), m.oursNoFs.toFixed(2), m.jsonLs.toFixed(2),
				`${(m.ours / m.jsonLs).toFixed(2)}x`, `${counts.ours} / ${counts.jsonLs}`]);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	rows.forEach((r) => console.log(line(r)));
	console.log('\nratio < 1: our service is faster than generic schema validation of the same text.');
	return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
	console.error(`diagnostics bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
	process.exitCode = 1;
});
