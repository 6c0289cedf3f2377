// Hostile archives in an artifact folder (test/fixtures/hostile/resolution.json, `archives`), built at test time
// in a temporary folder (a 1.9 GB member is a hole in a sparse file): the composer.json is still found, in bounded
// memory (measured as the peak RSS of a child process doing the load) and bounded time.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { artifactResolver } from '../../server/src/resolvers/artifact';
import { loadHostileCorpus } from '../helpers/hostileCorpus';
import { writeTar, writeZip, type ArchiveMember } from '../helpers/archiveWriter';
import type { PeakMemoryJob, PeakMemoryReport } from '../helpers/peakMemoryChild';
import { testContext } from './composerTestContext';

interface CorpusMember { name: string; json?: unknown; sparseBytes?: number; dir?: boolean; count?: number }
interface ArchiveCase {
	id: string;
	found?: string;
	format: 'tar' | 'zip';
	entries: CorpusMember[];
	truncateTo?: number;
	expect: { version?: string; warning?: string; maxRssMb?: number; maxSeconds?: number };
}

function cases(): ArchiveCase[] {
	const section = (loadHostileCorpus().resolution as { archives?: { cases: ArchiveCase[] } } | undefined)?.archives;
	assert.ok(section && section.cases.length > 0, 'test/fixtures/hostile/resolution.json has no archives cases');
	return section.cases;
}

function members(entries: CorpusMember[]): ArchiveMember[] {
	return entries.flatMap((e) => {
		const content = e.json === undefined ? undefined : JSON.stringify(e.json);
		const member: ArchiveMember = { name: e.name, dir: e.dir, sparseBytes: e.sparseBytes, content };
		return e.count === undefined ? [member] : Array.from({ length: e.count }, (_v, i) => ({ ...member, name: `${e.name}${i}`, content: '' }));
	});
}

function runChild(job: PeakMemoryJob): Promise<PeakMemoryReport> {
	const script = path.join(__dirname, '..', 'helpers', 'peakMemoryChild.ts');
	return new Promise((resolve, reject) => {
		execFile(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`${err.message}\n${stderr}`));
			else resolve(JSON.parse(stdout) as PeakMemoryReport);
		});
	});
}

describe('hostile archives in an artifact folder', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-hostile-archives-'));
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	for (const c of cases()) {
		test(`${c.id}${c.found ? ` (was: ${c.found})` : ''}`, async () => {
			const dir = path.join(root, c.id);
			fs.mkdirSync(dir);
			const file = path.join(dir, `package.${c.format}`);
			if (c.format === 'tar') writeTar(file, members(c.entries));
			else writeZip(file, members(c.entries));
			if (c.truncateTo !== undefined) fs.truncateSync(file, c.truncateTo);
			const started = Date.now();
			let version: string | undefined;
			let warnings: string;
			if (c.expect.maxRssMb !== undefined) {
				const report = await runChild({ repository: { type: 'artifact', url: dir }, names: ['acme/big'] });
				assert.deepEqual(report.errors, []);
				version = report.versions['acme/big']?.[0];
				warnings = report.warnings.join('\n');
				assert.ok(report.maxRssMb < c.expect.maxRssMb, `peak memory ${report.maxRssMb.toFixed(0)} MB, bound ${c.expect.maxRssMb} MB`);
			} else {
				const r = await artifactResolver.loadPackages({ key: 0, config: { type: 'artifact', url: dir }, label: 'artifact' }, undefined, testContext());
				assert.ok(r.ok, r.ok ? '' : r.error.message);
				version = r.packages.find((p) => p.name === 'acme/big')?.version;
				warnings = r.warnings.join('\n');
			}
			if (c.expect.maxSeconds !== undefined) assert.ok(Date.now() - started < c.expect.maxSeconds * 1000, `took ${Date.now() - started} ms`);
			if (c.expect.version !== undefined) assert.equal(version, c.expect.version, warnings);
			if (c.expect.warning !== undefined) assert.ok(warnings.includes(c.expect.warning), `warnings: ${warnings}`);
		});
	}
});
