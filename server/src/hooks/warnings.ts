// Sync warnings for every package of a vendor or a maintainer: list them on Packagist, check each one with a
// bounded number at once (the HTTP client also caps the sockets), report progress, stop on cancellation, and
// order the result problems first. Abandoned packages are marked and skipped unless asked for.
import * as l10n from '@vscode/l10n';
import { isWellFormedVendorName } from '../composer/packageNames';
import type { HookReport, HookStatus } from '../../../protocol/hooks';
import { HookCancelledError, HookInputError, throwIfCancelled, type HookContext } from './context';
import type { TokenHints } from './hookResult';
import { listUser, listVendor, type ListedPackage } from './packagist';
import { checkPackage } from './status';

export interface WarningsQuery {
	vendor?: string;
	user?: string;
	includeAbandoned?: boolean;
}

export interface WarningsOptions {
	hints?: TokenHints;
	onProgress?(done: number, total: number, name?: string): void;
}

const DEFAULT_CONCURRENCY = 8;
const ORDER: Record<HookStatus, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };

/** Problems first, then warnings, unknown and ok; skipped (abandoned) packages last; by name within a group. */
export function orderReports(reports: HookReport[]): HookReport[] {
	return [...reports].sort((a, b) => Number(a.skipped === true) - Number(b.skipped === true)
		|| ORDER[a.verdict] - ORDER[b.verdict]
		|| a.package.localeCompare(b.package));
}

/** Runs `work` over `items` with at most `limit` at once; stops starting new work once `signal` aborts. */
export async function mapLimit<T, R>(items: T[], limit: number, signal: AbortSignal | undefined, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			throwIfCancelled(signal);
			const index = next++;
			results[index] = await work(items[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
	return results;
}

export async function listWarnings(ctx: HookContext, query: WarningsQuery, options: WarningsOptions = {}): Promise<HookReport[]> {
	const vendor = query.vendor?.trim().toLowerCase();
	const user = query.user?.trim();
	if ((vendor ? 1 : 0) + (user ? 1 : 0) !== 1) {
		throw new HookInputError(l10n.t('Give either a vendor or a Packagist user name.'));
	}
	if (vendor !== undefined && !isWellFormedVendorName(vendor)) {
		throw new HookInputError(l10n.t('"{0}" is not a vendor name.', query.vendor ?? ''));
	}
	if (user !== undefined && !/^[\w.-]+$/.test(user)) {
		throw new HookInputError(l10n.t('"{0}" is not a Packagist user name.', user));
	}
	const listed: ListedPackage[] | { error: string } = vendor ? await listVendor(ctx, vendor) : await listUser(ctx, user!);
	throwIfCancelled(ctx.signal);
	if ('error' in listed) {
		throw new HookInputError(l10n.t('The package list could not be read from Packagist: {0}', listed.error));
	}
	const total = listed.length;
	let done = 0;
	options.onProgress?.(0, total);
	const reports = await mapLimit(listed, ctx.concurrency ?? DEFAULT_CONCURRENCY, ctx.signal, async (pkg) => {
		let report: HookReport;
		try {
			report = await checkPackage(
				ctx, { name: pkg.name, repository: pkg.repository, abandoned: pkg.abandoned }, { skipAbandoned: !query.includeAbandoned, hints: options.hints },
			);
		} catch (error) {
			if (error instanceof HookCancelledError) {
				throw error;
			}
			// One odd entry (a name Packagist lists but we cannot read) must not sink the whole list.
			report = {
				package: pkg.name, repository: null, verdict: 'unknown', signals: [], advice: error instanceof Error ? error.message : String(error),
				link: null, packagistUrl: `${ctx.bases.packagist}/packages/${pkg.name}`, hookSettingsUrl: null, host: null, checkedAt: new Date(ctx.now()).toISOString(),
			};
		}
		options.onProgress?.(++done, total, pkg.name);
		return report;
	});
	throwIfCancelled(ctx.signal);
	return orderReports(reports);
}
