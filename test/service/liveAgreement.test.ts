// Composer is the ground truth for the live verdicts: for the same offered versions (an inline `package`
// repository for Composer, the same list in a fixed snapshot for the service), `composer update --dry-run` and
// our live diagnostics must agree on whether a requirement can be installed, and the hover on which version
// Composer picks (minimum-stability, @flags, inferred flags, prefer-stable, dev- branches, OR constraints).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service';
import { oracleProject, runComposer } from '../helpers/composerOracle';
import { liveProvider, liveSnapshot } from '../helpers/liveSnapshot';

/** Newest first, as a provider lists them (Semver::rsort; a non-default branch sorts last). */
const VERSIONS = ['3.0.0-beta1', '2.1.3', '2.1.0', '1.5.0', 'dev-main'];
const LABEL = 'package repo (defining 5 packages)';
const LIVE_CODES = ['package-not-found', 'no-matching-version', 'unstable-version-only', 'branch-not-found'];

const repository = {
	type: 'package',
	// Never downloaded: `--dry-run` only resolves.
	package: VERSIONS.map((version) => ({ name: 'acme/tools', version, dist: { type: 'zip', url: 'http://127.0.0.1:9/tools.zip' } })),
};

interface Case {
	root: Record<string, unknown>;
	constraint: string;
}

const CASES: Case[] = [
	{ root: {}, constraint: '^2.0' },
	{ root: {}, constraint: '^3.0' },
	{ root: { 'minimum-stability': 'beta' }, constraint: '^3.0' },
	{ root: {}, constraint: '^3.0@beta' },
	{ root: { 'minimum-stability': 'dev' }, constraint: '^3.0@stable' },
	{ root: { 'minimum-stability': 'RC' }, constraint: '3.0.0-beta1' },
	{ root: {}, constraint: 'dev-main' },
	{ root: {}, constraint: 'dev-nope' },
	{ root: {}, constraint: 'dev-nope || ^2.0' },
	{ root: {}, constraint: '^1.7' },
	{ root: {}, constraint: '~2.1.0 || ^1.0' },
	{ root: { 'minimum-stability': 'dev' }, constraint: '>=2.1' },
	{ root: { 'minimum-stability': 'dev', 'prefer-stable': true }, constraint: '>=2.1' },
	{ root: { 'minimum-stability': 'dev', 'prefer-stable': true }, constraint: 'dev-main || ^1.0' },
];

/** What Composer says: the version it locks, or that it cannot solve. */
async function composerVerdict(c: Case): Promise<string> {
	const project = oracleProject({ repositories: [repository], extra: { ...c.root, require: { 'acme/tools': c.constraint } } });
	try {
		const r = await runComposer(project, ['update', '--dry-run', '--no-install', '--no-audit']);
		const output = r.stdout + r.stderr;
		const locked = /Locking acme\/tools \(([^)]+)\)/.exec(output);
		if (locked && r.code === 0) return locked[1];
		assert.match(output, /Your requirements could not be resolved/, `unexpected Composer output for ${c.constraint}:\n${output}`);
		return 'unsolvable';
	} finally {
		project.cleanup();
	}
}

/** What the service says, from the same versions. */
async function ourVerdict(c: Case): Promise<string> {
	const snapshot = liveSnapshot({ repositories: [{ entryIndex: 0, label: LABEL, type: 'package', state: 'ok' }], packages: { 'acme/tools': { repository: LABEL, entryIndex: 0, versions: VERSIONS } } });
	const service = getLanguageService({ live: liveProvider(snapshot) });
	// The same manifest Composer reads (oracleProject turns secure-http off for loopback URLs).
	const text = JSON.stringify({ ...c.root, repositories: [repository, { 'packagist.org': false }], config: { 'secure-http': false }, require: { 'acme/tools': c.constraint } });
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	const diagnostics = await service.doValidation(document);
	const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
	assert.deepEqual(errors.filter((d) => !LIVE_CODES.includes(String(d.code))), [], 'the manifest itself has no error');
	if (errors.length > 0) return 'unsolvable';
	const hover = await service.doHover(document, document.positionAt(text.lastIndexOf('"acme/tools"') + 2));
	const pick = /Composer would install `([^`]+)`/.exec((hover?.contents as { value: string } | undefined)?.value ?? '');
	return pick ? pick[1] : 'no pick';
}

describe('live verdicts agree with Composer', () => {
	for (const c of CASES) {
		test(`${JSON.stringify(c.root)} "${c.constraint}"`, async () => {
			assert.equal(await ourVerdict(c), await composerVerdict(c));
		});
	}
});
