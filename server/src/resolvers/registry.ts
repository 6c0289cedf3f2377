// Repository type → resolver, as Composer's RepositoryFactory::manager() registers them. Types Composer
// refuses (pear, forgejo, anything unknown) get a resolver that answers with a clear error value instead, so
// one bad entry never stops the others. (A missing `p4` program is the perforce driver's answer, through the
// ProcessRunner that would run it.)
import * as l10n from '@vscode/l10n';
import { artifactResolver } from './artifact';
import { composerResolver } from './composer';
import { packageResolver } from './package';
import { pathResolver } from './path';
import { VCS_REPOSITORY_TYPES, vcsRepositoryResolver } from './vcs';
import type { LoadResult, RepositoryResolver } from './types';

function failing(code: string, message: string): RepositoryResolver {
	const result: LoadResult = { ok: false, error: { code, message } };
	return { loadPackages: async () => result };
}

export interface RegistryOptions {
	/** The VCS resolver (vcs/git/github/... types); defaultRegistry() sets it, tests that need no VCS leave it out. */
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
	if (VCS_REPOSITORY_TYPES.includes(type)) {
		return options.vcs ?? failing('vcs.unavailable', l10n.t('Repositories of type "{0}" cannot be resolved by this build.', type));
	}
	return failing('repository.unknown-type', l10n.t('Repository type is not registered: {0}', type));
}

/** The registry the CLI and the server use: every resolver this build has. */
export function defaultRegistry(): RegistryOptions {
	return { vcs: vcsRepositoryResolver };
}
