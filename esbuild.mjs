// Bundles the client, the language server, the CLI and the public semver module into dist/.
// Everything the extension needs at run time is bundled, so the .vsix ships no node_modules.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { writeSchemaValidators } from './scripts/schemaValidators.mjs';

const production = process.argv.includes('--production');
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	sourcemap: production ? false : 'linked',
	minify: production,
	logLevel: 'warning',
	// jsonc-parser's UMD entry confuses bundlers; its ESM build bundles cleanly.
	mainFields: ['module', 'main'],
};

// The schema is compiled here, not when the CLI or the server starts (scripts/schemaValidators.mjs says why).
writeSchemaValidators();

await Promise.all([
	esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
	esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
	esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
	esbuild.build({ ...common, entryPoints: ['server/src/semver/index.ts'], outfile: 'dist/semver.js' }),
]);

// Type declarations for the public `./semver` export.
execFileSync(process.execPath, [
	'node_modules/typescript/bin/tsc', 'server/src/semver/index.ts', '--declaration', '--emitDeclarationOnly',
	'--target', 'ES2022', '--module', 'Node16', '--moduleResolution', 'Node16', '--strict', '--skipLibCheck',
	'--outDir', 'dist/types/semver',
], { stdio: 'inherit' });
