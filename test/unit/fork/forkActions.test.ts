// The "Use a fork of VENDOR/NAME…" code action and the inline-alias hover.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionContext } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../server/src/service/index';
import { Commands } from '../../../protocol/ext';
import { parseCursor } from '../../helpers/markers';
import { liveProvider, liveSnapshot } from '../../helpers/liveSnapshot';

const service = getLanguageService({ useForkCommand: Commands.useFork });

function at(marked: string): { document: TextDocument; position: ReturnType<TextDocument['positionAt']> } {
	const { text, offset } = parseCursor(marked);
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	return { document, position: document.positionAt(offset) };
}

function actionsAt(marked: string, context: CodeActionContext = { diagnostics: [] }) {
	const { document, position } = at(marked);
	return service.getCodeActions(document, { start: position, end: position }, context);
}

describe('code action: Use a fork of VENDOR/NAME…', () => {
	test('on a require entry (key or value) it runs the useFork command with the entry', () => {
		for (const marked of ['{"require": {"acme/<|>lib": "^2.1"}}', '{"require": {"acme/lib": "^2<|>.1"}}']) {
			const actions = actionsAt(marked);
			assert.equal(actions.length, 1, marked);
			const [action] = actions;
			assert.equal(action.title, 'Use a fork of acme/lib…');
			assert.equal(action.kind, 'refactor.rewrite');
			assert.equal(action.edit, undefined);
			assert.deepEqual(action.command, { title: 'Use a fork of acme/lib…', command: Commands.useFork, arguments: [{ uri: 'file:///p/composer.json', packageName: 'acme/lib', section: 'require' }] });
		}
	});

	test('require-dev too; not conflict/replace/provide, platform packages, or outside links', () => {
		assert.deepEqual(actionsAt('{"require-dev": {"Acme/Lib": "<|>^2.1"}}')[0].command?.arguments, [{ uri: 'file:///p/composer.json', packageName: 'Acme/Lib', section: 'require-dev' }]);
		for (const marked of [
			'{"conflict": {"acme/<|>lib": "<2.0"}}',
			'{"require": {"php<|>": "^8.1"}}',
			'{"require": {"ext-<|>json": "*"}}',
			'{"require": {"no<|>slash": "*"}}',
			'{"name": "me/a<|>pp", "require": {"acme/lib": "*"}}',
		]) {
			assert.deepEqual(actionsAt(marked), [], marked);
		}
	});

	test('a host without the command (the CLI) gets no action', () => {
		const { document, position } = at('{"require": {"acme/<|>lib": "^2.1"}}');
		assert.deepEqual(getLanguageService({}).getCodeActions(document, { start: position, end: position }, { diagnostics: [] }), []);
	});

	test('offered when refactorings are asked for, not when only quick fixes are', () => {
		assert.equal(actionsAt('{"require": {"acme/<|>lib": "^2.1"}}', { diagnostics: [], only: ['refactor'] }).length, 1);
		assert.equal(actionsAt('{"require": {"acme/<|>lib": "^2.1"}}', { diagnostics: [], only: ['refactor.rewrite'] }).length, 1);
		assert.equal(actionsAt('{"require": {"acme/<|>lib": "^2.1"}}', { diagnostics: [], only: ['quickfix'] }).length, 0);
	});
});

describe('quick fix of branch-not-found: use a fork that has the branch', () => {
	const REPO = 'composer repo (https://repo.example.org)';
	const options = {
		useForkCommand: Commands.useFork,
		live: liveProvider(liveSnapshot({ packages: { 'acme/tools': { repository: REPO, entryIndex: 0, versions: ['2.1.0', 'dev-main'] } } })),
	};

	async function diagnosed(text: string) {
		const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
		const live = getLanguageService(options);
		return { document, live, diagnostics: await live.doValidation(document) };
	}

	test('the diagnostic gets a quick fix that runs the command with the missing branch; the fork edit then keeps the alias', async () => {
		const { document, live, diagnostics } = await diagnosed('{"require": {"acme/tools": "dev-fix as 2.1.x-dev"}}');
		const d = diagnostics.find((x) => x.code === 'branch-not-found');
		assert.ok(d, JSON.stringify(diagnostics));
		const actions = live.getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] });
		assert.equal(actions.length, 1, JSON.stringify(actions));
		const [fix] = actions;
		assert.equal(fix.title, 'Use a fork of acme/tools that has branch "fix"…');
		assert.equal(fix.kind, 'quickfix');
		assert.deepEqual(fix.diagnostics, [d]);
		assert.deepEqual(fix.command?.arguments, [{ uri: document.uri, packageName: 'acme/tools', section: 'require', branch: 'fix' }]);
		const edit = live.getForkEdit(document, { packageName: 'acme/tools', section: 'require', url: 'https://github.com/me/tools', branch: 'fix' });
		assert.ok(edit.ok);
		assert.equal(edit.constraint, 'dev-fix as 2.1.x-dev');
		assert.equal(TextDocument.applyEdits(document, edit.edit.changes![document.uri]),
			'{"require": {"acme/tools": "dev-fix as 2.1.x-dev"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/tools"}]}');
	});

	test('other live diagnostics get no fork fix; without the command nothing is offered', async () => {
		const { document, live, diagnostics } = await diagnosed('{"require": {"acme/tools": "^9.0"}}');
		const d = diagnostics.find((x) => x.code === 'no-matching-version');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.deepEqual(live.getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }), []);
		const branch = await diagnosed('{"require": {"acme/tools": "dev-fix"}}');
		const missing = branch.diagnostics.find((x) => x.code === 'branch-not-found');
		assert.ok(missing);
		const withoutCommand = getLanguageService({ live: options.live });
		assert.deepEqual(withoutCommand.getCodeActions(branch.document, missing.range, { diagnostics: [missing] }), []);
	});
});

describe('hover: inline alias', () => {
	test('explains dev-BRANCH as VERSION over the whole value', async () => {
		const { document, position } = at('{"require": {"acme/lib": "dev-fix a<|>s 2.x-dev"}}');
		const hover = await service.doHover(document, position);
		assert.ok(hover?.range);
		const value = (hover.contents as { value: string }).value;
		assert.match(value, /Inline alias/);
		assert.match(value, /installs `dev-fix` and also gives it the version `2\.x-dev`/);
		assert.match(value, /Only the root composer\.json/);
		const text = document.getText();
		assert.equal(text.slice(document.offsetAt(hover.range.start), document.offsetAt(hover.range.end)), '"dev-fix as 2.x-dev"');
	});

	test('no alias hover on a plain constraint, a malformed alias, a key, or outside require', async () => {
		for (const marked of [
			'{"require": {"acme/lib": "^2<|>.1"}}',
			'{"require": {"acme/lib": "^2.1 a<|>s 2.0"}}',
			'{"require": {"acme/<|>lib": "dev-fix as 2.0.0"}}',
			'{"conflict": {"acme/lib": "dev-fix a<|>s 2.0.0"}}',
		]) {
			const { document, position } = at(marked);
			const hover = await service.doHover(document, position);
			assert.ok(!hover || !/Inline alias/.test((hover.contents as { value: string }).value), marked);
		}
	});
});
