// The extension manifest and its translations agree with each other and with the client code: every
// %key% has an English and a Korean string, every client message has a Korean translation with the same
// placeholders, and the contributed commands and settings are the ones the client uses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HookCommands } from '../../client/src/hooks/ids';
import { CLIENT_ID, Commands } from '../../protocol/ext';

const root = join(__dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const manifest = readJson('package.json') as {
	main: string;
	l10n: string;
	activationEvents: string[];
	contributes: { commands: Array<{ command: string; title: string }>; configuration: { properties: Record<string, unknown> } };
};
const nlsEn = readJson('package.nls.json') as Record<string, string>;
const nlsKo = readJson('package.nls.ko.json') as Record<string, string>;
const bundleKo = readJson('l10n/bundle.l10n.ko.json') as Record<string, string | { message: string }>;

function manifestKeys(): string[] {
	const text = readFileSync(join(root, 'package.json'), 'utf8');
	return [...new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
}

/** The first argument of every `l10n.t('...')` call in the client sources. */
function clientMessages(): string[] {
	const dir = join(root, 'client/src');
	const out: string[] = [];
	for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
		const text = readFileSync(join(dir, file), 'utf8');
		for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
			out.push(m[1].replace(/\\(.)/g, '$1'));
		}
	}
	return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('extension manifest', () => {
	test('every %key% in package.json has English and Korean text, and no text is unused', () => {
		const keys = manifestKeys();
		assert.ok(keys.length >= 5, `found ${keys.length} keys`);
		for (const key of keys) {
			assert.ok(typeof nlsEn[key] === 'string' && nlsEn[key].length > 0, `package.nls.json lacks ${key}`);
			assert.ok(typeof nlsKo[key] === 'string' && nlsKo[key].length > 0, `package.nls.ko.json lacks ${key}`);
		}
		assert.deepEqual(Object.keys(nlsEn).sort(), keys, 'package.nls.json has exactly the manifest keys');
		assert.deepEqual(Object.keys(nlsKo).sort(), keys, 'package.nls.ko.json has exactly the manifest keys');
	});

	test('the Korean manifest text is translated (Hangul in every description)', () => {
		for (const [key, value] of Object.entries(nlsKo)) {
			if (key === 'displayName' || key === 'configuration.title') {
				continue; // the product name stays as is
			}
			assert.match(value, /[\uac00-\ud7a3]/, `${key} is not translated: ${value}`);
		}
	});

	test('every client message has a Korean translation with the same placeholders', () => {
		const messages = clientMessages();
		assert.ok(messages.length >= 3, `found ${messages.length} messages`);
		for (const message of messages) {
			const entry = bundleKo[message];
			const translated = typeof entry === 'string' ? entry : entry?.message;
			assert.ok(translated, `l10n/bundle.l10n.ko.json lacks "${message}"`);
			assert.match(translated, /[\uac00-\ud7a3]/, `"${message}" is not translated`);
			assert.deepEqual(placeholders(translated), placeholders(message), `placeholders of "${message}"`);
		}
	});

	test('contributes exactly the commands the client registers, with localized titles', () => {
		const contributed = manifest.contributes.commands.map((c) => c.command).sort();
		assert.deepEqual(contributed, [...Object.values(Commands), ...Object.values(HookCommands)].sort());
		for (const command of manifest.contributes.commands) {
			assert.match(command.title, /^%.+%$/, `${command.command} title is localized`);
		}
	});

	test('the trace setting matches the LanguageClient id, and the bundle paths are the packaged ones', () => {
		assert.ok(`${CLIENT_ID}.trace.server` in manifest.contributes.configuration.properties);
		assert.equal(manifest.main, './dist/extension.js');
		assert.equal(manifest.l10n, './l10n');
		assert.ok(manifest.activationEvents.includes('workspaceContains:**/composer.json'));
		const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
		for (const kept of ['!dist/extension.js', '!dist/server.js', '!package.nls.json', '!l10n/**', '!LICENSE']) {
			assert.ok(ignore.includes(kept), `.vscodeignore keeps ${kept}`);
		}
		assert.equal(ignore.find((l) => l && !l.startsWith('#')), '**', '.vscodeignore starts by leaving everything out');
	});
});
