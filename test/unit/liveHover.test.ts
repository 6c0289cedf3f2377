import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import type { LanguageServiceOptions } from '../../server/src/service/types';
import type { RepositoryStatus } from '../../server/src/service/liveData';
import { liveProvider, liveSnapshot, type SnapshotFixture } from '../helpers/liveSnapshot';
import { CURSOR, parseCursor, parseOptionalSpans } from '../helpers/markers';

const REPO = 'composer repo (https://repo.example.org)';
const VCS = 'vcs repo (git https://git.example.org/tools.git)';
const PRIVATE = 'composer repo (https://private.example.org)';

const TOOLS = {
	repository: REPO,
	entryIndex: 0,
	versions: ['3.0.0-beta1', { version: 'v2.1.3', time: '2024-03-01T10:00:00Z' }, '2.1.0', '2.0.1', '1.5.0', { version: '2.x-dev', aliasOf: 'dev-main' }, 'dev-main'],
	description: 'Tools for *everyone*',
	homepage: 'https://tools.example.org',
	sourceUrl: 'https://github.com/acme/tools',
};

function fixture(extra: Partial<SnapshotFixture> = {}): SnapshotFixture {
	return {
		repositories: [
			{ entryIndex: 0, label: REPO, type: 'composer', driver: 'composer', state: 'ok', packages: 12, versions: 340, fetchedAt: Date.UTC(2024, 4, 1, 12, 30), durationMs: 1234 },
			{ entryIndex: 1, label: VCS, type: 'vcs', driver: 'git', state: 'ok', packages: 1, versions: 9 },
		],
		packages: { 'acme/tools': TOOLS },
		platform: [{ name: 'php', version: '8.2.12', description: 'The PHP interpreter' }],
		...extra,
	};
}

/** Hovers at `<|>`; a `<<…>>` span around it, when given, is the expected hover range. */
async function hover(marked: string, options: LanguageServiceOptions): Promise<string | null> {
	const spanned = parseOptionalSpans(marked);
	const { text, offset } = parseCursor(spanned.text);
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	const result = await getLanguageService(options).doHover(document, document.positionAt(offset));
	if (!result) return null;
	const span = spanned.spans[0];
	if (span && result.range) {
		const shift = (n: number): number => (n > offset ? n - CURSOR.length : n);
		const actual = { start: document.offsetAt(result.range.start), end: document.offsetAt(result.range.end) };
		assert.deepEqual(actual, { start: shift(span.start), end: shift(span.end) });
	}
	return (result.contents as { value: string }).value;
}

const live = (extra: Partial<SnapshotFixture> = {}): LanguageServiceOptions => ({ live: liveProvider(liveSnapshot(fixture(extra))) });

const REPOS = '"repositories": [{"type": "composer", "url": "https://repo.example.org"}, {"type": "vcs", "url": "https://git.example.org/tools.git"}]';

describe('live hover: require entries', () => {
	test('the providing repository, newest version, matching versions, the pick, description and links', async () => {
		const value = await hover('{"require": {<<"acme/to<|>ols">>: "^2.0"}}', live());
		assert.ok(value);
		assert.match(value, /^\*\*`acme\/tools`\*\*/);
		assert.match(value, /Tools for \\\*everyone\\\*/); // Markdown from a repository is shown as text
		assert.match(value, /Provided by `composer repo \(https:\/\/repo\.example\.org\)`/);
		assert.match(value, /Newest version: `v2\.1\.3` \(2024-03-01\)/);
		// 2.x-dev lies in the range but is less stable than minimum-stability allows.
		assert.match(value, /Versions matching `\^2\.0`: `v2\.1\.3`, `2\.1\.0`, `2\.0\.1`\n/);
		assert.match(value, /Composer would install `v2\.1\.3`/);
		assert.match(value, /\[Homepage\]\(https:\/\/tools\.example\.org\) · \[Source\]\(https:\/\/github\.com\/acme\/tools\)/);
	});

	test('the constraint value hovers the same, with its own range', async () => {
		const value = await hover('{"require-dev": {"acme/tools": <<"^1.<|>0">>}}', live());
		assert.match(value ?? '', /Versions matching `\^1\.0`: `1\.5\.0`/);
	});

	test('no satisfying version: the nearest below and above the range', async () => {
		const value = await hover('{"require": {"acme/tools": "^1.7<|>"}}', live());
		assert.match(value ?? '', /No offered version matches `\^1\.7`\. Nearest: `1\.5\.0`, `2\.0\.1`/);
		const above = await hover('{"require": {"acme/tools": "^5.<|>0"}}', live());
		assert.match(above ?? '', /Nearest: `v2\.1\.3`$/m);
	});

	test('stability: minimum-stability, @flags and prefer-stable decide what matches and what is picked', async () => {
		const beta = await hover('{"require": {"acme/tools": "^3.<|>0"}}', live());
		assert.match(beta ?? '', /Only versions less stable than `stable` match `\^3\.0`: `3\.0\.0-beta1`/);
		const flagged = await hover('{"require": {"acme/tools": "^3.<|>0@beta"}}', live());
		assert.match(flagged ?? '', /Versions matching `\^3\.0@beta`: `3\.0\.0-beta1`/);
		const minimum = await hover('{"minimum-stability": "beta", "require": {"acme/tools": "^3.<|>0"}}', live());
		assert.match(minimum ?? '', /Composer would install `3\.0\.0-beta1`/);
		const any = await hover('{"minimum-stability": "dev", "require": {"acme/tools": ">=2.<|>1"}}', live());
		assert.match(any ?? '', /Composer would install `3\.0\.0-beta1`/);
		const preferStable = await hover('{"minimum-stability": "dev", "prefer-stable": true, "require": {"acme/tools": ">=2.<|>1"}}', live());
		assert.match(preferStable ?? '', /Composer would install `v2\.1\.3`/);
	});

	test('shadowed by canonical, only and exclude', async () => {
		const options = live({
			packages: {
				'acme/tools': {
					...TOOLS, shadowed: [
						{ label: VCS, entryIndex: 1, reason: 'canonical', hiddenBy: REPO },
						{ label: PRIVATE, reason: 'only' },
						{ label: 'path repo (../tools)', reason: 'exclude' },
					],
				},
			},
		});
		const value = await hover(`{${REPOS}, "require": {"acme/to<|>ols": "^2.0"}}`, options) ?? '';
		assert.match(value, /- `vcs repo \(git https:\/\/git\.example\.org\/tools\.git\)` is not asked: the canonical repository `composer repo \(https:\/\/repo\.example\.org\)` provides this package first\./);
		assert.match(value, /- `composer repo \(https:\/\/private\.example\.org\)` would provide it, but its "only" list does not include this name\./);
		assert.match(value, /- `path repo \(\.\.\/tools\)` would provide it, but its "exclude" list names it\./);
	});

	test('abandoned packages, with or without a replacement', async () => {
		const replaced = await hover('{"require": {"acme/to<|>ols": "^2.0"}}', live({ packages: { 'acme/tools': { ...TOOLS, abandoned: 'acme/new-tools' } } }));
		assert.match(replaced ?? '', /\*\*Abandoned\*\*: the maintainers suggest `acme\/new-tools` instead\./);
		const plain = await hover('{"require": {"acme/to<|>ols": "^2.0"}}', live({ packages: { 'acme/tools': { ...TOOLS, abandoned: true } } }));
		assert.match(plain ?? '', /\*\*Abandoned\*\*: no replacement is suggested\./);
		const active = await hover('{"require": {"acme/to<|>ols": "^2.0"}}', live());
		assert.doesNotMatch(active ?? '', /Abandoned/);
	});

	test('missing (packagist.org turned off), pending and unknown', async () => {
		const missing = await hover('{"repositories": [{"packagist.org": false}], "require": {"acme/no<|>ne": "^1.0"}}', live());
		assert.match(missing ?? '', /No enabled repository provides this package\./);
		assert.match(missing ?? '', /packagist\.org is turned off by `"packagist\.org": false`\./);
		const failed = await hover('{"require": {"acme/no<|>ne": "^1.0"}}', live({ packages: { 'acme/none': { state: 'missing', shadowed: [], failed: [VCS] } } }));
		assert.match(failed ?? '', /Could not be asked: `vcs repo \(git https:\/\/git\.example\.org\/tools\.git\)`/);
		const pending = await hover('{"require": {"acme/la<|>ter": "^1.0"}}', live({ packages: { 'acme/later': { state: 'pending', shadowed: [] } } }));
		assert.match(pending ?? '', /Resolving the repositories that could provide it/);
		const unknown = await hover('{"require": {"acme/to<|>ols": "^1.0"}}', live({ packages: { 'acme/tools': { state: 'unknown', reason: 'the repository failed' } } }));
		assert.match(unknown ?? '', /Not known: the repository failed/);
	});

	test('platform packages: the local PHP\'s version against the constraint', async () => {
		const value = await hover('{"require": {"p<|>hp": "^8.1"}}', live());
		assert.match(value ?? '', /Platform package/);
		assert.match(value ?? '', /The local PHP reports `8\.2\.12`\./);
		assert.match(value ?? '', /It satisfies `\^8\.1`\./);
		const newer = await hover('{"require": {"p<|>hp": "^8.3"}}', live());
		assert.match(newer ?? '', /It does not satisfy `\^8\.3`\./);
		const absent = await hover('{"require": {"ext-fo<|>o": "*"}}', live());
		assert.match(absent ?? '', /The local PHP does not have it\./);
	});

	test('replace and provide entries get no live hover; neither does anything without live data', async () => {
		assert.equal(await hover('{"replace": {"acme/to<|>ols": "*"}}', live()), null);
		assert.equal(await hover('{"require": {"acme/to<|>ols": "^2.0"}}', {}), null);
		assert.equal(await hover('{"require": {"acme/to<|>ols": "^2.0"}}', { live: liveProvider(undefined) }), null);
	});
});

describe('live hover: repository entries', () => {
	const status = (s: Partial<RepositoryStatus>): Partial<SnapshotFixture> => ({
		repositories: [{ entryIndex: 0, label: REPO, type: 'composer', state: 'ok', ...s }],
	});

	test('ok: driver, packages and versions, when and how fast it was fetched', async () => {
		const value = await hover(`{${REPOS}}`.replace('"type": "composer"', '"type": "comp<|>oser"'), live()) ?? '';
		assert.match(value, /composer.*repository type/); // the existing description stays first
		assert.match(value, /---\n\n\*\*Live status\*\* · `composer repo \(https:\/\/repo\.example\.org\)`/);
		assert.match(value, /Driver: `composer`/);
		assert.match(value, /Offers 12 packages, 340 versions\./);
		assert.match(value, /Fetched 2024-05-01 12:30 UTC in 1\.2 s\./);
	});

	test('on the url key or value, the keyed name and the opening brace', async () => {
		const url = await hover(`{${REPOS}}`.replace('"url": "https://git', '"u<|>rl": "https://git'), live());
		assert.match(url ?? '', /\*\*`url`\*\*[\s\S]*Live status\*\* · `vcs repo/);
		const urlValue = await hover(`{${REPOS}}`.replace('"https://repo.example.org"', '"https://repo.<|>example.org"'), live());
		assert.match(urlValue ?? '', /Live status\*\* · `composer repo/);
		const brace = await hover('{"repositories": [<<<|>{>>"type": "composer", "url": "https://repo.example.org"}]}', live());
		assert.match(brace ?? '', /^\*\*Live status\*\* · `composer repo/);
		const keyed = await hover('{"repositories": {"mi<|>ne": {"type": "composer", "url": "https://repo.example.org"}}}', live());
		assert.match(keyed ?? '', /Name of this repository[\s\S]*Live status/);
		// Other keys keep their plain description.
		const other = await hover('{"repositories": [{"type": "composer", "url": "https://repo.example.org", "cano<|>nical": false}]}', live());
		assert.doesNotMatch(other ?? '', /Live status/);
	});

	test('error, pending, skipped and stale', async () => {
		const error = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', live(status({ state: 'error', errorCode: 'unreachable', error: 'Connection refused' })));
		assert.match(error ?? '', /Failed \(cannot be reached\): Connection refused/);
		const auth = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', live(status({ state: 'error', errorCode: 'auth', error: 'HTTP 401' })));
		assert.match(auth ?? '', /Failed \(needs credentials\): HTTP 401/);
		const pending = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', live(status({ state: 'pending' })));
		assert.match(pending ?? '', /Resolving…/);
		const skipped = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', live(status({ state: 'skipped', reason: 'offline' })));
		assert.match(skipped ?? '', /Not resolved: offline/);
		const stale = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', live(status({ stale: true, fetchedAt: Date.UTC(2024, 0, 2, 3, 4) })));
		assert.match(stale ?? '', /Fetched 2024-01-02 03:04 UTC\.[\s\S]*From the cache/);
	});

	test('without live data the repository hover is the plain description, and the brace has none', async () => {
		const plain = await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://repo.example.org"}]}', {});
		assert.ok(plain);
		assert.doesNotMatch(plain, /Live status/);
		assert.equal(await hover('{"repositories": [<|>{"type": "composer", "url": "https://repo.example.org"}]}', {}), null);
	});
});

describe('live hover: nothing secret', () => {
	test('credentials in labels, errors, descriptions and links are removed', async () => {
		const secretLabel = 'composer repo (https://deploy:s3cr3t-pass@repo.example.org)';
		const options = live({
			repositories: [{ entryIndex: 0, label: secretLabel, type: 'composer', state: 'error', errorCode: 'auth', error: 'GET https://repo.example.org/packages.json?access_token=tok3n-value failed; Authorization: Bearer b34rer-value' }],
			packages: {
				'acme/tools': {
					...TOOLS, repository: secretLabel, description: 'mirror at https://bot:pa55word-value@example.org',
					homepage: 'https://user:h0me-secret@tools.example.org', sourceUrl: 'https://github.com/acme/tools?private_token=s0urce-secret',
					shadowed: [{ label: secretLabel, reason: 'only' }],
				},
			},
		});
		const values = [
			await hover('{"repositories": [{"type": "comp<|>oser", "url": "https://deploy:s3cr3t-pass@repo.example.org"}]}', options),
			await hover('{"repositories": [<|>{"type": "composer", "url": "https://deploy:s3cr3t-pass@repo.example.org"}]}', options),
			await hover('{"require": {"acme/to<|>ols": "^2.0"}}', options),
		];
		for (const value of values) {
			assert.ok(value);
			assert.doesNotMatch(value, /s3cr3t-pass|tok3n-value|b34rer-value|pa55word-value|h0me-secret|s0urce-secret/);
		}
		assert.match(values[2]!, /\[Homepage\]\(https:\/\/\*\*\*@tools\.example\.org\)/);
	});

	test('links are only http(s)', async () => {
		const value = await hover('{"require": {"acme/to<|>ols": "^2.0"}}', live({ packages: { 'acme/tools': { ...TOOLS, homepage: 'command:workbench.action.terminal.new', sourceUrl: 'javascript:alert(1)' } } }));
		assert.doesNotMatch(value ?? '', /Homepage|Source|command:|javascript:/);
	});
});
