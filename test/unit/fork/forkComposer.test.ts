// The fork edit against Composer itself: the composer.json "Use a fork…" writes must resolve with Composer when
// another package needs a release of the forked one, and the alias must be what makes it resolve.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/index';
import type { ForkRequest } from '../../../server/src/service/index';
import type { RepositoryDataProvider } from '../../../server/src/service/liveData';
import { oracleProject, runComposer, type OracleProject } from '../../helpers/composerOracle';
import { buildGitRepo, removeDir } from '../../helpers/gitRepo';

/** acme/app-dep needs acme/lib ^2.3; the root asks for ^2.1 (2.3.0 is what an update installs). */
const BEFORE = JSON.stringify({
	name: 'me/app',
	repositories: [
		{
			type: 'package',
			package: [
				{ name: 'acme/lib', version: '2.1.0' },
				{ name: 'acme/lib', version: '2.3.0' },
				{ name: 'acme/app-dep', version: '1.0.0', require: { 'acme/lib': '^2.3' } },
			],
		},
		{ 'packagist.org': false },
	],
	require: { 'acme/lib': '^2.1', 'acme/app-dep': '^1.0' },
	config: { 'secure-http': false },
}, null, 4) + '\n';

const upstream: RepositoryDataProvider = {
	snapshot: () => ({
		pending: false,
		repositories: [],
		platform: [],
		searchNames: () => [],
		lookup: (name) => ({
			state: 'found',
			repository: 'package repo',
			details: { name, versions: [{ version: '2.3.0', normalized: '2.3.0.0', stability: 'stable' }, { version: '2.1.0', normalized: '2.1.0.0', stability: 'stable' }] },
			shadowed: [],
		}),
	}),
};

describe('fork edit: Composer resolves what it writes', () => {
	let forkDir: string;
	let project: OracleProject;

	before(() => {
		forkDir = buildGitRepo({
			steps: [
				{ commit: { 'composer.json': { name: 'acme/lib' } } },
				{ branch: 'fix' },
				{ commit: { 'src/Fix.php': '<?php // the fix\n' } },
			],
			head: 'main',
		});
		project = oracleProject({ repositories: [] });
	});

	after(() => {
		project.cleanup();
		removeDir(forkDir);
	});

	async function update(request: Partial<ForkRequest>, live?: RepositoryDataProvider): Promise<{ constraint: string; code: number; output: string }> {
		const document = TextDocument.create('file:///p/composer.json', 'json', 1, BEFORE);
		const result = getLanguageService({ live }).getForkEdit(document, { packageName: 'acme/lib', section: 'require', url: forkDir, branch: 'fix', ...request });
		assert.ok(result.ok, result.ok ? '' : result.message);
		fs.writeFileSync(path.join(project.dir, 'composer.json'), TextDocument.applyEdits(document, result.edit.changes![document.uri]));
		const run = await runComposer(project, ['update', '--dry-run', '--no-install', '--no-progress']);
		return { constraint: result.constraint, code: run.code, output: run.stdout + run.stderr };
	}

	test('without live data: dev-fix as 2.x-dev resolves, the fork\'s branch installed', async () => {
		const r = await update({});
		assert.equal(r.constraint, 'dev-fix as 2.x-dev');
		assert.equal(r.code, 0, r.output);
		assert.match(r.output, /acme\/lib \(dev-fix [0-9a-f]+\)/);
	});

	test('with live data: dev-fix as 2.3.0 (the version an update installs) resolves', async () => {
		const r = await update({}, upstream);
		assert.equal(r.constraint, 'dev-fix as 2.3.0');
		assert.equal(r.code, 0, r.output);
		assert.match(r.output, /acme\/lib \(dev-fix [0-9a-f]+\)/);
	});

	test('control: without the alias Composer refuses (acme/app-dep needs a 2.x release)', async () => {
		const r = await update({ alias: null });
		assert.equal(r.constraint, 'dev-fix');
		assert.notEqual(r.code, 0);
		assert.match(r.output, /acme\/app-dep 1\.0\.0 requires acme\/lib \^2\.3/);
	});
});
