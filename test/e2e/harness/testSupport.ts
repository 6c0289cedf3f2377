// What the real-editor test files share: the packaged .vsix they install, and a readable account of a failed session.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, VSIX } from './env';
import type { RunResult } from './runner';

/** Packages the extension when the .vsix is missing or older than the bundles (the test runner packages first). */
export function ensureVsix(): void {
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

export function describeFailure(result: RunResult): string {
	const parts = [`session error: ${result.error ?? 'none'}`];
	for (const failure of result.failures ?? []) {
		parts.push(`failed step '${failure.step}': ${failure.error}`);
	}
	if (result.extensionLog) {
		parts.push(`extension output channel (tail):\n${result.extensionLog.slice(-1500)}`);
	}
	return parts.join('\n');
}
