// Keeps examples/ and examples/README.md honest: the sample project gets exactly the documented findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { validate } from './validationHarness';

test('examples/composer.json: the documented warnings and hints, no error', async () => {
	const file = path.join(__dirname, '..', '..', 'examples', 'composer.json');
	const { diagnostics } = await validate(fs.readFileSync(file, 'utf8'), { facts: createNodeLocalFacts(), env: {}, homeDir: os.homedir() }, file);
	assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [
		['misplaced-path-option', DiagnosticSeverity.Warning],
		['path-glob-no-match', DiagnosticSeverity.Warning],
		['unknown-key', DiagnosticSeverity.Warning],
		['deprecated-type', DiagnosticSeverity.Hint],
		['ignored-key', DiagnosticSeverity.Hint],
		['duplicate-repository', DiagnosticSeverity.Warning],
		['legacy-packagist', DiagnosticSeverity.Hint],
	]);
	const readme = fs.readFileSync(path.join(path.dirname(file), 'README.md'), 'utf8');
	for (const d of diagnostics) assert.ok(readme.includes(`\`${d.code}\``), `README does not explain ${d.code}`);
});
