// The lint really enforces the layers of docs/architecture.md: code that crosses a boundary, linted as if it
// were a file in that folder, gets the layer-imports error, and code that stays inside its layer gets none. If the
// rule or its table rots (a folder renamed, the config no longer loaded), these fail.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');

describe('lint: layer boundaries', () => {
	let eslint: ESLint;
	before(() => {
		eslint = new ESLint({ cwd: ROOT });
	});

	/** The rule ids and messages ESLint reports for `code` as the file `file` (nothing is written to disk). */
	async function lint(file: string, code: string): Promise<Array<{ ruleId: string | null; message: string }>> {
		const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
		return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
	}

	async function assertLayerError(file: string, code: string, expected: RegExp): Promise<void> {
		const messages = await lint(file, code);
		const layerErrors = messages.filter((m) => m.ruleId === 'layers/layer-imports');
		assert.equal(layerErrors.length, 1, `${file}: expected one layer error, got ${JSON.stringify(messages)}`);
		assert.match(layerErrors[0].message, expected);
	}

	const crossings: Array<[string, string, RegExp]> = [
		['server/src/service/zz.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n", /package 'node:fs'/],
		['server/src/service/validation/zz.ts', "import { spawn } from 'child_process';\nexport const run = spawn;\n", /package 'node:child_process'/],
		['server/src/service/zz.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n", /package 'vscode'/],
		['server/src/service/zz.ts', "import { fetchText } from '../net/http';\nexport const f = fetchText;\n", /server\/src\/net\//],
		['server/src/service/hover/zz.ts', "export { resolve } from '../../resolvers/registry';\n", /server\/src\/resolvers\//],
		['server/src/service/zz.ts', "export type T = import('../lsp/server').X;\n", /server\/src\/lsp\//],
		['server/src/semver/zz.ts', "import { x } from '../composer/packageNames';\nexport const y = x;\n", /it may import only itself/],
		['server/src/composer/zz.ts', "import { x } from '../model/composerDocument';\nexport const y = x;\n", /server\/src\/model\//],
		['server/src/model/zz.ts', "import { x } from '../service/types';\nexport const y = x;\n", /server\/src\/service\//],
		['server/src/net/zz.ts', "import { x } from '../resolvers/types';\nexport const y = x;\n", /server\/src\/resolvers\//],
		['server/src/resolvers/vcs/zz.ts', "import type { X } from '../../service/liveData';\nexport type Y = X;\n", /server\/src\/service\//],
		['server/src/lsp/zz.ts', "import { x } from '../cli/args';\nexport const y = x;\n", /server\/src\/cli\//],
		['client/src/zz.ts', "import { x } from '../../server/src/semver';\nexport const y = x;\n", /client\/ may not import server\/src\/semver\//],
		['protocol/zz.ts', "import { x } from '../client/src/extension';\nexport const y = x;\n", /client\//],
		['protocol/zz.ts', "const fs = require('node:fs');\nexport const y = fs;\n", /package 'node:fs'/],
	];
	for (const [file, code, expected] of crossings) {
		test(`${file} importing ${code.match(/'([^']+)'/)?.[1]} is an error`, () => assertLayerError(file, code, expected));
	}

	test('imports that stay inside their layer are clean', async () => {
		const allowed: Array<[string, string]> = [
			['server/src/service/zz.ts', "import { x } from '../model/composerDocument';\nimport { y } from '../../../schemas/s.json';\nexport const z = [x, y];\n"],
			['server/src/service/zz.ts', "import * as l10n from '@vscode/l10n';\nimport { parseTree } from 'jsonc-parser';\nexport const z = [l10n, parseTree];\n"],
			['server/src/resolvers/zz.ts', "import { readFileSync } from 'node:fs';\nimport { x } from '../net/http';\nexport const z = [readFileSync, x];\n"],
			['server/src/cli/zz.ts', "import { x } from '../lsp/nodeServer';\nimport { y } from '../resolvers/registry';\nexport const z = [x, y];\n"],
			['client/src/zz.ts', "import * as vscode from 'vscode';\nimport { CLIENT_ID } from '../../protocol/ext';\nexport const z = [vscode, CLIENT_ID];\n"],
			['test/zz.test.ts', "import { x } from '../server/src/lsp/server';\nimport * as fs from 'node:fs';\nexport const z = [x, fs];\n"],
		];
		for (const [file, code] of allowed) assert.deepEqual(await lint(file, code), [], file);
	});

	test('the style rules run too: a multi-line body without braces is an error', async () => {
		const messages = await lint('server/src/service/zz.ts', 'export function f(a: number): number {\n\tif (a > 1)\n\t\treturn 1;\n\treturn 0;\n}\n');
		assert.deepEqual(messages.map((m) => m.ruleId), ['curly']);
	});
});
