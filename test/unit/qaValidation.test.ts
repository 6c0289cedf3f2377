// QA regressions: each test pins a behaviour that was wrong against Composer 2.5.5's real behaviour (checked with
// `composer validate` and `composer show -a` offline) or that misled the user.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/index';
import { MAX_NESTING, nestingOverflowOffset } from '../../server/src/model/composerDocument';
import { complete } from '../fixtures/completion/harness';
import { E, W, expectDiagnostics, makeDocument, repos } from './validationHarness';

const service = getLanguageService({});

async function fixed(text: string, code: string): Promise<string> {
	const document = makeDocument(text);
	const d = (await service.doValidation(document)).find((x) => x.code === code);
	assert.ok(d, `no ${code}`);
	const [action] = service.getCodeActions(document, d.range, { diagnostics: [d] });
	assert.ok(action?.edit?.changes, `no fix for ${code}`);
	return TextDocument.applyEdits(document, action.edit.changes[document.uri]);
}

describe('QA: messages show the user\'s values', () => {
	test('disable-not-false names the entry (no raw {0} placeholder)', async () => {
		const [d] = await expectDiagnostics(repos('[{"packagist.org": <<true>>}]'), [['disable-not-false', E]]);
		assert.match(String(d.message), /\{"packagist\.org": false\}/);
		assert.doesNotMatch(String(d.message), /\{\d\}/);
	});

	test('a keyed entry wrapping a disable object says how to write it in the object form', async () => {
		const [d] = await expectDiagnostics(repos('{<<"0">>: {"packagist.org": false}}'), [['missing-type', E]]);
		assert.match(String(d.message), /"packagist\.org": false directly inside "repositories"/);
	});

	test('a scheme-less composer URL does not blame secure-http when it is off', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": "composer", "url": <<"repo.example.org">>}]', '\n\t"config": {"secure-http": false},'), [['url-no-scheme', W]]);
		assert.doesNotMatch(String(d.message), /secure-http refuses/);
		assert.match(String(d.message), /http:\/\/repo\.example\.org/);
	});

	test('"packagist.org": false inside a repository definition is flagged like "packagist" (it disables nothing)', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": "composer", "url": "https://repo.example.org", <<"packagist.org">>: false}]'), [['packagist-key-in-repository', W]]);
		assert.match(String(d.message), /"packagist\.org" key, which Composer ignores here/);
	});

	test('missing url names the type without broken grammar', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": <<"artifact">>}]'), [['missing-url', E]]);
		assert.equal(d.message, 'A repository of type "artifact" needs a "url".');
	});
});

describe('QA: what Composer really fails on', () => {
	test('a path repository with a file:// URL (Composer: "does not exist"), with a fix', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": <<"file:///srv/packages/lib">>}]'), [['path-file-url', E]]);
		assert.equal(await fixed(repos('[{"type": "path", "url": "file:///srv/packages/lib"}]'), 'path-file-url'), repos('[{"type": "path", "url": "/srv/packages/lib"}]'));
		// Artifact folders are read through PHP's file wrapper, so file:// works there.
		await expectDiagnostics(repos('[{"type": "artifact", "url": "file:///srv/artifacts"}]'), []);
	});

	test('an inline package version written as a number is refused by the schema; the fix keeps the digits', async () => {
		const pkg = (v: string) => repos(`[{"type": "package", "package": {"name": "acme/lib", "version": ${v}, "dist": {"type": "zip", "url": "https://x.example/lib.zip"}}}]`);
		await expectDiagnostics(pkg('<<1.0>>'), [['invalid-value-type', E]]);
		await expectDiagnostics(pkg('<<true>>'), [['invalid-value-type', E]]);
		assert.equal(await fixed(pkg('1.0'), 'invalid-value-type'), pkg('"1.0"'));
	});

	test('an empty package list makes Composer fail ("name : must be present")', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": "package", "package": <<[]>>}]'), [['empty-package-list', E]]);
		assert.match(String(d.message), /fails/);
	});
});

describe('QA: robustness', () => {
	test('a byte-order mark is named as such (Composer: "BOM detected"), and the rest is still checked', async () => {
		const [bom] = await expectDiagnostics(`<<\ufeff>>{"repositories": [{"type": <<"vsc">>, "url": "https://github.com/a/b"}]}`, [['invalid-json', E], ['unknown-type', E]]);
		assert.match(String(bom.message), /byte-order mark/);
	});

	test('nesting deeper than Composer reads is one error, not a stack overflow', async () => {
		const depth = 50_000;
		const text = `{"repositories": [{"type": "path", "url": "x", "options": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`;
		const document = makeDocument(text);
		const diagnostics = await service.doValidation(document);
		assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-json']);
		assert.equal(document.offsetAt(diagnostics[0].range.start), nestingOverflowOffset(text));
		assert.deepEqual((await service.doComplete(document, document.positionAt(60))).items, []);
		assert.equal(await service.doHover(document, document.positionAt(3)), null);
		assert.deepEqual(service.getCodeActions(document, diagnostics[0].range, { diagnostics }), []);
	});

	test('the nesting limit is PHP json_decode\'s: 511 levels read, 512 refused; brackets in strings do not count', () => {
		const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
		assert.equal(nestingOverflowOffset(nested(MAX_NESTING)), undefined);
		assert.equal(nestingOverflowOffset(nested(MAX_NESTING + 1)), MAX_NESTING);
		assert.equal(nestingOverflowOffset(`{"a": "${'['.repeat(2000)}\\"["}`), undefined);
	});

	test('quick fixes for thousands of diagnostics are all computed, each a valid edit', async () => {
		const entries = Array.from({ length: 300 }, (_, i) => `{"type": "path", "url": "../p${i}", "symlink": false}`);
		const document = makeDocument(`{"repositories": [\n${entries.join(',\n')}\n]}`);
		const diagnostics = await service.doValidation(document);
		const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
		const actions = service.getCodeActions(document, whole, { diagnostics });
		assert.equal(actions.length, 300);
		const last = TextDocument.applyEdits(document, actions[299].edit?.changes?.[document.uri] ?? []);
		assert.match(last, /\{"type": "path", "url": "\.\.\/p299", "options": \{"symlink": false\}\}\n\]\}$/);
	});
});

describe('QA: completion agrees with the validator', () => {
	test('svn folder keys offer false only (true is reported as meaningless)', async () => {
		const c = await complete('{"repositories": [{"type": "svn", "url": "https://svn.example.org/r", "trunk-path": <|>}]}');
		assert.deepEqual(c.labels(), ['false']);
		const symlink = await complete('{"repositories": [{"type": "path", "url": "../x", "options": {"symlink": <|>}}]}');
		assert.deepEqual(symlink.labels(), ['true', 'false', 'null']);
	});
});
