import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import type { LiveDiagnosticData } from '../../server/src/service/validation/codes';
import type { RepositoryStatus } from '../../server/src/service/liveData';
import { liveProvider, liveSnapshot, type FoundPackage, type SnapshotFixture } from '../helpers/liveSnapshot';
import { parseOptionalSpans } from '../helpers/markers';

const LIVE_CODES = new Set(['repository-unreachable', 'repository-auth', 'repository-invalid', 'repository-failed', 'package-not-found', 'no-matching-version', 'unstable-version-only', 'branch-not-found']);

const REPO = 'composer repo (https://repo.example.org)';
const VCS = 'vcs repo (git https://git.example.org/tools.git)';

const TOOLS: FoundPackage = {
	repository: REPO, entryIndex: 0,
	versions: ['3.0.0-beta1', 'v2.1.3', '2.1.0', '2.0.1', '1.5.0', { version: '2.x-dev', aliasOf: 'dev-main' }, 'dev-main', 'dev-feature-login'],
};

interface Found {
	diagnostic: Diagnostic;
	/** The diagnosed text. */
	text: string;
	message: string;
	data: LiveDiagnosticData;
}

/** Live diagnostics of a document; `<<…>>` spans, when given, are the expected ranges in order. */
async function diagnose(marked: string, options: LanguageServiceOptions): Promise<Found[]> {
	const { text, spans } = parseOptionalSpans(marked);
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	const all = await getLanguageService(options).doValidation(document);
	const found = all.filter((d) => LIVE_CODES.has(String(d.code)))
		.map((d) => ({ diagnostic: d, text: document.getText(d.range), message: String(d.message), data: d.data as LiveDiagnosticData }));
	const range = (d: Diagnostic) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) });
	if (spans.length > 0) assert.deepEqual(found.map((f) => range(f.diagnostic)), spans);
	return found;
}

const live = (fixture: SnapshotFixture): LanguageServiceOptions => ({ live: liveProvider(liveSnapshot(fixture)) });

const ok = (entryIndex: number, label: string, type = 'composer'): RepositoryStatus => ({ entryIndex, label, type, state: 'ok' });
const down = (entryIndex: number | undefined, label: string, errorCode: RepositoryStatus['errorCode'], error = 'Connection refused', type = 'composer'): RepositoryStatus => ({
	...(entryIndex !== undefined ? { entryIndex } : {}), label, type, state: 'error', errorCode, error,
});

describe('live diagnostics: repositories', () => {
	test('an unreachable repository is one diagnostic on its url, and the requirements it leaves unknown get none', async () => {
		const found = await diagnose(
			'{"repositories": [{"type": "vcs", "url": <<"https://git.example.org/tools.git">>}, {"packagist.org": false}],\n'
			+ ' "require": {"acme/a": "^1.0", "acme/b": "^1.0", "acme/c": "^1.0", "acme/d": "^1.0", "acme/e": "^1.0"}}',
			live({ repositories: [down(0, VCS, 'unreachable', 'Could not resolve host git.example.org', 'vcs')], otherwise: { state: 'unknown', reason: 'a repository failed' } }),
		);
		assert.equal(found.length, 1);
		assert.equal(found[0].diagnostic.code, 'repository-unreachable');
		assert.equal(found[0].diagnostic.severity, DiagnosticSeverity.Error);
		assert.match(found[0].message, /^Repository "vcs repo \(git https:\/\/git\.example\.org\/tools\.git\)" cannot be reached: Could not resolve host git\.example\.org\. Composer fails when it asks this repository for "acme\/a"\.$/);
		assert.deepEqual(found[0].data, { fixes: [], repository: VCS, entryIndex: 0, errorCode: 'unreachable' });
	});

	test('the same diagnostic on every validation while the repository stays down', async () => {
		const options = live({ repositories: [down(0, VCS, 'timeout', 'timed out after 30 s', 'vcs')], otherwise: { state: 'unknown', reason: 'failed' } });
		const text = '{"repositories": [{"type": "vcs", "url": "https://git.example.org/tools.git"}], "require": {"acme/a": "^1.0"}}';
		const first = await diagnose(text, options);
		const again = await diagnose(text.replace('^1.0', '^1.1'), options);
		assert.deepEqual(again.map((f) => f.diagnostic), first.map((f) => f.diagnostic));
		assert.equal(first[0].diagnostic.code, 'repository-unreachable');
	});

	test('credentials, wrong answers and other failures have their own codes; no url: the type', async () => {
		const auth = await diagnose('{"repositories": [{"type": "composer", "url": <<"https://repo.example.org">>}], "require": {"acme/a": "*"}}',
			live({ repositories: [down(0, REPO, 'auth', 'HTTP 401')], otherwise: { state: 'unknown', reason: 'failed' } }));
		assert.deepEqual(auth.map((f) => f.diagnostic.code), ['repository-auth']);
		assert.match(auth[0].message, /needs credentials: HTTP 401/);
		const invalid = await diagnose('{"repositories": [{"type": "composer", "url": "https://repo.example.org"}], "require": {"acme/a": "*"}}',
			live({ repositories: [down(0, REPO, 'invalid', 'packages.json is not JSON')], otherwise: { state: 'unknown', reason: 'failed' } }));
		assert.deepEqual(invalid.map((f) => f.diagnostic.code), ['repository-invalid']);
		assert.match(invalid[0].message, /does not answer as a composer repository should: packages\.json is not JSON/);
		const internal = await diagnose('{"repositories": [{<<"type">>: "perforce"}], "require": {"acme/a": "*"}}'.replace('<<"type">>: "perforce"', '"type": <<"perforce">>'),
			live({ repositories: [down(0, 'perforce repo', 'internal', 'p4 crashed', 'perforce')], otherwise: { state: 'unknown', reason: 'failed' } }));
		assert.deepEqual(internal.map((f) => f.diagnostic.code), ['repository-failed']);
	});

	test('a warning when no requirement reaches it: an earlier canonical repository provides them all', async () => {
		const found = await diagnose(
			'{"repositories": [{"type": "composer", "url": "https://repo.example.org"}, {"type": "vcs", "url": "https://git.example.org/tools.git"}], "require": {"acme/tools": "^2.0"}}',
			live({ repositories: [ok(0, REPO), down(1, VCS, 'unreachable', 'refused', 'vcs')], packages: { 'acme/tools': TOOLS } }),
		);
		assert.deepEqual(found.map((f) => [f.diagnostic.code, f.diagnostic.severity]), [['repository-unreachable', DiagnosticSeverity.Warning]]);
		assert.match(found[0].message, /none of this file's requirements today, but a dependency may be/);
	});

	test('an error again when the earlier provider is not canonical, or the failing repository comes first', async () => {
		const nonCanonical = await diagnose(
			'{"repositories": [{"type": "composer", "url": "https://repo.example.org", "canonical": false}, {"type": "vcs", "url": "https://git.example.org/tools.git"}], "require": {"acme/tools": "^2.0"}}',
			live({ repositories: [ok(0, REPO), down(1, VCS, 'unreachable', 'refused', 'vcs')], packages: { 'acme/tools': TOOLS } }),
		);
		assert.equal(nonCanonical[0].diagnostic.severity, DiagnosticSeverity.Error);
		const first = await diagnose(
			'{"repositories": [{"type": "vcs", "url": "https://git.example.org/tools.git"}, {"type": "composer", "url": "https://repo.example.org"}], "require": {"acme/tools": "^2.0"}}',
			live({ repositories: [down(0, VCS, 'unreachable', 'refused', 'vcs'), ok(1, REPO)], packages: { 'acme/tools': { ...TOOLS, entryIndex: 1 } } }),
		);
		assert.equal(first[0].diagnostic.severity, DiagnosticSeverity.Error);
	});

	test('a warning when its only/exclude lets none of the requirements through', async () => {
		const only = await diagnose(
			'{"repositories": [{"type": "composer", "url": "https://repo.example.org", "only": ["private/*"]}], "require": {"acme/a": "^1.0", "php": ">=8.1"}}',
			live({ repositories: [down(0, REPO, 'unreachable')], packages: { 'acme/a': { state: 'pending', shadowed: [] } } }),
		);
		assert.equal(only[0].diagnostic.severity, DiagnosticSeverity.Warning);
		const reached = await diagnose(
			'{"repositories": [{"type": "composer", "url": "https://repo.example.org", "exclude": ["acme/b"]}], "require": {"ACME/A": "^1.0", "acme/b": "^1.0"}}',
			live({ repositories: [down(0, REPO, 'unreachable')], otherwise: { state: 'unknown', reason: 'failed' } }),
		);
		assert.equal(reached[0].diagnostic.severity, DiagnosticSeverity.Error);
		assert.match(reached[0].message, /for "ACME\/A"/);
	});

	test('a URL secure-http refuses keeps its own static error, not a second live one', async () => {
		const document = '{"repositories": [{"type": "composer", "url": "http://repo.example.org"}], "require": {"acme/a": "*"}}';
		const options = live({ repositories: [down(0, 'composer repo (http://repo.example.org)', 'refused', 'secure-http')], otherwise: { state: 'unknown', reason: 'failed' } });
		assert.deepEqual(await diagnose(document, options), []);
		const codes = (await getLanguageService(options).doValidation(TextDocument.create('file:///p/composer.json', 'json', 1, document))).map((d) => d.code);
		assert.ok(codes.includes('insecure-url'));
	});

	test('packagist.org or a global repository failing: on the repositories key, else on require', async () => {
		const packagist = down(undefined, 'packagist.org', 'unreachable', 'offline');
		await diagnose('{<<"repositories">>: [{"type": "path", "url": "../x"}], "require": {"acme/a": "*"}}', live({ repositories: [ok(0, 'path repo (../x)', 'path'), packagist], otherwise: { state: 'unknown', reason: 'failed' } }));
		await diagnose('{<<"require">>: {"acme/a": "*"}}', live({ repositories: [packagist], otherwise: { state: 'unknown', reason: 'failed' } }));
	});

	test('pending, skipped and ok repositories are silent', async () => {
		const found = await diagnose('{"repositories": [{"type": "composer", "url": "https://a.example.org"}, {"type": "composer", "url": "https://b.example.org"}, {"type": "composer", "url": "https://c.example.org"}], "require": {"acme/a": "*"}}',
			live({
				repositories: [{ entryIndex: 0, label: 'a', type: 'composer', state: 'pending' }, { entryIndex: 1, label: 'b', type: 'composer', state: 'skipped', reason: 'offline' }, ok(2, 'c')],
				otherwise: { state: 'pending', shadowed: [] },
			}));
		assert.deepEqual(found, []);
	});
});

describe('live diagnostics: packages', () => {
	test('a requirement no enabled repository provides: error on its name, saying packagist.org is off', async () => {
		const found = await diagnose('{"repositories": [{"packagist.org": false}], "require": {<<"monolog/monolog">>: "^3.0"}}', live({}));
		assert.equal(found[0].diagnostic.code, 'package-not-found');
		assert.equal(found[0].diagnostic.severity, DiagnosticSeverity.Error);
		assert.equal(found[0].message, 'No enabled repository provides "monolog/monolog": Composer cannot install it. packagist.org is turned off by "packagist.org": false.');
		assert.deepEqual(found[0].data, { fixes: [], package: 'monolog/monolog', section: 'require', constraint: '^3.0', hiddenBy: [] });
	});

	test('naming the repository whose only/exclude hid it', async () => {
		const options = live({
			repositories: [ok(0, REPO), ok(1, VCS, 'vcs')],
			packages: { 'acme/tools': { state: 'missing', failed: [], shadowed: [{ label: REPO, entryIndex: 0, reason: 'only' }, { label: VCS, entryIndex: 1, reason: 'exclude' }] } },
		});
		const found = await diagnose('{"require-dev": {<<"acme/tools">>: "^2.0"}}', options);
		assert.equal(found[0].message, `No enabled repository provides "acme/tools": Composer cannot install it. Repository "${REPO}" has it, but its "only" list does not include it. Repository "${VCS}" has it, but its "exclude" list names it.`);
		assert.deepEqual(found[0].data.hiddenBy, [{ label: REPO, entryIndex: 0, reason: 'only' }, { label: VCS, entryIndex: 1, reason: 'exclude' }]);
		assert.equal(found[0].data.section, 'require-dev');
	});

	test('a constraint no offered version satisfies: error on the constraint, naming the nearest versions', async () => {
		const found = await diagnose('{"require": {"acme/tools": <<"^1.7">>}}', live({ packages: { 'acme/tools': TOOLS } }));
		assert.equal(found[0].diagnostic.code, 'no-matching-version');
		assert.equal(found[0].diagnostic.severity, DiagnosticSeverity.Error);
		assert.equal(found[0].message, `No version of "acme/tools" offered by "${REPO}" matches "^1.7". Nearest: "1.5.0", "2.0.1".`);
		assert.deepEqual(found[0].data, { fixes: [], package: 'acme/tools', section: 'require', constraint: '^1.7', repository: REPO, entryIndex: 0, nearest: ['1.5.0', '2.0.1'] });
	});

	test('minimum-stability and flags decide: only unstable versions match', async () => {
		const found = await diagnose('{"require": {"acme/tools": <<"^3.0">>}}', live({ packages: { 'acme/tools': TOOLS } }));
		assert.equal(found[0].diagnostic.code, 'unstable-version-only');
		assert.equal(found[0].message, 'Only versions less stable than "stable" match "^3.0" for "acme/tools" ("3.0.0-beta1"): Composer does not accept them. Add "@beta" to the constraint or lower minimum-stability.');
		assert.equal(found[0].data.neededStability, 'beta');
		assert.equal(found[0].data.allowedStability, 'stable');
		const options = live({ packages: { 'acme/tools': TOOLS } });
		assert.deepEqual(await diagnose('{"require": {"acme/tools": "^3.0@beta"}}', options), []);
		assert.deepEqual(await diagnose('{"minimum-stability": "beta", "require": {"acme/tools": "^3.0"}}', options), []);
		assert.deepEqual(await diagnose('{"minimum-stability": "RC", "require": {"acme/tools": "3.0.0-beta1"}}', options), []); // inferred flag
		assert.deepEqual(await diagnose('{"require": {"acme/tools": "dev-main"}}', options), []);
		assert.deepEqual(await diagnose('{"require": {"acme/tools": "2.x-dev"}}', options), []);
		const stableOnly = await diagnose('{"minimum-stability": "dev", "require": {"acme/tools": "^3.0@stable"}}', options);
		assert.deepEqual(stableOnly.map((f) => f.diagnostic.code), ['unstable-version-only']);
		assert.deepEqual(await diagnose('{"minimum-stability": "dev", "require": {"acme/tools": "^3.0"}}', options), []);
		const devOnly = await diagnose('{"require": {"acme/tools": "^2.0@RC || dev-main@RC"}}', options);
		assert.deepEqual(devOnly, []); // ^2.0 has stable versions
	});

	test('a dev- branch that does not exist: error on that branch, with a guess', async () => {
		const options = live({ packages: { 'acme/tools': TOOLS } });
		const found = await diagnose('{"require": {"acme/tools": "<<dev-feature-logn>> as 2.1.x-dev"}}', options);
		assert.equal(found[0].diagnostic.code, 'branch-not-found');
		assert.equal(found[0].message, `"acme/tools" has no branch "dev-feature-logn" in repository "${REPO}". Did you mean "dev-feature-login"?`);
		assert.equal(found[0].data.branch, 'feature-logn');
		assert.equal(found[0].data.branchVersion, 'dev-feature-logn');
		assert.deepEqual(found[0].data.branches, ['dev-main', 'dev-feature-login']);
		const listed = await diagnose('{"require": {"acme/tools": "^9.0 || <<dev-xyz>>@dev"}}', options);
		assert.match(listed[0].message, /Branches: "dev-main", "dev-feature-login"\.$/);
		assert.deepEqual(await diagnose('{"require": {"acme/tools": "dev-feature-login#abc123 as 2.1.x-dev"}}', options), []);
		assert.deepEqual(await diagnose('{"require": {"acme/tools": "dev-nope || ^2.0"}}', options), []); // ^2.0 is enough for Composer
	});

	test('one diagnostic per requirement: a name in require and require-dev, or twice in one section, once', async () => {
		const found = await diagnose('{"require": {"acme/x": "^1.0", "acme/x": "^2.0"}, "require-dev": {"acme/x": "^3.0"}}', live({}));
		assert.equal(found.length, 1);
		assert.equal(found[0].data.constraint, '^2.0');
	});

	test('platform packages, the root\'s own names and conflict/replace/provide are not looked up', async () => {
		const snapshot = liveSnapshot({});
		const found = await diagnose(
			'{"name": "acme/app", "require": {"php": "^9.0", "ext-nope": "*", "lib-curl": "*", "composer-plugin-api": "^2.0", "acme/app": "*", "acme/virtual": "*", "acme/replaced": "*"},'
			+ ' "provide": {"acme/virtual": "1.0"}, "replace": {"acme/replaced": "self.version"}, "conflict": {"acme/old": "<1.0"}}',
			{ live: liveProvider(snapshot) },
		);
		assert.deepEqual(found, []);
		assert.deepEqual(snapshot.lookups, []);
	});

	test('"missing" while a repository failed: only the repository is reported', async () => {
		const found = await diagnose('{"repositories": [{"type": "composer", "url": "https://repo.example.org"}], "require": {"acme/x": "^1.0"}}',
			live({ repositories: [down(0, REPO, 'unreachable')], packages: { 'acme/x': { state: 'missing', shadowed: [], failed: [REPO] } } }));
		assert.deepEqual(found.map((f) => f.diagnostic.code), ['repository-unreachable']);
	});

	test('pending and unknown packages, unparsable and empty constraints get nothing', async () => {
		const options = live({ packages: { 'acme/later': { state: 'pending', shadowed: [] }, 'acme/unknown': { state: 'unknown', reason: 'offline' }, 'acme/tools': TOOLS } });
		assert.deepEqual(await diagnose('{"require": {"acme/later": "^1.0", "acme/unknown": "^1.0", "acme/tools": "^^nope"}}', options), []);
		assert.deepEqual(await diagnose('{"require": {"acme/tools": ""}}', options), []);
		assert.deepEqual(await diagnose('{"require": {"acme/tools": 5}}', options), []);
	});

	test('a package listed without any version', async () => {
		const found = await diagnose('{"require": {"acme/empty": "*"}}', live({ packages: { 'acme/empty': { repository: REPO, versions: [] } } }));
		assert.equal(found[0].message, `Repository "${REPO}" lists "acme/empty" without any version.`);
	});
});

describe('live diagnostics: off, and nothing secret', () => {
	const document = '{"repositories": [{"type": "composer", "url": "https://repo.example.org"}, {"packagist.org": false}], "require": {"acme/none": "^1.0", "acme/tools": "^9.0"}}';
	const fixture: SnapshotFixture = { repositories: [down(0, REPO, 'unreachable')], packages: { 'acme/tools': TOOLS } };

	test('no option or no snapshot: no live diagnostic and no lookup', async () => {
		assert.equal((await diagnose(document, live(fixture))).length, 3);
		assert.deepEqual(await diagnose(document, {}), []);
		const provider = liveProvider(undefined);
		assert.deepEqual(await diagnose(document, { live: provider }), []);
		assert.equal(provider.calls, 1);
	});

	test('credentials in labels or errors never reach a message or data', async () => {
		const secret = 'composer repo (https://deploy:s3cr3t-pass@repo.example.org)';
		const found = await diagnose(document, live({
			repositories: [down(0, secret, 'auth', 'GET https://repo.example.org/p2/a.json?access_token=tok3n-value: 401; Authorization: Bearer b34rer-value')],
			packages: { 'acme/tools': { ...TOOLS, repository: secret }, 'acme/none': { state: 'missing', failed: [], shadowed: [{ label: secret, reason: 'only' }] } },
		}));
		assert.equal(found.length, 3);
		const all = JSON.stringify(found.map((f) => f.diagnostic));
		assert.doesNotMatch(all, /s3cr3t-pass|tok3n-value|b34rer-value/);
	});
});
