// The tokens a check or an update may use: VS Code's GitHub sign-in (`github`, or `github-enterprise` when
// `github-enterprise.uri` is set) and the tokens kept in SecretStorage (Packagist user name and API token,
// GitLab, Bitbucket). Each one is handed to the redactor before it can reach a request, so no trace shows it.
import * as vscode from 'vscode';
import type { HookCredentials } from '../../../protocol/hooks';
import { GITHUB_SCOPES, SecretKeys } from './ids';
import type { SecretRedactor } from './redaction';

export interface PackagistCredentials {
	username: string;
	token: string;
}

export class HookCredentialStore {
	constructor(private readonly secrets: vscode.SecretStorage, private readonly redactor: SecretRedactor) {}

	private async read(key: string): Promise<string | undefined> {
		const value = await this.secrets.get(key);
		if (value) {
			this.redactor.add(value);
		}
		return value || undefined;
	}

	async packagist(): Promise<PackagistCredentials | undefined> {
		const username = await this.read(SecretKeys.packagistUsername);
		const token = await this.read(SecretKeys.packagistToken);
		return username && token ? { username, token } : undefined;
	}

	async store(key: string, value: string): Promise<void> {
		this.redactor.add(value);
		await this.secrets.store(key, value);
	}

	async forget(): Promise<void> {
		for (const key of Object.values(SecretKeys)) {
			await this.secrets.delete(key);
		}
	}

	/** A GitHub session's token: silently unless `interactive` (then VS Code asks the user to sign in). */
	async githubToken(provider: 'github' | 'github-enterprise', interactive: boolean): Promise<string | undefined> {
		try {
			const session = await vscode.authentication.getSession(provider, GITHUB_SCOPES, interactive ? { createIfNone: true } : { silent: true });
			if (session) {
				this.redactor.add(session.accessToken);
			}
			return session?.accessToken;
		} catch {
			// No such provider (GitHub Enterprise without github-enterprise.uri), or the user declined.
			return undefined;
		}
	}

	/** Everything a status check can use. */
	async forCheck(options: { interactiveGitHub?: boolean; enterprise?: boolean } = {}): Promise<HookCredentials> {
		const [github, githubEnterprise, gitlab, bitbucket] = await Promise.all([
			this.githubToken('github', options.interactiveGitHub === true),
			options.enterprise ? this.githubToken('github-enterprise', options.interactiveGitHub === true) : Promise.resolve(undefined),
			this.read(SecretKeys.gitlab),
			this.read(SecretKeys.bitbucket),
		]);
		return { github, githubEnterprise, gitlab, bitbucket };
	}
}
