// Real non-VS Code editors against the built server: headless Neovim and Emacs + eglot, each configured with
// exactly the snippet docs/editors.md shows, open a composer.json with a pear repository. Their check scripts
// (nvim/check.lua, emacs/check.el) print what the editor received; the assertions are here.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createWorkspace, describeRun, docSnippet, ROOT, runEditor, type EditorRun, type Workspace } from './editorRun';

const COMPOSER_JSON = '{\n\t"repositories": [\n\t\t{"type": "pear", "url": "https://pear.php.net"}\n\t]\n}\n';
const LINES = COMPOSER_JSON.split('\n');
const PEAR_LINE = 2;
const PEAR_START = LINES[PEAR_LINE].indexOf('"pear"');
/** The new repository the scripts type above the pear one, so that completion runs in an edited buffer. */
const INSERTED = '\t\t{"type": ""},';

/** What the check scripts do, in 0-based LSP positions (all ASCII, so UTF-16 and byte columns agree). */
const PLAN = {
	// Each wait (client attached, diagnostics published, hover, re-published after the edit, completion) gets
	// this long: about 0.5 s is usual, but a loaded 2-core machine has been seen to need ten times that and
	// more. A wait that runs out fails with a message naming what it waited for.
	deadlineMs: 30_000,
	hover: { line: PEAR_LINE, character: LINES[PEAR_LINE].indexOf('"type"') + 2 },
	insert: { line: PEAR_LINE, text: INSERTED },
	completion: { line: PEAR_LINE, character: INSERTED.indexOf('""') + 1 },
	movedLine: PEAR_LINE + 1,
};

interface LspDiagnostic {
	code?: string | number;
	severity?: number;
	message: string;
	range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface CheckResult {
	errors: string[];
	publishes: { version?: number; diagnostics: LspDiagnostic[] }[];
	hover?: string | null;
	completion?: string[];
	client?: string;
}

interface EditorCase {
	name: string;
	/** Writes the doc's snippet where the editor loads it; returns the command line. */
	prepare(workspace: Workspace): { command: string; args: string[]; env: Record<string, string> };
}

const EDITORS: EditorCase[] = [
	{
		name: 'Neovim',
		prepare(workspace) {
			const init = join(workspace.home, 'init.lua');
			writeFileSync(init, docSnippet('neovim'));
			return {
				command: 'nvim',
				// --cmd runs check.lua before init.lua, so its diagnostics recorder is in place first.
				args: ['--headless', '--noplugin', '-u', init, '-i', 'NONE', '-n',
					'--cmd', 'lua dofile(os.getenv(\'COMPOSER_REPOS_CHECK\'))',
					// The last -c only runs when the check could not quit by itself (check.lua failed to load).
					'-c', 'lua ComposerReposCheck()', '-c', 'cquit! 2', workspace.file],
				env: { COMPOSER_REPOS_CHECK: join(ROOT, 'test/editors/nvim/check.lua'), COMPOSER_REPOS_PLAN: JSON.stringify(PLAN) },
			};
		},
	},
	{
		name: 'Emacs + eglot',
		prepare(workspace) {
			const config = join(workspace.home, 'composer-repos.el');
			writeFileSync(config, docSnippet('eglot'));
			return {
				command: 'emacs',
				args: ['--batch', '-Q', '-l', join(ROOT, 'test/editors/emacs/check.el')],
				env: { COMPOSER_REPOS_CONFIG: config, COMPOSER_REPOS_FILE: workspace.file, COMPOSER_REPOS_PLAN: JSON.stringify(PLAN) },
			};
		},
	},
];

/** Starts one editor in its own workspace; the editors run side by side, which halves the wall time. */
function start(editor: EditorCase): { workspace: Workspace; run: Promise<EditorRun> } {
	const workspace = createWorkspace(COMPOSER_JSON);
	try {
		const { command, args, env } = editor.prepare(workspace);
		return { workspace, run: runEditor(command, args, workspace, env) };
	} catch (error) {
		// E.g. the doc lost its marker: every test of this editor then fails with the reason.
		const stderr = `could not prepare the run: ${(error as Error).message}`;
		return { workspace, run: Promise.resolve({ code: null, signal: null, timedOut: false, stdout: '', stderr }) };
	}
}

const sessions = EDITORS.map((editor) => ({ editor, ...start(editor) }));

for (const { editor, workspace, run: running } of sessions) {
	describe(`${editor.name} with the docs/editors.md configuration`, () => {
		let run: EditorRun;

		before(async () => {
			run = await running;
		});
		after(() => workspace.cleanup());

		/** The script's JSON; fails with the editor's output when there is none. */
		function checked(): CheckResult {
			assert.ok(run.result, `no JSON result from the editor.\n${describeRun(editor.name, run)}`);
			return run.result as unknown as CheckResult;
		}

		test('the editor ran every step and exited 0', () => {
			const result = checked();
			assert.deepEqual(result.errors, [], describeRun(editor.name, run));
			assert.equal(run.code, 0, describeRun(editor.name, run));
		});

		test('(a) removed-type arrives on the "pear" value with the right 0-based range', () => {
			const first = checked().publishes.find((p) => p.diagnostics.some((d) => d.code === 'removed-type'));
			assert.ok(first, `no removed-type diagnostic.\n${describeRun(editor.name, run)}`);
			const removed = first.diagnostics.filter((d) => d.code === 'removed-type');
			assert.equal(removed.length, 1, JSON.stringify(first.diagnostics));
			assert.deepEqual(removed[0].range, {
				start: { line: PEAR_LINE, character: PEAR_START },
				end: { line: PEAR_LINE, character: PEAR_START + '"pear"'.length },
			});
			assert.equal(removed[0].severity, 1);
		});

		test('after typing a line above it, the diagnostic follows the pear repository', () => {
			const last = checked().publishes.at(-1);
			const removed = last?.diagnostics.filter((d) => d.code === 'removed-type') ?? [];
			assert.deepEqual(removed.map((d) => d.range.start), [{ line: PEAR_LINE + 1, character: PEAR_START }],
				describeRun(editor.name, run));
		});

		test('(b) completion inside the typed "type": "" offers vcs', () => {
			const labels = (checked().completion ?? []).map((label) => label.replace(/"/g, ''));
			assert.ok(labels.includes('vcs'), `labels: ${labels.join(', ')}\n${describeRun(editor.name, run)}`);
		});

		test('(c) hover over "type" returns text', () => {
			const hover = checked().hover ?? '';
			assert.ok(hover.trim().length > 10, `hover: ${JSON.stringify(hover)}\n${describeRun(editor.name, run)}`);
			assert.match(hover, /vcs|composer|type/i);
		});
	});
}
