// The built CLI (dist/cli.js) run as users run it, on real temp folders: exit codes, both output formats,
// and one-line error messages without stack traces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
/** The build under test; COMPOSER_REPOS_DIST points elsewhere to test another build of the same sources. */
const CLI = join(process.env.COMPOSER_REPOS_DIST || join(ROOT, 'dist'), 'cli.js');

const PEAR = '{\n\t"repositories": [\n\t\t{"type": "pear", "url": "https://pear.php.net"}\n\t]\n}\n';
const LEGACY = '{\n\t"repositories": [\n\t\t{"packagist": false}\n\t]\n}\n';
const CLEAN = '{\n\t"repositories": [\n\t\t{"type": "composer", "url": "https://repo.example.org"}\n\t]\n}\n';

interface Run { status: number | null; stdout: string; stderr: string }

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = { LC_ALL: 'C' }, script = CLI): Run {
	// LC_ALL=C by default: messages in English whatever the machine's locale.
	const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', ...env } });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Usage and I/O failures: exit 2, nothing on stdout, a short message on stderr, no stack trace. */
function assertUsageFailure(run: Run, pattern: RegExp): void {
	assert.equal(run.status, 2, `exit code; stderr: ${run.stderr}`);
	assert.equal(run.stdout, '');
	assert.match(run.stderr, pattern);
	assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
	assert.ok(run.stderr.split('\n').length <= 3, `short message: ${run.stderr}`);
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

interface JsonPosition { line: number; character: number }

interface JsonReport {
	file: string;
	diagnostics: { range: { start: JsonPosition; end: JsonPosition }; severity: string; code: string; message: string }[];
}

function assertJsonShape(report: unknown): asserts report is JsonReport {
	assert.ok(report && typeof report === 'object');
	assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'file']);
	const { file, diagnostics } = report as { file: unknown; diagnostics: unknown };
	assert.equal(typeof file, 'string');
	assert.ok(Array.isArray(diagnostics));
	for (const d of diagnostics as Record<string, unknown>[]) {
		assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
		const range = d.range as Record<string, Record<string, unknown>>;
		assert.deepEqual(Object.keys(range).sort(), ['end', 'start']);
		for (const end of [range.start, range.end]) {
			assert.deepEqual(Object.keys(end).sort(), ['character', 'line']);
			assert.ok(Number.isInteger(end.line) && (end.line as number) >= 0);
			assert.ok(Number.isInteger(end.character) && (end.character as number) >= 0);
		}
		assert.ok(SEVERITIES.has(d.severity as string), String(d.severity));
		assert.equal(typeof d.code, 'string');
		assert.equal(typeof d.message, 'string');
	}
}

describe('composer-repos check', () => {
	let dir: string;
	const folder = (name: string, text?: string): string => {
		const path = join(dir, name);
		mkdirSync(path, { recursive: true });
		if (text !== undefined) {
			writeFileSync(join(path, 'composer.json'), text);
		}
		return path;
	};

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'composer-repos-cli-'));
	});
	after(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	test('errors: exit 1, one compiler-style line per diagnostic, 1-based positions', () => {
		const project = folder('pear', PEAR);
		const text = cli(['check'], project);
		assert.equal(text.status, 1, text.stderr);
		assert.equal(text.stderr, '');
		const line = text.stdout.split('\n').find((l) => l.includes(' removed-type '));
		assert.ok(line, text.stdout);
		const match = /^composer\.json:(\d+):(\d+) error removed-type (.+)$/.exec(line);
		assert.ok(match, line);

		const json = cli(['check', '--format', 'json'], project);
		assert.equal(json.status, 1);
		const report: unknown = JSON.parse(json.stdout);
		assertJsonShape(report);
		assert.equal(report.file, 'composer.json');
		const removed = report.diagnostics.find((d) => d.code === 'removed-type');
		assert.ok(removed);
		assert.equal(removed.severity, 'error');
		assert.equal(removed.range.start.line, 2, 'JSON positions are 0-based');
		// The same diagnostic in both formats: text = JSON + 1.
		assert.equal(Number(match[1]), removed.range.start.line + 1);
		assert.equal(Number(match[2]), removed.range.start.character + 1);
		assert.equal(match[3], removed.message);
	});

	test('no errors: exit 0 with empty JSON diagnostics for a clean file', () => {
		const project = folder('clean', CLEAN);
		const json = cli(['check', '--format=json', project], dir);
		assert.equal(json.status, 0, json.stderr);
		const report: unknown = JSON.parse(json.stdout);
		assertJsonShape(report);
		assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
		assert.equal(report.file, join('clean', 'composer.json'));
	});

	test('diagnostics below error severity still exit 0; the summary counts them by the names the lines use', () => {
		const project = folder('legacy', LEGACY);
		const run = cli(['check', 'composer.json'], project);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^composer\.json:3:\d+ hint legacy-packagist /m);
		assert.match(run.stdout, /\n0 error\(s\), 0 warning\(s\), 1 hint\(s\)\n$/);
	});

	test('a clean file prints a one-line summary', () => {
		const run = cli(['check'], folder('clean-text', CLEAN));
		assert.equal(run.status, 0, run.stderr);
		assert.equal(run.stdout, '0 error(s), 0 warning(s), 0 hint(s)\n');
	});

	test('files Composer refuses before reading a key: empty, not UTF-8, an unpaired surrogate escape', () => {
		const cases: [name: string, bytes: Buffer, line: RegExp][] = [
			['empty', Buffer.alloc(0), /^composer\.json:1:1 error invalid-json The file is empty: Composer fails with "does not contain valid JSON"/m],
			['blank', Buffer.from(' \n\t\n'), /^composer\.json:1:1 error invalid-json The file is empty/m],
			['latin1', Buffer.from('{"name": "acme/app", "description": "caf\xe9"}', 'latin1'), /^composer\.json:1:41 error invalid-json The file on disk is not UTF-8 .*"composer\.json is not UTF-8, could not parse as JSON"/m],
			// U+D800 written as UTF-8 bytes (CESU-8): the raw lone surrogate of the issue.
			['lone-surrogate', Buffer.concat([Buffer.from('{"name": "acme/app",\n "description": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), /^composer\.json:2:18 error invalid-json The file on disk is not UTF-8/m],
			['escaped-surrogate', Buffer.from('{"name": "acme/app", "description": "\\ud800"}'), /^composer\.json:1:38 error invalid-json Half of a UTF-16 surrogate pair: .*"NULL value found, but an object is required"/m],
		];
		for (const [name, bytes, line] of cases) {
			const project = folder(`encoding-${name}`);
			writeFileSync(join(project, 'composer.json'), bytes);
			const run = cli(['check'], project);
			assert.equal(run.status, 1, `${name}: ${run.stdout}${run.stderr}`);
			assert.match(run.stdout, line, name);
			assert.equal(run.stderr, '');
		}
		// A U+FFFD the file really holds (valid UTF-8) and a paired escape are fine.
		const fine = folder('replacement-char', '{"name": "acme/app", "description": "\ufffd \\ud83d\\ude00"}');
		assert.equal(cli(['check'], fine).status, 0);
	});

	test('a file path outside the current folder is shown absolute', () => {
		const project = folder('absolute', PEAR);
		const file = join(project, 'composer.json');
		const run = cli(['check', file], ROOT);
		assert.equal(run.status, 1);
		assert.ok(run.stdout.startsWith(`${file}:3:`), run.stdout);
	});

	test('check never writes the file', () => {
		const project = folder('untouched', LEGACY);
		const file = join(project, 'composer.json');
		const before = statSync(file).mtimeMs;
		cli(['check', '--format', 'json'], project);
		cli(['check'], project);
		assert.equal(readFileSync(file, 'utf8'), LEGACY);
		assert.equal(statSync(file).mtimeMs, before);
	});

	test('broken JSON is reported, not a crash', () => {
		const project = folder('broken', '{"repositories": [ {"type": ');
		const run = cli(['check', '--format', 'json'], project);
		assert.ok(run.status === 0 || run.status === 1, run.stderr);
		assertJsonShape(JSON.parse(run.stdout));
	});

	test('exit 2: unknown option', () => {
		assertUsageFailure(cli(['check', '--bogus'], dir), /unknown option '--bogus'/);
	});

	test('exit 2: bad --format value and missing value', () => {
		assertUsageFailure(cli(['check', '--format', 'xml'], dir), /invalid value 'xml' for '--format'/);
		assertUsageFailure(cli(['check', '--format'], dir), /needs a value/);
	});

	test('exit 2: more than one PATH', () => {
		assertUsageFailure(cli(['check', 'a', 'b'], dir), /at most one PATH/);
	});

	test('exit 2: missing file', () => {
		assertUsageFailure(cli(['check', 'nope/composer.json'], dir), /cannot open nope\/composer\.json: no such file or directory/);
	});

	test('exit 2: a folder without composer.json', () => {
		const empty = folder('empty');
		assertUsageFailure(cli(['check', empty], dir), /no composer\.json in /);
		assertUsageFailure(cli(['check'], empty), /no composer\.json in \./);
	});

	test('exit 2: an unreadable file', () => {
		let target: string;
		if (process.getuid?.() === 0) {
			// root reads any mode-000 file; /proc/self/mem is a regular file nobody can read from offset 0.
			target = '/proc/self/mem';
		} else {
			const project = folder('unreadable', CLEAN);
			target = join(project, 'composer.json');
			chmodSync(target, 0o000);
		}
		assertUsageFailure(cli(['check', target], dir), /cannot read .*: /);
	});

	test('exit 2: unknown command and no command', () => {
		assertUsageFailure(cli(['frobnicate'], dir), /unknown command 'frobnicate'/);
		const none = cli([], dir);
		assert.equal(none.status, 2);
		assert.match(none.stderr, /Usage: composer-repos <command>/);
	});

	test('--help and --version', () => {
		const help = cli(['--help'], dir);
		assert.equal(help.status, 0);
		assert.match(help.stdout, /check \[PATH\] \[--format text\|json\]/);
		assert.match(help.stdout, /lsp --stdio/);
		const checkHelp = cli(['check', '--help'], dir);
		assert.equal(checkHelp.status, 0);
		assert.match(checkHelp.stdout, /Exit status: 0 no errors, 1 errors found, 2 usage or I\/O problem/);
		const version = cli(['--version'], dir);
		assert.equal(version.status, 0);
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
		assert.equal(version.stdout.trim(), pkg.version);
	});

	test('lsp rejects unknown options with exit 2', () => {
		assertUsageFailure(cli(['lsp', '--tcp'], dir), /unknown option '--tcp'/);
	});

	test('a locale without a bundle falls back to English', () => {
		const project = folder('locale', PEAR);
		const run = cli(['--locale', 'xx', 'check'], project);
		assert.equal(run.status, 1);
		assert.equal(run.stderr, '');
		assert.match(run.stdout, / error removed-type /);
		assert.equal(run.stdout, cli(['check'], project).stdout);
	});

	test('messages follow LANG through l10n/bundle.l10n.<locale>.json next to dist/', () => {
		const project = folder('translated', PEAR);
		// An installed layout of our own: <root>/dist/cli.js, <root>/package.json, <root>/l10n/bundle.l10n.ko.json.
		const install = join(dir, 'install');
		mkdirSync(join(install, 'dist'), { recursive: true });
		mkdirSync(join(install, 'l10n'));
		copyFileSync(CLI, join(install, 'dist', 'cli.js'));
		writeFileSync(join(install, 'package.json'), '{}');
		writeFileSync(join(install, 'l10n', 'bundle.l10n.ko.json'), JSON.stringify({
			'{0} error(s), {1} warning(s), {2} hint(s)': '오류 {0}개, 경고 {1}개, 힌트 {2}개',
			'no composer.json in {0}': '{0}에 composer.json이 없습니다',
		}));
		const script = join(install, 'dist', 'cli.js');
		const korean = cli(['check'], project, { LANG: 'ko_KR.UTF-8' }, script);
		assert.equal(korean.status, 1);
		assert.match(korean.stdout, /^오류 1개, 경고 0개, 힌트 0개$/m);
		assertUsageFailure(cli(['check', folder('translated-empty')], dir, { LC_MESSAGES: 'ko_KR' }, script), /composer\.json이 없습니다/);
		// --locale wins over the environment.
		assert.match(cli(['--locale', 'en', 'check'], project, { LANG: 'ko_KR.UTF-8' }, script).stdout, /^1 error\(s\), 0 warning\(s\), 0 hint\(s\)$/m);
	});
});
