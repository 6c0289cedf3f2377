// In-process extension tests in a downloaded VS Code (Electron), for machines that can reach
// update.code.visualstudio.com: `npm run test:electron`. Offline machines use the code-server test
// (test/e2e/vscode.test.ts) instead. The suite is bundled first because the extension host loads plain JS.
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPOSER_JSON } from '../harness/workspace';

const root = join(__dirname, '../../..');

async function main(): Promise<void> {
	const suite = join(root, 'dist/test/electronSuite.js');
	await esbuild.build({
		entryPoints: [join(__dirname, 'suite/index.e2e.ts')],
		outfile: suite,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
		logLevel: 'warning',
	});
	const workspace = mkdtempSync(join(tmpdir(), 'composer-repos-electron-'));
	writeFileSync(join(workspace, 'composer.json'), COMPOSER_JSON);
	try {
		await runTests({
			extensionDevelopmentPath: root,
			extensionTestsPath: suite,
			extensionTestsEnv: { COMPOSER_REPOS_E2E_WORKSPACE: workspace },
			// Only our extension, a trusted folder, no welcome page.
			launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
		});
	} finally {
		rmSync(workspace, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
