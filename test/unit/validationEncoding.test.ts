// Files Composer refuses for their encoding or emptiness, as the language service sees them: text, plus the bytes
// on disk when the text holds U+FFFD (what an editor shows for bytes that are not UTF-8).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { firstInvalidUtf8, loneSurrogateAt, unpairedSurrogateEscape } from '../../server/src/model/encoding';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { E, expectDiagnostics, validate } from './validationHarness';

const dir = mkdtempSync(join(tmpdir(), 'composer-repos-encoding-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('encoding and empty files', () => {
	test('an empty or blank file is invalid JSON for Composer', async () => {
		await expectDiagnostics('<<>>', [['invalid-json', E]]);
		await expectDiagnostics('<<  \n\t\n>>', [['invalid-json', E]]);
		// A byte-order mark alone: the BOM and the emptiness are both Composer's business.
		assert.deepEqual((await validate('\ufeff')).diagnostics.map((d) => String(d.message).slice(0, 30)), ['The file starts with a byte-or', 'The file is empty: Composer fa']);
	});

	test('a lone surrogate in the text (no UTF-8 file holds one) is reported where it is', async () => {
		await expectDiagnostics('{"name": "acme/app", "description": "a<<\ud800>>b"}', [['invalid-json', E]]);
		await expectDiagnostics('{"name": "acme/app", "description": "a<<\udc00>>b"}', [['invalid-json', E]]);
		await expectDiagnostics('{"name": "acme/app", "description": "\ud83d\ude00"}', []);
	});

	test('an unpaired surrogate escape makes json_decode fail', async () => {
		for (const escape of ['\\ud800', '\\uDBFF\\u0041', '\\udc00', '\\ud800\\ud800']) {
			const [d] = await expectDiagnostics(`{"name": "acme/app", "description": "x<<${escape.slice(0, 6)}>>${escape.slice(6)}"}`, [['invalid-json', E]]);
			assert.match(String(d.message), /NULL value found, but an object is required/);
		}
		await expectDiagnostics('{"name": "acme/app", "description": "\\ud83d\\ude00 \\\\ud800 \\u0041"}', []);
	});

	test('U+FFFD in the text: the file on disk decides', async () => {
		const facts = createNodeLocalFacts();
		const text = '{"name": "acme/app",\n "description": "caf\ufffd"}';
		const latin1 = join(dir, 'latin1.json');
		writeFileSync(latin1, Buffer.from('{"name": "acme/app",\n "description": "caf\xe9"}', 'latin1'));
		const bad = await validate(text, { facts }, latin1);
		assert.deepEqual(bad.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['invalid-json', 1, 20]]);
		assert.match(String(bad.diagnostics[0].message), /not UTF-8.*"composer\.json is not UTF-8, could not parse as JSON"/);
		// The file really holds U+FFFD (valid UTF-8): nothing to say.
		const good = join(dir, 'good.json');
		writeFileSync(good, text);
		assert.deepEqual((await validate(text, { facts }, good)).diagnostics, []);
		// No path or no file-system facts: the text alone cannot tell.
		assert.deepEqual((await validate(text, { facts })).diagnostics, []);
		assert.deepEqual((await validate(text, {}, latin1)).diagnostics, []);
	});

	test('a syntax error is what Composer reports first', async () => {
		const file = join(dir, 'trailing.json');
		writeFileSync(file, Buffer.from('{"name": "acme/app"}\xff', 'latin1'));
		const { diagnostics } = await validate('{"name": "acme/app"}\ufffd', { facts: createNodeLocalFacts() }, file);
		assert.deepEqual(diagnostics.map((d) => d.message), ['Invalid JSON: Composer cannot read the file.']);
	});

	test('firstInvalidUtf8 follows PHP\'s scanner (no overlongs, no surrogates, nothing past U+10FFFF)', () => {
		const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
		assert.equal(at(0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80), undefined);
		assert.equal(at(0x41, 0xc0, 0x80), 1);
		assert.equal(at(0xe0, 0x80, 0x80), 0);
		assert.equal(at(0x41, 0x42, 0xed, 0xa0, 0x80), 2);
		assert.equal(at(0xf4, 0x90, 0x80, 0x80), 0);
		assert.equal(at(0xe2, 0x82), 0);
		assert.equal(at(0x80), 0);
		// The same verdict as a fatal decoder, on random bytes.
		for (let n = 0; n < 2000; n++) {
			const bytes = Uint8Array.from({ length: 1 + (n % 12) }, (_, i) => (n * 7919 + i * 104729) % 256);
			let fatalOk = true;
			try {
				new TextDecoder('utf-8', { fatal: true }).decode(bytes);
			} catch {
				fatalOk = false;
			}
			assert.equal(firstInvalidUtf8(bytes) === undefined, fatalOk, Buffer.from(bytes).toString('hex'));
		}
	});

	test('the scanners stay linear on pathological text', () => {
		const started = Date.now();
		assert.equal(unpairedSurrogateEscape('\\'.repeat(2_000_000) + 'ud800'), undefined);
		assert.equal(loneSurrogateAt('a'.repeat(2_000_000)), undefined);
		assert.ok(Date.now() - started < 2000);
	});
});
