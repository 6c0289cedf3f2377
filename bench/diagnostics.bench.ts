// Diagnostics latency: our language service versus vscode-json-languageservice validating the same text
// against Composer's own JSON schema, in the same process and the same run (interleaved, so machine noise
// hits both alike). Reported, not asserted. Composer's schema is read at run time from Debian's composer
// package (it is not ours to commit); without it the bench says so and exits non-zero.
//   npm run bench -- diagnostics          BENCH_RUNS=50 to change the number of measured runs per size
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getLanguageService as getJsonLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeLanguageService } from '../server/src/node/languageService';
import { getLanguageService } from '../server/src/service/index';
import { composerJson, findComposerSchema, loadLine, median, printTable, projectFolder, recordSummary, spread } from './common';

const SIZES = [10, 100, 1000];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 21);
const WARMUP = 3;

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
	const dir = projectFolder('composer-repos-bench-');
	const documentPath = join(dir, 'composer.json');
	const uri = pathToFileURL(documentPath).toString();

	// As the server builds it: file-system facts cached and watched (server/src/node/cachedLocalFacts.ts). The
	// first (warm-up) runs fill the cache; the measured ones are keystrokes in an unchanged project.
	const ours = createNodeLanguageService({ cacheFileSystem: true });
	// As the CLI builds it: every run asks the file system.
	const oursUncached = createNodeLanguageService();
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
	console.log(`Node ${process.version}; ${RUNS} runs after ${WARMUP} warm-up runs, interleaved; times in ms (parse + validate), min / median / max; ${loadLine()}\n`);
	const header = ['repositories', 'bytes', 'ours (server: fs cached)', 'ours (CLI: fs asked)', 'ours (no fs)', 'json-ls + schema', 'json-ls / ours', 'diagnostics ours / json-ls'];
	const rows: string[][] = [];
	let fullAt1000 = 0;
	let edits: number[] = [];
	try {
		for (const size of SIZES) {
			const text = composerJson(size);
			const samples = { ours: [] as number[], oursUncached: [] as number[], oursNoFs: [] as number[], jsonLs: [] as number[] };
			let counts = { ours: 0, jsonLs: 0 };
			for (let run = 0; run < WARMUP + RUNS; run++) {
				// A new version each run, as when the user types (the model is still shared by equal texts).
				const document = TextDocument.create(uri, 'json', run + 1, text);
				const a = await time(async () => (await ours.doValidation(document, documentPath)).length);
				const u = await time(async () => (await oursUncached.doValidation(document, documentPath)).length);
				const b = await time(async () => (await oursNoFs.doValidation(document, documentPath)).length);
				const c = await time(async () => (await jsonLs.doValidation(document, jsonLs.parseJSONDocument(document))).length);
				if (run >= WARMUP) {
					samples.ours.push(a.ms);
					samples.oursUncached.push(u.ms);
					samples.oursNoFs.push(b.ms);
					samples.jsonLs.push(c.ms);
				}
				counts = { ours: a.count, jsonLs: c.count };
			}
			const m = { ours: median(samples.ours), jsonLs: median(samples.jsonLs) };
			if (size === 1000) fullAt1000 = m.ours;
			recordSummary({ measure: `Validation with fs checks (server), ${size} repositories`, ours: `${m.ours.toFixed(2)} ms`,
				peer: `${m.jsonLs.toFixed(2)} ms (json-ls + Composer schema)`, ratio: `${(m.jsonLs / m.ours).toFixed(2)}x`, target: '>= 3x' });
			rows.push([String(size), String(text.length), spread(samples.ours, 2), spread(samples.oursUncached, 2), spread(samples.oursNoFs, 2),
				spread(samples.jsonLs, 2), `${(m.jsonLs / m.ours).toFixed(2)}x`, `${counts.ours} / ${counts.jsonLs}`]);
		}
		// A one-character edit in the 1,000-repository file: each run changes a different character of the base text,
		// so every run is a text the service has never seen.
		const base = composerJson(1000);
		const spots = [...base.matchAll(/example\.org/g)].map((hit) => hit.index);
		edits = [];
		for (let run = 0; run < WARMUP + RUNS; run++) {
			const at = spots[(run * 7919) % spots.length];
			const text = `${base.slice(0, at)}f${base.slice(at + 1)}`;
			const document = TextDocument.create(uri, 'json', 10_000 + run, text);
			const e = await time(async () => (await ours.doValidation(document, documentPath)).length);
			if (run >= WARMUP) edits.push(e.ms);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	printTable(header, rows);
	console.log('\njson-ls / ours > 1: our service (with its file-system checks, as the server runs it) is that many times faster.');
	const editRatio = `${(fullAt1000 / median(edits)).toFixed(2)}x`;
	console.log(`one-character edit, 1,000 repositories (server): ${spread(edits, 2)} ms; full validation / edit (medians): ${editRatio} (target: at least 10x)`);
	recordSummary({ measure: 'One-character edit vs full validation, 1000 repositories (server)', ours: `${median(edits).toFixed(2)} ms`,
		peer: `${fullAt1000.toFixed(2)} ms (full, same text)`, ratio: editRatio, target: '>= 10x' });
	return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
	console.error(`diagnostics bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
	process.exitCode = 1;
});
