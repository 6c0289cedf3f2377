// Names the Packagist auto-update feature shares with package.json (commands, view, settings, secret keys).

export const HookCommands = {
	checkStatus: 'composerRepositories.hooks.checkStatus',
	listWarnings: 'composerRepositories.hooks.listWarnings',
	triggerUpdate: 'composerRepositories.hooks.triggerUpdate',
	openOnPackagist: 'composerRepositories.hooks.openOnPackagist',
	openHookSettings: 'composerRepositories.hooks.openHookSettings',
	refresh: 'composerRepositories.hooks.refresh',
	setPackagistToken: 'composerRepositories.hooks.setPackagistToken',
	setGitLabToken: 'composerRepositories.hooks.setGitLabToken',
	setBitbucketToken: 'composerRepositories.hooks.setBitbucketToken',
	forgetTokens: 'composerRepositories.hooks.forgetTokens',
} as const;

/** The tree view in the Explorer. */
export const HOOKS_VIEW = 'composerRepositories.hooksView';

/** Context key: the view has results (its welcome text is shown otherwise). */
export const HAS_RESULTS_CONTEXT = 'composerRepositories.hooks.hasResults';

/** Settings section of the feature (`composerRepositories.hooks.*`). */
export const HOOK_SETTINGS_SECTION = 'composerRepositories.hooks';

/** SecretStorage keys. */
export const SecretKeys = {
	packagistUsername: 'composerRepositories.packagist.username',
	packagistToken: 'composerRepositories.packagist.apiToken',
	gitlab: 'composerRepositories.gitlab.token',
	bitbucket: 'composerRepositories.bitbucket.token',
} as const;

/** GitHub scope for reading repository webhooks (and their deliveries). Always the same array: sessions match by scopes. */
export const GITHUB_SCOPES = ['read:repo_hook'];
