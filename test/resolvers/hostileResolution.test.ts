// Hostile composer repositories on 127.0.0.1 (test/fixtures/hostile/resolution.json, `composerRepositories`):
// include cycles under several spellings, include chains without end, JSON nesting bombs, bodies past the size
// limit, servers that drip a byte at a time and repositories that would make thousands of requests. Each must end
// as a bounded answer — the versions that are there, a warning, or that repository's error — with a bounded number
// of requests, in bounded time and (in a child process) bounded memory.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { defaultRegistry } from '../../server/src/resolvers/registry';
import { resolveRepositories, type Resolution } from '../../server/src/resolvers/repositorySet';
import type { ResolveLimits } from '../../server/src/resolvers/limits';
import { loadHostileCorpus } from '../helpers/hostileCorpus';
import { startLoopbackServer, type LoopbackServer, type Route } from '../helpers/loopbackServer';
import type { PeakMemoryJob, PeakMemoryReport } from '../helpers/peakMemoryChild';
import { composerRepo, testContext } from './composerTestContext';

interface RepositoryCase {
	id: string;
	found?: string;
	files?: Record<string, unknown>;
	generated?: 'include-chain' | 'nesting' | 'nesting-valid' | 'chunked' | 'drip' | 'many-names';
	bytes?: number;
	depth?: number;
	maxBytes?: number;
	count?: number;
	listAll?: boolean;
	limits?: Partial<ResolveLimits>;
	expect: { versions?: string[]; warning?: string; error?: string; maxRequests?: number; maxRssMb?: number };
}

function cases(): RepositoryCase[] {
	const section = (loadHostileCorpus().resolution as { composerRepositories?: { cases: RepositoryCase[] } } | undefined)?.composerRepositories;
	assert.ok(section && section.cases.length > 0, 'test/fixtures/hostile/resolution.json has no composerRepositories cases');
	return section.cases;
}

/** The server behaviours a case can name instead of static files. */
function generatedRoutes(c: RepositoryCase): Record<string, Route> {
	const release = { name: 'acme/a', version: '1.0.0', dist: { type: 'zip', url: 'https://example.invalid/a.zip' } };
	switch (c.generated) {
		case 'include-chain': {
			const routes: Record<string, Route> = { '/packages.json': { body: { packages: { 'acme/a': { '1.0.0': release } }, includes: { 'c1.json': {} } } } };
			// Each file includes the next one: an include tree without end.
			for (let i = 1; i <= 60; i++) routes[`/c${i}.json`] = { body: { includes: { [`c${i + 1}.json`]: {} } } };
			return routes;
		}
		case 'nesting':
			return { '/packages.json': { body: Buffer.alloc(c.bytes ?? 0, '[') } };
		case 'nesting-valid':
			return { '/packages.json': { body: '['.repeat(c.depth ?? 0) + ']'.repeat(c.depth ?? 0) } };
		case 'chunked':
			// No Content-Length: the body arrives chunked and goes on past the client's limit.
			return {
				'/packages.json': (_req, res) => {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					const chunk = Buffer.alloc(64 * 1024, ' ');
					let sent = 0;
					const more = () => {
						if (res.destroyed || sent > 4 * (c.maxBytes ?? 0)) return void res.end();
						sent += chunk.length;
						res.write(chunk, more);
					};
					more();
				},
			};
		case 'drip':
			// One byte of a valid beginning every 100 ms, and never the end.
			return {
				'/packages.json': (_req, res) => {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.write('{"packages": {');
					const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
					res.on('close', () => clearInterval(timer));
				},
			};
		case 'many-names': {
			const names = Array.from({ length: c.count ?? 0 }, (_v, i) => `acme/p${i}`);
			return {
				'/packages.json': { body: { 'metadata-url': '/p2/%package%.json', 'available-packages': names } },
				...Object.fromEntries(names.flatMap((n) => [`/p2/${n}.json`, `/p2/${n}~dev.json`]).map((p) => [p, { status: 404, body: '' }])),
			};
		}
		default:
			return {};
	}
}

function errorsOf(r: Resolution): string {
	return r.errors.map((e) => e.message).join('\n');
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

describe('hostile composer repositories end in bounded time, requests and memory', () => {
	const servers: LoopbackServer[] = [];
	after(async () => {
		for (const s of servers) await s.close();
	});

	for (const c of cases()) {
		test(`${c.id}${c.found ? ` (was: ${c.found})` : ''}`, async () => {
			const routes: Record<string, Route> = { ...generatedRoutes(c) };
			for (const [p, body] of Object.entries(c.files ?? {})) routes[p] = { body: body as object };
			const server = await startLoopbackServer({ routes });
			servers.push(server);
			const url = `${server.url}/packages.json`;
			const names = c.listAll ? undefined : ['acme/a'];
			let versions: string[] | undefined;
			let errors: string;
			let warnings: string;
			if (c.expect.maxRssMb !== undefined) {
				const report = await runChild({ repository: { type: 'composer', url }, names, maxBytes: c.maxBytes });
				versions = report.versions['acme/a'];
				errors = report.errors.join('\n');
				warnings = report.warnings.join('\n');
				assert.ok(report.maxRssMb < c.expect.maxRssMb, `peak memory ${report.maxRssMb.toFixed(0)} MB, bound ${c.expect.maxRssMb} MB`);
			} else {
				const ctx = { ...testContext({ httpOptions: c.maxBytes ? { maxBytes: c.maxBytes } : {} }), limits: c.limits };
				const started = Date.now();
				const r = await resolveRepositories([composerRepo(url)], names, ctx, defaultRegistry());
				versions = r.packages.get('acme/a')?.versions;
				errors = errorsOf(r);
				warnings = r.warnings.map((w) => w.message).join('\n');
				const bound = Math.min(c.limits?.repositoryMs ?? Infinity, c.limits?.resolutionMs ?? Infinity);
				if (bound !== Infinity) assert.ok(Date.now() - started < bound + 5000, `took ${Date.now() - started} ms`);
			}
			if (c.expect.versions) assert.deepEqual(versions, c.expect.versions, errors);
			if (c.expect.warning) assert.ok(warnings.includes(c.expect.warning), `warnings: ${warnings}`);
			if (c.expect.error) assert.ok(errors.includes(c.expect.error), `errors: ${errors}`);
			else assert.equal(errors, '');
			if (c.expect.maxRequests !== undefined) {
				assert.ok(server.requests.length <= c.expect.maxRequests, `${server.requests.length} requests: ${server.requests.map((q) => q.url).join(' ')}`);
			}
		});
	}
});
