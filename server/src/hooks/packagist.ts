// Packagist's public side, as the hooks engine reads it: the package JSON (repository, abandoned), the p2
// metadata (tags, and `~dev` for branches; minified), a vendor's or a maintainer's package list, and the
// package page's "auto-updated" marker (the only public carrier of the flag; unofficial screen-scraping).
// All of it is public, so it goes through the disk cache with revalidation.
import * as l10n from '@vscode/l10n';
import { redact } from '../net/credentials';
import { expandMinified } from '../resolvers/composer/minifier';
import { apiGet, asArray, asObject, asString, describeFailure, getPages } from './apiClient';
import type { HookContext } from './context';

/** The package page on Packagist. */
export function packagePageUrl(ctx: Pick<HookContext, 'bases'>, name: string): string {
	return `${ctx.bases.packagist}/packages/${name}`;
}

/** Packagist's "how to update packages" section: what to do for hosts without a settings link. */
export function howToUrl(ctx: Pick<HookContext, 'bases'>): string {
	return `${ctx.bases.packagist}/about#how-to-update-packages`;
}

export type Lookup<T> = { found: true; value: T } | { found: false } | { error: string };

export interface PackageInfo {
	repository: string | null;
	abandoned?: boolean | string;
}

function abandonedOf(value: unknown): boolean | string | undefined {
	return value === true || (typeof value === 'string' && value !== '') ? value : undefined;
}

/** `GET /packages/{name}.json` (CDN-cached for 12 h: used for the repository only, never for freshness). */
export async function fetchPackageInfo(ctx: HookContext, name: string): Promise<Lookup<PackageInfo>> {
	const answer = await apiGet(ctx, `${ctx.bases.packagist}/packages/${name}.json`, { cache: true, maxAgeMs: 3600_000 });
	if (answer.kind === 'ok') {
		const pkg = asObject(asObject(answer.data).package);
		return { found: true, value: { repository: asString(pkg.repository) ?? null, abandoned: abandonedOf(pkg.abandoned) } };
	}
	if (answer.kind === 'http' && answer.status === 404) {
		return { found: false };
	}
	return { error: describeFailure(answer) };
}

/** One version entry of p2 metadata, expanded. */
export interface P2Version {
	version: string;
	normalized: string;
	reference?: string;
	time?: string;
	publishedTime?: string;
	defaultBranch: boolean;
	abandoned?: boolean | string;
}

/** `GET {repo}/p2/{name}.json` (tags) or `{name}~dev.json` (branches). Revalidated on every call. */
export async function fetchP2(ctx: HookContext, name: string, dev: boolean): Promise<Lookup<P2Version[]>> {
	const url = `${ctx.bases.repo}/p2/${name}${dev ? '~dev' : ''}.json`;
	const answer = await apiGet(ctx, url, { cache: true });
	if (answer.kind !== 'ok') {
		return answer.kind === 'http' && answer.status === 404 ? { found: false } : { error: describeFailure(answer) };
	}
	const data = asObject(answer.data);
	const packages = asObject(data.packages);
	const raw = asArray(packages[name]);
	const list = data.minified === 'composer/2.0' ? expandMinified(raw) : raw.map(asObject);
	const versions: P2Version[] = [];
	for (const v of list) {
		const version = asString(v.version);
		const normalized = asString(v.version_normalized);
		if (version === undefined || normalized === undefined) {
			continue;
		}
		versions.push({
			version,
			normalized,
			reference: asString(asObject(v.source).reference) ?? asString(asObject(v.dist).reference),
			time: asString(v.time),
			publishedTime: asString(v['published-time']),
			defaultBranch: v['default-branch'] === true,
			abandoned: abandonedOf(v.abandoned),
		});
	}
	return { found: true, value: versions };
}

export interface ListedPackage {
	name: string;
	repository: string | null;
	abandoned?: boolean | string;
}

/** `GET /packages/list.json?vendor=V&fields[]=repository&fields[]=abandoned` (answer key `packages`). */
export async function listVendor(ctx: HookContext, vendor: string): Promise<ListedPackage[] | { error: string }> {
	const url = `${ctx.bases.packagist}/packages/list.json?vendor=${encodeURIComponent(vendor)}&fields[]=repository&fields[]=abandoned`;
	const answer = await apiGet(ctx, url, { cache: true, maxAgeMs: 300_000 });
	if (answer.kind !== 'ok') {
		return { error: describeFailure(answer) };
	}
	const packages = asObject(asObject(answer.data).packages);
	return Object.entries(packages).map(([name, fields]) => {
		const f = asObject(fields);
		return { name: name.toLowerCase(), repository: asString(f.repository) ?? null, abandoned: abandonedOf(f.abandoned) };
	});
}

/** `GET /users/{name}/packages.json`, every page (50 per page, `next` while there are more). */
export async function listUser(ctx: HookContext, user: string): Promise<ListedPackage[] | { error: string }> {
	const out: ListedPackage[] = [];
	const first = `${ctx.bases.packagist}/users/${encodeURIComponent(user)}/packages.json`;
	const failure = await getPages(ctx, first, { cache: true, maxAgeMs: 300_000 }, (data) => {
		const page = asObject(data);
		for (const entry of asArray(page.packages).map(asObject)) {
			const name = asString(entry.name);
			if (name) {
				out.push({ name: name.toLowerCase(), repository: asString(entry.repository) ?? null });
			}
		}
		return asString(page.next) ?? null;
	}, 200);
	if (failure) {
		return { error: failure.kind === 'http' && failure.status === 404 ? l10n.t('Packagist has no user "{0}".', user) : describeFailure(failure) };
	}
	return out;
}

export interface Marker {
	autoUpdated: boolean | null;
	/** "Last update: … UTC" as shown (Packagist's last successful crawl). */
	lastUpdate?: string;
}

/** Reads the marker from the page HTML by its class names, not its (translatable) text. */
export function parseMarker(html: string): Marker {
	const m = /<p[^>]*\bclass="[^"]*\bauto-update-(danger|success)\b/.exec(html);
	const last = /Last update:\s*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s*UTC/.exec(html);
	return { autoUpdated: m ? m[1] === 'success' : null, lastUpdate: last ? `${last[1]} UTC` : undefined };
}

/** `GET /packages/{name}` (HTML). */
export async function fetchMarker(ctx: HookContext, name: string): Promise<Lookup<Marker>> {
	const answer = await apiGet(ctx, packagePageUrl(ctx, name), { as: 'text', headers: { Accept: 'text/html' } });
	if (answer.kind === 'ok') {
		return { found: true, value: parseMarker(answer.text) };
	}
	if (answer.kind === 'http' && answer.status === 404) {
		return { found: false };
	}
	return { error: redact(describeFailure(answer)) };
}
