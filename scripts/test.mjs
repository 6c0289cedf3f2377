#!/usr/bin/env node
// The project's one test command (`npm test`): installs what the tests need, builds, and runs every
// test file in one node:test run, so one summary says how many passed, failed or were skipped.
//   --no-e2e   leave out the real-editor tests (VS Code, Neovim, Emacs) (quick local runs; CI always runs everything)
//   --only PATTERN  run only test files whose path contains PATTERN
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const withE2e = !args.includes('--no-e2e');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const root = new URL('..', import.meta.url).pathname;

function run(cmd, cmdArgs, opts = {}) {
	const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
	if (r.status !== 0) {
		console.error(`test: '${cmd} ${cmdArgs.join(' ')}' failed (exit ${r.status ?? r.signal})`);
		process.exit(1);
	}
}

function findTests(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (name === 'fixtures' || name === 'node_modules') continue;
		if (statSync(p).isDirectory()) out.push(...findTests(p));
		else if (name.endsWith('.test.ts')) out.push(relative(root, p));
	}
	return out.sort();
}

run('bash', ['scripts/setup.sh', ...(withE2e ? ['--e2e'] : [])]);
if (withE2e) {
	// The real-editor test installs the .vsix we ship: the minified production build.
	run(process.execPath, ['esbuild.mjs', '--production']);
	run(process.execPath, ['scripts/package.mjs']);
}
// Everything else runs on the development build (readable stack traces); the .vsix is already packed.
run(process.execPath, ['esbuild.mjs']);
// Type errors fail the run too: esbuild strips types without checking them. `-b` builds the projects in
// reference order, so the client cannot compile against server code (tsconfig.json).
run(process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
// So do lint errors: the layer boundaries and the house style (eslint.config.mjs).
run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);

let files = findTests(join(root, 'test'));
// The real-editor suites need the tools setup.sh --e2e installs (code-server, Chromium, Neovim, Emacs).
if (!withE2e) files = files.filter((f) => !f.startsWith('test/e2e/') && !f.startsWith('test/editors/'));
if (only) files = files.filter((f) => f.includes(only));
if (files.length === 0) {
	console.error('test: no test files found');
	process.exit(1);
}
// A second reporter writes TAP to a file so that skipped or todo tests can be counted: a skipped test
// hides a failure, so the full run fails on any.
const tapFile = join(mkdtempSync(join(tmpdir(), 'composer-repos-test-')), 'results.tap');
const r = spawnSync(process.execPath, [
	'--import', 'tsx', '--test',
	'--test-reporter=spec', '--test-reporter-destination=stdout',
	'--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
	...files,
], {
	stdio: 'inherit', cwd: root,
	env: {
		...process.env,
		COMPOSER_REPOS_E2E: withE2e ? '1' : '',
		// The e2e test installs the production .vsix packed above, not one repacked from the dev build.
		...(withE2e ? { COMPOSER_REPOS_E2E_VSIX: join(root, 'dist/composer-repositories.vsix') } : {}),
	},
});
const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
const count = (label) => Number(tap.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
const skipped = count('skipped') + count('todo');
if (r.status === 0 && skipped > 0 && !only) {
	console.error(`test: ${skipped} test(s) skipped or todo; every test must run`);
	process.exit(1);
}
process.exit(r.status ?? 1);
