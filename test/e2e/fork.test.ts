// Real-editor end-to-end test of "Use a fork…": the packaged .vsix in code-server driven through Chromium
// (harness/forkScenario.ts). On the `acme/lib` requirement the person runs the code action, keeps nothing of the
// prefilled URL but types the fork's (a local git repository with a branch `fix`), picks `fix`, saves; the file
// on disk must then hold the fork first in `repositories` and the aliased branch, and one undo must restore it.
// COMPOSER_REPOS_E2E_CONTROL=no-extension runs the same session without our extension, which must fail.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ROOT } from './harness/env';
import type { RunResult } from './harness/runner';
import { runSession } from './harness/session';
import { describeFailure, ensureVsix } from './harness/testSupport';

/** As long as the basics session's (vscode.test.ts): a loaded 2-core machine needs most of it to start code-server. */
const SESSION_DEADLINE_MS = 900_000;

/** The composer.json "Use a fork…" must write for the original one (the edit the pure service computes). */
function expectedFork(original: string, forkUrl: string): string {
	const vcs = ['        {', '            "type": "vcs",', `            "url": ${JSON.stringify(forkUrl)}`, '        },', ''].join('\n');
	const withRepository = original.replace('    "repositories": [\n', `    "repositories": [\n${vcs}`);
	return withRepository.replace('"acme/lib": "^2.1"', '"acme/lib": "dev-fix as 2.x-dev"');
}

describe('VS Code end to end: Use a fork… (code-server + Chromium)', () => {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const outDir = join(ROOT, 'test-results', 'e2e-fork', stamp);
	const withExtension = process.env.COMPOSER_REPOS_E2E_CONTROL !== 'no-extension';
	let result: RunResult;

	before(async () => {
		ensureVsix();
		result = await runSession({ outDir, withExtension, deadlineMs: SESSION_DEADLINE_MS, scenario: 'fork' });
	}, { timeout: SESSION_DEADLINE_MS + 60_000 });

	test('the code action asks for the URL, prefilled with the package\'s source', () => {
		assert.ok(result.upstreamUrl, describeFailure(result));
		assert.equal(result.urlPrefill, result.upstreamUrl, describeFailure(result));
	});

	test('the fork\'s branches are offered with their Composer versions', () => {
		// A row's text is its label then its description (the Composer version), with no separator.
		const rows = result.branchRows ?? [];
		assert.ok(rows[0]?.startsWith('fixdev-fix'), `branch rows: ${JSON.stringify(rows)}\n${describeFailure(result)}`);
		assert.ok(rows.some((row) => row.startsWith('maindev-main') && row.includes('default branch')), JSON.stringify(rows));
	});

	test('the saved composer.json has the fork first and the aliased branch', () => {
		assert.ok(result.originalText && result.forkUrl, describeFailure(result));
		assert.equal(result.forkedText, expectedFork(result.originalText, result.forkUrl), describeFailure(result));
		assert.match(result.doneMessage ?? '', /acme\/lib now requires "dev-fix as 2\.x-dev" from the fork/);
	});

	test('one undo reverts the whole edit', () => {
		assert.equal(result.undoneText, result.originalText, describeFailure(result));
	});
});
