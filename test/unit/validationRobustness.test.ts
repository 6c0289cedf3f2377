// Broken and half-typed documents must never make the service throw: every prefix of a realistic file
// (what an editor sees while the user types) and random JSON values in the repositories block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validate } from './validationHarness';
import { getLanguageService } from '../../server/src/service/index';

const realistic = `{
	"name": "acme/app",
	// comment
	"config": {"secure-http": true},
	"repositories": [
		{"type": "path", "url": "../packages/*", "options": {"symlink": false, "versions": {"a/b": "1.0"}}},
		{"type": "package", "package": [{"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "http://e.org/x.zip"}}]},
		{"type": "vcs", "url": "ssh://git@h:x/y.git", "only": [], "exclude": ["a"]},
		{"packagist": false, "x": true},
	],
}`;

test('every prefix of a realistic document validates without throwing', async () => {
	for (let i = 0; i <= realistic.length; i++) {
		const { diagnostics } = await validate(realistic.slice(0, i));
		assert.ok(Array.isArray(diagnostics));
	}
});

test('random values inside repositories never throw, and code actions neither', async () => {
	const service = getLanguageService({});
	await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
		const { document, diagnostics } = await validate(`{"repositories": ${JSON.stringify(value)}}`);
		for (const d of diagnostics) service.getCodeActions(document, d.range, { diagnostics: [d] });
	}), { numRuns: 300 });
	await fc.assert(fc.asyncProperty(fc.array(fc.dictionary(fc.constantFrom('type', 'url', 'options', 'package', 'only', 'symlink', 'packagist', 'name'), fc.jsonValue({ maxDepth: 2 }))), async (entries) => {
		const { document, diagnostics } = await validate(`{"repositories": ${JSON.stringify(entries, null, 2)}}`);
		for (const d of diagnostics) service.getCodeActions(document, d.range, { diagnostics: [d] });
	}), { numRuns: 300 });
});
