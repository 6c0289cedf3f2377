import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { E, H, W, expectDiagnostics, repos } from './validationHarness';

describe('validation: required keys', () => {
	test('url, package and depot', async () => {
		await expectDiagnostics(repos('[{"type": <<"vcs">>}]'), [['missing-url', E]]);
		await expectDiagnostics(repos('{"p": {"type": <<"path">>}}'), [['missing-url', E]]);
		await expectDiagnostics(repos('[{"type": <<"package">>}]'), [['missing-package', E]]);
		await expectDiagnostics(repos('[{"type": <<"perforce">>, "url": "p4.example.org:1666"}]'), [['missing-depot', E]]);
	});
});

describe('validation: value types', () => {
	test('schema keys with the wrong type are errors', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": <<42>>, "no-api": <<"true">>}]'), [['invalid-value-type', E], ['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "options": <<[]>>}]'), [['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": "package", "package": <<"a/b">>}]'), [['invalid-value-type', E]]);
	});

	test('keys read at runtime but absent from the schema are only warned about', async () => {
		await expectDiagnostics(repos('[{"type": "github", "url": "https://github.com/a/b", "allow-git-fallback": <<"no">>}]'), [['invalid-value-type', W]]);
	});

	test('runtime-only keys are not flagged as unknown', async () => {
		await expectDiagnostics(repos(`[
		{"type": "vcs", "url": "https://github.com/a/b", "options": {"ssl": {"verify_peer": true}}, "allow-git-fallback": false},
		{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "https://e.org/b.zip"}}, "security-advisories": {}, "filter": {"internal": [{"package": "a/b", "constraint": "<1.0"}]}},
		{"type": "composer", "url": "https://r.example.org", "filter": {"malware": false}, "allow_ssl_downgrade": false}
		]`), []);
	});

	test('a package repository\'s filter provides lists: false is not the composer type\'s switch', async () => {
		// PackageRepository counts the value: count(false) is a TypeError in PHP 8 (found by the schema).
		await expectDiagnostics(repos('[{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "https://e.org/b.zip"}}, "filter": <<false>>}]'), [['invalid-value-type', W]]);
		await expectDiagnostics(repos('[{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "https://e.org/b.zip"}}, "filter": {"internal": <<true>>}}]'), [['invalid-value-type', W]]);
	});

	test('enumerations, item types and svn paths', async () => {
		await expectDiagnostics(repos('[{"type": "path", "url": "../x", "options": {"reference": <<"autoo">>, "versions": {"a/b": <<1>>}}}]'), [['invalid-value', E], ['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": "svn", "url": "https://svn.example.org/r", "tags-path": <<true>>}]'), [['invalid-value', W]]);
		await expectDiagnostics(repos('[{"type": "path", "url": "../x", "options": {"symlink": <<"yes">>}}]'), [['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": "path", "url": "../x", "options": {"symlink": null, "relative": false, "reference": "none", "versions": {"a/b": "1.0.0"}}}]'), []);
	});
});

describe('validation: keys that do not belong', () => {
	test('svn and perforce keys on other types', async () => {
		await expectDiagnostics(repos('[{"type": "git", "url": "https://example.org/a.git", <<"trunk-path">>: "trunk", <<"svn-cache-credentials">>: false, <<"depot">>: "x"}]'), [['key-not-for-type', W], ['key-not-for-type', W], ['key-not-for-type', W]]);
		// vcs may end up using the svn or perforce driver, so their keys are fine there.
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://svn.example.org/r", "trunk-path": "trunk", "package-path": "sub"}]'), []);
	});

	test('vendor-alias outside pear', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", <<"vendor-alias">>: "x"}]'), [['key-not-for-type', W]]);
	});

	test('path options at the entry level of a path repository (with a fix)', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": "path", "url": "../x", <<"symlink">>: false}]'), [['misplaced-path-option', W]]);
		assert.ok(d.data);
	});

	test('path options on other types, at either level', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://github.com/a/b", <<"symlink">>: false, "options": {<<"relative">>: true}}]'), [['misplaced-path-option', W], ['misplaced-path-option', W]]);
	});

	test('unknown keys with a suggestion, and force-lazy-providers', async () => {
		const [typo] = await expectDiagnostics(repos('[{"type": "vcs", <<"ulr">>: "https://github.com/a/b", "url": "https://github.com/a/b"}]'), [['unknown-key', W]]);
		assert.match(String(typo.message), /Did you mean "url"/);
		await expectDiagnostics(repos('[{"type": "path", "url": "../x", "options": {<<"symlnk">>: true}}]'), [['unknown-key', W]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", <<"force-lazy-providers">>: true}]'), [['ignored-key', H]]);
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://github.com/a/b", <<"my-plugin-setting">>: 1}]'), [['unknown-key', W]]);
	});

	test('an unknown type still gets its common keys checked', async () => {
		await expectDiagnostics(repos('[{"type": <<"foo">>, "url": "x", "canonical": <<"no">>}]'), [['unknown-type', E], ['invalid-value-type', E]]);
	});
});

describe('validation: only / exclude / canonical', () => {
	test('valid filters', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "only": ["acme/*"], "canonical": false}, {"type": "composer", "url": "https://s.example.org", "exclude": ["acme/secret"]}]'), []);
	});

	test('both only and exclude', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "only": ["a/*"], <<"exclude">>: ["a/b"]}]'), [['only-and-exclude', E]]);
	});

	test('only: [] serves nothing', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "only": <<[]>>}]'), [['only-empty', W]]);
	});

	test('wrong types', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "only": <<"a/*">>, "canonical": <<"false">>}]'), [['invalid-value-type', E], ['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org", "exclude": ["a/b", <<3>>]}]'), [['invalid-value-type', E]]);
	});
});
