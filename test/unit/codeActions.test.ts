import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/index';
import { makeDocument } from './validationHarness';

const service = getLanguageService({});

/** Validates, takes the quick fix for the diagnostic with `code` (the n-th one), applies it, returns the whole text. */
async function applyFix(text: string, code: string, title?: RegExp): Promise<string> {
	const document = makeDocument(text);
	const diagnostics = await service.doValidation(document);
	const d = diagnostics.find((x) => x.code === code);
	assert.ok(d, `no ${code} diagnostic in ${JSON.stringify(diagnostics.map((x) => x.code))}`);
	const actions = service.getCodeActions(document, d.range, { diagnostics: [d] });
	const action = title ? actions.find((a) => title.test(a.title)) : actions[0];
	assert.ok(action?.edit?.changes, `no quick fix for ${code}`);
	assert.equal(action.kind, 'quickfix');
	const result = TextDocument.applyEdits(document, action.edit.changes[document.uri]);
	const after = await service.doValidation(makeDocument(result));
	assert.ok(!after.some((x) => x.code === code && x.range.start.line === d.range.start.line), `fix did not remove ${code}:\n${result}`);
	return result;
}

describe('quick fixes', () => {
	test('legacy packagist → packagist.org', async () => {
		assert.equal(await applyFix('{\n    "repositories": [\n        {"packagist": false}\n    ]\n}\n', 'legacy-packagist'),
			'{\n    "repositories": [\n        {"packagist.org": false}\n    ]\n}\n');
	});

	test('did you mean: type and key', async () => {
		assert.equal(await applyFix('{"repositories": [{"type": "vsc", "url": "https://github.com/a/b"}]}', 'unknown-type'),
			'{"repositories": [{"type": "vcs", "url": "https://github.com/a/b"}]}');
		assert.equal(await applyFix('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no_api": true}]}', 'unknown-key'),
			'{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": true}]}');
		assert.equal(await applyFix('{"repositories": [{"type": "forgejo", "url": "https://codeberg.org/a/b"}]}', 'unregistered-type'),
			'{"repositories": [{"type": "vcs", "url": "https://codeberg.org/a/b"}]}');
	});

	test('a host-specific type on another host: change the type', async () => {
		assert.equal(await applyFix('{\n\t"repositories": [{"type": "github", "url": "https://gitlab.com/a/b"}]\n}\n', 'host-not-for-type'),
			'{\n\t"repositories": [{"type": "gitlab", "url": "https://gitlab.com/a/b"}]\n}\n');
	});

	test('an empty file: insert {}', async () => {
		assert.equal(await applyFix('', 'invalid-json'), '{}\n');
		assert.equal(await applyFix('\n\n', 'invalid-json'), '{}\n');
	});

	test('remove an ignored key, keeping the layout (4 spaces, CRLF) and comments', async () => {
		const lines = (...l: string[]) => l.join('\r\n');
		assert.equal(await applyFix(lines(
			'{',
			'    "repositories": [',
			'        {',
			'            "type": "composer",',
			'            "force-lazy-providers": true,',
			'            // internal mirror',
			'            "url": "https://repo.example.org"',
			'        }',
			'    ]',
			'}',
			''), 'ignored-key'), lines(
			'{',
			'    "repositories": [',
			'        {',
			'            "type": "composer",',
			'            // internal mirror',
			'            "url": "https://repo.example.org"',
			'        }',
			'    ]',
			'}',
			''));
		// Last key of a compact entry: the comma before it goes.
		assert.equal(await applyFix('{"repositories": [{"type": "composer", "url": "https://r.example.org", "force-lazy-providers": false}]}', 'ignored-key'),
			'{"repositories": [{"type": "composer", "url": "https://r.example.org"}]}');
	});

	test('remove a duplicate repository: list element or keyed property, whole lines', async () => {
		assert.equal(await applyFix([
			'{',
			'\t"repositories": [',
			'\t\t{"type": "vcs", "url": "https://github.com/a/b"},',
			'\t\t{"type": "git", "url": "https://github.com/a/b.git"},',
			'\t\t{"type": "composer", "url": "https://r.example.org"}',
			'\t]',
			'}',
			'',
		].join('\n'), 'duplicate-repository'), [
			'{',
			'\t"repositories": [',
			'\t\t{"type": "vcs", "url": "https://github.com/a/b"},',
			'\t\t{"type": "composer", "url": "https://r.example.org"}',
			'\t]',
			'}',
			'',
		].join('\n'));
		assert.equal(await applyFix('{"repositories": {"one": {"type": "vcs", "url": "https://github.com/a/b"}, "two": {"type": "vcs", "url": "https://github.com/a/b/"}}}', 'duplicate-repository'),
			'{"repositories": {"one": {"type": "vcs", "url": "https://github.com/a/b"}}}');
	});

	test('wrap a single repository object into a list', async () => {
		assert.equal(await applyFix('{\n  "repositories": {\n    "type": "vcs",\n    "url": "https://github.com/a/b"\n  }\n}\n', 'single-repository'),
			'{\n  "repositories": [{\n    "type": "vcs",\n    "url": "https://github.com/a/b"\n  }]\n}\n');
	});

	test('remove a trailing comma', async () => {
		assert.equal(await applyFix('{\n\t"repositories": [\n\t\t{"type": "vcs", "url": "https://github.com/a/b"},\n\t]\n}\n', 'invalid-json'),
			'{\n\t"repositories": [\n\t\t{"type": "vcs", "url": "https://github.com/a/b"}\n\t]\n}\n');
	});

	test('http:// → https://', async () => {
		assert.equal(await applyFix('{\r\n\t"repositories": [{"type": "composer", "url": "http://repo.example.org"}]\r\n}\r\n', 'insecure-url'),
			'{\r\n\t"repositories": [{"type": "composer", "url": "https://repo.example.org"}]\r\n}\r\n');
	});

	test('move a path option into a new options object (4-space indent)', async () => {
		const before = [
			'{',
			'    "repositories": [',
			'        {',
			'            "type": "path",',
			'            "url": "../lib",',
			'            "symlink": false',
			'        }',
			'    ]',
			'}',
			'',
		].join('\n');
		const expected = [
			'{',
			'    "repositories": [',
			'        {',
			'            "type": "path",',
			'            "url": "../lib",',
			'            "options": {',
			'                "symlink": false',
			'            }',
			'        }',
			'    ]',
			'}',
			'',
		].join('\n');
		assert.equal(await applyFix(before, 'misplaced-path-option'), expected);
	});

	test('merge a path option into existing options (tabs, CRLF, keyed form)', async () => {
		const before = [
			'{',
			'\t"repositories": {',
			'\t\t"local": {',
			'\t\t\t"type": "path",',
			'\t\t\t"versions": {"acme/lib": "1.0.0"},',
			'\t\t\t"url": "../lib",',
			'\t\t\t"options": {',
			'\t\t\t\t"symlink": true',
			'\t\t\t}',
			'\t\t}',
			'\t}',
			'}',
		].join('\r\n');
		const expected = [
			'{',
			'\t"repositories": {',
			'\t\t"local": {',
			'\t\t\t"type": "path",',
			'\t\t\t"url": "../lib",',
			'\t\t\t"options": {',
			'\t\t\t\t"symlink": true,',
			'\t\t\t\t"versions": {"acme/lib": "1.0.0"}',
			'\t\t\t}',
			'\t\t}',
			'\t}',
			'}',
		].join('\r\n');
		assert.equal(await applyFix(before, 'misplaced-path-option'), expected);
	});

	test('a compact one-line entry stays on one line', async () => {
		assert.equal(await applyFix('{\n  "repositories": [\n    {"type": "path", "url": "../pkg", "symlink": false}\n  ],\n  "require": {}\n}\n', 'misplaced-path-option'),
			'{\n  "repositories": [\n    {"type": "path", "url": "../pkg", "options": {"symlink": false}}\n  ],\n  "require": {}\n}\n');
		assert.equal(await applyFix('{"repositories": [{"type": "path", "symlink": false, "url": "../pkg", "options": {"relative": true}}]}', 'misplaced-path-option'),
			'{"repositories": [{"type": "path", "url": "../pkg", "options": {"relative": true, "symlink": false}}]}');
		assert.equal(await applyFix('{"repositories": [{"type": "path", "url": "../pkg", "options": {}, "symlink": false}]}', 'misplaced-path-option'),
			'{"repositories": [{"type": "path", "url": "../pkg", "options": {"symlink": false}}]}');
	});

	test('an option that "options" already sets is removed, not moved over the effective value', async () => {
		const document = makeDocument('{"repositories": [{"type": "path", "url": "../pkg", "options": {"symlink": true}, "symlink": false}]}');
		const d = (await service.doValidation(document)).find((x) => x.code === 'misplaced-path-option');
		assert.ok(d);
		const [action] = service.getCodeActions(document, d.range, { diagnostics: [d] });
		assert.match(action.title, /Remove "symlink"/);
		assert.equal(TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []),
			'{"repositories": [{"type": "path", "url": "../pkg", "options": {"symlink": true}}]}');
	});

	test('moving never drops a comment (multi-line, 4 spaces)', async () => {
		const document = makeDocument('{\n    "repositories": {\n        "local": {\n            "type": "path",\n            "versions": {"a/b": "1.0"}, // pinned\n            "url": "../pkg",\n            "options": {\n                "symlink": true\n            }\n        }\n    }\n}\n');
		const d = (await service.doValidation(document)).find((x) => x.code === 'misplaced-path-option');
		assert.ok(d);
		const [action] = service.getCodeActions(document, d.range, { diagnostics: [d] });
		assert.equal(TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []),
			'{\n    "repositories": {\n        "local": {\n            "type": "path",\n            // pinned\n            "url": "../pkg",\n            "options": {\n                "symlink": true,\n                "versions": {"a/b": "1.0"}\n            }\n        }\n    }\n}\n');
	});

	test('only quick fixes are offered, and only for overlapping diagnostics', async () => {
		const document = makeDocument('{"repositories": [{"packagist": false}]}');
		const diagnostics = await service.doValidation(document);
		assert.equal(service.getCodeActions(document, diagnostics[0].range, { diagnostics, only: ['refactor'] }).length, 0);
		assert.equal(service.getCodeActions(document, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, { diagnostics }).length, 0);
		assert.equal(service.getCodeActions(document, diagnostics[0].range, { diagnostics, only: ['quickfix'] }).length, 1);
	});
});
