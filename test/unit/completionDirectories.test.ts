import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { complete } from '../fixtures/completion/harness';

const facts = createNodeLocalFacts();

describe('completion: path and artifact url folders', () => {
	let root: string;
	let project: string;
	let composerJson: string;
	let options: LanguageServiceOptions;

	before(() => {
		root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crepo-complete-')));
		project = path.join(root, 'project');
		composerJson = path.join(project, 'composer.json');
		for (const dir of ['packages/alpha', 'packages/beta', 'packages/gamma $x', '.hidden', 'artifacts']) {
			fs.mkdirSync(path.join(project, dir), { recursive: true });
		}
		fs.mkdirSync(path.join(root, 'lib'));
		fs.writeFileSync(path.join(project, 'packages/alpha/composer.json'), '{"name": "a/alpha"}');
		fs.writeFileSync(path.join(project, 'packages/readme.txt'), 'not a folder');
		fs.writeFileSync(composerJson, '{}');
		options = { facts, homeDir: root, env: { PKGS: path.join(project, 'packages') } };
	});

	after(() => {
		fs.rmSync(root, { recursive: true, force: true });
	});

	const doc = (type: string, value: string): string => `{\n    "repositories": [\n        {"type": "${type}", "url": "${value}"}\n    ]\n}`;

	test('lists the project folder, hidden folders left out, with ../ first', async () => {
		const c = await complete(doc('path', '<|>'), options, composerJson);
		assert.deepEqual(c.labels(), ['../', 'artifacts', 'packages']);
		assert.equal(c.list.isIncomplete, true);
		assert.equal(c.apply('packages'), doc('path', 'packages'));
		assert.equal(c.item('../').command?.command, 'editor.action.triggerSuggest');
		assert.equal(c.apply('../'), doc('path', '../'));
	});

	test('lists a subfolder, marks folders holding a composer.json and keeps the typed prefix', async () => {
		const c = await complete(doc('path', 'packages/<|>'), options, composerJson);
		assert.deepEqual(c.labels(), ['../', 'alpha', 'beta', 'gamma $x']);
		assert.equal(c.item('alpha').detail, 'Folder with a composer.json');
		assert.equal(c.item('beta').detail, undefined);
		assert.ok((c.item('alpha').sortText ?? '') < (c.item('beta').sortText ?? ''));
		assert.equal(c.item('alpha').filterText, '"packages/alpha"');
		assert.equal(c.apply('alpha'), doc('path', 'packages/alpha'));
		assert.equal(c.apply('gamma $x'), doc('path', 'packages/gamma $x'));
	});

	test('a partial name replaces the whole string value', async () => {
		const c = await complete(doc('path', 'packages/al<|>pha-old'), options, composerJson);
		assert.equal(c.apply('alpha'), doc('path', 'packages/alpha'));
	});

	test('going up from the project', async () => {
		const c = await complete(doc('path', '../<|>'), options, composerJson);
		assert.deepEqual(c.labels(), ['../', 'lib', 'project']);
		assert.equal(c.apply('lib'), doc('path', '../lib'));
	});

	test('hidden folders appear once a dot is typed', async () => {
		const c = await complete(doc('path', '.<|>'), options, composerJson);
		assert.ok(c.labels().includes('.hidden'));
	});

	test('absolute paths, ~ and $VAR are expanded like Composer', async () => {
		const absolute = await complete(doc('path', `${project}/<|>`), options, composerJson);
		assert.ok(absolute.labels().includes('packages'));
		const home = await complete(doc('path', '~/<|>'), options, composerJson);
		assert.deepEqual(home.labels(), ['../', 'lib', 'project']);
		assert.equal(home.apply('project'), doc('path', '~/project'));
		const variable = await complete(doc('path', '$PKGS/<|>'), options, composerJson);
		assert.deepEqual(variable.labels(), ['../', 'alpha', 'beta', 'gamma $x']);
		assert.equal(variable.apply('beta'), doc('path', '$PKGS/beta'));
	});

	test('artifact urls list folders without probing for composer.json', async () => {
		const c = await complete(doc('artifact', 'packages/<|>'), options, composerJson);
		assert.deepEqual(c.labels(), ['../', 'alpha', 'beta', 'gamma $x']);
		assert.equal(c.item('alpha').detail, undefined);
	});

	test('nothing for globs, missing folders, unknown variables, no facts or no document path', async () => {
		assert.deepEqual((await complete(doc('path', 'packages/*<|>'), options, composerJson)).labels(), []);
		assert.deepEqual((await complete(doc('path', 'nowhere/<|>'), options, composerJson)).labels(), ['../']);
		assert.deepEqual((await complete(doc('path', '$NOPE/<|>'), options, composerJson)).labels(), []);
		assert.deepEqual((await complete(doc('path', '<|>'), {}, composerJson)).labels(), []);
		assert.deepEqual((await complete(doc('path', '<|>'), options)).labels(), []);
	});

	test('vcs urls never list folders', async () => {
		const c = await complete(doc('vcs', '<|>'), options, composerJson);
		assert.deepEqual(c.labels(), []);
		assert.equal(c.list.isIncomplete, false);
	});
});
