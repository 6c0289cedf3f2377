// "Use a fork…" in the pure service: the whole document after the edit, for every shape of `repositories`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/index';
import type { ForkRequest } from '../../../server/src/service/index';
import type { RepositoryDataProvider, OfferedVersion } from '../../../server/src/service/liveData';

const URL = 'https://github.com/me/lib';

function fork(text: string, request: Partial<ForkRequest> = {}, live?: RepositoryDataProvider) {
	const document = TextDocument.create('file:///p/composer.json', 'json', 1, text);
	const result = getLanguageService({ live }).getForkEdit(document, { packageName: 'acme/lib', section: 'require', url: URL, branch: 'fix', ...request });
	return { document, result };
}

/** The document after the fork edit (asserting it is one edit of this document only). */
function forked(text: string, request: Partial<ForkRequest> = {}, live?: RepositoryDataProvider): string {
	const { document, result } = fork(text, request, live);
	assert.ok(result.ok, `fork edit failed: ${result.ok ? '' : result.message}`);
	assert.deepEqual(Object.keys(result.edit.changes ?? {}), [document.uri]);
	return TextDocument.applyEdits(document, result.edit.changes![document.uri]);
}

function lines(...l: string[]): string {
	return l.join('\n');
}

describe('fork edit: repositories block', () => {
	test('list form: the fork goes first, the constraint gets an alias to the top of the ^2.1 range', () => {
		const before = lines(
			'{',
			'    "require": {',
			'        "php": "^8.1",',
			'        "acme/lib": "^2.1"',
			'    },',
			'    "repositories": [',
			'        {',
			'            "type": "composer",',
			'            "url": "https://repo.example.org"',
			'        }',
			'    ]',
			'}',
			'');
		assert.equal(forked(before), lines(
			'{',
			'    "require": {',
			'        "php": "^8.1",',
			'        "acme/lib": "dev-fix as 2.x-dev"',
			'    },',
			'    "repositories": [',
			'        {',
			'            "type": "vcs",',
			'            "url": "https://github.com/me/lib"',
			'        },',
			'        {',
			'            "type": "composer",',
			'            "url": "https://repo.example.org"',
			'        }',
			'    ]',
			'}',
			''));
	});

	test('list form of one-line entries stays one entry per line', () => {
		const before = lines(
			'{',
			'  "require": {"acme/lib": "*"},',
			'  "repositories": [',
			'    {"packagist.org": false}',
			'  ]',
			'}');
		assert.equal(forked(before), lines(
			'{',
			'  "require": {"acme/lib": "dev-fix"},',
			'  "repositories": [',
			'    {"type": "vcs", "url": "https://github.com/me/lib"},',
			'    {"packagist.org": false}',
			'  ]',
			'}'));
	});

	test('a one-line document stays on one line', () => {
		assert.equal(forked('{"require": {"acme/lib": "dev-main"}, "repositories": [{"type": "path", "url": "../x"}]}'),
			'{"require": {"acme/lib": "dev-fix as dev-main"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}, {"type": "path", "url": "../x"}]}');
		assert.equal(forked('{"require": {"acme/lib": "^1.0"}}'),
			'{"require": {"acme/lib": "dev-fix as 1.x-dev"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
	});

	test('keyed form: a new first key, named after the package, never one already taken', () => {
		const before = lines(
			'{',
			'    "repositories": {',
			'        "acme/lib-fork": {',
			'            "type": "vcs",',
			'            "url": "https://github.com/someone-else/lib"',
			'        },',
			'        "packagist.org": false',
			'    },',
			'    "require": {',
			'        "acme/lib": "~2.3.4"',
			'    }',
			'}',
			'');
		assert.equal(forked(before), lines(
			'{',
			'    "repositories": {',
			'        "acme/lib-fork-2": {',
			'            "type": "vcs",',
			'            "url": "https://github.com/me/lib"',
			'        },',
			'        "acme/lib-fork": {',
			'            "type": "vcs",',
			'            "url": "https://github.com/someone-else/lib"',
			'        },',
			'        "packagist.org": false',
			'    },',
			'    "require": {',
			'        "acme/lib": "dev-fix as 2.3.x-dev"',
			'    }',
			'}',
			''));
	});

	test('missing block: added as the last root key, as `composer config repositories.x` does', () => {
		const before = lines(
			'{',
			'    "name": "me/app",',
			'    "require": {',
			'        "acme/lib": "^2.1"',
			'    }',
			'}',
			'');
		assert.equal(forked(before), lines(
			'{',
			'    "name": "me/app",',
			'    "require": {',
			'        "acme/lib": "dev-fix as 2.x-dev"',
			'    },',
			'    "repositories": [',
			'        {',
			'            "type": "vcs",',
			'            "url": "https://github.com/me/lib"',
			'        }',
			'    ]',
			'}',
			''));
	});

	test('empty list and empty object blocks are filled', () => {
		assert.equal(forked(lines('{', '    "require": {"acme/lib": "*"},', '    "repositories": []', '}')), lines(
			'{',
			'    "require": {"acme/lib": "dev-fix"},',
			'    "repositories": [',
			'        {',
			'            "type": "vcs",',
			'            "url": "https://github.com/me/lib"',
			'        }',
			'    ]',
			'}'));
		assert.equal(forked(lines('{', '    "require": {"acme/lib": "*"},', '    "repositories": { }', '}')), lines(
			'{',
			'    "require": {"acme/lib": "dev-fix"},',
			'    "repositories": {',
			'        "acme/lib-fork": {',
			'            "type": "vcs",',
			'            "url": "https://github.com/me/lib"',
			'        }',
			'    }',
			'}'));
	});

	test('an entry for the same URL already there is not duplicated (any VCS type, .git and / ignored)', () => {
		const before = lines(
			'{',
			'    "repositories": [',
			'        {"type": "composer", "url": "https://repo.example.org"},',
			'        {"type": "git", "url": "https://GitHub.com/me/lib.git/"}',
			'    ],',
			'    "require": {"acme/lib": "^2.1"}',
			'}');
		const { result } = fork(before);
		assert.ok(result.ok);
		assert.equal(result.repositoryAdded, false);
		assert.equal(forked(before), before.replace('"^2.1"', '"dev-fix as 2.x-dev"'));
	});

	test('an entry for the same URL of a non-VCS type does not count', () => {
		const before = '{"repositories": [{"type": "composer", "url": "https://github.com/me/lib"}], "require": {"acme/lib": "*"}}';
		assert.equal(forked(before), '{"repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}, {"type": "composer", "url": "https://github.com/me/lib"}], "require": {"acme/lib": "dev-fix"}}');
	});

	test('CRLF line endings are kept', () => {
		const before = '{\r\n    "require": {\r\n        "acme/lib": "^2.1"\r\n    }\r\n}\r\n';
		const after = forked(before);
		assert.equal(after, '{\r\n    "require": {\r\n        "acme/lib": "dev-fix as 2.x-dev"\r\n    },\r\n    "repositories": [\r\n        {\r\n            "type": "vcs",\r\n            "url": "https://github.com/me/lib"\r\n        }\r\n    ]\r\n}\r\n');
		assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF slipped in');
	});

	test('tabs are kept, CRLF list form', () => {
		const before = '{\r\n\t"repositories": [\r\n\t\t{\r\n\t\t\t"type": "path",\r\n\t\t\t"url": "../x"\r\n\t\t}\r\n\t],\r\n\t"require-dev": {\r\n\t\t"acme/lib": "dev-main"\r\n\t}\r\n}\r\n';
		assert.equal(forked(before, { section: 'require-dev', branch: 'feature/x' }),
			'{\r\n\t"repositories": [\r\n\t\t{\r\n\t\t\t"type": "vcs",\r\n\t\t\t"url": "https://github.com/me/lib"\r\n\t\t},\r\n\t\t{\r\n\t\t\t"type": "path",\r\n\t\t\t"url": "../x"\r\n\t\t}\r\n\t],\r\n\t"require-dev": {\r\n\t\t"acme/lib": "dev-feature/x as dev-main"\r\n\t}\r\n}\r\n');
	});

	test('a numeric branch is required as Composer names it (2.x → 2.x-dev), which already satisfies ^2.1', () => {
		assert.equal(forked('{"require": {"acme/lib": "^2.1"}}', { branch: '2.x' }),
			'{"require": {"acme/lib": "2.x-dev"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
		assert.equal(forked('{"require": {"acme/lib": "^2.1"}}', { branch: 'fix#1' }),
			'{"require": {"acme/lib": "dev-fix+1 as 2.x-dev"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
	});

	test('the package name matches case-insensitively and the last duplicate key is the one edited', () => {
		const before = '{"require": {"Acme/Lib": "^1.0", "acme/lib": "^2.0"}}';
		assert.equal(forked(before), '{"require": {"Acme/Lib": "^1.0", "acme/lib": "dev-fix as 2.x-dev"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
	});

	test('comments and the rest of the layout are left alone', () => {
		const before = lines(
			'{',
			'    // my deps',
			'    "require": {',
			'        "acme/lib":   "^2.1"  ,',
			'        "other/x": "*"',
			'    },',
			'    "repositories": [  {"type": "composer", "url": "https://r.example"}  ]',
			'}');
		assert.equal(forked(before), lines(
			'{',
			'    // my deps',
			'    "require": {',
			'        "acme/lib":   "dev-fix as 2.x-dev"  ,',
			'        "other/x": "*"',
			'    },',
			'    "repositories": [  {"type": "vcs", "url": "https://github.com/me/lib"}, {"type": "composer", "url": "https://r.example"}  ]',
			'}'));
	});
});

describe('fork edit: alias given by the caller', () => {
	test('explicit alias, explicit none', () => {
		const before = '{"require": {"acme/lib": "^2.1"}, "repositories": []}';
		assert.equal(forked(before, { alias: '2.4.1' }), '{"require": {"acme/lib": "dev-fix as 2.4.1"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
		assert.equal(forked(before, { alias: null }), '{"require": {"acme/lib": "dev-fix"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
		assert.equal(forked(before, { alias: '' }), '{"require": {"acme/lib": "dev-fix"}, "repositories": [{"type": "vcs", "url": "https://github.com/me/lib"}]}');
	});

	test('an alias that is not an exact version is refused, nothing written', () => {
		for (const alias of ['^2.1', '2.1 || 3.0', 'not a version']) {
			const { result } = fork('{"require": {"acme/lib": "^2.1"}}', { alias });
			assert.equal(result.ok, false, alias);
			assert.match(result.ok ? '' : result.message, /exact version/);
		}
	});
});

describe('fork edit: refusals', () => {
	test('package not required in that section', () => {
		const { result } = fork('{"require-dev": {"acme/lib": "^2.1"}}');
		assert.equal(result.ok, false);
		assert.match(result.ok ? '' : result.message, /acme\/lib is not required in "require"/);
	});

	test('repositories is neither a list nor an object, or is a single repository', () => {
		for (const block of ['"repositories": "x"', '"repositories": {"type": "vcs", "url": "https://x.example/a"}']) {
			const { result } = fork(`{"require": {"acme/lib": "^2.1"}, ${block}}`);
			assert.equal(result.ok, false, block);
		}
	});

	test('empty URL, a branch Composer cannot name', () => {
		assert.equal(fork('{"require": {"acme/lib": "^2.1"}}', { url: '  ' }).result.ok, false);
		assert.equal(fork('{"require": {"acme/lib": "^2.1"}}', { branch: 'a b' }).result.ok, false);
	});
});

describe('fork edit: live data', () => {
	function live(versions: OfferedVersion[]): RepositoryDataProvider {
		return {
			snapshot: () => ({
				pending: false,
				repositories: [],
				platform: [],
				searchNames: () => [],
				lookup: (name) => name === 'acme/lib'
					? { state: 'found', repository: 'packagist.org', details: { name, versions }, shadowed: [] }
					: { state: 'missing', shadowed: [], failed: [] },
			}),
		};
	}
	const v = (version: string, normalized: string, stability: OfferedVersion['stability'] = 'stable'): OfferedVersion => ({ version, normalized, stability });

	test('the alias is the newest offered release the constraint accepts', () => {
		const provider = live([v('3.0.0', '3.0.0.0'), v('v2.4.0', '2.4.0.0'), v('2.3.0', '2.3.0.0'), v('2.x-dev', '2.9999999.9999999.9999999-dev', 'dev')]);
		const { result } = fork('{"require": {"acme/lib": "^2.1"}}', {}, provider);
		assert.ok(result.ok);
		assert.equal(result.constraint, 'dev-fix as 2.4.0');
		assert.equal(result.aliasReason, 'offered');
	});
});
