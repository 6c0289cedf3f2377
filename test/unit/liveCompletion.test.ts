import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../fixtures/completion/harness';
import { liveProvider, liveSnapshot, type SnapshotFixture } from '../helpers/liveSnapshot';
import { parseCursor } from '../helpers/markers';
import { getLanguageService } from '../../server/src/service';
import { constraintSlotAt } from '../../server/src/service/live/constraintCursor';

const REPO = 'composer repo (https://repo.example.org)';

const TOOLS = {
	repository: REPO,
	entryIndex: 0,
	versions: [
		'3.0.0-beta1', { version: 'v2.1.3', time: '2024-03-01T10:00:00Z' }, '2.1.0', '2.0.1', '1.5.0', '0.3.1',
		{ version: '2.x-dev', aliasOf: 'dev-main' }, 'dev-main', 'dev-feature',
	],
	description: 'Acme tools',
};

function fixture(extra: Partial<SnapshotFixture> = {}): SnapshotFixture {
	return {
		repositories: [{ entryIndex: 0, label: REPO, type: 'composer', state: 'ok' }],
		packages: { 'acme/tools': TOOLS, 'acme/toolbox': { repository: REPO, versions: ['1.0.0'], latestKnown: true } },
		platform: [{ name: 'php', version: '8.2.12' }, { name: 'ext-json', version: '8.2.12', description: 'JSON support' }],
		...extra,
	};
}

const live = (extra: Partial<SnapshotFixture> = {}) => ({ live: liveProvider(liveSnapshot(fixture(extra))) });

describe('live completion: versions', () => {
	test('the constraint forms people write, stable lines newest first, then pre-releases, then branches', async () => {
		const c = await complete('{"require": {"acme/tools": "<|>"}}', live());
		assert.deepEqual(c.labels(), [
			'^2.1', '~2.1.0', '2.1.*', '2.1.3', '2.1.0',
			'^2.0', '~2.0.0', '2.0.*', '2.0.1',
			'^1.5', '~1.5.0', '1.5.*', '1.5.0',
			'^0.3', '~0.3.0', '0.3.*', '0.3.1',
			'3.0.0-beta1',
			'2.x-dev', 'dev-main', 'dev-feature',
		]);
		assert.equal(c.list.isIncomplete, false);
		// The editor sorts by sortText: it must keep this order.
		const sorted = [...c.list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
		assert.deepEqual(sorted, c.labels());
		assert.equal(c.item('^2.1').preselect, true);
		assert.equal(c.apply('^2.1'), '{"require": {"acme/tools": "^2.1"}}');
	});

	test('each item says its stability, release date and repository; ranges are explained', async () => {
		const c = await complete('{"require": {"acme/tools": "<|>"}}', live());
		assert.equal(c.item('2.1.3').detail, `stable · 2024-03-01 · ${REPO}`);
		assert.equal(c.item('3.0.0-beta1').detail, `beta · ${REPO}`);
		assert.equal(c.item('dev-main').detail, `dev · ${REPO}`);
		const doc = (label: string) => (c.item(label).documentation as { value: string }).value;
		assert.match(doc('^2.1'), /`2\.1\.0`.*`3\.0\.0`/);
		assert.match(doc('^2.1'), /: 2\./); // 2.1.3 and 2.1.0 lie in [2.1.0, 3.0.0)
		assert.match(doc('^0.3'), /`0\.3\.0`.*`0\.4\.0`/);
		assert.match(doc('~2.0.0'), /`2\.0\.0`.*`2\.1\.0`/);
		assert.match(doc('2.x-dev'), /`dev-main`/);
	});

	test('after `||`, `|`, `,` and a space a new constraint is completed, and only it is replaced', async () => {
		for (const [before, after] of [
			['"^1.0 || <|>"', '"^1.0 || ^2.1"'],
			['"^1.0 ||<|>"', '"^1.0 ||^2.1"'],
			['"^1.0 | <|>"', '"^1.0 | ^2.1"'],
			['"^1.0,<|>"', '"^1.0,^2.1"'],
			['"^1.0, <|>"', '"^1.0, ^2.1"'],
			['">=1.0 <|>"', '">=1.0 ^2.1"'],
		]) {
			const c = await complete(`{"require": {"acme/tools": ${before}}}`, live());
			assert.equal(c.apply('^2.1'), `{"require": {"acme/tools": ${after}}}`, before);
		}
	});

	test('inside a partly typed atom, the whole atom is replaced and the rest kept', async () => {
		const c = await complete('{"require": {"acme/tools": "^1.5 || ^2<|>.0@dev"}}', live());
		const edit = c.item('^2.1').textEdit as { range: { start: { character: number }; end: { character: number } } };
		assert.equal(c.document.getText().slice(edit.range.start.character, edit.range.end.character), '^2.0');
		assert.equal(c.apply('^2.1'), '{"require": {"acme/tools": "^1.5 || ^2.1@dev"}}');
		assert.equal(c.item('^2.1').filterText, '^2.1');
	});

	test('after an operator (joined or spaced) and in a hyphen range: exact versions only', async () => {
		for (const value of ['">=<|>"', '">= <|>"', '"<2<|>"', '"1.0 - <|>"', '"!=<|>"']) {
			const c = await complete(`{"require": {"acme/tools": ${value}}}`, live());
			assert.deepEqual(c.labels(), ['2.1.3', '2.1.0', '2.0.1', '1.5.0', '0.3.1', '3.0.0-beta1'], value);
		}
		const c = await complete('{"require": {"acme/tools": ">=<|>"}}', live());
		assert.equal(c.apply('2.0.1'), '{"require": {"acme/tools": ">=2.0.1"}}');
		const spaced = await complete('{"require": {"acme/tools": "^1.0 || >= <|>"}}', live());
		assert.equal(spaced.apply('2.1.3'), '{"require": {"acme/tools": "^1.0 || >= 2.1.3"}}');
	});

	test('after `as`: exact versions and numeric branches for the alias target', async () => {
		const c = await complete('{"require": {"acme/tools": "dev-feature as <|>"}}', live());
		assert.deepEqual(c.labels(), ['2.1.3', '2.1.0', '2.0.1', '1.5.0', '0.3.1', '3.0.0-beta1', '2.x-dev']);
		assert.equal(c.apply('2.x-dev'), '{"require": {"acme/tools": "dev-feature as 2.x-dev"}}');
	});

	test('right after the colon, or after a space with no string yet, whole quoted constraints', async () => {
		const colon = await complete('{"require": {"acme/tools":<|>}}', live());
		assert.equal(colon.apply('^2.1'), '{"require": {"acme/tools": "^2.1"}}');
		const next = await complete('{\n  "require": {\n    "acme/tools": <|>\n    "acme/toolbox": "^1.0"\n  }\n}', live());
		assert.equal(next.apply('~2.0.0'), '{\n  "require": {\n    "acme/tools": "~2.0.0",\n    "acme/toolbox": "^1.0"\n  }\n}');
	});

	test('an unterminated string (still typing) is completed too', async () => {
		const c = await complete('{\n  "require": {\n    "acme/tools": "^1.0 || <|>\n  }\n}', live());
		assert.equal(c.apply('^2.0'), '{\n  "require": {\n    "acme/tools": "^1.0 || ^2.0\n  }\n}');
	});

	test('require-dev, conflict, replace and provide values complete versions too', async () => {
		for (const section of ['require-dev', 'conflict', 'replace', 'provide']) {
			const c = await complete(`{"${section}": {"acme/tools": "<|>"}}`, live());
			assert.ok(c.labels().includes('^2.1'), section);
		}
	});

	test('platform packages: the running PHP\'s version', async () => {
		const php = await complete('{"require": {"php": "<|>"}}', live());
		assert.deepEqual(php.labels(), ['^8.2', '>=8.2', '*', '8.2.12']);
		assert.equal(php.item('^8.2').detail, 'local PHP: 8.2.12');
		const ext = await complete('{"require": {"ext-json": "<|>"}}', live());
		assert.equal(ext.labels()[0], '*');
	});

	test('a package that is not provided, or whose lookup fails, gets no versions', async () => {
		const missing = await complete('{"require": {"acme/nothing": "<|>"}}', live());
		assert.deepEqual(missing.labels(), []);
		assert.equal(missing.list.isIncomplete, false);
		const unknown = await complete('{"require": {"acme/nothing": "<|>"}}', live({ otherwise: { state: 'unknown', reason: 'untrusted' } }));
		assert.deepEqual(unknown.labels(), []);
	});

	test('nothing inside a commit reference', async () => {
		const c = await complete('{"require": {"acme/tools": "dev-main#ab<|>"}}', live());
		assert.deepEqual(c.labels(), []);
	});
});

describe('live completion: stability flags', () => {
	test('after `@`: dev, alpha, beta, RC, stable, replacing only the flag', async () => {
		const c = await complete('{"require": {"acme/tools": "^2.1@<|>"}}', live());
		assert.deepEqual(c.labels(), ['dev', 'alpha', 'beta', 'RC', 'stable']);
		assert.equal(c.apply('beta'), '{"require": {"acme/tools": "^2.1@beta"}}');
		const typed = await complete('{"require": {"acme/tools": "^2.1@b<|>e || ^1.0"}}', live());
		assert.equal(typed.apply('RC'), '{"require": {"acme/tools": "^2.1@RC || ^1.0"}}');
		assert.equal(typed.item('RC').filterText, 'RC');
	});

	test('flags are Composer syntax: offered without live data, in require-dev, not in conflict', async () => {
		const offline = await complete('{"require": {"acme/tools": "@<|>"}}');
		assert.deepEqual(offline.labels(), ['dev', 'alpha', 'beta', 'RC', 'stable']);
		const dev = await complete('{"require-dev": {"acme/tools": "dev-main@<|>"}}');
		assert.ok(dev.labels().includes('dev'));
		const conflict = await complete('{"conflict": {"acme/tools": "^1.0@<|>"}}', live());
		assert.deepEqual(conflict.labels(), []);
	});
});

describe('live completion: package names', () => {
	test('names from every enabled repository, inserted with ": " and an empty constraint, then versions are asked for', async () => {
		const options = live();
		const c = await complete('{"require": {"acme/t<|>"}}', options);
		assert.deepEqual(c.labels(), ['acme/tools', 'acme/toolbox']);
		assert.equal(c.list.isIncomplete, true);
		const item = c.item('acme/tools');
		assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
		assert.equal(item.command?.command, 'editor.action.triggerSuggest');
		assert.equal(item.detail, REPO);
		assert.equal(c.apply('acme/tools'), '{"require": {"acme/tools": ""}}');
		assert.match((item.textEdit as { newText: string }).newText, /^"acme\/tools": "\$1"$/);
	});

	test('when the provider already knows the newest version, the constraint is its caret', async () => {
		const c = await complete('{"require": {"acme/toolb<|>"}}', live());
		assert.match((c.item('acme/toolbox').textEdit as { newText: string }).newText, /^"acme\/toolbox": "\$\{1:\^1\.0\}"$/);
		assert.equal(c.apply('acme/toolbox'), '{"require": {"acme/toolbox": "^1.0"}}');
	});

	test('the typed text is the query; names already required are left out', async () => {
		const snapshot = liveSnapshot(fixture());
		const c = await complete('{"require": {"acme/tools": "^2.0", "ACME<|>"}}', { live: liveProvider(snapshot) });
		assert.deepEqual(c.labels(), ['acme/toolbox']);
		assert.deepEqual(snapshot.searches, ['acme']);
	});

	test('a key that already has a value: only the name is replaced', async () => {
		const c = await complete('{"require": {"acme/to<|>": "^1.0"}}', live());
		assert.equal(c.apply('acme/toolbox'), '{"require": {"acme/toolbox": "^1.0"}}');
		assert.equal(c.item('acme/toolbox').command, undefined);
	});

	test('a comma is added before the next requirement', async () => {
		const c = await complete('{\n  "require": {\n    "acme/tool<|>\n    "php": "^8.2"\n  }\n}', live());
		assert.equal(c.apply('acme/tools'), '{\n  "require": {\n    "acme/tools": "",\n    "php": "^8.2"\n  }\n}');
	});

	test('platform packages with the running PHP\'s values; first when the query names them', async () => {
		const c = await complete('{"require-dev": {"<|>"}}', live());
		assert.deepEqual(c.labels(), ['acme/tools', 'acme/toolbox', 'php', 'ext-json']);
		assert.equal(c.item('php').detail, 'local PHP: 8.2.12');
		assert.equal(c.apply('php'), '{"require-dev": {"php": "^8.2"}}');
		assert.equal(c.apply('ext-json'), '{"require-dev": {"ext-json": "*"}}');
		assert.equal((c.item('ext-json').documentation as { value: string }).value, 'JSON support');
		const ext = await complete('{"require": {"ext<|>"}}', live());
		assert.deepEqual(ext.labels(), ['ext-json']);
		const conflict = await complete('{"conflict": {"<|>"}}', live());
		assert.deepEqual(conflict.labels(), ['acme/tools', 'acme/toolbox']);
	});

	test('keys of replace and provide are the root\'s own names: no completion', async () => {
		for (const section of ['replace', 'provide']) {
			const c = await complete(`{"${section}": {"acme<|>"}}`, live());
			assert.deepEqual(c.labels(), [], section);
		}
	});
});

describe('live completion: extra.branch-alias', () => {
	test('keys are the root package\'s branches, with the alias it already has', async () => {
		const c = await complete('{"name": "acme/tools", "extra": {"branch-alias": {<|>}}}', live());
		assert.deepEqual(c.labels(), ['dev-main', 'dev-feature']);
		assert.equal(c.apply('dev-main'), '{"name": "acme/tools", "extra": {"branch-alias": {"dev-main": "2.x-dev"}}}');
		const unnamed = await complete('{"extra": {"branch-alias": {<|>}}}', live());
		assert.deepEqual(unnamed.labels(), []);
	});
});

describe('live completion: pending and absent data', () => {
	test('while resolution runs, what is known comes at once and the list is incomplete', async () => {
		const c = await complete('{"require": {"acme/tools": "<|>"}}', live({ pending: true }));
		assert.ok(c.labels().includes('^2.1'));
		assert.equal(c.list.isIncomplete, true);
		const loading = await complete('{"require": {"acme/later": "<|>"}}', live({ packages: { 'acme/later': { state: 'pending', shadowed: [] } } }));
		assert.deepEqual(loading.labels(), []);
		assert.equal(loading.list.isIncomplete, true);
	});

	test('no live data (option absent, or the provider has no snapshot): no versions, no names', async () => {
		for (const options of [{}, { live: liveProvider(undefined) }]) {
			for (const marked of ['{"require": {"acme/tools": "<|>"}}', '{"require": {"acme/tools":<|>}}', '{"require": {"ac<|>"}}']) {
				const c = await complete(marked, options);
				assert.deepEqual(c.labels(), [], marked);
				assert.equal(c.list.isIncomplete, false);
			}
		}
	});
});

describe('live completion: trigger characters', () => {
	async function triggered(marked: string, triggerCharacter: string): Promise<string[]> {
		const { text, offset } = parseCursor(marked);
		const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
		const list = await getLanguageService(live()).doComplete(document, document.positionAt(offset), undefined, { triggerCharacter });
		return list.items.map((i) => i.label);
	}

	test('each trigger character works inside a constraint', async () => {
		assert.ok((await triggered('{"require": {"acme/tools": "<|>"}}', '"')).includes('^2.1'));
		assert.ok((await triggered('{"require": {"acme/tools":<|>}}', ':')).includes('^2.1'));
		assert.ok((await triggered('{"require": {"acme/tools": "^1.0 <|>"}}', ' ')).includes('^2.1'));
		assert.ok((await triggered('{"require": {"acme/tools": "^1.0 |<|>"}}', '|')).includes('^2.1'));
		assert.ok((await triggered('{"require": {"acme/tools": "^1.0,<|>"}}', ',')).includes('^2.1'));
		assert.deepEqual(await triggered('{"require": {"acme/tools": "^1.0@<|>"}}', '@'), ['dev', 'alpha', 'beta', 'RC', 'stable']);
		assert.ok((await triggered('{"require": {"acme/<|>"}}', '/')).includes('acme/tools'));
	});

	test('separators typed anywhere else do not open a list', async () => {
		assert.deepEqual(await triggered('{"repositories": [ <|>]}', ' '), []);
		assert.deepEqual(await triggered('{"repositories": [{"type": "vcs"},<|>]}', ','), []);
		assert.deepEqual(await triggered('{"require": { <|>}}', ' '), []);
		// Invoked by the user (no trigger character), the same places still complete.
		const c = await complete('{"repositories": [ <|>]}');
		assert.ok(c.labels().includes('vcs repository'));
	});
});

describe('live completion: nothing secret', () => {
	test('credentials in a repository label or description never reach an item', async () => {
		const secretLabel = 'composer repo (https://deploy:s3cr3t-pass@repo.example.org)';
		const options = live({
			packages: { 'acme/tools': { ...TOOLS, repository: secretLabel, description: 'see https://bot:tok3n-value@example.org' } },
		});
		for (const marked of ['{"require": {"acme/tools": "<|>"}}', '{"require": {"acme/t<|>"}}']) {
			const c = await complete(marked, options);
			assert.ok(c.list.items.length > 0);
			const all = JSON.stringify(c.list.items);
			assert.doesNotMatch(all, /s3cr3t-pass|tok3n-value/);
		}
	});
});

describe('constraint cursor', () => {
	const at = (marked: string) => {
		const { text, offset } = parseCursor(marked);
		return constraintSlotAt(text, offset);
	};

	test('kinds and replace ranges', () => {
		assert.deepEqual(at('<|>'), { kind: 'constraint', start: 0, end: 0, typed: '' });
		assert.deepEqual(at('^1.<|>0 || ~2'), { kind: 'constraint', start: 0, end: 4, typed: '^1.' });
		assert.deepEqual(at('^1.0 || ~2<|>'), { kind: 'constraint', start: 8, end: 10, typed: '~2' });
		assert.deepEqual(at('^1.0@be<|>ta'), { kind: 'flag', start: 5, end: 9, typed: 'be' });
		assert.deepEqual(at('>=1<|>.2 <2'), { kind: 'operand', start: 2, end: 5, typed: '1' });
		assert.deepEqual(at('>= <|>'), { kind: 'operand', start: 3, end: 3, typed: '' });
		assert.deepEqual(at('1.0 - 2<|>'), { kind: 'operand', start: 6, end: 7, typed: '2' });
		assert.deepEqual(at('dev-x as 1.<|>'), { kind: 'aliasTarget', start: 9, end: 11, typed: '1.' });
		assert.deepEqual(at('dev-x as<|>'), { kind: 'constraint', start: 6, end: 8, typed: 'as' });
		assert.deepEqual(at('^1.0,\t<|>'), { kind: 'constraint', start: 6, end: 6, typed: '' });
		assert.equal(at('dev-main#abc<|>'), undefined);
	});
});
