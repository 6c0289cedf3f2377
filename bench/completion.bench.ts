// Live editor intelligence latency: version completion inside a constraint, name completion, a require hover
// and validation with live diagnostics, on a composer.json with 200 requirements and a snapshot of 20
// repositories (1,000 packages, 60 versions each). The snapshot answers from memory, as the server's does, so
// this measures the service alone. Reported, not asserted.
//   npm run bench -- completion          BENCH_RUNS=50 to change the number of measured runs
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/service/index';
import type { NameMatch, PackageLookup, RepositorySnapshot, RepositoryStatus } from '../server/src/service/liveData';
import { offered } from '../test/helpers/liveSnapshot';

const REPOSITORIES = 20;
const PACKAGES_PER_REPOSITORY = 50;
const REQUIREMENTS = 200;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 31);
const WARMUP = 5;

/** 60 versions: 5 majors × 4 minors × 3 patches, newest first. */
function versions(): string[] {
	const out: string[] = [];
	for (let major = 4; major >= 0; major--) for (let minor = 3; minor >= 0; minor--) for (let patch = 2; patch >= 0; patch--) out.push(`${major}.${minor}.${patch}`);
	return out;
}

function buildSnapshot(): RepositorySnapshot {
	const repositories: RepositoryStatus[] = [];
	const lookups = new Map<string, PackageLookup>();
	const names: NameMatch[] = [];
	const offeredVersions = versions().map((v) => offered({ version: v, time: '2024-01-01T00:00:00Z' }));
	for (let r = 0; r < REPOSITORIES; r++) {
		const label = `composer repo (https://repo${r}.example.org)`;
		repositories.push({ entryIndex: r, label, type: 'composer', driver: 'composer', state: 'ok', packages: PACKAGES_PER_REPOSITORY, versions: PACKAGES_PER_REPOSITORY * offeredVersions.length });
		for (let p = 0; p < PACKAGES_PER_REPOSITORY; p++) {
			const name = `vendor${r}/package${p}`;
			lookups.set(name, { state: 'found', repository: label, entryIndex: r, details: { name, versions: offeredVersions, description: `Package ${p} of repository ${r}` }, shadowed: [] });
			names.push({ name, repository: label, latest: '4.3.2' });
		}
	}
	return {
		pending: false,
		repositories,
		platform: [{ name: 'php', version: '8.2.12' }],
		lookup: (name) => lookups.get(name.toLowerCase()) ?? { state: 'missing', shadowed: [], failed: [] },
		searchNames: (query, limit) => names.filter((n) => n.name.includes(query.toLowerCase())).slice(0, limit),
	};
}

function composerJson(): string {
	const repositories = Array.from({ length: REPOSITORIES }, (_, r) => ({ type: 'composer', url: `https://repo${r}.example.org` }));
	const require: Record<string, string> = { php: '^8.1' };
	for (let i = 0; i < REQUIREMENTS - 1; i++) require[`vendor${i % REPOSITORIES}/package${Math.floor(i / REPOSITORIES)}`] = i % 7 === 0 ? '^9.0' : '^2.1 || ^3.0';
	return `${JSON.stringify({ name: 'bench/project', repositories: [...repositories, { 'packagist.org': false }], require }, null, 4)}\n`;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<number> {
	const snapshot = buildSnapshot();
	const service = getLanguageService({ live: { snapshot: () => snapshot } });
	const text = composerJson();
	const lastConstraint = text.lastIndexOf('"^2.1 || ^3.0"');
	const cases: { name: string; run: (document: TextDocument) => Promise<number> }[] = [
		{ name: 'version completion after `|| `', run: async (d) => (await service.doComplete(d, d.positionAt(lastConstraint + '"^2.1 || '.length), undefined, { triggerCharacter: ' ' })).items.length },
		{ name: 'version completion inside `^2.1`', run: async (d) => (await service.doComplete(d, d.positionAt(lastConstraint + '"^2.1'.length))).items.length },
		{ name: 'name completion in a key', run: async (d) => (await service.doComplete(d, d.positionAt(text.indexOf('"vendor1/package0"') + '"vendor1/'.length), undefined, { triggerCharacter: '/' })).items.length },
		{ name: 'require hover', run: async (d) => ((await service.doHover(d, d.positionAt(lastConstraint + 2))) ? 1 : 0) },
		{ name: 'validation with live diagnostics', run: async (d) => (await service.doValidation(d)).length },
	];
	console.log(`Node ${process.version}; ${REQUIREMENTS} requirements, ${REPOSITORIES} repositories × ${PACKAGES_PER_REPOSITORY} packages × ${versions().length} versions; `
		+ `${text.length} bytes; median of ${RUNS} runs after ${WARMUP} warm-up runs, a new document version each run (model built each time)\n`);
	const rows: string[][] = [];
	for (const c of cases) {
		const samples: number[] = [];
		let count = 0;
		for (let run = 0; run < WARMUP + RUNS; run++) {
			const document = TextDocument.create('file:///bench/composer.json', 'json', run + 1, text);
			const start = performance.now();
			count = await c.run(document);
			if (run >= WARMUP) samples.push(performance.now() - start);
		}
		rows.push([c.name, median(samples).toFixed(2), Math.max(...samples).toFixed(2), String(count)]);
	}
	const header = ['request', 'median ms', 'max ms', 'items / diagnostics'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	rows.forEach((r) => console.log(line(r)));
	return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
	console.error(`completion bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
	process.exitCode = 1;
});
