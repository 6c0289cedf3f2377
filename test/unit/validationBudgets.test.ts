// The local checks of path and artifact repositories stop at their bounds and say so (test/fixtures/hostile/
// resolution.json, `paths`): brace groups that expand to more patterns than are globbed ("too many alternatives",
// decided before any expansion, so 18 pairs neither take seconds nor overflow the stack), an artifact folder of
// more files than are looked at. The path resolver refuses the same urls with an error of its own.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNodeLocalFacts } from '../../server/src/node/localFacts';
import { scanPath } from '../../server/src/resolvers/path';
import { globDirectoriesBounded } from '../../server/src/composerPaths';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import { loadHostileCorpus } from '../helpers/hostileCorpus';
import { testContext } from '../resolvers/composerTestContext';
import { validate } from './validationHarness';

interface PathCase {
	id: string;
	found?: string;
	type?: 'path' | 'artifact';
	prefix: string;
	group: string;
	repeat: number;
	suffix: string;
	closing?: string;
	tree?: Record<string, { files: number; name: string }>;
	expect: { code: string; resolverError?: string };
}

function cases(): PathCase[] {
	const section = (loadHostileCorpus().resolution as { paths?: { cases: PathCase[] } } | undefined)?.paths;
	assert.ok(section && section.cases.length > 0, 'test/fixtures/hostile/resolution.json has no paths cases');
	return section.cases;
}

describe('path and artifact checks stop at their bounds and report', () => {
	let root: string;
	let project: string;
	let options: LanguageServiceOptions;
	before(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-budgets-'));
		project = path.join(root, 'project');
		fs.mkdirSync(project);
		options = { facts: createNodeLocalFacts(), env: {}, homeDir: root };
	});
	after(() => fs.rmSync(root, { recursive: true, force: true }));

	for (const c of cases()) {
		test(`${c.id}${c.found ? ` (was: ${c.found})` : ''}`, async () => {
			for (const [folder, spec] of Object.entries(c.tree ?? {})) {
				const dir = path.join(root, folder);
				fs.mkdirSync(dir, { recursive: true });
				for (let n = 0; n < spec.files; n++) fs.writeFileSync(path.join(dir, spec.name.replace('{n}', String(n))), '');
			}
			const url = c.prefix + c.group.repeat(c.repeat) + c.suffix + (c.closing ?? '').repeat(c.repeat);
			const started = process.cpuUsage();
			const { diagnostics } = await validate(JSON.stringify({ name: 'acme/app', repositories: [{ type: c.type ?? 'path', url }] }), options, path.join(project, 'composer.json'));
			const used = process.cpuUsage(started);
			assert.deepEqual(diagnostics.map((d) => d.code), [c.expect.code], diagnostics.map((d) => d.message).join('\n'));
			assert.ok((used.user + used.system) / 1000 < 5000, `the check took ${(used.user + used.system) / 1000} ms of CPU`);
			if (c.expect.resolverError !== undefined) {
				const r = await scanPath({ type: 'path', url }, { ...testContext(), baseDir: project });
				assert.ok(!r.ok && r.error.message.includes(c.expect.resolverError), r.ok ? 'the resolver read it' : r.error.message);
			}
		});
	}

	test('listing folders stops at its bound, and says so', async () => {
		const tree = path.join(root, 'tree');
		for (const a of ['a', 'b', 'c']) for (const b of ['a', 'b', 'c']) fs.mkdirSync(path.join(tree, a, b), { recursive: true });
		const bounded = await globDirectoriesBounded(createNodeLocalFacts(), `${tree}/*/*`, { cwd: root, maxDirectoryReads: 3 });
		assert.equal(bounded.stopped, 'directory-reads');
		const whole = await globDirectoriesBounded(createNodeLocalFacts(), `${tree}/*/*`, { cwd: root });
		assert.equal(whole.stopped, undefined);
		assert.equal(whole.matches.length, 9);
	});
});
