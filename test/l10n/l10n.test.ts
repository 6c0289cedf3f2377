// The Korean translation is complete and correct in form: every message the sources pass to l10n.t has a Korean
// entry with the same placeholders, no message hides from the extractor, and the server really speaks Korean
// when asked to. Keys are read with scripts/l10n.mjs's TypeScript scan (l10n-dev's own extractor takes tens of
// seconds; the script checks that both agree, and so does the small sample test below).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configureL10n, findL10nDir } from '../../server/src/node/l10nSetup';
import { getLanguageService } from '../../server/src/service';

type L10nScript = typeof import('../../scripts/l10n.mjs', { with: { 'resolution-mode': 'import' } });

const ROOT = join(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
const list = (items: string[]): string => items.map((item) => `  ${item}`).join('\n');

describe('Korean translation', () => {
	let script: L10nScript;
	let scan: { keys: string[]; problems: string[] };
	let korean: Record<string, unknown>;

	before(async () => {
		script = await import('../../scripts/l10n.mjs');
		scan = script.scanSources(ROOT);
		korean = readJson('l10n/bundle.l10n.ko.json');
	});

	test('every l10n.t message in the sources has a Korean translation', () => {
		assert.ok(scan.keys.length > 100, `only ${scan.keys.length} messages found: is the scan still reading the sources?`);
		const english = Object.fromEntries(scan.keys.map((key) => [key, key]));
		const { missing } = script.compareBundles(english, korean);
		assert.deepEqual(missing, [], `${missing.length} message(s) lack a Korean translation in l10n/bundle.l10n.ko.json `
			+ `(run node scripts/l10n.mjs for the list):\n${list(missing.map((key) => JSON.stringify(key)))}`);
	});

	test('Korean messages keep the placeholders of the English ones', () => {
		const english = Object.fromEntries(scan.keys.map((key) => [key, key]));
		const { placeholderMismatch } = script.compareBundles(english, korean);
		assert.deepEqual(placeholderMismatch, [], `Korean messages whose {0}/{1}… differ from the English:\n${list(placeholderMismatch)}`);
	});

	test('every l10n.t call passes a literal the extractor can read', () => {
		assert.deepEqual(scan.problems, [], `l10n.t calls whose first argument is not a literal (their text would never be translated):\n${list(scan.problems)}`);
	});

	test('l10n/bundle.l10n.json lists exactly the messages in the sources', () => {
		const bundled = Object.keys(readJson('l10n/bundle.l10n.json')).sort();
		const absent = scan.keys.filter((key) => !bundled.includes(key));
		const extra = bundled.filter((key) => !scan.keys.includes(key));
		assert.deepEqual({ absent, extra }, { absent: [], extra: [] }, 'l10n/bundle.l10n.json is out of date: run node scripts/l10n.mjs');
	});

	test('package.nls.ko.json translates every manifest string, keeping placeholders', () => {
		const nls = readJson('package.nls.json');
		const nlsKo = readJson('package.nls.ko.json');
		const { missing, placeholderMismatch } = script.compareBundles(nls, nlsKo);
		assert.deepEqual({ missing, placeholderMismatch }, { missing: [], placeholderMismatch: [] }, 'package.nls.ko.json is incomplete');
	});
});

describe('the l10n scan', () => {
	let root: string;
	let script: L10nScript;

	before(async () => {
		script = await import('../../scripts/l10n.mjs');
		root = mkdtempSync(join(tmpdir(), 'composer-repos-l10n-scan-'));
		mkdirSync(join(root, 'server', 'src'), { recursive: true });
	});
	after(() => rmSync(root, { recursive: true, force: true }));

	test('reads the same keys as @vscode/l10n-dev on every call form', async () => {
		const source = [
			`import * as l10n from '@vscode/l10n';`,
			`export const a = l10n.t('Plain {0} with \\'quotes\\' and "double"', 1);`,
			'export const b = l10n.t(`No substitution {0}`, 2);',
			`export const c = l10n.t({ message: 'With a comment {0}', args: [3], comment: ['for translators', ' 2'] });`,
			`export const d = l10n.t({ message: 'Single comment', comment: 'one' });`,
			'export const e = l10n.t`Tagged ${a} and ${b}`;',
			`export const f = l10n.t("Double-quoted\\nline");`,
		].join('\n');
		writeFileSync(join(root, 'server', 'src', 'sample.ts'), source);
		const { keys, problems } = script.scanSources(root);
		assert.deepEqual(problems, []);
		const expected = Object.keys(await getL10nJson([{ contents: source, extension: '.ts' }])).sort();
		assert.equal(expected.length, 6);
		assert.deepEqual(keys, expected);
	});

	test('reports calls whose message no extractor can see', () => {
		writeFileSync(join(root, 'server', 'src', 'sample.ts'), [
			`import * as l10n from '@vscode/l10n';`,
			`declare const message: string;`,
			`export const a = l10n.t(message);`,
			`export const b = l10n.t('Joined ' + message);`,
			'export const c = l10n.t(`Substituted ${message}`);',
			`export const d = l10n.t({ message, args: [] });`,
			`export const e = l10n.t('Fine');`,
		].join('\n'));
		const { keys, problems } = script.scanSources(root);
		assert.deepEqual(keys, ['Fine']);
		assert.deepEqual(problems.map((p) => p.split(': ')[0]), [3, 4, 5, 6].map((line) => `server/src/sample.ts:${line}:18`));
	});

	test('placeholder comparison catches a dropped, renamed or repeated placeholder', () => {
		const english = { 'A {0} and {1}': 'A {0} and {1}', 'B {0}': 'B {0}', 'C {0}': 'C {0}', 'D': 'D' };
		const { missing, placeholderMismatch } = script.compareBundles(english, { 'A {0} and {1}': '{1}와 {0}', 'B {0}': 'B', 'C {0}': 'C {0} {0}' });
		assert.deepEqual(missing, ['D']);
		assert.equal(placeholderMismatch.length, 2);
	});
});

describe('the server speaks Korean', () => {
	after(() => configureL10n(undefined));

	test('a diagnostic of the real language service comes out in Korean through l10nSetup', async () => {
		const l10nDir = findL10nDir(join(ROOT, 'server', 'src'));
		assert.equal(l10nDir, join(ROOT, 'l10n'));
		const result = configureL10n('ko_KR.UTF-8', l10nDir);
		assert.equal(result.locale, 'ko', result.problem);
		const korean = readJson('l10n/bundle.l10n.ko.json');
		const template = korean['The "{0}" repository type was removed in Composer 2: every Composer command fails with it.'];
		assert.equal(typeof template, 'string');
		const text = '{"repositories":[{"type":"pear","url":"https://pear.php.net"}]}';
		const diagnostics = await getLanguageService({}).doValidation(TextDocument.create('file:///composer.json', 'json', 1, text));
		const removed = diagnostics.filter((d) => d.code === 'removed-type');
		assert.equal(removed.length, 1, JSON.stringify(diagnostics));
		assert.equal(removed[0].message, (template as string).replace('{0}', 'pear'));
		assert.match(removed[0].message, /[\uac00-\ud7a3]/, 'the message is in Hangul');

		configureL10n('en');
		assert.equal(l10n.t('The "{0}" repository type was removed in Composer 2: every Composer command fails with it.', 'pear'),
			'The "pear" repository type was removed in Composer 2: every Composer command fails with it.');
	});
});
