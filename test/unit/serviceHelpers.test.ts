import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCursor, parseSpans, parseOptionalSpans } from '../helpers/markers';
import { didYouMean, editDistance } from '../../server/src/service/didYouMean';
import { compileSegment, expandBraces, expandPath, segmentMatches } from '../../server/src/composerPaths';
import { dirname, resolvePath } from '../../server/src/service/pathUtil';
import { findEntryAt, parseComposerJson } from '../../server/src/model/composerDocument';
import { detectFormatting } from '../../server/src/service/formatting';
import { ACCEPTED_TYPES, getKeySpec, getTypeSpec, typesAcceptingKey } from '../../server/src/service/catalog';
import { packageNameError } from '../../server/src/composer/packageNames';

describe('markers', () => {
	test('cursor', () => {
		assert.deepEqual(parseCursor('{"a": <|>}'), { text: '{"a": }', offset: 6 });
		assert.throws(() => parseCursor('{}'), /no <\|>/);
		assert.throws(() => parseCursor('<|><|>'), /more than one/);
	});
	test('spans', () => {
		assert.deepEqual(parseSpans('a<<bc>>d<<>>'), { text: 'abcd', spans: [{ start: 1, end: 3 }, { start: 4, end: 4 }] });
		assert.throws(() => parseSpans('abc'), /no <</);
		assert.throws(() => parseSpans('<<a'), /without >>/);
		assert.throws(() => parseSpans('a>>'), /without <</);
		assert.throws(() => parseSpans('<<a<<b>>>>'), /nested/);
		assert.deepEqual(parseOptionalSpans('abc'), { text: 'abc', spans: [] });
	});
});

describe('did you mean', () => {
	test('edit distance counts a swap as one edit', () => {
		assert.equal(editDistance('vcs', 'vsc'), 1);
		assert.equal(editDistance('', 'abc'), 3);
	});
	test('close typos only', () => {
		assert.equal(didYouMean('gti', ACCEPTED_TYPES), 'git');
		assert.equal(didYouMean('Composer', ACCEPTED_TYPES), 'composer');
		assert.equal(didYouMean('no_api', ['no-api', 'url']), 'no-api');
		assert.equal(didYouMean('zzzzzz', ACCEPTED_TYPES), undefined);
		assert.equal(didYouMean('vcs', ACCEPTED_TYPES), undefined);
	});
});

describe('glob and paths', () => {
	test('braces expand, nested too', () => {
		assert.deepEqual(expandBraces('a/{b,c}/d'), ['a/b/d', 'a/c/d']);
		assert.deepEqual(expandBraces('{x,y{1,2}}'), ['x', 'y1', 'y2']);
		assert.deepEqual(expandBraces('a{b'), ['a{b']);
	});
	test('segment patterns', () => {
		const matches = (pattern: string, name: string) => segmentMatches(compileSegment(pattern), name);
		assert.ok(matches('p*', 'pkg'));
		assert.ok(!matches('*', '.hidden'));
		assert.ok(matches('[ab]?', 'bx'));
		assert.ok(!matches('[!ab]x', 'ax'));
		assert.ok(matches('a.b', 'a.b') && !matches('a.b', 'axb'));
	});
	test('expandPath follows Composer', () => {
		assert.equal(expandPath('~/lib', {}, '/home/u'), '/home/u/lib');
		assert.equal(expandPath('$LIBS/x', { LIBS: '/opt' }, undefined), '/opt/x');
		assert.equal(expandPath('%LIBS%/x', { LIBS: '/opt' }, undefined), '/opt/x');
		assert.equal(expandPath('$UNSET/x', {}, undefined), '/x');
		assert.equal(expandPath('a/$HOME', {}, undefined), 'a/$HOME');
		assert.equal(expandPath('~/lib', {}, undefined), undefined);
	});
	test('resolve and dirname', () => {
		assert.equal(resolvePath('/a/b', '../c/./d'), '/a/c/d');
		assert.equal(resolvePath('/a/b', '/x'), '/x');
		assert.equal(dirname('/a/b/'), '/a');
		assert.equal(dirname('*'), '.');
	});
});

describe('parse model', () => {
	test('list and keyed forms, disable entries, offsets', () => {
		const text = '{"repositories": [{"type": "vcs", "url": "u"}, {"packagist.org": false}, 3]}';
		const doc = parseComposerJson(text);
		assert.equal(doc.repositories?.form, 'list');
		assert.deepEqual(doc.repositories?.entries.map((e) => e.kind), ['repository', 'disable', 'invalid']);
		assert.equal(doc.repositories?.entries[0].type, 'vcs');
		assert.equal(doc.repositories?.entries[1].disable?.name, 'packagist.org');
		assert.equal(findEntryAt(doc, text.indexOf('"url"'))?.index, 0);
		const keyed = parseComposerJson('{"repositories": {"a": {"type": "path", "url": "x"}, "b": false}}');
		assert.deepEqual(keyed.repositories?.entries.map((e) => [e.keyName, e.kind]), [['a', 'repository'], ['b', 'disable']]);
	});
	test('config facts', () => {
		const doc = parseComposerJson('{"config": {"secure-http": false, "gitlab-domains": ["git.x"]}}');
		assert.equal(doc.config.secureHttp, false);
		assert.deepEqual(doc.config.gitlabDomains, ['gitlab.com', 'git.x']);
		assert.equal(parseComposerJson('{}').config.secureHttp, true);
	});
	test('never throws on garbage', () => {
		for (const t of ['', '{', '{"repositories": [', '{"repositories": [{"type": }]}', '/* x */ {"repositories": [],}', '[]', 'null']) {
			assert.doesNotThrow(() => parseComposerJson(t));
		}
	});
});

describe('catalog', () => {
	test('types and keys', () => {
		assert.equal(getTypeSpec('pear')?.status, 'removed');
		assert.equal(getTypeSpec('forgejo')?.status, 'unregistered');
		assert.equal(getTypeSpec('git-bitbucket')?.replacement, 'bitbucket');
		assert.ok(!ACCEPTED_TYPES.includes('pear') && ACCEPTED_TYPES.includes('perforce'));
		assert.equal(getKeySpec('perforce', 'depot')?.required, true);
		assert.deepEqual(typesAcceptingKey('vendor-alias'), ['pear']);
		for (const t of ACCEPTED_TYPES) assert.ok(getTypeSpec(t)?.description().length);
	});
	test('package names', () => {
		assert.equal(packageNameError('acme/lib--x'), undefined);
		assert.equal(packageNameError('ext-json'), undefined);
		assert.ok(packageNameError('acme/lib---x'));
		assert.ok(packageNameError('Acme/Lib'));
	});
});

describe('formatting detection', () => {
	test('indent unit and EOL', () => {
		assert.deepEqual(detectFormatting('{\n  "a": 1\n}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
		assert.deepEqual(detectFormatting('{\r\n\t"a": 1\r\n}'), { insertSpaces: false, tabSize: 4, eol: '\r\n' });
		assert.deepEqual(detectFormatting('{}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
	});
});
