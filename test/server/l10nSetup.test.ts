// Locale choice and bundle loading for the server and the CLI, on real bundle files in a temp folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { cliLocale, configureL10n, findL10nDir, localeCandidates, normalizeLocale, serverLocale } from '../../server/src/node/l10nSetup';

describe('l10n setup', () => {
	let root: string;
	let l10nDir: string;

	before(() => {
		root = mkdtempSync(join(tmpdir(), 'composer-repos-l10n-'));
		l10nDir = join(root, 'l10n');
		mkdirSync(join(root, 'dist'), { recursive: true });
		mkdirSync(l10nDir);
		writeFileSync(join(root, 'package.json'), '{}');
		writeFileSync(join(l10nDir, 'bundle.l10n.ko.json'), JSON.stringify({ 'Hello {0}': '안녕 {0}' }));
		writeFileSync(join(l10nDir, 'bundle.l10n.zz.json'), '{ not json');
	});
	after(() => {
		configureL10n(undefined, l10nDir);
		rmSync(root, { recursive: true, force: true });
	});

	test('POSIX locale names are normalised; C and POSIX mean no preference', () => {
		assert.equal(normalizeLocale('ko_KR.UTF-8'), 'ko-kr');
		assert.equal(normalizeLocale('de_DE@euro'), 'de-de');
		assert.equal(normalizeLocale('zh-TW'), 'zh-tw');
		assert.equal(normalizeLocale('C'), undefined);
		assert.equal(normalizeLocale('POSIX'), undefined);
		assert.equal(normalizeLocale(''), undefined);
		assert.deepEqual(localeCandidates('ko-kr'), ['ko-kr', 'ko']);
		assert.deepEqual(localeCandidates('ko'), ['ko']);
	});

	test('the bundle folder is found next to dist/, walking up from the bundled module', () => {
		assert.equal(findL10nDir(join(root, 'dist')), l10nDir);
	});

	test('a regional locale loads the language bundle', () => {
		const result = configureL10n('ko_KR.UTF-8', l10nDir);
		assert.equal(result.locale, 'ko');
		assert.equal(result.bundlePath, join(l10nDir, 'bundle.l10n.ko.json'));
		assert.equal(l10n.t('Hello {0}', 'Composer'), '안녕 Composer');
	});

	test('English and locales without a bundle use the messages as written, silently', () => {
		configureL10n('ko', l10nDir);
		assert.deepEqual(configureL10n('en-US', l10nDir), {});
		assert.equal(l10n.t('Hello {0}', 'Composer'), 'Hello Composer');
		configureL10n('ko', l10nDir);
		assert.deepEqual(configureL10n('fr', l10nDir), {});
		assert.equal(l10n.t('Hello {0}', 'Composer'), 'Hello Composer');
	});

	test('a broken bundle falls back to English and says why (for the log)', () => {
		const result = configureL10n('zz', l10nDir);
		assert.equal(result.locale, undefined);
		assert.match(result.problem ?? '', /bundle\.l10n\.zz\.json/);
		assert.equal(l10n.t('Hello {0}', 'Composer'), 'Hello Composer');
	});

	test('server locale: initializationOptions.locale, then VSCODE_NLS_CONFIG', () => {
		assert.equal(serverLocale({ locale: 'ko' }, { VSCODE_NLS_CONFIG: '{"locale":"de"}' }), 'ko');
		assert.equal(serverLocale(undefined, { VSCODE_NLS_CONFIG: '{"locale":"de"}' }), 'de');
		assert.equal(serverLocale(null, { VSCODE_NLS_CONFIG: 'not json' }), undefined);
		assert.equal(serverLocale({}, {}), undefined);
	});

	test('CLI locale: --locale, then LC_ALL, LC_MESSAGES, LANG', () => {
		const env = { LC_ALL: 'ko_KR.UTF-8', LC_MESSAGES: 'de_DE', LANG: 'fr_FR' };
		assert.equal(cliLocale('ja', env), 'ja');
		assert.equal(cliLocale(undefined, env), 'ko_KR.UTF-8');
		assert.equal(cliLocale(undefined, { LC_MESSAGES: 'de_DE', LANG: 'fr_FR' }), 'de_DE');
		assert.equal(cliLocale(undefined, { LANG: 'fr_FR' }), 'fr_FR');
		assert.equal(cliLocale(undefined, {}), undefined);
	});
});
