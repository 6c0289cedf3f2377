// The fake Packagist, GitHub, GitLab and Bitbucket of the hooks tests (test/helpers/fakePackagist.ts), started by
// the runner inside the session's network namespace (the editor's 127.0.0.1 is the runner's), with the package the
// workspace's composer.json names. The extension reaches them through its base-URL settings (user-level only by
// design: a workspace must not redirect where tokens go) and git through `url.insteadOf` in the environment the
// language server inherits from code-server.
import { join } from 'node:path';
import { gitRedirectEnv, startFakePackagist, type FakePackagist } from '../../helpers/fakePackagist';
import { removeDir, tempDir } from '../../helpers/gitRepo';
import { buildLibrary, scenarioPackages, TOKENS } from '../../hooks/hooksSetup';
import { PACKAGE_NAME } from './workspace';

export interface FakeHooks {
	/** code-server user settings that point the extension at the fakes. */
	userSettings: Record<string, unknown>;
	/** Environment for code-server (and so the language server): git redirected, a private HTTP cache. */
	env: Record<string, string>;
	fake: FakePackagist;
	close(): Promise<void>;
}

export async function startFakeHooks(): Promise<FakeHooks> {
	const work = tempDir('composer-repos-e2e-hooks-');
	const packages = scenarioPackages(buildLibrary(work));
	// acme/alpha's data (official hook delivering, every tag and the head on Packagist, page marked auto-updated)
	// under the workspace's package name.
	const alpha = packages.find((p) => p.name === 'acme/alpha');
	if (!alpha) {
		throw new Error('the hooks scenarios lost acme/alpha');
	}
	const fake = await startFakePackagist([...packages, { ...alpha, name: PACKAGE_NAME }], TOKENS);
	return {
		userSettings: {
			'composerRepositories.hooks.packagistUrl': fake.bases.packagist,
			'composerRepositories.hooks.repoUrl': fake.bases.repo,
			'composerRepositories.hooks.githubApiUrl': fake.bases.githubApi,
			'composerRepositories.hooks.gitlabUrl': fake.bases.gitlab,
			'composerRepositories.hooks.bitbucketApiUrl': fake.bases.bitbucketApi,
		},
		env: { ...gitRedirectEnv(fake), XDG_CACHE_HOME: join(work, 'cache') },
		fake,
		async close() {
			await fake.close();
			removeDir(work);
		},
	};
}
