import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import { E, W, expectDiagnostics, repos } from './validationHarness';

let root: string;
let options: LanguageServiceOptions;
let docPath: string;

function mkPackage(rel: string, withComposerJson = true): void {
	const dir = path.join(root, rel);
	fs.mkdirSync(dir, { recursive: true });
	if (withComposerJson) fs.writeFileSync(path.join(dir, 'composer.json'), '{"name": "acme/x"}');
}

describe('validation: path and artifact repositories on disk', () => {
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'composer-repos-local-'));
		mkPackage('project');
		mkPackage('packages/alpha');
		mkPackage('packages/beta');
		mkPackage('packages/.hidden');
		mkPackage('empty-glob-base/nothing-here', false);
		mkPackage('no-manifest', false);
		mkPackage('home/lib');
		mkPackage('env-root/lib');
		fs.mkdirSync(path.join(root, 'artifacts/nested'), { recursive: true });
		fs.writeFileSync(path.join(root, 'artifacts/nested/acme-x-1.0.0.zip'), 'PK');
		fs.mkdirSync(path.join(root, 'empty-artifacts'));
		fs.writeFileSync(path.join(root, 'empty-artifacts/readme.txt'), 'x');
		fs.mkdirSync(path.join(root, 'upper-artifacts'));
		fs.writeFileSync(path.join(root, 'upper-artifacts/LIB.ZIP'), 'PK');
		docPath = path.join(root, 'project/composer.json');
		options = { facts: createNodeLocalFacts(), env: { LIBS: path.join(root, 'env-root') }, homeDir: path.join(root, 'home') };
	});
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	test('existing folders, globs, braces, ~ and $VAR expansion, relative to the composer.json', async () => {
		await expectDiagnostics(repos(`[
			{"type": "path", "url": "../packages/alpha"},
			{"type": "path", "url": "../packages/*"},
			{"type": "path", "url": "../packages/{alpha,beta}/"},
			{"type": "path", "url": "../packages/[ab]*"},
			{"type": "path", "url": "../packages/?eta"},
			{"type": "path", "url": "~/lib"},
			{"type": "path", "url": "$LIBS/lib"},
			{"type": "path", "url": "%LIBS%/lib"},
			{"type": "artifact", "url": "../artifacts"}
		]`), [], options, docPath);
	});

	test('a folder that does not exist', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": <<"../packages/gamma">>}, {"type": "path", "url": <<"../missing/*">>}]'), [['path-not-found', E], ['path-not-found', E]], options, docPath);
	});

	test('a glob whose base folder exists but matches nothing is accepted by Composer', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": <<"../empty-glob-base/*/src">>}]'), [['path-glob-no-match', W]], options, docPath);
	});

	test('globs do not match hidden folders; folders without composer.json', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": <<"../no-manifest">>}, {"type": "path", "url": <<"../empty-glob-base/*">>}]'), [['path-no-composer-json', W], ['path-no-composer-json', W]], options, docPath);
	});

	test('artifact folder missing, empty, or with an upper-case extension', async () => {
		await expectDiagnostics(repos('[{"type": "artifact", "url": <<"../nope">>}, {"type": "artifact", "url": <<"../empty-artifacts">>}, {"type": "artifact", "url": <<"../upper-artifacts">>}]'),
			[['artifact-not-found', E], ['artifact-empty', W], ['artifact-uppercase-extension', E]], options, docPath);
	});

	test('without facts, or without a document path for relative URLs, nothing is checked', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": "../packages/gamma"}]'), [], {}, docPath);
		await expectDiagnostics(repos('[{"type": "path", "url": "../packages/gamma"}]'), [], options);
	});
});
