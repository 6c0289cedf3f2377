import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { E, W, expectDiagnostics, repos } from './validationHarness';

function pkg(body: string): string {
	return repos(`[{"type": "package", "package": ${body}}]`);
}
const dist = '"dist": {"type": "zip", "url": "https://example.org/x.zip"}';

describe('validation: inline packages', () => {
	test('one version, several versions, source only', async () => {
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": "1.2.3", ${dist}}`), []);
		await expectDiagnostics(pkg(`[{"name": "acme/lib", "version": "1.0.0", ${dist}}, {"name": "acme/lib", "version": "dev-main", "source": {"type": "git", "url": "https://example.org/lib.git", "reference": "main"}}]`), []);
		await expectDiagnostics(pkg(`{"name": "wpackagist-plugin/akismet", "version": "v4.1", "type": "wordpress-plugin", "require": {"php": ">=7.2"}, ${dist}}`), []);
	});

	test('empty package list', async () => {
		await expectDiagnostics(pkg('<<[]>>'), [['empty-package-list', E]]);
	});

	test('missing name and version', async () => {
		await expectDiagnostics(pkg(`<<{>>"version": "1.0.0", ${dist}}`), [['missing-package-key', E]]);
		await expectDiagnostics(pkg(`{<<"name">>: "acme/lib", ${dist}}`), [['missing-package-key', E]]);
	});

	test('invalid names (with a lower-case fix when possible)', async () => {
		const [upper] = await expectDiagnostics(pkg(`{"name": <<"Acme/MyLib">>, "version": "1.0.0", ${dist}}`), [['invalid-package-name', E]]);
		assert.match(String(upper.message), /acme\/my-lib/);
		assert.ok(upper.data);
		await expectDiagnostics(pkg(`{"name": <<"mylib">>, "version": "1.0.0", ${dist}}`), [['invalid-package-name', E]]);
		await expectDiagnostics(pkg(`{"name": <<"acme/con">>, "version": "1.0.0", ${dist}}`), [['invalid-package-name', E]]);
		await expectDiagnostics(pkg(`{"name": <<"acme/lib.json">>, "version": "1.0.0", ${dist}}`), [['invalid-package-name', E]]);
		await expectDiagnostics(pkg(`{"name": <<7>>, "version": "1.0.0", ${dist}}`), [['invalid-value-type', E]]);
	});

	test('unparsable versions', async () => {
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": <<"latest">>, ${dist}}`), [['invalid-package-version', E]]);
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": <<"1.0.0.0.1">>, ${dist}}`), [['invalid-package-version', E]]);
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": <<{}>>, ${dist}}`), [['invalid-value-type', E]]);
	});

	test('neither dist nor source', async () => {
		await expectDiagnostics(pkg('{<<"name">>: "acme/lib", "version": "1.0.0"}'), [['missing-dist-or-source', W]]);
	});

	test('dist and source details', async () => {
		await expectDiagnostics(pkg('{"name": "acme/lib", "version": "1.0.0", <<"dist">>: {"url": "https://e.org/x.zip"}}'), [['missing-package-key', E]]);
		await expectDiagnostics(pkg('{"name": "acme/lib", "version": "1.0.0", <<"source">>: {"type": "git", "url": "https://e.org/x.git"}}'), [['missing-package-key', E]]);
		await expectDiagnostics(pkg('{"name": "acme/lib", "version": "1.0.0", "dist": {"type": <<"zipp">>, "url": "https://e.org/x.zip"}}'), [['unknown-dist-type', W]]);
		await expectDiagnostics(pkg('{"name": "acme/lib", "version": "1.0.0", "dist": {"type": "zip", "url": <<"http://e.org/x.zip">>}}'), [['insecure-url', E]]);
		await expectDiagnostics(pkg('{<<"name">>: "acme/lib", "version": "1.0.0", "dist": <<"https://e.org/x.zip">>}'), [['missing-dist-or-source', W], ['invalid-value-type', E]]);
		await expectDiagnostics(pkg('{"name": "acme/lib", "version": "1.0.0", "source": {"type": "git", "url": "https://e.org/x.git", "reference": <<"--upload-pack=x">>}}'), [['invalid-value', E]]);
	});

	test('typed keys of the definition', async () => {
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": "1.0.0", "require": <<["php"]>>, ${dist}}`), [['invalid-value-type', E]]);
		await expectDiagnostics(pkg(`{"name": "acme/lib", "version": "1.0.0", "require": {"php": <<8>>}, ${dist}}`), [['invalid-value-type', E]]);
	});
});

describe('validation: duplicates', () => {
	test('same kind and URL, ignoring a trailing slash, .git and host case', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://github.com/a/b"}, {"type": "git", "url": <<"https://GitHub.com/a/b.git">>}]'), [['duplicate-repository', W]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org/"}, {"type": "composer", "url": <<"https://r.example.org">>}]'), [['duplicate-repository', W]]);
	});

	test('different types or URLs are not duplicates', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": "https://r.example.org"}, {"type": "vcs", "url": "https://r.example.org"}, {"type": "vcs", "url": "https://github.com/a/c"}]'), []);
	});
});
