// Property-based hardening of the language service: 10,000 generated and mutated composer.json texts (truncated,
// duplicate keys, wrong types, 10,000-level nesting, BOM, NUL bytes, lone surrogates, huge numbers, stray
// characters) through validation, completion, hover and code actions, plus a few 20 MB files. Never a throw,
// every diagnostic well formed, time and memory bounded. The CLI gets the nastiest of them in test/cli/fuzzCli.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/index';
import { DEFAULT_SEVERITY } from '../../server/src/service/validation/codes';
import { hostileDocument } from '../helpers/hostileDocuments';

const service = getLanguageService({});
/** Per document, on a shared 2-core machine: generous, but a regression to quadratic work would blow it. */
const SLOW_MS = 3000;

function assertWellFormed(document: TextDocument, diagnostics: Diagnostic[]): void {
	const length = document.getText().length;
	for (const d of diagnostics) {
		const start = document.offsetAt(d.range.start);
		const end = document.offsetAt(d.range.end);
		assert.ok(start <= end && end <= length, `range ${start}-${end} of ${length}`);
		assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
		assert.equal(d.source, 'composer-repositories');
		assert.ok(typeof d.code === 'string' && d.code in DEFAULT_SEVERITY, String(d.code));
		assert.ok(typeof d.message === 'string' && d.message.length > 0);
	}
}

async function exercise(text: string, probe: number): Promise<number> {
	const started = Date.now();
	const document = TextDocument.create('file:///project/composer.json', 'json', 1, text);
	const diagnostics = await service.doValidation(document);
	assertWellFormed(document, diagnostics);
	const position = document.positionAt(text.length === 0 ? 0 : probe % (text.length + 1));
	const completions = await service.doComplete(document, position);
	assert.ok(Array.isArray(completions.items));
	await service.doHover(document, position);
	for (const d of diagnostics.slice(0, 10)) {
		for (const action of service.getCodeActions(document, d.range, { diagnostics: [d] })) {
			// Every quick fix applies cleanly to the text it was made for.
			TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []);
		}
	}
	return Date.now() - started;
}

describe('fuzzing the language service', () => {
	test('10,000 hostile documents: no throw, well-formed diagnostics, bounded time', async () => {
		let slowest = 0;
		let runs = 0;
		await fc.assert(fc.asyncProperty(hostileDocument, fc.nat(), async (text, probe) => {
			runs++;
			slowest = Math.max(slowest, await exercise(text, probe));
		}), { numRuns: 10_000, seed: 20260501, endOnFailure: true });
		assert.equal(runs, 10_000);
		assert.ok(slowest < SLOW_MS, `slowest document took ${slowest} ms`);
	});

	test('20 MB files: a clear size message, syntax still checked, bounded time and memory', async () => {
		const repo = (i: number) => `{"type": "vcs", "url": "https://github.com/acme/lib${i}"}`;
		const big = `{"repositories": [${Array.from({ length: 20 * 1024 * 1024 / 52 }, (_, i) => repo(i)).join(',')}]}`;
		const cases: [string, string, string[]][] = [
			['20 MB of repositories', big, ['document-too-large']],
			['20 MB of repositories, cut off', big.slice(0, -3), ['document-too-large', 'invalid-json']],
			['a 20 MB string', `{"description": "${'x'.repeat(20 * 1024 * 1024)}"}`, ['document-too-large']],
			['20 MB of opening brackets', '['.repeat(20 * 1024 * 1024), ['invalid-json']],
			['20 MB of NUL', '\u0000'.repeat(20 * 1024 * 1024), ['document-too-large', 'invalid-json']],
		];
		for (const [name, text, codes] of cases) {
			const started = Date.now();
			const document = TextDocument.create(`file:///big/${cases.findIndex((c) => c[0] === name)}/composer.json`, 'json', 1, text);
			const diagnostics = await service.doValidation(document);
			assertWellFormed(document, diagnostics);
			assert.deepEqual([...new Set(diagnostics.map((d) => String(d.code)))].sort(), codes, name);
			await service.doComplete(document, document.positionAt(text.length >> 1));
			await service.doHover(document, document.positionAt(text.length >> 1));
			service.forgetDocument(document.uri);
			assert.ok(Date.now() - started < 15_000, `${name}: ${Date.now() - started} ms`);
		}
		// Modelling 20 MB of repositories used to take over 1 GB; only the syntax scan runs now.
		assert.ok(process.memoryUsage().rss < 1024 * 1024 * 1024, `rss ${process.memoryUsage().rss}`);
	});

	test('more problems than an editor can show: the first 1,000 and a count of the rest', async () => {
		const text = `{"repositories": [{${Array.from({ length: 3000 }, () => '"type": "vcs"').join(', ')}, "url": "https://github.com/a/b"}]}`;
		const diagnostics = await service.doValidation(TextDocument.create('file:///many/composer.json', 'json', 1, text));
		assert.equal(diagnostics.length, 1001);
		assert.equal(diagnostics[1000].code, 'too-many-problems');
		assert.match(String(diagnostics[1000].message), /^1999 more problems from here on are not shown/);
	});
});
