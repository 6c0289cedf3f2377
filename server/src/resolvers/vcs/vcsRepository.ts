// The resolver for vcs/git/github/gitlab/bitbucket/git-bitbucket (and the hg/fossil/svn/perforce drivers
// registered by their modules): Composer's VcsRepository. URL safety is checked before anything can start a
// process; then the driver is chosen (explicit type, or shallow then deep supports() passes), initialized,
// and its refs turned into versions by vcsVersions.ts. Every failure is returned as a value.
import * as l10n from '@vscode/l10n';
import { expandPath } from '../../composerPaths';
import type { LoadResult, RepositoryDefinition, RepositoryResolver, ResolveContext } from '../types';
import { VcsDriverError, type VcsDriver, type VcsDriverFactory } from './driver';
import { driverByName, driverNameForType, orderedDrivers } from './driverRegistry';
import { checkVcsDefinition, checkVcsUrl, redactUrl } from './urlSafety';
import { loadVcsVersions } from './vcsVersions';

async function safeSupports(factory: VcsDriverFactory, url: string, ctx: ResolveContext, deep: boolean): Promise<boolean> {
	try {
		return await factory.supports(url, ctx, deep);
	} catch {
		return false;
	}
}

/** VcsRepository::getDriver. */
export async function selectDriver(type: string, url: string, config: Record<string, unknown>, ctx: ResolveContext): Promise<VcsDriver | VcsDriverError> {
	if (type !== 'vcs') {
		const name = driverNameForType(type);
		const factory = name === undefined ? undefined : driverByName(name);
		if (!factory) {
			return new VcsDriverError('driver-unavailable', l10n.t('Repository type "{0}" cannot be resolved: no driver for it is available.', type));
		}
		return factory.create(url, config, ctx);
	}
	const drivers = orderedDrivers();
	for (const deep of [false, true]) {
		for (const factory of drivers) {
			if (ctx.signal?.aborted) {
				return new VcsDriverError('cancelled', l10n.t('Cancelled.'));
			}
			if (await safeSupports(factory, url, ctx, deep)) {
				return factory.create(url, config, ctx);
			}
		}
	}
	return new VcsDriverError('no-driver', l10n.t('No driver found to handle VCS repository {0}', redactUrl(url)));
}

function failure(e: unknown, warnings: string[]): LoadResult {
	if (e instanceof VcsDriverError) {
		return { ok: false, error: { code: e.code.startsWith('vcs.') ? e.code : `vcs.${e.code}`, message: e.message }, warnings };
	}
	return { ok: false, error: { code: 'vcs.internal', message: (e as Error)?.message ?? String(e) }, warnings };
}

export class VcsRepositoryResolver implements RepositoryResolver {
	async loadPackages(repo: RepositoryDefinition, names: string[] | undefined, ctx: ResolveContext): Promise<LoadResult> {
		const config = repo.config;
		const type = typeof config.type === 'string' ? config.type : 'vcs';
		const rawUrl = config.url;
		// Safety first: nothing below may start a process for a definition that fails these checks.
		const unsafe = checkVcsDefinition({ ...config, type });
		if (unsafe) {
			return { ok: false, error: unsafe };
		}
		// Platform::expandPath, shared with the path and artifact resolvers and the editor.
		const url = expandPath(rawUrl as string, ctx.env, ctx.homeDir, process.platform === 'win32');
		const unsafeExpanded = checkVcsUrl(url, type);
		if (unsafeExpanded) {
			return { ok: false, error: unsafeExpanded };
		}
		let driver: VcsDriver | undefined;
		try {
			const selected = await selectDriver(type, url, config, ctx);
			if (selected instanceof VcsDriverError) {
				return failure(selected, []);
			}
			driver = selected;
			await driver.initialize();
			const result = await loadVcsVersions(driver, redactUrl(url));
			for (const line of result.details) {
				ctx.log?.(`[vcs] ${driver.label}: ${line}`);
			}
			const warnings = [...(driver.warnings ?? []), ...result.warnings];
			const wanted = names?.map((n) => n.toLowerCase());
			const packages = wanted === undefined ? result.packages : result.packages.filter((p) => wanted.includes(p.name.toLowerCase()));
			const namesFound = [...new Set(packages.map((p) => p.name.toLowerCase()))];
			return { ok: true, namesFound, packages, warnings };
		} catch (e) {
			return failure(e, driver?.warnings ? [...driver.warnings] : []);
		}
	}
}

export const vcsRepositoryResolver = new VcsRepositoryResolver();
