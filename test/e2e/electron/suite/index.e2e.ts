// Runs inside VS Code's extension host (see ../runTest.ts): the extension under development serves the
// fixture composer.json; the checks mirror the code-server test, through the API instead of the UI.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMPLETION_AT, PEAR_LINE } from '../../harness/workspace';

const DEADLINE_MS = 60_000;

export async function run(): Promise<void> {
	const workspace = process.env.COMPOSER_REPOS_E2E_WORKSPACE;
	assert.ok(workspace, 'COMPOSER_REPOS_E2E_WORKSPACE is set by runTest.ts');
	const uri = vscode.Uri.file(join(workspace, 'composer.json'));
	const document = await vscode.workspace.openTextDocument(uri);
	await vscode.window.showTextDocument(document);

	const checks: Array<[string, () => Promise<void>]> = [
		['reports removed-type on the pear repository', async () => {
			const diagnostics = await waitForDiagnostics(uri, (d) => codeOf(d) === 'removed-type');
			const pear = diagnostics.find((d) => codeOf(d) === 'removed-type')!;
			assert.match(pear.message, /pear/i);
			assert.equal(pear.range.start.line, PEAR_LINE - 1);
			assert.equal(pear.severity, vscode.DiagnosticSeverity.Error);
		}],
		['completes vcs in an empty type value', async () => {
			const position = new vscode.Position(COMPLETION_AT.line - 1, COMPLETION_AT.column - 1);
			const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
			const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
			assert.ok(labels.includes('vcs'), `labels: ${labels.join(', ')}`);
		}],
		['contributes its commands', async () => {
			const commands = await vscode.commands.getCommands(true);
			for (const id of ['composerRepositories.showOutput', 'composerRepositories.restartServer']) {
				assert.ok(commands.includes(id), id);
			}
			await vscode.commands.executeCommand('composerRepositories.showOutput');
		}],
		['restarts the server and validates again', async () => {
			await vscode.commands.executeCommand('composerRepositories.restartServer');
			await waitForDiagnostics(uri, (d) => codeOf(d) === 'removed-type');
		}],
	];
	const failures: string[] = [];
	for (const [name, check] of checks) {
		try {
			await check();
			console.log(`ok - ${name}`);
		} catch (error) {
			failures.push(name);
			console.error(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	if (failures.length > 0) {
		throw new Error(`${failures.length} of ${checks.length} checks failed: ${failures.join('; ')}`);
	}
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
	const code = diagnostic.code;
	return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Resolves with the document's diagnostics once one matches; rejects after the deadline. */
function waitForDiagnostics(uri: vscode.Uri, match: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = () => {
			const diagnostics = vscode.languages.getDiagnostics(uri);
			if (diagnostics.some(match)) {
				finish();
				resolve(diagnostics);
			}
		};
		const listener = vscode.languages.onDidChangeDiagnostics(check);
		const timer = setTimeout(() => {
			finish();
			reject(new Error(`no matching diagnostic within ${DEADLINE_MS} ms: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(codeOf))}`));
		}, DEADLINE_MS);
		const finish = () => {
			listener.dispose();
			clearTimeout(timer);
		};
		check();
	});
}
