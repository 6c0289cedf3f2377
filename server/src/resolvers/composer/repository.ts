// One `composer` repository for the duration of one load (Repository/ComposerRepository.php: loadRootServerFile,
// loadAsyncPackages):
// the root file decides the protocol — v2 `metadata-url` (plus `~dev` files, available-packages/patterns,
// partial inline packages), v1 `providers-lazy-url`, v1 `providers-url` + `provider-includes`, or plain
// inline `packages` + `includes` (and the legacy whole-file form).
import * as l10n from '@vscode/l10n';
import { isPlatformPackageName } from '../../composer/packageNames';
import { redact } from '../../net/credentials';
import type { ResolveContext } from '../types';
import { fetchJson, type FetchOptions, type JsonFetch } from './fetch';
import { expandMinified } from './minifier';
import { canonicalizeUrl, encodeDollar, sanitizeUrl } from './url';
import { compileNamePatterns, type NamePatterns } from '../../composer/namePatterns';

type Json = Record<string, unknown>;

/** A failure that ends this repository's load; turned into a LoadResult error at the resolver boundary. */
export class RepoError extends Error {
	constructor(readonly code: string, message: string) {
		super(message);
	}
}

interface Root {
	data: Json;
	lazyUrl?: string;
	providersUrl?: string;
	hasProviders: boolean;
	partial?: Map<string, Json[]>;
	available?: Set<string>;
	patterns?: NamePatterns;
	listUrl?: string;
}

/** Characters a package name can hold; anything else is never substituted into a URL. */
const SAFE_NAME = /^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)?$/;

/** How deep `includes` and `provider-includes` files are followed (Composer follows them without end). */
const MAX_INCLUDE_DEPTH = 20;
const MAX_PROVIDER_INCLUDE_DEPTH = 10;

export function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valuesOf(v: unknown): unknown[] {
	if (Array.isArray(v)) {
		return v;
	}
	return isObject(v) ? Object.values(v) : [];
}

export class ComposerRepoSession {
	readonly warnings: string[] = [];
	private degraded = false;
	private warnedKeyMismatch = false;
	private rootPromise?: Promise<Root>;
	private providerListing?: Map<string, string>;
	private inlinePromise?: Promise<Json[]>;
	/** Files of the include tree already read (by resolved URL): a file that includes itself is read once. */
	private readonly included = new Set<string>();
	private warnedCycle = false;
	private warnedDepth = false;

	constructor(readonly url: string, readonly packagesJsonUrl: string, readonly baseUrl: string, private readonly ctx: ResolveContext) {}

	private async get(url: string, options: FetchOptions): Promise<JsonFetch> {
		const r = await fetchJson(this.ctx, url, options);
		if (r.ok && r.stale && !this.degraded) {
			this.degraded = true;
			this.warnings.push(l10n.t('{0} could not be fully loaded ({1}), package information was loaded from the local cache and may be out of date', sanitizeUrl(this.url), r.stale));
		}
		return r;
	}

	private async getRequired(url: string, options: FetchOptions): Promise<unknown> {
		const r = await this.get(url, options);
		if (!r.ok) {
			throw new RepoError(`remote.${r.code}`, r.message);
		}
		return r.data;
	}

	root(): Promise<Root> {
		this.rootPromise ??= this.loadRoot();
		return this.rootPromise;
	}

	private async loadRoot(): Promise<Root> {
		const data = await this.getRequired(this.packagesJsonUrl, { cache: true });
		if (!isObject(data)) {
			throw new RepoError('remote.invalid-root', l10n.t('"{0}" does not contain a JSON object.', redact(this.packagesJsonUrl)));
		}
		const str = (k: string): string | undefined => (typeof data[k] === 'string' && data[k] !== '' ? data[k] as string : undefined);
		const root: Root = { data, hasProviders: false };
		const nonEmpty = (k: string): boolean => valuesOf(data[k]).length > 0;
		const lazyV1 = str('providers-lazy-url');
		if (lazyV1) {
			root.lazyUrl = canonicalizeUrl(lazyV1, this.url);
			root.hasProviders = true;
		}
		const metadataUrl = str('metadata-url');
		if (metadataUrl) {
			// v2 takes over from every v1 mechanism.
			root.lazyUrl = canonicalizeUrl(metadataUrl, this.url);
			root.hasProviders = false;
			const available = Array.isArray(data['available-packages']) ? data['available-packages'].filter((n): n is string => typeof n === 'string') : [];
			if (available.length > 0) {
				root.available = new Set(available.map((n) => n.toLowerCase()));
			}
			const patterns = Array.isArray(data['available-package-patterns']) ? data['available-package-patterns'].filter((n): n is string => typeof n === 'string') : [];
			if (patterns.length > 0) {
				root.patterns = compileNamePatterns(patterns);
			}
		} else {
			const providersUrl = str('providers-url');
			if (providersUrl) {
				root.providersUrl = canonicalizeUrl(providersUrl, this.url);
				root.hasProviders = true;
			}
			if (nonEmpty('providers') || nonEmpty('provider-includes')) {
				root.hasProviders = true;
			}
		}
		if (root.lazyUrl && nonEmpty('packages') && typeof data.packages === 'object') {
			root.partial = new Map();
			for (const [key, versions] of Object.entries(data.packages as Json)) {
				for (const v of valuesOf(versions)) {
					if (!isObject(v)) {
						continue;
					}
					const name = String(v.name ?? '').toLowerCase();
					this.checkKey(key, name);
					root.partial.set(name, [...(root.partial.get(name) ?? []), v]);
				}
			}
		}
		const list = str('list');
		if (list) {
			root.listUrl = canonicalizeUrl(list, this.url);
		}
		return root;
	}

	/**
	 * The same repository, its root file already read, asked under another context (a language-server
	 * request with its own cancellation). Listings learnt by either are not shared back.
	 */
	withContext(ctx: ResolveContext): ComposerRepoSession {
		const view = new ComposerRepoSession(this.url, this.packagesJsonUrl, this.baseUrl, ctx);
		view.rootPromise = this.rootPromise;
		view.providerListing = this.providerListing;
		view.degraded = this.degraded;
		view.warnedKeyMismatch = this.warnedKeyMismatch;
		return view;
	}

	/** True once a file came from the cache because the network failed (Composer's degraded mode). */
	get stale(): boolean {
		return this.degraded;
	}

	/** True when names are loaded one by one (v2 `metadata-url`, v1 lazy providers or provider listings): Composer never enumerates those to resolve. */
	async isLazy(): Promise<boolean> {
		const root = await this.root();
		return root.lazyUrl !== undefined || root.hasProviders;
	}

	private checkKey(key: string, name: string): void {
		if (!this.warnedKeyMismatch && key.toLowerCase() !== name) {
			this.warnedKeyMismatch = true;
			this.warnings.push(l10n.t('Warning: the packages key \'{0}\' doesn\'t match the name defined in the package metadata \'{1}\' in repository {2}', key, name, sanitizeUrl(this.baseUrl)));
		}
	}

	/** Every version object of the requested names, and which names the repository has (namesFound: what
	 * DependencyResolver/PoolBuilder.php stops asking later repositories for). */
	async load(names: string[]): Promise<{ found: Set<string>; versions: Json[] }> {
		const root = await this.root();
		const found = new Set<string>();
		const versions: Json[] = [];
		if (!root.hasProviders && !root.partial && !root.lazyUrl) {
			const wanted = new Set(names);
			for (const v of await this.rootInlinePackages(root)) {
				const name = String(v.name ?? '').toLowerCase();
				if (wanted.has(name)) {
					found.add(name);
					versions.push(v);
				}
			}
			return { found, versions };
		}
		let remaining = names;
		if (root.hasProviders || root.partial) {
			remaining = [];
			for (const name of names) {
				if (!root.hasProviders && !root.partial?.has(name)) {
					remaining.push(name);
					continue;
				}
				const candidates = await this.whatProvides(root, name);
				if (candidates.length > 0) {
					found.add(name);
					versions.push(...candidates);
				}
			}
		}
		if (root.lazyUrl && !root.hasProviders && remaining.length > 0) {
			const listed = root.available !== undefined || root.patterns !== undefined;
			const toLoad = listed ? remaining.filter((n) => root.available?.has(n) || root.patterns?.test(n)) : remaining;
			await pool(toLoad, 8, async (name) => {
				const r = await this.loadV2(root.lazyUrl!, name);
				if (r.found) {
					found.add(name);
					versions.push(...r.versions);
				}
			});
		}
		return { found, versions };
	}

	/** The names `composer show --all` lists for this repository (ComposerRepository::getPackageNames). */
	async enumerate(): Promise<string[]> {
		const root = await this.root();
		if (root.lazyUrl) {
			if (root.available) {
				return [...root.available];
			}
			if (root.listUrl) {
				const data = await this.getRequired(root.listUrl, { cache: true, maxAgeMs: 600_000 });
				const names = isObject(data) && Array.isArray(data.packageNames) ? data.packageNames : undefined;
				if (!names) {
					throw new RepoError('remote.invalid-list', l10n.t('"{0}" does not contain a packageNames list.', redact(root.listUrl)));
				}
				return names.filter((n): n is string => typeof n === 'string');
			}
			return root.partial ? [...root.partial.keys()] : [];
		}
		if (root.hasProviders) {
			return root.providersUrl ? [...(await this.providerNames(root)).keys()] : [];
		}
		const names = new Map<string, string>();
		for (const v of await this.rootInlinePackages(root)) {
			if (typeof v.name === 'string') {
				names.set(v.name.toLowerCase(), v.name);
			}
		}
		return [...names.values()];
	}

	/** The inline packages of the root file and its includes, read once per session (enumerate and load both ask). */
	private rootInlinePackages(root: Root): Promise<Json[]> {
		this.inlinePromise ??= (async () => {
			this.firstVisit(this.packagesJsonUrl);
			return this.inlinePackages(root.data);
		})();
		return this.inlinePromise;
	}

	/**
	 * True the first time a file of the include tree is met. Composer follows `includes` and `provider-includes`
	 * without remembering where it has been, so a file listing itself (under any spelling) makes it fetch forever;
	 * here each resolved URL is read once, and the cycle is reported.
	 */
	private firstVisit(url: string): boolean {
		let key = url;
		try {
			key = new URL(url).href;
		} catch {
			// Not a URL the HTTP layer would take either; compare it as written.
		}
		if (this.included.has(key)) {
			if (!this.warnedCycle) {
				this.warnedCycle = true;
				this.warnings.push(l10n.t('{0} includes {1} more than once (an include cycle); it was read once.', sanitizeUrl(this.url), sanitizeUrl(url)));
			}
			return false;
		}
		this.included.add(key);
		return true;
	}

	/** Whether includes at `depth` are still read; the first time they are not, a warning says so. */
	private withinIncludeDepth(depth: number, max: number): boolean {
		if (depth < max) {
			return true;
		}
		if (!this.warnedDepth) {
			this.warnedDepth = true;
			this.warnings.push(l10n.t('{0} nests includes deeper than {1} levels; the deeper ones were not read.', sanitizeUrl(this.url), String(max)));
		}
		return false;
	}

	/** loadIncludes: inline `packages`, recursive `includes` (relative to the base URL), or the legacy whole-file form. */
	private async inlinePackages(data: Json, depth = 0): Promise<Json[]> {
		const out: Json[] = [];
		if (!('packages' in data) && !('includes' in data)) {
			for (const pkg of Object.values(data)) {
				if (isObject(pkg) && typeof pkg.versions === 'object' && pkg.versions !== null) {
					out.push(...valuesOf(pkg.versions).filter(isObject));
				}
			}
			return out;
		}
		if (typeof data.packages === 'object' && data.packages !== null) {
			for (const [key, versions] of Object.entries(data.packages as Json)) {
				for (const v of valuesOf(versions)) {
					if (isObject(v)) {
						this.checkKey(key, String(v.name ?? '').toLowerCase());
						out.push(v);
					}
				}
			}
		}
		if (isObject(data.includes) && this.withinIncludeDepth(depth, MAX_INCLUDE_DEPTH)) {
			for (const include of Object.keys(data.includes)) {
				const url = encodeDollar(this.baseUrl + '/' + include);
				if (!this.firstVisit(url)) {
					continue;
				}
				const included = await this.getRequired(url, { cache: true });
				if (isObject(included)) {
					out.push(...await this.inlinePackages(included, depth + 1));
				}
			}
		}
		return out;
	}

	/** v1 provider listing: inline `providers` plus `provider-includes` files verified by sha256. */
	private async providerNames(root: Root): Promise<Map<string, string>> {
		if (!this.providerListing) {
			const listing = new Map<string, string>();
			const visit = async (data: Json, depth: number): Promise<void> => {
				if (isObject(data.providers)) {
					for (const [name, meta] of Object.entries(data.providers)) {
						listing.set(name.toLowerCase(), isObject(meta) && typeof meta.sha256 === 'string' ? meta.sha256 : '');
					}
				}
				if (root.providersUrl && isObject(data['provider-includes']) && this.withinIncludeDepth(depth, MAX_PROVIDER_INCLUDE_DEPTH)) {
					for (const [include, meta] of Object.entries(data['provider-includes'])) {
						const hash = isObject(meta) && typeof meta.sha256 === 'string' ? meta.sha256 : '';
						const url = encodeDollar(this.baseUrl + '/' + include.replace('%hash%', hash));
						if (!this.firstVisit(url)) {
							continue;
						}
						const included = await this.getRequired(url, { cache: true, sha256: hash || undefined, maxAgeMs: include.includes('%hash%') ? Infinity : undefined });
						if (isObject(included)) {
							await visit(included, depth + 1);
						}
					}
				}
			};
			this.firstVisit(this.packagesJsonUrl);
			await visit(root.data, 0);
			this.providerListing = listing;
		}
		return this.providerListing;
	}

	/** whatProvides: the versions of `name` from partial packages, a lazy provider file or a hashed provider file. */
	private async whatProvides(root: Root, name: string): Promise<Json[]> {
		let files: unknown[];
		let fromPartial = false;
		if (root.partial?.has(name)) {
			files = [{ packages: { versions: root.partial.get(name) } }];
			fromPartial = true;
		} else {
			if (isPlatformPackageName(name) || name === '__root__' || !SAFE_NAME.test(name)) {
				return [];
			}
			const listing = await this.providerNames(root);
			let url: string;
			let options: FetchOptions;
			if (root.lazyUrl && !listing.has(name)) {
				url = root.lazyUrl.split('%package%').join(name);
				options = { cache: true };
			} else if (root.providersUrl) {
				const hash = listing.get(name);
				if (hash === undefined) {
					return [];
				}
				url = root.providersUrl.split('%package%').join(name).split('%hash%').join(hash);
				options = { cache: true, sha256: hash || undefined, maxAgeMs: root.providersUrl.includes('%hash%') ? Infinity : undefined };
			} else {
				return [];
			}
			const r = await this.get(encodeDollar(url), options);
			if (!r.ok) {
				if ((r.notFound || r.code === 'offline') && root.lazyUrl) {
					return [];
				}
				throw new RepoError(`remote.${r.code}`, r.message);
			}
			files = [r.data];
		}
		const byUid = new Map<string, Json>();
		const out: Json[] = [];
		for (const file of files) {
			const packages = isObject(file) ? file.packages : undefined;
			for (const versions of valuesOf(packages)) {
				for (const v of valuesOf(versions)) {
					if (!isObject(v) || String(v.name ?? '').toLowerCase() !== name) {
						continue;
					}
					if (!fromPartial && root.partial?.has(name)) {
						continue;
					}
					// Composer keys these versions by `uid` and aborts the whole load when one lacks it.
					if (v.uid === undefined || v.uid === null) {
						throw new RepoError('composer.missing-uid', l10n.t('Version {0} of {1} in {2} has no "uid"; Composer fails on it with "Undefined array key \"uid\"".', String(v.version), name, sanitizeUrl(this.url)));
					}
					const uid = String(v.uid);
					if (!byUid.has(uid)) {
						byUid.set(uid, v);
						out.push(v);
					}
				}
			}
		}
		return out;
	}

	/** v2: `<name>.json` and `<name>~dev.json`; the name is found as soon as `packages[name]` exists. */
	private async loadV2(template: string, name: string): Promise<{ found: boolean; versions: Json[] }> {
		if (isPlatformPackageName(name) || name === '__root__' || !SAFE_NAME.test(name)) {
			return { found: false, versions: [] };
		}
		const results = await Promise.all([name, name + '~dev'].map((file) => this.get(template.split('%package%').join(file), { cache: true })));
		let found = false;
		const versions: Json[] = [];
		for (const r of results) {
			if (!r.ok) {
				// Offline without a cached copy counts as "not there", as Composer's disabled network (499) does.
				if (r.notFound || r.code === 'offline') {
					continue;
				}
				throw new RepoError(`remote.${r.code}`, r.message);
			}
			const packages = isObject(r.data) ? r.data.packages : undefined;
			if (!isObject(packages) || packages[name] === undefined || packages[name] === null) {
				continue;
			}
			found = true;
			let list = valuesOf(packages[name]);
			if (isObject(r.data) && r.data.minified === 'composer/2.0') {
				list = expandMinified(list);
			}
			versions.push(...list.filter(isObject));
		}
		return { found, versions };
	}
}

/** Runs `fn` over `items` with at most `limit` running at once; the first failure wins. */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			await fn(items[next++]);
		}
	});
	await Promise.all(workers);
}
