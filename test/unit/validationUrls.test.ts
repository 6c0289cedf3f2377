import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { E, W, expectDiagnostics, repos } from './validationHarness';

const secureHttpOff = '\n\t"config": {"secure-http": false},';

describe('validation: URLs', () => {
	test('empty url', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": <<"">>}, {"type": "path", "url": <<"  ">>}]'), [['empty-url', E], ['empty-url', E]]);
	});

	test('composer url without a scheme; local-looking ones are left alone', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": <<"repo.example.org">>}]'), [['url-no-scheme', E]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": <<"repo.example.org">>}]', secureHttpOff), [['url-no-scheme', W]]);
		await expectDiagnostics(repos('[{"type": "composer", "url": "./satis-output"}]'), []);
	});

	test('vcs url that looks like a host without a scheme', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": <<"github.com/acme/lib">>}]'), [['url-no-scheme', W]]);
		await expectDiagnostics(repos('[{"type": "vcs", "url": "git@github.com:acme/lib.git"}, {"type": "git", "url": "../local-clone"}]'), []);
	});

	test('insecure protocols under secure-http', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": <<"http://repo.example.org">>}, {"type": "git", "url": <<"git://example.org/a.git">>}, {"type": "svn", "url": <<"svn://svn.example.org/r">>}]'),
			[['insecure-url', E], ['insecure-url', E], ['insecure-url', E]]);
	});

	test('insecure protocols allowed by secure-http false are warnings', async () => {
		await expectDiagnostics(repos('[{"type": "composer", "url": <<"http://repo.example.org">>}]', secureHttpOff), [['insecure-url', W]]);
	});

	test('svn:// to a host in secure-svn-domains is fine', async () => {
		await expectDiagnostics(repos('[{"type": "svn", "url": "svn://svn.example.org/r"}]', '\n\t"config": {"secure-svn-domains": ["svn.example.org"]},'), []);
	});

	test('GitHub URLs over http are handled by the https API', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": "http://github.com/a/b"}, {"type": "github", "url": "git://github.com/a/c"}]'), []);
	});

	test('github type with a URL its driver rejects', async () => {
		await expectDiagnostics(repos('[{"type": "github", "url": <<"ssh://git@github.com/a/b.git">>}, {"type": "github", "url": <<"https://github.com/a">>}]'), [['invalid-github-url', E], ['invalid-github-url', E]]);
		await expectDiagnostics(repos('[{"type": "github", "url": "git@github.com:a/b.git"}, {"type": "github", "url": "https://github.example.com/a/b/"}]'), []);
	});

	test('gitlab type', async () => {
		await expectDiagnostics(repos('[{"type": "gitlab", "url": <<"ssh://git@gitlab.com/a/b.git">>}]'), [['invalid-gitlab-url', E]]);
		await expectDiagnostics(repos('[{"type": "gitlab", "url": <<"https://git.example.org/group/proj">>}]'), [['gitlab-domain-not-configured', W]]);
		await expectDiagnostics(repos('[{"type": "gitlab", "url": "https://git.example.org/group/proj"}, {"type": "gitlab", "url": "git@git.example.org:g/p.git"}]', '\n\t"config": {"gitlab-domains": ["git.example.org"]},'), []);
	});

	test('a host-specific type on a host another driver claims', async () => {
		await expectDiagnostics(repos('[{"type": "github", "url": <<"https://gitlab.com/a/b">>}, {"type": "github", "url": <<"https://bitbucket.org/a/b">>}]'), [['host-not-for-type', W], ['host-not-for-type', W]]);
		await expectDiagnostics(repos('[{"type": "gitlab", "url": <<"https://github.com/a/b">>}, {"type": "gitlab", "url": <<"https://bitbucket.org/a/b">>}]'), [['host-not-for-type', W], ['host-not-for-type', W]]);
		// The domains this file configures decide: a GitLab server of its own, or a host it lists as GitHub.
		await expectDiagnostics(repos('[{"type": "github", "url": <<"https://git.example.org/group/proj">>}]', '\n\t"config": {"gitlab-domains": ["git.example.org"]},'), [['host-not-for-type', W]]);
		await expectDiagnostics(repos('[{"type": "github", "url": "https://gitlab.com/a/b"}]', '\n\t"config": {"github-domains": ["gitlab.com"]},'), []);
		// An unknown host may be a GitHub Enterprise server: the GitHub driver calls its /api/v3.
		await expectDiagnostics(repos('[{"type": "github", "url": "https://github.example.com/a/b"}, {"type": "gitlab", "url": "https://gitlab.com/a/b"}, {"type": "bitbucket", "url": "https://bitbucket.org/a/b"}]'), []);
	});

	test('bitbucket type', async () => {
		await expectDiagnostics(repos('[{"type": "bitbucket", "url": <<"git@bitbucket.org:a/b.git">>}]'), [['invalid-bitbucket-url', E]]);
	});

	test('ssh URLs with a non-numeric port', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": <<"ssh://git@example.org:acme/lib.git">>}]'), [['invalid-ssh-url', E]]);
		await expectDiagnostics(repos('[{"type": "git", "url": "ssh://git@example.org:2222/acme/lib.git"}]'), []);
	});
});

describe('validation: URL forms Composer reads differently (checked with Composer 2.5.5, git, hg and svn)', () => {
	test('no host after the scheme: Composer fails as it says', async () => {
		const [composer, vcs, git] = await expectDiagnostics(repos('[{"type": "composer", "url": <<"https://">>}, {"type": "vcs", "url": <<"https://">>}, {"type": "git", "url": <<"https:///a/b.git">>}]'),
			[['url-no-host', E], ['url-no-host', E], ['url-no-host', E]]);
		assert.match(String(composer.message), /"The "https:\/packages\.json" file could not be downloaded"/);
		assert.match(String(vcs.message), /"No driver found to handle VCS repository https:\/\/"/);
		assert.match(String(git.message), /"Failed to clone https:\/\/\/a\/b\.git to read package information from it"/);
		await expectDiagnostics(repos('[{"type": "svn", "url": <<"svn://">>}, {"type": "vcs", "url": "file:///srv/repo.git"}]'), [['url-no-host', E]]);
	});

	test('an upper-case insecure scheme slips past secure-http (composer, svn): a warning, with https:// as the fix', async () => {
		const [d] = await expectDiagnostics(repos('[{"type": "composer", "url": <<"HTTP://repo.example.org">>}, {"type": "svn", "url": <<"SVN://svn.example.org/r">>}, {"type": "composer", "url": "HTTPS://repo.example.org"}]'),
			[['uppercase-scheme', W], ['uppercase-scheme', W]]);
		assert.match(String(d.message), /"HTTP:\/\/" slips past it, and Composer connects over plain, unencrypted http/);
		assert.deepEqual((d.data as { fixes: { newText: string }[] }).fixes.map((f) => f.newText), ['"https://repo.example.org"', '"http://repo.example.org"']);
		// With secure-http off Composer would only warn about http://; about HTTP:// it says nothing at all.
		await expectDiagnostics(repos('[{"type": "composer", "url": <<"Http://repo.example.org">>}]', secureHttpOff), [['uppercase-scheme', W]]);
	});

	test('git, hg and fossil do not understand an upper-case scheme: Composer fails', async () => {
		const diagnostics = await expectDiagnostics(repos('[{"type": "git", "url": <<"HTTPS://example.org/a.git">>}, {"type": "vcs", "url": <<"Git://example.org/a.git">>}, {"type": "hg", "url": <<"HTTPS://hg.example.org/r">>}, {"type": "vcs", "url": <<"HTTPS://example.org/r">>}]'),
			[['uppercase-scheme', E], ['uppercase-scheme', E], ['uppercase-scheme', E], ['uppercase-scheme', W]]);
		assert.match(String(diagnostics[0].message), /^git does not understand the upper-case scheme "HTTPS:\/\/"/);
		assert.match(String(diagnostics[3].message), /only if it is a Subversion one/);
		// Bitbucket's driver uses its https API; GitHub's and GitLab's rules already refuse such URLs; svn lower-cases.
		await expectDiagnostics(repos('[{"type": "vcs", "url": "HTTPS://bitbucket.org/a/b"}, {"type": "github", "url": <<"HTTPS://github.com/a/b">>}, {"type": "svn", "url": "HTTPS://svn.example.org/r"}]'),
			[['invalid-github-url', E]]);
	});
});
