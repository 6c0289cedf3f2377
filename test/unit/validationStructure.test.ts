import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { E, H, W, expectDiagnostics, repos } from './validationHarness';

describe('validation: document and block structure', () => {
	test('a valid list and a valid keyed form give nothing', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://repo.example.org"}, {"packagist.org": false}]'), []);
		await expectDiagnostics(repos('{"private": {"type": "vcs", "url": "https://github.com/acme/lib"}, "packagist.org": false}'), []);
		await expectDiagnostics(repos('[]'), []);
		await expectDiagnostics('{"name": "acme/app"}', []);
	});

	test('broken JSON is reported and the rest is still checked', async () => {
		await expectDiagnostics(`{"repositories": [{"type": <<"vsc">>, "url": "https://x.org/a/b.git"} <<{>>"type": "vcs", "url": "https://github.com/a/b"}]}`, [['unknown-type', E], ['invalid-json', E]]);
		await expectDiagnostics(`{"repositories": [{"type": <<"vsc">>, "url": "https://x.org/a/b.git"}]<<>>`, [['unknown-type', E], ['invalid-json', E]]);
	});

	test('comments and trailing commas are reported, not fatal', async () => {
		await expectDiagnostics(`{\n\t<<// note>>\n\t"repositories": [{"type": "vcs", "url": "https://github.com/a/b"}<<,>>]\n}`, [['invalid-json', E], ['invalid-json', E]]);
		// The comma is the mistake, wherever the closing bracket is.
		const [d] = await expectDiagnostics(`{\n\t"repositories": [\n\t\t{"type": "vcs", "url": "https://github.com/a/b"}<<,>>\n\t]\n}`, [['invalid-json', E]]);
		assert.equal(d.message, 'Trailing comma: Composer cannot read the file.');
	});

	test('repositories that is neither a list nor an object', async () => {
		await expectDiagnostics(repos('<<"https://repo.example.org">>'), [['repositories-not-collection', E]]);
		await expectDiagnostics(repos('<<null>>'), [['repositories-not-collection', E]]);
	});

	test('a single repository object instead of a list', async () => {
		await expectDiagnostics(`{\n\t<<"repositories">>: {"type": "vcs", "url": "https://github.com/a/b"}\n}`, [['single-repository', E]]);
	});

	test('entries that are not objects', async () => {
		await expectDiagnostics(repos('[<<"https://github.com/a/b">>, <<42>>, <<[]>>]'), [['entry-not-object', E], ['entry-not-object', E], ['entry-not-object', E]]);
		await expectDiagnostics(repos('{"a": <<"https://github.com/a/b">>}'), [['entry-not-object', E]]);
	});

	test('missing type: on the opening brace (list) or the key (keyed form)', async () => {
		await expectDiagnostics(repos('[<<{>>"url": "https://github.com/a/b"}]'), [['missing-type', E]]);
		await expectDiagnostics(repos('{<<"mine">>: {"url": "https://github.com/a/b"}}'), [['missing-type', E]]);
	});

	test('duplicate keys inside the block', async () => {
		await expectDiagnostics(repos('{"a": {"type": "vcs", "url": "https://github.com/a/b"}, <<"a">>: {"type": "vcs", "url": "https://github.com/a/c"}}'), [['duplicate-key', W]]);
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://github.com/a/b", <<"url">>: "https://github.com/a/c"}]'), [['duplicate-key', W]]);
	});

	test('name inside a keyed entry; allowed in the list form', async () => {
		await expectDiagnostics(repos('{"a": {"type": "vcs", <<"name">>: "a", "url": "https://github.com/a/b"}}'), [['name-in-keyed-entry', E]]);
		await expectDiagnostics(repos('[{"name": "a", "type": "vcs", "url": "https://github.com/a/b"}]'), []);
	});
});

describe('validation: disable entries', () => {
	test('packagist.org: false in both forms is fine', async () => {
		await expectDiagnostics(repos('[{"packagist.org": false}]'), []);
		await expectDiagnostics(repos('{"packagist.org": false}'), []);
	});

	test('legacy packagist: false is a hint with a fix, in both forms', async () => {
		const [d] = await expectDiagnostics(repos('[{<<"packagist">>: false}]'), [['legacy-packagist', H]]);
		assert.ok(d.data);
		await expectDiagnostics(repos('{<<"packagist">>: false}'), [['legacy-packagist', H]]);
	});

	test('a disable entry must be false and alone', async () => {
		await expectDiagnostics(repos('[{"packagist.org": <<true>>}]'), [['disable-not-false', E]]);
		await expectDiagnostics(repos('{"packagist.org": <<true>>}'), [['disable-not-false', E]]);
		await expectDiagnostics(repos('[{"packagist.org": false, <<"foo">>: false}]'), [['disable-extra-keys', E]]);
	});

	test('disabling another name only affects earlier layers', async () => {
		await expectDiagnostics(repos('[{<<"my-mirror">>: false}]'), [['disable-unknown-name', H]]);
	});

	test('a packagist key inside a typed repository is ignored by Composer', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://repo.example.org", <<"packagist">>: false}]'), [['packagist-key-in-repository', W]]);
	});

	test('a keyed "packagist" repository definition (mirror) is fine', async () => {
		await expectDiagnostics(repos('{"packagist": {"type": "composer", "url": "https://mirror.example.org"}}'), []);
	});
});

describe('validation: types', () => {
	test('every accepted type with its required keys passes', async () => {
		const entries = [
			'{"type": "composer", "url": "https://repo.example.org"}',
			'{"type": "vcs", "url": "https://github.com/a/b"}',
			'{"type": "git", "url": "git@example.org:a/b.git"}',
			'{"type": "github", "url": "https://github.com/a/c"}',
			'{"type": "gitlab", "url": "https://gitlab.com/group/sub/proj"}',
			'{"type": "bitbucket", "url": "https://bitbucket.org/a/b.git"}',
			'{"type": "hg", "url": "ssh://hg@example.org/repo"}',
			'{"type": "fossil", "url": "https://chiselapp.com/user/a/repository/b"}',
			'{"type": "svn", "url": "https://svn.example.org/repo", "trunk-path": "Trunk", "tags-path": false}',
			'{"type": "perforce", "url": "perforce.example.org:1666", "depot": "Depot", "branch": "main"}',
			'{"type": "path", "url": "../lib", "options": {"symlink": true}}',
			'{"type": "artifact", "url": "./artifacts"}',
			'{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "https://example.org/b.zip"}}}',
		];
		await expectDiagnostics(repos(`[\n${entries.join(',\n')}\n]`), []);
	});

	test('git-bitbucket is deprecated (hint with fix)', async () => {
		await expectDiagnostics(repos('[{"type": <<"git-bitbucket">>, "url": "https://bitbucket.org/a/b"}]'), [['deprecated-type', H]]);
	});

	test('pear is removed', async () => {
		await expectDiagnostics(repos('[{"type": <<"pear">>, "url": "https://pear.example.org", "vendor-alias": "x"}]'), [['removed-type', E]]);
	});

	test('forgejo and hg-bitbucket are not registered', async () => {
		await expectDiagnostics(repos('[{"type": <<"forgejo">>, "url": "https://codeberg.org/a/b"}, {"type": <<"hg-bitbucket">>, "url": "https://bitbucket.org/a/b"}]'), [['unregistered-type', E], ['unregistered-type', E]]);
	});

	test('unknown types, with and without a suggestion', async () => {
		const [typo, none] = await expectDiagnostics(repos('[{"type": <<"gti">>, "url": "x"}, {"type": <<"subversion-thing">>, "url": "x"}]'), [['unknown-type', E], ['unknown-type', E]]);
		assert.match(String(typo.message), /Did you mean "git"/);
		assert.equal(none.data, undefined);
		await expectDiagnostics(repos('[{"type": <<"VCS">>, "url": "https://github.com/a/b"}]'), [['unknown-type', E]]);
	});

	test('a type that is not a string', async () => {
		await expectDiagnostics(repos('[{"type": <<1>>, "url": "https://github.com/a/b"}]'), [['invalid-value-type', E]]);
	});
});
