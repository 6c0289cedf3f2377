import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { complete, expandSnippet } from '../fixtures/completion/harness';

const ACCEPTED = ['composer', 'vcs', 'git', 'github', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'fossil', 'svn', 'perforce', 'path', 'artifact', 'package'];

function assertIncludes(labels: string[], expected: string[]): void {
	for (const label of expected) assert.ok(labels.includes(label), `expected ${label} in ${JSON.stringify(labels)}`);
}

function assertExcludes(labels: string[], unexpected: string[]): void {
	for (const label of unexpected) assert.ok(!labels.includes(label), `did not expect ${label} in ${JSON.stringify(labels)}`);
}

describe('completion: list form entries', () => {
	test('offers a snippet per accepted type and the packagist.org disable entry', async () => {
		const c = await complete('{\n    "repositories": [\n        <|>\n    ]\n}');
		assert.deepEqual(c.labels(), [
			'composer repository', 'vcs repository', 'git repository', 'github repository', 'gitlab repository', 'bitbucket repository',
			'hg repository', 'fossil repository', 'svn repository', 'perforce repository', 'path repository', 'artifact repository',
			'package repository', '{"packagist.org": false}',
		]);
	});

	test('a vcs repository is inserted with the document indentation', async () => {
		const c = await complete('{\n    "repositories": [\n        <|>\n    ]\n}');
		assert.equal(c.apply('vcs repository'), '{\n    "repositories": [\n        {\n            "type": "vcs",\n            "url": "https://github.com/vendor/package"\n        }\n    ]\n}');
	});

	test('tabs stay tabs and a comma is added before the next element', async () => {
		const c = await complete('{\n\t"repositories": [\n\t\t<|>\n\t\t{"type": "vcs", "url": "https://github.com/a/b"}\n\t]\n}');
		assert.equal(c.apply('path repository'), '{\n\t"repositories": [\n\t\t{\n\t\t\t"type": "path",\n\t\t\t"url": "../packages/*"\n\t\t},\n\t\t{"type": "vcs", "url": "https://github.com/a/b"}\n\t]\n}');
	});

	test('after an element without a comma, the comma goes after that element', async () => {
		const c = await complete('{\n  "repositories": [\n    {"type": "vcs", "url": "https://github.com/a/b"}\n    <|>\n  ]\n}');
		assert.equal(c.apply('{"packagist.org": false}'), '{\n  "repositories": [\n    {"type": "vcs", "url": "https://github.com/a/b"},\n    {"packagist.org": false}\n  ]\n}');
	});

	test('inline package snippet nests objects', async () => {
		const c = await complete('{\n  "repositories": [<|>]\n}');
		assert.equal(c.apply('package repository'), '{\n  "repositories": [{\n    "type": "package",\n    "package": {\n      "name": "vendor/package",\n      "version": "1.0.0",\n      "dist": {\n        "url": "https://example.org/package-1.0.0.zip",\n        "type": "zip"\n      }\n    }\n  }]\n}');
	});

	test('perforce snippet has the required depot', async () => {
		const c = await complete('{"repositories": [<|>]}');
		assert.equal(c.apply('perforce repository'), '{"repositories": [{\n    "type": "perforce",\n    "url": "perforce.example.org:1666",\n    "depot": "Depot"\n}]}');
	});

	test('the disable entry is not offered twice', async () => {
		const c = await complete('{"repositories": [{"packagist.org": false}, <|>]}');
		assertExcludes(c.labels(), ['{"packagist.org": false}']);
		assertIncludes(c.labels(), ['vcs repository']);
		const legacy = await complete('{"repositories": [{"packagist": false}, <|>]}');
		assertExcludes(legacy.labels(), ['{"packagist.org": false}']);
	});

	test('snippets use tab stops and keep CRLF line ends', async () => {
		const c = await complete('{\r\n  "repositories": [\r\n    <|>\r\n  ]\r\n}');
		const item = c.item('git repository');
		assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
		assert.match((item.textEdit as { newText: string }).newText, /\$\{1:https:\/\/example\.org\/vendor\/package\.git\}/);
		assert.equal(c.apply('git repository'), '{\r\n  "repositories": [\r\n    {\r\n      "type": "git",\r\n      "url": "https://example.org/vendor/package.git"\r\n    }\r\n  ]\r\n}');
	});
});

describe('completion: keyed form entries', () => {
	test('offers "name": {…} snippets and "packagist.org": false', async () => {
		const c = await complete('{\n    "repositories": {\n        <|>\n    }\n}');
		assertIncludes(c.labels(), ['composer repository', 'github repository', 'path repository', '"packagist.org": false']);
		assertExcludes(c.labels(), ['{"packagist.org": false}', 'pear repository']);
		assert.equal(c.apply('github repository'), '{\n    "repositories": {\n        "my-github": {\n            "type": "github",\n            "url": "https://github.com/owner/repository"\n        }\n    }\n}');
	});

	test('the name is the first tab stop', async () => {
		const c = await complete('{"repositories": {<|>}}');
		const text = (c.item('vcs repository').textEdit as { newText: string }).newText;
		assert.ok(text.startsWith('"${1:my-vcs}": {'), text);
		assert.match(text, /\$\{2:https:/);
	});

	test('disable entry in the keyed form, with a comma before the next property', async () => {
		const c = await complete('{"repositories": {\n  <|>\n  "foo": {"type": "vcs", "url": "https://github.com/a/b"}\n}}');
		assert.equal(c.apply('"packagist.org": false'), '{"repositories": {\n  "packagist.org": false,\n  "foo": {"type": "vcs", "url": "https://github.com/a/b"}\n}}');
	});

	test('the value of a keyed entry offers repository objects and false', async () => {
		const c = await complete('{"repositories": {\n  "mine": <|>\n}}');
		assertIncludes(c.labels(), ['vcs repository', 'false']);
		assert.equal(c.apply('false'), '{"repositories": {\n  "mine": false\n}}');
		assert.equal(c.apply('artifact repository'), '{"repositories": {\n  "mine": {\n    "type": "artifact",\n    "url": "path/to/artifacts"\n  }\n}}');
	});

	test('renaming an existing keyed entry offers no snippets', async () => {
		const c = await complete('{"repositories": {"fo<|>o": {"type": "vcs", "url": "https://github.com/a/b"}}}');
		assert.deepEqual(c.labels(), []);
	});

	test('keys inside a keyed entry: no `name` (list form only)', async () => {
		const c = await complete('{"repositories": {"foo": {"type": "vcs", <|>}}}');
		assertIncludes(c.labels(), ['url', 'no-api', 'canonical', 'only', 'exclude']);
		assertExcludes(c.labels(), ['name', 'type']);
	});
});

describe('completion: keys of an entry', () => {
	test('vcs keys, without the ones already present', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", <|>}]}');
		const labels = c.labels();
		assertIncludes(labels, ['name', 'canonical', 'only', 'exclude', 'no-api', 'secure-http', 'options', 'trunk-path', 'depot']);
		assertExcludes(labels, ['type', 'url', 'symlink', 'reference', 'vendor-alias', 'package', 'allow_ssl_downgrade']);
	});

	test('git keys exclude svn and perforce keys', async () => {
		const c = await complete('{"repositories": [{"type": "git", <|>}]}');
		assertIncludes(c.labels(), ['url', 'canonical']);
		assertExcludes(c.labels(), ['trunk-path', 'branches-path', 'svn-cache-credentials', 'depot', 'p4user']);
	});

	test('svn keys', async () => {
		const c = await complete('{"repositories": [{"type": "svn", <|>}]}');
		assertIncludes(c.labels(), ['trunk-path', 'branches-path', 'tags-path', 'package-path', 'svn-cache-credentials']);
		assertExcludes(c.labels(), ['depot']);
	});

	test('composer, path, artifact and package keys', async () => {
		assertIncludes((await complete('{"repositories": [{"type": "composer", <|>}]}')).labels(), ['url', 'options', 'allow_ssl_downgrade', 'filter']);
		const path = (await complete('{"repositories": [{"type": "path", <|>}]}')).labels();
		assertIncludes(path, ['url', 'options']);
		assertExcludes(path, ['symlink', 'no-api']);
		assert.deepEqual((await complete('{"repositories": [{"type": "artifact", <|>}]}')).labels().sort(), ['canonical', 'exclude', 'name', 'only', 'url']);
		const pkg = (await complete('{"repositories": [{"type": "package", <|>}]}')).labels();
		assertIncludes(pkg, ['package']);
		assertExcludes(pkg, ['url']);
	});

	test('a boolean key is inserted with a choice, non-default first', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", <|>}]}');
		assert.equal((c.item('no-api').textEdit as { newText: string }).newText, '"no-api": ${1|true,false|}');
		assert.equal((c.item('canonical').textEdit as { newText: string }).newText, '"canonical": ${1|false,true|}');
		assert.equal(c.apply('no-api'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": true}]}');
		assert.equal(c.apply('only'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "only": [""]}]}');
		assert.equal(c.apply('options'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "options": {}}]}');
	});

	test('a partly typed quoted key is replaced with its quotes', async () => {
		const c = await complete('{\n  "repositories": [\n    {\n      "type": "vcs",\n      "no-a<|>"\n    }\n  ]\n}');
		const item = c.item('no-api');
		assert.equal(item.filterText, '"no-api"');
		assert.equal(c.apply('no-api'), '{\n  "repositories": [\n    {\n      "type": "vcs",\n      "no-api": true\n    }\n  ]\n}');
	});

	test('a partly typed unquoted word is replaced', async () => {
		const c = await complete('{\n\t"repositories": [\n\t\t{\n\t\t\t"type": "vcs",\n\t\t\tur<|>\n\t\t}\n\t]\n}');
		assert.equal(c.apply('url'), '{\n\t"repositories": [\n\t\t{\n\t\t\t"type": "vcs",\n\t\t\t"url": ""\n\t\t}\n\t]\n}');
	});

	test('an existing key with a value: only the name is replaced', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "ur<|>": "https://github.com/a/b"}]}');
		assert.equal(c.apply('url'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b"}]}');
	});

	test('a missing comma after the previous property is added', async () => {
		const c = await complete('{"repositories": [{\n  "type": "vcs"\n  "u<|>"\n}]}');
		assert.equal(c.apply('url'), '{"repositories": [{\n  "type": "vcs",\n  "url": ""\n}]}');
	});

	test('a comma is added before a following property', async () => {
		const c = await complete('{"repositories": [{\n  <|>\n  "url": "https://github.com/a/b"\n}]}');
		assert.equal(c.apply('type'), '{"repositories": [{\n  "type": "",\n  "url": "https://github.com/a/b"\n}]}');
		assert.deepEqual(c.item('type').command?.command, 'editor.action.triggerSuggest');
	});

	test('an entry without type: type first, url, and the disable key', async () => {
		const c = await complete('{"repositories": [{<|>}]}');
		assertIncludes(c.labels(), ['type', 'url', 'packagist.org', 'canonical']);
		assert.equal(c.item('type').preselect, true);
		assert.equal(c.apply('packagist.org'), '{"repositories": [{"packagist.org": false}]}');
		assert.equal(c.apply('type'), '{"repositories": [{"type": ""}]}');
	});

	test('unterminated string at the end of a broken document', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no<|>');
		assertIncludes(c.labels(), ['no-api', 'canonical']);
		assertExcludes(c.labels(), ['url', 'type']);
		assert.equal(c.apply('no-api'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": true');
	});

	test('a syntax error in an earlier entry does not stop completion', async () => {
		const c = await complete('{"repositories": [\n  {"type": "vcs" "url": },\n  {"type": "git", <|>}\n]}');
		assertIncludes(c.labels(), ['url', 'canonical']);
		assertExcludes(c.labels(), ['trunk-path', 'type']);
		assert.equal(c.apply('url'), '{"repositories": [\n  {"type": "vcs" "url": },\n  {"type": "git", "url": ""}\n]}');
	});

	test('each item documents its key with the Composer default', async () => {
		const c = await complete('{"repositories": [{"type": "svn", <|>}]}');
		const doc = c.item('trunk-path').documentation as { kind: string; value: string };
		assert.equal(doc.kind, 'markdown');
		assert.match(doc.value, /Composer default: `"trunk"`/);
	});
});

describe('completion: path options', () => {
	test('options keys for a path repository', async () => {
		const c = await complete('{"repositories": [{"type": "path", "url": "../x", "options": {<|>}}]}');
		assert.deepEqual(c.labels().sort(), ['reference', 'relative', 'symlink', 'versions']);
		assert.equal(c.apply('symlink'), '{"repositories": [{"type": "path", "url": "../x", "options": {"symlink": true}}]}');
		assert.equal(c.apply('reference'), '{"repositories": [{"type": "path", "url": "../x", "options": {"reference": "none"}}]}');
	});

	test('present options are not offered again', async () => {
		const c = await complete('{"repositories": [{"type": "path", "url": "../x", "options": {"symlink": false, "<|>"}}]}');
		assert.deepEqual(c.labels().sort(), ['reference', 'relative', 'versions']);
	});

	test('options of a vcs repository are transport options: no path keys', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "options": {<|>}}]}');
		assert.deepEqual(c.labels(), []);
	});
});

describe('completion: values', () => {
	test('type values: accepted types only', async () => {
		const c = await complete('{"repositories": [{"type": "<|>"}]}');
		assert.deepEqual(c.labels(), ACCEPTED);
		assertExcludes(c.labels(), ['pear', 'forgejo', 'hg-bitbucket']);
		assert.ok(c.item('vcs').detail);
		assert.match((c.item('path').documentation as { value: string }).value, /path/);
		assert.deepEqual(c.item('git-bitbucket').tags, [1]);
	});

	test('a partly typed type is replaced with its quotes', async () => {
		const c = await complete('{"repositories": [{"type": "git<|>hu", "url": "https://github.com/a/b"}]}');
		assert.equal(c.item('github').filterText, '"github"');
		assert.equal(c.apply('github'), '{"repositories": [{"type": "github", "url": "https://github.com/a/b"}]}');
	});

	test('type value without quotes yet, before another property', async () => {
		const c = await complete('{"repositories": [{\n  "type": <|>\n  "url": "https://github.com/a/b"\n}]}');
		assert.equal(c.apply('gitlab'), '{"repositories": [{\n  "type": "gitlab",\n  "url": "https://github.com/a/b"\n}]}');
	});

	test('right after a colon, a space is added before the value', async () => {
		const c = await complete('{"repositories": [{"type":<|>}]}');
		assert.equal(c.apply('hg'), '{"repositories": [{"type": "hg"}]}');
	});

	test('type value in an unterminated string', async () => {
		const c = await complete('{"repositories": [{\n  "type": "co<|>\n}]}');
		assert.equal(c.apply('composer'), '{"repositories": [{\n  "type": "composer"\n}]}');
	});

	test('boolean values after a partial word', async () => {
		const c = await complete('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": f<|>}]}');
		assert.deepEqual(c.labels(), ['true', 'false']);
		assert.equal(c.apply('false'), '{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": false}]}');
	});

	test('symlink accepts null; the default is marked', async () => {
		const c = await complete('{"repositories": [{"type": "path", "url": "../x", "options": {"symlink": <|>}}]}');
		assert.deepEqual(c.labels(), ['true', 'false', 'null']);
		assert.equal(c.item('null').detail, 'Composer default');
	});

	test('reference enumeration', async () => {
		const c = await complete('{"repositories": [{"type": "path", "url": "../x", "options": {"reference": "<|>"}}]}');
		assert.deepEqual(c.labels(), ['none', 'config', 'auto']);
		assert.equal(c.item('auto').detail, 'Composer default');
		assert.equal(c.apply('config'), '{"repositories": [{"type": "path", "url": "../x", "options": {"reference": "config"}}]}');
	});

	test('the value of a list-form disable entry', async () => {
		const c = await complete('{"repositories": [{"packagist.org": <|>}]}');
		assert.deepEqual(c.labels(), ['false']);
		assert.equal(c.apply('false'), '{"repositories": [{"packagist.org": false}]}');
	});

	test('free-text values get no suggestions', async () => {
		assert.deepEqual((await complete('{"repositories": [{"type": "vcs", "url": "<|>"}]}')).labels(), []);
		assert.deepEqual((await complete('{"repositories": [{"type": "svn", "url": "x", "package-path": "<|>"}]}')).labels(), []);
	});

	test('inline package keys and dist types', async () => {
		const keys = await complete('{"repositories": [{"type": "package", "package": {"name": "a/b", <|>}}]}');
		assertIncludes(keys.labels(), ['version', 'dist', 'source', 'require']);
		assertExcludes(keys.labels(), ['name', 'url']);
		const listed = await complete('{"repositories": [{"type": "package", "package": [{"version": "1.0.0", "dist": {<|>}}]}]}');
		assertIncludes(listed.labels(), ['url', 'type', 'shasum']);
		const types = await complete('{"repositories": [{"type": "package", "package": {"dist": {"type": "<|>"}}}]}');
		assertIncludes(types.labels(), ['zip', 'tar']);
		assert.equal(types.apply('zip'), '{"repositories": [{"type": "package", "package": {"dist": {"type": "zip"}}}]}');
	});
});

describe('completion: nothing outside repositories', () => {
	for (const [name, doc] of [
		['root keys', '{\n  <|>\n  "repositories": []\n}'],
		['require', '{"require": {<|>}, "repositories": []}'],
		['a type key elsewhere', '{"extra": {"type": "<|>"}, "repositories": []}'],
		['config', '{"config": {"secure-http": <|>}}'],
		['empty document', '<|>'],
		['the repositories value itself', '{"repositories": <|>}'],
		['inside a comment', '{"repositories": [\n  // a comment <|>\n]}'],
		['inside only', '{"repositories": [{"type": "vcs", "only": [<|>]}]}'],
	] as const) {
		test(name, async () => {
			assert.deepEqual((await complete(doc)).labels(), []);
		});
	}
});

describe('completion harness', () => {
	test('expands placeholders, choices and escapes', () => {
		assert.equal(expandSnippet('"${1:a\\}b}" ${2|x,y|} $0 \\$'), '"a}b" x  $');
	});
});
