// One real-editor session, run as its own process (inside a loopback-only network namespace when the test can
// make one): install the packaged .vsix into a fresh code-server, drive it with Playwright, write result.json.
//   node --import tsx test/e2e/harness/runner.ts OUT_DIR [--no-extension]
// --no-extension is the negative control: the same session without our extension must fail the test.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type Browser } from './browser';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { drive, type DriverRecord } from './driver';
import { loadE2eTools, VSIX } from './env';
import { startFakeHooks, type FakeHooks } from './fakeHooks';
import { COMPLETION_AT, createRunFolder, PACKAGE_NAME } from './workspace';

/** What one session saw. `error` is a failure of the session itself; failed checks are in `failures`. */
export interface RunResult extends Partial<DriverRecord> {
	netns: boolean;
	installedExtensions: string[];
	blockedRequests: string[];
	consoleErrors: string[];
	/** How many requests reached the fake Packagist/GitHub/GitLab/Bitbucket. */
	hookRequests?: number;
	/** The extension's output channel (its log file), for failures. */
	extensionLog?: string;
	error?: string;
	totalMs: number;
}

/** code-server took 51.6 s to answer /healthz on a loaded 2-core machine (issue 12); about 3 s when idle. */
const CODE_SERVER_START_MS = 180_000;

const [outDir, ...flags] = process.argv.slice(2);
const withExtension = !flags.includes('--no-extension');
const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);

let codeServer: CodeServer | undefined;
let browser: Browser | undefined;
let hooks: FakeHooks | undefined;
process.on('SIGTERM', () => {
	void Promise.allSettled([browser?.close(), codeServer?.stop(), hooks?.close()]).then(() => process.exit(143));
});

async function main(): Promise<RunResult> {
	const result: RunResult = {
		netns: process.env.COMPOSER_REPOS_E2E_NETNS === '1', installedExtensions: [], blockedRequests: [], consoleErrors: [], totalMs: 0,
	};
	const tools = loadE2eTools();
	if (tools instanceof Error) {
		return { ...result, error: tools.message };
	}
	// The fakes first: their URLs go into the user settings, their git redirection into code-server's environment.
	hooks = await startFakeHooks();
	Object.assign(process.env, hooks.env);
	log(`fake Packagist/GitHub/GitLab/Bitbucket on ${hooks.fake.url}`);
	const run = createRunFolder(hooks.userSettings);
	try {
		if (withExtension) {
			result.installedExtensions = await installExtension(tools, run, VSIX);
			log(`installed ${result.installedExtensions.join(', ')}`);
		} else {
			log('negative control: no extension installed');
		}
		codeServer = await startCodeServer(tools, run, join(outDir, 'code-server.log'), CODE_SERVER_START_MS);
		log(`code-server ${tools.codeServerVersion} healthy`);
		browser = await launchBrowser(tools, { width: 1280, height: 760 });
		browser.page.on('console', (message) => {
			if (message.type() === 'error') {
				result.consoleErrors.push(message.text().slice(0, 300));
			}
		});
		const record = await drive(browser.page, {
			url: codeServer.url,
			outDir,
			diagnosticCode: 'removed-type',
			completionAt: COMPLETION_AT,
			completionLabel: 'vcs',
			hookPackage: PACKAGE_NAME,
		}, t0, log);
		Object.assign(result, record);
		result.blockedRequests = browser.blockedRequests;
		result.hookRequests = hooks.fake.requests.length;
	} catch (error) {
		result.error = error instanceof Error ? error.message : String(error);
	} finally {
		await browser?.close().catch(() => undefined);
		await codeServer?.stop();
		await hooks?.close().catch(() => undefined);
		result.extensionLog = collectExtensionLog(run.userData, outDir);
		rmSync(run.dir, { recursive: true, force: true });
	}
	return result;
}

/** Copies the window logs next to the screenshots and returns our output channel's log. */
function collectExtensionLog(userData: string, out: string): string | undefined {
	const logs = join(userData, 'logs');
	if (!existsSync(logs)) {
		return undefined;
	}
	cpSync(logs, join(out, 'vscode-logs'), { recursive: true });
	const found = findFile(join(out, 'vscode-logs'), 'Composer Repositories.log');
	return found ? readFileSync(found, 'utf8').slice(-4000) : undefined;
}

function findFile(dir: string, name: string): string | undefined {
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) {
			const inner = findFile(path, name);
			if (inner) {
				return inner;
			}
		} else if (entry === name) {
			return path;
		}
	}
	return undefined;
}

main().then(
	(result) => finish(result),
	(error: unknown) => finish({
		netns: false, installedExtensions: [], blockedRequests: [], consoleErrors: [], totalMs: 0,
		error: error instanceof Error ? error.stack ?? error.message : String(error),
	}),
);

function finish(result: RunResult): void {
	result.totalMs = Date.now() - t0;
	writeFileSync(join(outDir, 'result.json'), JSON.stringify(result, null, '\t') + '\n');
	log(`${result.error || result.failures?.length ? 'failed' : 'finished'} in ${result.totalMs} ms; results in ${outDir}`);
	process.exit(0);
}
