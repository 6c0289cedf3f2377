// The VCS driver map (Composer's VcsRepository::$drivers): which factory serves an explicit `type`, and the
// order in which `type: vcs` asks them. Drivers register here; the order is Composer's whatever the
// registration order is ("svn must be last because identifying a subversion server for sure is practically
// impossible").
import type { VcsDriverFactory } from './driver';

/** Composer's map order, without the duplicate `git-bitbucket` entry (same class as `bitbucket`). */
const ORDER = ['github', 'gitlab', 'bitbucket', 'forgejo', 'git', 'hg', 'perforce', 'fossil', 'svn'];

/** Repository `type` values that name a driver directly (no supports() call). */
const TYPE_TO_DRIVER: Record<string, string> = {
	git: 'git',
	github: 'github',
	gitlab: 'gitlab',
	bitbucket: 'bitbucket',
	'git-bitbucket': 'bitbucket',
	hg: 'hg',
	fossil: 'fossil',
	svn: 'svn',
	perforce: 'perforce',
};

const factories = new Map<string, VcsDriverFactory>();

/** Adds (or replaces) a driver factory; `factory.name` is its key in the driver map (`hg`, `svn`...). */
export function registerVcsDriver(factory: VcsDriverFactory): void {
	factories.set(factory.name, factory);
}

function rank(name: string): number {
	const i = ORDER.indexOf(name);
	// Unknown (plugin-like) drivers go just before svn, which must stay last.
	return i >= 0 ? i : ORDER.length - 1.5;
}

/** Registered factories in Composer's detection order. */
export function orderedDrivers(): VcsDriverFactory[] {
	return [...factories.values()].sort((a, b) => rank(a.name) - rank(b.name));
}

/** The driver name an explicit repository type selects, or undefined for `vcs`/unknown types. */
export function driverNameForType(type: string): string | undefined {
	return TYPE_TO_DRIVER[type];
}

export function driverByName(name: string): VcsDriverFactory | undefined {
	return factories.get(name);
}

/** Every repository type this resolver family answers for. */
export const VCS_REPOSITORY_TYPES = ['vcs', ...Object.keys(TYPE_TO_DRIVER)];
