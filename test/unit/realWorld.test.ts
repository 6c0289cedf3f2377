// "No false positives" corpus: composer.json files modelled on common real-world setups. Each must get no
// error from us, and Composer itself (Debian's composer, run offline) must accept each one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { validate } from './validationHarness';

const corpus = path.join(__dirname, '..', 'fixtures', 'realWorld');
const fixtures = fs.readdirSync(corpus).filter((n) => fs.existsSync(path.join(corpus, n, 'composer.json'))).sort();

function runComposer(cwd: string, home: string, args: string[]): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		execFile('composer', args, {
			cwd,
			env: { PATH: process.env.PATH, HOME: home, COMPOSER_HOME: path.join(home, 'composer'), COMPOSER_DISABLE_NETWORK: '1', COMPOSER_NO_INTERACTION: '1', COMPOSER_ALLOW_SUPERUSER: '1' },
			timeout: 60_000,
		}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
			resolve({ code, output: `${stdout}${stderr}` });
		});
	});
}

describe('real-world corpus', () => {
	let home: string;
	before(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), 'composer-repos-home-')); });
	after(() => fs.rmSync(home, { recursive: true, force: true }));

	test('the corpus has about 25 files', () => {
		assert.ok(fixtures.length >= 25, `only ${fixtures.length} fixtures`);
	});

	test('no fixture gets an error from the validator', async () => {
		const options = { facts: createNodeLocalFacts(), env: {}, homeDir: home };
		for (const name of fixtures) {
			const file = path.join(corpus, name, 'composer.json');
			const { diagnostics } = await validate(fs.readFileSync(file, 'utf8'), options, file);
			const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
			assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), [], `${name} has errors`);
		}
	});

	test('Composer itself accepts every fixture (composer validate, offline)', async () => {
		const queue = [...fixtures];
		const failures: string[] = [];
		// Composer starts slowly: a few at a time keeps this short on a 2-core machine.
		await Promise.all([0, 1, 2].map(async () => {
			for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
				const r = await runComposer(path.join(corpus, name), home, ['validate', '--no-check-publish', '--no-check-lock']);
				if (r.code !== 0 || !/is valid/.test(r.output)) failures.push(`${name} (exit ${r.code}):\n${r.output.slice(0, 600)}`);
			}
		}));
		assert.deepEqual(failures, []);
	});

	test('Composer reads the repositories of a packagist-free fixture (composer config repositories)', async () => {
		const r = await runComposer(path.join(corpus, 'privateOnly'), home, ['config', 'repositories']);
		assert.equal(r.code, 0, r.output);
		assert.match(r.output, /packages\.acme\.example/);
	});
});
