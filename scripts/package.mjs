#!/usr/bin/env node
// Packages the extension into dist/composer-repositories.vsix with the pinned @vscode/vsce (3.9.1 runs on
// Node 20), then checks what went in. Packages the current dist/ as built by `node esbuild.mjs` (the test
// runner builds first; `npm run package` builds for production first); builds only when dist/ is missing.
// Never interactive: vsce's y/N prompts read an empty stdin and abort instead of hanging.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const out = 'dist/composer-repositories.vsix';

/** Entries the installed extension cannot work without. */
const REQUIRED = [
	'extension/package.json',
	'extension/dist/extension.js',
	'extension/dist/server.js',
	'extension/package.nls.json',
	'extension/package.nls.ko.json',
	'extension/l10n/bundle.l10n.ko.json',
	'extension/LICENSE.txt',
];
/** Entries that mean the whitelist in .vscodeignore leaks sources or dependencies. */
const FORBIDDEN = [/\/node_modules\//, /\.ts$/, /\.map$/, /^extension\/(client|server|test|scripts|bench)\//];

function fail(message) {
	console.error(`package: ${message}`);
	process.exit(1);
}

function run(cmd, args) {
	const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 });
	if (r.status !== 0) {
		fail(`'${args.join(' ')}' failed (exit ${r.status ?? r.signal ?? r.error})`);
	}
}

if (!existsSync(join(root, 'dist/extension.js')) || !existsSync(join(root, 'dist/server.js'))) {
	run(process.execPath, ['esbuild.mjs']);
}
run(process.execPath, [
	join(root, 'node_modules/@vscode/vsce/vsce'), 'package',
	'--no-dependencies',
	'--allow-missing-repository',
	// The README shows screenshots by relative path; there is no public repository URL to rewrite them to,
	// and inside the .vsix the relative paths resolve against the packaged images/.
	'--no-rewrite-relative-links',
	'-o', out,
]);

const entries = await listZip(join(root, out));
const missing = REQUIRED.filter((e) => !entries.includes(e));
const leaked = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
if (missing.length > 0) {
	fail(`${out} lacks ${missing.join(', ')}`);
}
if (leaked.length > 0) {
	fail(`${out} holds files it should not (check .vscodeignore): ${leaked.slice(0, 10).join(', ')}`);
}
console.log(`package: ${out} (${Math.round(statSync(join(root, out)).size / 1024)} KiB, ${entries.length} entries)`);

function listZip(file) {
	const yauzl = require('yauzl');
	return new Promise((resolve, reject) => {
		yauzl.open(file, { lazyEntries: true }, (error, zip) => {
			if (error) {
				reject(error);
				return;
			}
			const names = [];
			zip.on('entry', (entry) => {
				names.push(entry.fileName);
				zip.readEntry();
			});
			zip.on('end', () => resolve(names));
			zip.on('error', reject);
			zip.readEntry();
		});
	});
}
