// The built CLI (`node dist/cli.js check`) on the nastiest composer.json files of the fuzz corpus, written as bytes:
// 20 MB, 10,000-level nesting, BOM, NUL bytes, invalid UTF-8, CESU-8 surrogates, huge numbers, thousands of
// duplicate keys, and a sample of generated ones. Exit code 0, 1 or 2, never a stack trace, bounded time.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { hostileDocument } from '../helpers/hostileDocuments';
import { hostileDefinitions } from '../helpers/hostileDefinitions';

const ROOT = join(__dirname, '..', '..');
const CLI = join(process.env.COMPOSER_REPOS_DIST || join(ROOT, 'dist'), 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'composer-repos-fuzz-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

function check(folder: string, format: 'text' | 'json'): Promise<Run> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [CLI, 'check', '--format', format], { cwd: folder, env: { ...process.env, LC_ALL: 'C', COMPOSER_REPOS_DEBUG: '' } });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
		child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
		child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
	});
}

const repo = (i: number) => `{"type": "vcs", "url": "https://github.com/acme/lib${i}"}`;
const NASTY: [string, Buffer][] = [
	['20 MB', Buffer.from(`{"repositories": [${Array.from({ length: 20 * 1024 * 1024 / 52 }, (_, i) => repo(i)).join(',')}]}`)],
	['10,000 levels', Buffer.from(`{"repositories": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`)],
	['10,000 levels behind a stray quote and a comment', Buffer.from(`{"repositories": [{"type": "a\n/* " */ ${'['.repeat(10_000)}\n}`)],
	['BOM', Buffer.from(`\ufeff{"repositories": [${repo(1)}]}`)],
	['NUL bytes', Buffer.from(`{"repositories": [{"type": "vcs\u0000", "url": "\u0000"}]}\u0000`)],
	['invalid UTF-8', Buffer.concat([Buffer.from('{"repositories": [{"type": "vcs", "url": "'), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"}]}')])],
	['CESU-8 lone surrogate', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('"}')])],
	['escaped lone surrogates', Buffer.from('{"repositories": [{"type": "\\ud800", "url": "\\udfff"}]}')],
	['huge numbers', Buffer.from(`{"repositories": [{"type": "vcs", "url": 1${'0'.repeat(100_000)}, "canonical": 1e999999, "only": [-1e999999]}]}`)],
	['5,000 duplicate keys', Buffer.from(`{"repositories": [{${Array.from({ length: 5000 }, () => '"type": "vcs"').join(', ')}}]}`)],
	['empty', Buffer.alloc(0)],
	['truncated', Buffer.from(`{"repositories": [${repo(1)}, {"type": "vc`)],
	['every hostile definition', Buffer.from(JSON.stringify({ repositories: hostileDefinitions('pwned').map((d) => d.repository) }))],
	['a long key', Buffer.from(`{"repositories": [{"type": "vcs", ${JSON.stringify('x'.repeat(1_000_000))}: 1}]}`)],
];
const GENERATED = fc.sample(hostileDocument, { numRuns: 10, seed: 7 }).map((text, i): [string, Buffer] => [`generated ${i}`, Buffer.from(text)]);

describe('composer-repos check on hostile files', () => {
	const cases = [...NASTY, ...GENERATED];
	/** Outcome per case name; the text format for the named cases, then the two formats by turns. */
	const results = new Map<string, Run>();

	test(`${cases.length} files: exit 0/1/2, no stack trace, bounded time`, async () => {
		const jobs = cases.map(([name, bytes], i) => {
			const folder = join(dir, `case${i}`);
			mkdirSync(folder);
			writeFileSync(join(folder, 'composer.json'), bytes);
			return { name, folder, format: i < NASTY.length || i % 2 === 0 ? 'text' as const : 'json' as const };
		});
		const failures: string[] = [];
		// Two at a time: the machine's two cores.
		for (let i = 0; i < jobs.length; i += 2) {
			const runs = await Promise.all(jobs.slice(i, i + 2).map(async (job) => ({ job, run: await check(job.folder, job.format) })));
			for (const { job, run } of runs) {
				results.set(job.name, run);
				if (![0, 1, 2].includes(run.code ?? -1)) failures.push(`${job.name}: exit ${run.code}`);
				if (/\n\s+at /.test(run.stderr) || /\bat .*\.js:\d+/.test(run.stderr)) failures.push(`${job.name}: stack trace\n${run.stderr}`);
				if (run.code !== 2 && run.stderr !== '') failures.push(`${job.name}: stderr ${run.stderr}`);
				if (run.code !== 2 && job.format === 'json') assert.doesNotThrow(() => JSON.parse(run.stdout), job.name);
				if (run.code !== 2 && job.format === 'text') assert.match(run.stdout, /\d+ error\(s\), \d+ warning\(s\), \d+ hint\(s\)(, \d+ information)?\n$/, job.name);
				if (run.ms > 30_000) failures.push(`${job.name}: ${run.ms} ms`);
			}
		}
		assert.deepEqual(failures, []);
	});

	test('what Composer refuses, check refuses: exit 1; a 20 MB file gets a size message', () => {
		for (const name of ['10,000 levels', 'BOM', 'invalid UTF-8', 'CESU-8 lone surrogate', 'empty', 'truncated', 'every hostile definition']) {
			assert.equal(results.get(name)?.code, 1, `${name}: ${results.get(name)?.stdout}`);
		}
		assert.match(results.get('20 MB')?.stdout ?? '', /warning document-too-large This composer\.json is \d+\.\d MB: only its JSON syntax is checked/);
	});
});
