import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import { CURSOR, parseCursor, parseOptionalSpans } from '../helpers/markers';

interface HoverResult {
	value: string;
	/** The hover range, as offsets. */
	start: number;
	end: number;
}

/** Hovers at `<|>`; a `<<…>>` span around it, when given, is the expected hover range. */
async function hoverAt(marked: string): Promise<{ hover: HoverResult | null; span?: { start: number; end: number } }> {
	const spanned = parseOptionalSpans(marked);
	const { text, offset } = parseCursor(spanned.text);
	const span = spanned.spans[0];
	const shift = (n: number): number => (n > offset ? n - CURSOR.length : n);
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	const hover = await getLanguageService({}).doHover(document, document.positionAt(offset));
	if (!hover) return { hover: null, ...(span ? { span: { start: shift(span.start), end: shift(span.end) } } : {}) };
	assert.ok(hover.range);
	const contents = hover.contents as { kind: string; value: string };
	assert.equal(contents.kind, 'markdown');
	return {
		hover: { value: contents.value, start: document.offsetAt(hover.range.start), end: document.offsetAt(hover.range.end) },
		...(span ? { span: { start: shift(span.start), end: shift(span.end) } } : {}),
	};
}

async function expectHover(marked: string, ...patterns: RegExp[]): Promise<string> {
	const { hover, span } = await hoverAt(marked);
	assert.ok(hover, `expected a hover in ${marked}`);
	if (span) assert.deepEqual({ start: hover.start, end: hover.end }, span);
	for (const pattern of patterns) assert.match(hover.value, pattern);
	return hover.value;
}

describe('hover: repository keys', () => {
	test('common keys with their default', async () => {
		await expectHover('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", <<"cano<|>nical">>: false}]}', /\*\*`canonical`\*\* · boolean/, /Composer default: `true`/, /later repositories/);
		await expectHover('{"repositories": [{<<"ty<|>pe">>: "vcs"}]}', /\*\*`type`\*\*/, /required/);
		await expectHover('{"repositories": [{"type": "vcs", <<"on<|>ly">>: ["a/*"]}]}', /string\[\]/, /wildcards/);
		await expectHover('{"repositories": [{"type": "vcs", <<"ex<|>clude">>: ["a/*"]}]}', /Cannot be combined with `only`/);
		await expectHover('{"repositories": [{"type": "vcs", <<"na<|>me">>: "mine"}]}', /2\.9/);
	});

	test('url is described per type', async () => {
		await expectHover('{"repositories": [{"type": "composer", <<"u<|>rl">>: "https://repo.example.org"}]}', /packages\.json/, /required/);
		await expectHover('{"repositories": [{"type": "path", <<"u<|>rl">>: "../x"}]}', /glob/);
		await expectHover('{"repositories": [{"type": "artifact", <<"u<|>rl">>: "dist"}]}', /archives/);
	});

	test('type-specific keys', async () => {
		await expectHover('{"repositories": [{"type": "github", "url": "https://github.com/a/b", <<"no-<|>api">>: true}]}', /GitHub/, /Composer default: `false`/);
		await expectHover('{"repositories": [{"type": "svn", "url": "https://svn.example.org/r", <<"branches<|>-path">>: false}]}', /Composer default: `"branches"`/);
		await expectHover('{"repositories": [{"type": "perforce", "url": "p4:1666", <<"de<|>pot">>: "D"}]}', /depot/i, /required/);
		await expectHover('{"repositories": [{"type": "composer", "url": "https://r.example.org", <<"force-lazy<|>-providers">>: true}]}', /does not read this key/);
	});

	test('a key read by other types says where it belongs', async () => {
		await expectHover('{"repositories": [{"type": "git", "url": "https://x.org/a.git", <<"trunk<|>-path">>: "t"}]}', /Not read for `git` repositories; it belongs to: `vcs`, `svn`/);
	});

	test('a path option at the entry level says it belongs in options', async () => {
		await expectHover('{"repositories": [{"type": "path", "url": "../x", <<"sym<|>link">>: true}]}', /only read inside `options`/);
	});

	test('packagist inside a typed repository', async () => {
		await expectHover('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", <<"packa<|>gist">>: false}]}', /ignores this key/, /its own entry/);
	});

	test('unknown keys are ignored by Composer', async () => {
		await expectHover('{"repositories": [{"type": "vcs", <<"fo<|>o">>: 1}]}', /Composer does not read this key for `vcs` repositories/);
		await expectHover('{"repositories": [{"type": "vcs", "no-apii<|>": true}]}', /Did you mean `no-api`\?/);
	});

	test('hovering a value shows its key', async () => {
		await expectHover('{"repositories": [{"type": "vcs", "url": "https://github.com/a/b", "no-api": <<tr<|>ue>>}]}', /\*\*`no-api`\*\*/);
	});
});

describe('hover: options', () => {
	test('path options with defaults', async () => {
		await expectHover('{"repositories": [{"type": "path", "url": "../x", "options": {<<"sym<|>link">>: false}}]}', /Composer default: `null`/, /always copy/);
		await expectHover('{"repositories": [{"type": "path", "url": "../x", "options": {<<"rel<|>ative">>: false}}]}', /relative url/);
		await expectHover('{"repositories": [{"type": "path", "url": "../x", "options": {<<"vers<|>ions">>: {}}}]}', /map from package name to version/);
		await expectHover('{"repositories": [{"type": "path", "url": "../x", "options": {"reference": <<"co<|>nfig">>}}]}', /Allowed values: `none`, `config`, `auto`/, /Composer default: `"auto"`/);
	});

	test('options of composer repositories are transport options', async () => {
		await expectHover('{"repositories": [{"type": "composer", "url": "https://r.example.org", "options": {<<"ss<|>l">>: {}}}]}', /stream context/);
	});
});

describe('hover: type values', () => {
	for (const type of ['composer', 'vcs', 'git', 'github', 'gitlab', 'bitbucket', 'hg', 'fossil', 'svn', 'perforce', 'path', 'artifact', 'package']) {
		test(type, async () => {
			const value = await expectHover(`{"repositories": [{"type": <<"${type.slice(0, 1)}<|>${type.slice(1)}">>}]}`, new RegExp(`\\*\\*\`${type}\`\\*\\* repository type`));
			assert.doesNotMatch(value, /rejects|does not register/);
		});
	}

	test('git-bitbucket is deprecated in favour of bitbucket', async () => {
		await expectHover('{"repositories": [{"type": "git-<|>bitbucket"}]}', /Deprecated/, /Use `bitbucket` instead/);
	});

	test('pear was removed in Composer 2', async () => {
		await expectHover('{"repositories": [{"type": <<"pe<|>ar">>}]}', /removed in Composer 2/);
	});

	test('forgejo is not registered: use vcs', async () => {
		await expectHover('{"repositories": [{"type": "forg<|>ejo"}]}', /not registered/, /Use `vcs` instead/);
	});

	test('hg-bitbucket is not registered', async () => {
		await expectHover('{"repositories": [{"type": "hg-bit<|>bucket"}]}', /not registered/, /Use `hg` instead/);
	});

	test('in a broken document', async () => {
		await expectHover('{"repositories": [{"type": <<"v<|>cs">>, "url": ', /\*\*`vcs`\*\* repository type/);
	});

	test('unknown types', async () => {
		await expectHover('{"repositories": [{"type": "v<|>sc"}]}', /no repository type of this name/, /Did you mean `vcs`\?/);
		const value = await expectHover('{"repositories": [{"type": "zz<|>zzzz"}]}', /no repository type of this name/);
		assert.doesNotMatch(value, /Did you mean/);
	});
});

describe('hover: disable forms and the block', () => {
	test('list form {"packagist.org": false}', async () => {
		await expectHover('{"repositories": [{<<"packagist<|>.org">>: false}]}', /Turns off packagist\.org/, /Composer default: packagist\.org is enabled/);
		await expectHover('{"repositories": [{"packagist.org": <<fa<|>lse>>}]}', /Turns off packagist\.org/);
	});

	test('legacy packagist', async () => {
		await expectHover('{"repositories": [{"pack<|>agist": false}]}', /Legacy spelling/);
	});

	test('keyed disable of another repository', async () => {
		await expectHover('{"repositories": {<<"com<|>pany">>: false}}', /repository named `company`/);
	});

	test('keyed entry names', async () => {
		await expectHover('{"repositories": {<<"com<|>pany">>: {"type": "vcs", "url": "https://github.com/a/b"}}}', /keyed form/, /`\{"company": false\}`/);
	});

	test('keys inside keyed entries', async () => {
		await expectHover('{"repositories": {"company": {"type": "vcs", <<"u<|>rl">>: "https://github.com/a/b"}}}', /Clone URL/);
	});

	test('the repositories key', async () => {
		await expectHover('{<<"repos<|>itories">>: []}', /packagist\.org/, /Composer default: only packagist\.org/);
	});
});

describe('hover: inline packages', () => {
	test('package keys, dist and source keys', async () => {
		await expectHover('{"repositories": [{"type": "package", <<"pack<|>age">>: {}}]}', /inline/, /required/);
		await expectHover('{"repositories": [{"type": "package", "package": {<<"ver<|>sion">>: "1.0.0"}}]}', /Version of this definition/);
		await expectHover('{"repositories": [{"type": "package", "package": [{"dist": {<<"sha<|>sum">>: "x"}}]}]}', /SHA-1/);
		await expectHover('{"repositories": [{"type": "package", "package": {"source": {<<"refer<|>ence">>: "x"}}}]}', /Commit, tag or branch/);
	});
});

describe('hover: nothing outside the block', () => {
	for (const [name, doc] of [
		['root keys', '{"na<|>me": "a/b", "repositories": []}'],
		['type elsewhere', '{"extra": {"ty<|>pe": "vcs"}}'],
		['a vcs value elsewhere', '{"extra": {"type": "v<|>cs"}}'],
		['punctuation inside the block', '{"repositories": [<|> ]}'],
		['broken document', '{"repositories": [{"type": "vcs", <|>'],
		['empty', '<|>'],
	] as const) {
		test(name, async () => {
			const { hover } = await hoverAt(doc);
			assert.equal(hover, null);
		});
	}
});
