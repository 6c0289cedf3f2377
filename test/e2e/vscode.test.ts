// Real-editor end-to-end test: the packaged .vsix in a real VS Code (code-server, the browser build with a Node
// extension host) driven through Debian's Chromium, as a user would see it. Needs `bash scripts/setup.sh --e2e`.
// Screenshots and logs land in test-results/e2e/<stamp>/; COMPOSER_REPOS_E2E_SCREENSHOTS=1 also copies the
// screenshots to images/ for the README. COMPOSER_REPOS_E2E_CONTROL=no-extension runs the negative control
// (the same session without our extension), which must make these tests fail.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { EXTENSION_ID, ROOT, VSIX } from './harness/env';
import type { RunResult } from './harness/runner';
import { runSession } from './harness/session';
import { COMPLETION_AT, COMPOSER_JSON, PACKAGE_NAME, PEAR_LINE } from './harness/workspace';

/**
 * The whole session: above the sum of its own waits' usual worst case on a loaded 2-core machine (install and
 * list the extension, start code-server, then the driver's steps: see DEADLINES_MS in harness/driver.ts), so
 * that a slow step fails with its own message rather than this one. An idle machine needs about 30 s.
 */
const SESSION_DEADLINE_MS = 900_000;

/** Packages the extension when the .vsix is missing or older than the bundles (the test runner packages first). */
function ensureVsix(): void {
	if (process.env.COMPOSER_REPOS_E2E_VSIX) {
		assert.ok(existsSync(VSIX), `${VSIX} does not exist`);
		return;
	}
	const bundles = ['dist/extension.js', 'dist/server.js'].map((f) => join(ROOT, f));
	const newest = Math.max(...bundles.map((f) => (existsSync(f) ? statSync(f).mtimeMs : Infinity)));
	if (existsSync(VSIX) && statSync(VSIX).mtimeMs >= newest) {
		return;
	}
	const r = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	assert.equal(r.status, 0, 'node scripts/package.mjs failed');
}

function describeFailure(result: RunResult): string {
	const parts = [`session error: ${result.error ?? 'none'}`];
	for (const failure of result.failures ?? []) {
		parts.push(`failed step '${failure.step}': ${failure.error}`);
	}
	if (result.extensionLog) {
		parts.push(`extension output channel (tail):\n${result.extensionLog.slice(-1500)}`);
	}
	return parts.join('\n');
}

describe('VS Code end to end (code-server + Chromium)', () => {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const outDir = join(ROOT, 'test-results', 'e2e', stamp);
	const withExtension = process.env.COMPOSER_REPOS_E2E_CONTROL !== 'no-extension';
	let result: RunResult;

	before(async () => {
		ensureVsix();
		result = await runSession({ outDir, withExtension, deadlineMs: SESSION_DEADLINE_MS });
		if (process.env.COMPOSER_REPOS_E2E_SCREENSHOTS === '1' && !result.error && result.failures?.length === 0) {
			for (const file of result.screenshots ?? []) {
				copyFileSync(file, join(ROOT, 'images', basename(file)));
			}
		}
	}, { timeout: SESSION_DEADLINE_MS + 60_000 });

	test('installs the packaged extension into a fresh code-server', () => {
		const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
		assert.ok(result.installedExtensions.includes(`${EXTENSION_ID}@${version}`),
			`installed: ${JSON.stringify(result.installedExtensions)}\n${describeFailure(result)}`);
	});

	test('shows the removed-type diagnostic of the pear repository in the Problems panel', () => {
		const row = result.problemRows?.find((r) => r.includes('removed-type'));
		assert.ok(row, `no removed-type row in the Problems panel: ${JSON.stringify(result.problemRows)}\n${describeFailure(result)}`);
		assert.match(row, /pear/i, 'the message names PEAR');
		assert.match(row, new RegExp(`\\[Ln ${PEAR_LINE}, Col \\d+\\]`), `the diagnostic sits on the pear entry (line ${PEAR_LINE})`);
		assert.ok(result.screenshots?.some((f) => f.endsWith('diagnostic.png')), 'diagnostic screenshot taken');
	});

	test('shows the diagnostic in the hover over the pear value', () => {
		assert.match(result.hoverText ?? '', /removed-type/, `hover: ${JSON.stringify(result.hoverText)}\n${describeFailure(result)}`);
		assert.match(result.hoverText ?? '', /pear/i);
	});

	test('offers vcs when completing an empty type value', () => {
		assert.equal(result.cursorStatus, `Ln ${COMPLETION_AT.line}, Col ${COMPLETION_AT.column}`, describeFailure(result));
		assert.ok(result.completionLabels?.includes('vcs'),
			`suggestions: ${JSON.stringify(result.completionLabels)}\n${describeFailure(result)}`);
		// "vcs" also occurs in the document; types it does not mention can only come from our server.
		const notInDocument = ['hg', 'fossil', 'svn', 'perforce', 'gitlab', 'bitbucket', 'artifact'];
		assert.ok(notInDocument.every((type) => !COMPOSER_JSON.includes(type)));
		assert.ok(result.completionLabels?.some((label) => notInDocument.includes(label)),
			`no repository type beyond the document's words: ${JSON.stringify(result.completionLabels)}`);
		assert.ok(result.screenshots?.some((f) => f.endsWith('completion.png')), 'completion screenshot taken');
	});

	test('"Check Packagist Hook Status" on the composer.json shows the verdict from the fake Packagist and GitHub', () => {
		const shown = result.hookNotification ?? '';
		// The fakes serve acme/alpha's data under the workspace's name: every tag and the head on Packagist and the
		// page marked auto-updated make it ok. code-server has no GitHub session, so the hook itself is unknown
		// (no token): the notification offers to sign in, and the verdict cannot be worse than the fakes say.
		assert.match(shown, new RegExp(`${PACKAGE_NAME} — verdict: ok\\.`), `notification: ${JSON.stringify(shown)}\n${describeFailure(result)}`);
		assert.match(shown, /Sign in to GitHub/, 'the unknown hook (no GitHub token) offers to sign in');
		assert.ok((result.hookRequests ?? 0) > 0, 'the check reached the fake services');
		assert.ok(result.screenshots?.some((f) => f.endsWith('hook-status.png')), 'hook status screenshot taken');
	});

	test('completes the session without errors or requests beyond loopback', () => {
		assert.equal(result.error, undefined, describeFailure(result));
		assert.deepEqual(result.failures, [], describeFailure(result));
		assert.deepEqual(result.blockedRequests, []);
	});
});
