// Repository type → resolver, as Composer's RepositoryFactory::manager() registers them. Types Composer
// refuses (pear, forgejo, anything unknown) and perforce without a `p4` program get a resolver that answers
// with a clear error value instead, so one bad entry never stops the others.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { artifactResolver } from './artifact';
import { composerResolver } from './composer';
import { packageResolver } from './package';
import { pathResolver } from './path';
import { vcsRepositoryResolver } from './vcs';
import type { LoadResult, RepositoryResolver } from './types';

export const VCS_TYPES = ['vcs', 'git', 'github', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'fossil', 'svn', 'perforce'] as const;

function failing(code: string, message: string): RepositoryResolver {
	const result: LoadResult = { ok: false, error: { code, message } };
	return { loadPackages: async () => result };
}

/** Whether a program can be found on PATH (no process is started). */
export function onPath(program: string, env: Record<string, string | undefined>): boolean {
	for (const dir of (env.PATH ?? '').split(path.delimiter)) {
		if (!dir) {
			continue;
		}
		try {
			fs.accessSync(path.join(dir, program), fs.constants.X_OK);
			return true;
		} catch {
			// not in this folder
		}
	}
	return false;
}

export interface RegistryOptions {
	env: Record<string, string | undefined>;
	/** The VCS resolver (vcs/git/github/... types); absent until wired. */
	vcs?: RepositoryResolver;
	/** Replaces resolvers per type (tests). */
	overrides?: Record<string, RepositoryResolver>;
}

export function resolverFor(type: unknown, options: RegistryOptions): RepositoryResolver {
	if (typeof type !== 'string') {
		return failing('repository.invalid-type', l10n.t('Repository type must be a string, {0} given', JSON.stringify(type)));
	}
	const override = options.overrides?.[type];
	if (override) {
		return override;
	}
	switch (type) {
		case 'composer': return composerResolver;
		case 'path': return pathResolver;
		case 'artifact': return artifactResolver;
		case 'package': return packageResolver;
		case 'pear': return failing('repository.pear', l10n.t('The PEAR repository has been removed from Composer 2.x'));
		default: break;
	}
	if ((VCS_TYPES as readonly string[]).includes(type)) {
		if (type === 'perforce' && !onPath('p4', options.env)) {
			return failing('vcs.p4-missing', l10n.t('Cannot resolve this perforce repository: the p4 program was not found on PATH.'));
		}
		return options.vcs ?? failing('vcs.unavailable', l10n.t('Repositories of type "{0}" cannot be resolved by this build.', type));
	}
	return failing('repository.unknown-type', l10n.t('Repository type is not registered: {0}', type));
}

/** The registry the CLI and the server use: every resolver this build has. */
export function defaultRegistry(env: Record<string, string | undefined>): RegistryOptions {
	return { env, vcs: vcsRepositoryResolver };
}
