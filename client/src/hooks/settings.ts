// The feature's settings, read in one place. Base URLs are `application`-scoped in package.json: a workspace's
// own .vscode/settings.json cannot send the user's tokens to another server.
import * as vscode from 'vscode';
import type { HookSettings } from '../../../protocol/hooks';
import { HOOK_SETTINGS_SECTION } from './ids';

export function readHookSettings(): HookSettings {
	const config = vscode.workspace.getConfiguration(HOOK_SETTINGS_SECTION);
	const url = (key: string): string | undefined => {
		const value = config.get<string>(key);
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const grace = config.get<number>('graceMinutes');
	const enterprise = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
	return {
		baseUrls: {
			packagist: url('packagistUrl'),
			repo: url('repoUrl'),
			githubApi: url('githubApiUrl'),
			gitlab: url('gitlabUrl'),
			bitbucketApi: url('bitbucketApiUrl'),
		},
		readMarker: config.get<boolean>('readPackagePage') !== false,
		graceMinutes: typeof grace === 'number' && grace >= 0 ? grace : undefined,
		githubEnterpriseUrl: typeof enterprise === 'string' && enterprise.trim() !== '' ? enterprise.trim() : undefined,
	};
}
