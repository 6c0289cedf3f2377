// What we know about Composer 2 repository types and their keys: res/composer-schema.json, the type map of
// Repository/RepositoryFactory.php::manager() and the keys each repository class and VCS driver reads.
// One table shared by validation, completion and hover. Descriptions are functions so that l10n.t runs
// after the server has loaded its translation bundle, not at module load.
import * as l10n from '@vscode/l10n';

/** JSON value kinds as jsonc-parser names them. */
export type ValueKind = 'string' | 'boolean' | 'number' | 'object' | 'array' | 'null';

/**
 * `ok`: accepted by Composer 2. `deprecated`: accepted but discouraged by Composer's docs.
 * `removed`: still in the schema but fatal at runtime (pear). `unregistered`: not a registered type (fatal).
 */
export type TypeStatus = 'ok' | 'deprecated' | 'removed' | 'unregistered';

/** How Composer builds the repository: which class handles it. */
export type TypeFamily = 'composer' | 'vcs' | 'path' | 'artifact' | 'package' | 'pear';

export interface KeySpec {
	readonly name: string;
	readonly kinds: readonly ValueKind[];
	readonly required?: boolean;
	/** Allowed string values, when the key is an enumeration. */
	readonly enumValues?: readonly string[];
	/** Composer's default, as shown in hovers ("" when there is none worth showing). */
	readonly defaultValue?: string;
	/** Composer reads the key but it has no effect (e.g. force-lazy-providers). */
	readonly ignored?: boolean;
	/** Element kind for arrays / value kind for maps, when Composer checks it. */
	readonly itemKind?: ValueKind;
	/** Read by Composer at runtime but absent from its schema: a wrong value is not a schema error. */
	readonly runtimeOnly?: boolean;
	description(): string;
}

export interface RepositoryTypeSpec {
	readonly type: string;
	readonly status: TypeStatus;
	readonly family: TypeFamily;
	/** For rejected/deprecated types: the type to use instead. */
	readonly replacement?: string;
	/** Keys specific to this type (common keys are in COMMON_KEYS). */
	readonly keys: readonly KeySpec[];
	description(): string;
}

function key(name: string, kinds: ValueKind[], description: () => string, extra: Partial<Omit<KeySpec, 'name' | 'kinds' | 'description'>> = {}): KeySpec {
	return { name, kinds, description, ...extra };
}

// ---- keys -------------------------------------------------------------------------------------------

const urlKey = key('url', ['string'], () => l10n.t('Where the repository lives. Required.'), { required: true });

/** Keys every repository type accepts (schema: name, type, canonical, only, exclude). */
export const COMMON_KEYS: readonly KeySpec[] = [
	key('type', ['string'], () => l10n.t('Which kind of repository this is; decides how Composer reads it. Required.'), { required: true }),
	key('name', ['string'], () => l10n.t('A name for the repository (Composer 2.9+, list form only). Not usable to disable the repository with `{"name": false}`.')),
	key('canonical', ['boolean'], () => l10n.t('When true, a package found here is looked up in no later repository, even if a later one has newer versions. Set to false to let later repositories compete.'), { defaultValue: 'true' }),
	key('only', ['array'], () => l10n.t('Package names (with `*` wildcards) this repository may serve; every other name is ignored here. An empty list serves nothing. Cannot be combined with `exclude`.'), { itemKind: 'string' }),
	key('exclude', ['array'], () => l10n.t('Package names (with `*` wildcards) this repository must not serve. Cannot be combined with `only`.'), { itemKind: 'string' }),
];

const composerKeys: KeySpec[] = [
	{ ...urlKey, description: () => l10n.t('Base URL of the Composer repository, the folder holding packages.json. Required.') },
	key('options', ['object'], () => l10n.t('Transport options (PHP stream context: `http`, `ssl`, …) added to every request to this repository.'), { defaultValue: '{}' }),
	key('allow_ssl_downgrade', ['boolean'], () => l10n.t('Allows dist downloads over plain http for an https repository. Ignored by repositories that publish `metadata-url` (Composer 2 format).'), { defaultValue: 'false' }),
	key('force-lazy-providers', ['boolean'], () => l10n.t('Left over from Composer 1; Composer 2 does not read it.'), { ignored: true }),
	key('filter', ['boolean', 'object'], () => l10n.t('Which advertised filter lists (e.g. malware lists) to apply: `false` disables all, or an object mapping list names to `false` (Composer 2.10+).'), { defaultValue: 'true', itemKind: 'boolean' }),
];

const vcsKeys: KeySpec[] = [
	{ ...urlKey, description: () => l10n.t('Clone URL of the repository (https, ssh, git@host:path, or a local path). Required.') },
	key('no-api', ['boolean'], () => l10n.t('For GitHub URLs: clone the repository with git instead of using the GitHub API.'), { defaultValue: 'false' }),
	key('allow-git-fallback', ['boolean'], () => l10n.t('For GitHub URLs (Composer 2.9.3+): when false, a failing API call is an error instead of a fallback to cloning.'), { defaultValue: 'true', runtimeOnly: true }),
	key('secure-http', ['boolean'], () => l10n.t('For GitLab `git@` URLs: when false, the GitLab API is called over http instead of https.'), { defaultValue: 'true' }),
	key('options', ['object'], () => l10n.t('Transport options (PHP stream context) for the API requests of the GitHub, GitLab and Bitbucket drivers.'), { defaultValue: '{}', runtimeOnly: true }),
];

export const SVN_KEYS: readonly KeySpec[] = [
	key('trunk-path', ['string', 'boolean'], () => l10n.t('Subversion folder holding the main line, or false when the repository root is the trunk.'), { defaultValue: '"trunk"' }),
	key('branches-path', ['string', 'boolean'], () => l10n.t('Subversion folder holding branches, or false to read no branches.'), { defaultValue: '"branches"' }),
	key('tags-path', ['string', 'boolean'], () => l10n.t('Subversion folder holding tags, or false to read no tags.'), { defaultValue: '"tags"' }),
	key('package-path', ['string'], () => l10n.t('Subfolder of every Subversion branch and tag where the package (its composer.json) lives.'), { defaultValue: '""' }),
	key('svn-cache-credentials', ['boolean'], () => l10n.t('Whether Subversion may store the credentials it is given.'), { defaultValue: 'true' }),
];

export const PERFORCE_KEYS: readonly KeySpec[] = [
	key('depot', ['string'], () => l10n.t('Perforce depot to read. Required for perforce repositories; `url` is the P4 server port.'), { required: true }),
	key('branch', ['string'], () => l10n.t('Perforce branch (stream) to read.')),
	key('unique_perforce_client_name', ['string'], () => l10n.t('Name of the Perforce client workspace Composer creates.')),
	key('p4user', ['string'], () => l10n.t('Perforce user name.')),
	key('p4password', ['string'], () => l10n.t('Perforce password or ticket.')),
];

export const PATH_OPTION_KEYS: readonly KeySpec[] = [
	key('symlink', ['boolean', 'null'], () => l10n.t('true: always symlink the package (fail if impossible); false: always copy it; null: symlink, falling back to a copy.'), { defaultValue: 'null' }),
	key('relative', ['boolean'], () => l10n.t('Whether the created symlink is relative.'), { defaultValue: l10n.t('true for a relative url, false for an absolute one') }),
	key('versions', ['object'], () => l10n.t('Version to give each package found, as a map from package name to version; overrides the `version` in its composer.json.'), { itemKind: 'string' }),
	key('reference', ['string'], () => l10n.t('How the dist reference is computed: `auto` (the git HEAD commit if the folder is a git checkout, else a hash of the composer.json), `config` (always the hash), `none` (no reference).'), { enumValues: ['none', 'config', 'auto'], defaultValue: '"auto"' }),
];

const pathKeys: KeySpec[] = [
	{ ...urlKey, description: () => l10n.t('Folder of the package, or a glob (`*`, `?`, `[…]`, `{a,b}`) matching several folders that hold a composer.json. `~` and a leading `$VAR` are expanded. Required.') },
	key('options', ['object'], () => l10n.t('How path packages are installed: `symlink`, `relative`, `versions`, `reference`.'), { defaultValue: '{}' }),
];

const artifactKeys: KeySpec[] = [
	{ ...urlKey, description: () => l10n.t('Folder searched (recursively) for zip and tar archives, each holding a package with its composer.json. Required.') },
];

const packageKeys: KeySpec[] = [
	key('package', ['object', 'array'], () => l10n.t('The package defined inline: one object for one version, or a list of objects for several versions. Each needs `name` and `version`, and `dist` or `source`. Required.'), { required: true }),
	key('security-advisories', ['object'], () => l10n.t('Security advisories for the inline packages, as a map from package name to advisories.'), { runtimeOnly: true }),
	// Not the composer type's switch: PackageRepository provides lists (count() of a boolean is a TypeError).
	key('filter', ['object'], () => l10n.t('Filter lists this repository provides, as a map from list name to a list of entries (package and constraint).'), { runtimeOnly: true, itemKind: 'array' }),
];

const pearKeys: KeySpec[] = [
	{ ...urlKey, description: () => l10n.t('URL of the PEAR channel (PEAR repositories no longer work in Composer 2).') },
	key('vendor-alias', ['string'], () => l10n.t('Vendor name given to the PEAR packages (PEAR repositories no longer work in Composer 2).')),
];

/** Keys of an inline package definition that Composer type-checks (the schema allows more). */
export const INLINE_PACKAGE_KEYS: readonly KeySpec[] = [
	key('name', ['string'], () => l10n.t('Package name, `vendor/name` in lower case. Required.'), { required: true }),
	key('version', ['string'], () => l10n.t('Version of this definition, e.g. `1.2.3` or `dev-main`. Required.'), { required: true }),
	key('type', ['string'], () => l10n.t('Package type, e.g. `library`.'), { defaultValue: '"library"' }),
	key('dist', ['object'], () => l10n.t('Archive to download: `type` (zip, tar, …), `url`, optional `reference` and `shasum`.')),
	key('source', ['object'], () => l10n.t('Version-control checkout: `type` (git, hg, svn, …), `url` and `reference`.')),
	key('description', ['string'], () => l10n.t('Short description of the package.')),
	key('require', ['object'], () => l10n.t('Packages this one needs, name to version constraint.'), { itemKind: 'string' }),
	key('require-dev', ['object'], () => l10n.t('Development requirements, name to version constraint.'), { itemKind: 'string' }),
	key('replace', ['object'], () => l10n.t('Packages this one replaces, name to version constraint.'), { itemKind: 'string' }),
	key('conflict', ['object'], () => l10n.t('Packages this one conflicts with, name to version constraint.'), { itemKind: 'string' }),
	key('provide', ['object'], () => l10n.t('Virtual packages this one provides, name to version constraint.'), { itemKind: 'string' }),
	key('suggest', ['object'], () => l10n.t('Suggested packages, name to reason.'), { itemKind: 'string' }),
	key('autoload', ['object'], () => l10n.t('Autoloading rules (psr-4, psr-0, classmap, files).')),
	key('keywords', ['array'], () => l10n.t('Keywords for search.'), { itemKind: 'string' }),
	key('homepage', ['string'], () => l10n.t('Project home page URL.')),
	key('time', ['string'], () => l10n.t('Release date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS).')),
	key('license', ['string', 'array'], () => l10n.t('License identifier(s).')),
	key('bin', ['string', 'array'], () => l10n.t('Binaries to expose in vendor/bin.'), { itemKind: 'string' }),
	key('extra', ['object', 'array'], () => l10n.t('Arbitrary extra data for plugins and scripts.')),
];

/** Keys of `dist` / `source` inside an inline package. */
export const DIST_KEYS: readonly KeySpec[] = [
	key('type', ['string'], () => l10n.t('Archive type: zip, tar, gzip, xz, rar, phar or file.'), { required: true }),
	key('url', ['string'], () => l10n.t('Where to download the archive. Required.'), { required: true }),
	key('reference', ['string'], () => l10n.t('Identifier of this archive (used for caching and the lock file).')),
	key('shasum', ['string'], () => l10n.t('SHA-1 checksum of the archive.')),
	key('mirrors', ['array'], () => l10n.t('Mirror URLs.')),
];
export const SOURCE_KEYS: readonly KeySpec[] = [
	key('type', ['string'], () => l10n.t('Version-control type: git, hg, svn, fossil or perforce.'), { required: true }),
	key('url', ['string'], () => l10n.t('Clone URL. Required.'), { required: true }),
	key('reference', ['string'], () => l10n.t('Commit, tag or branch to check out. Required.'), { required: true }),
	key('mirrors', ['array'], () => l10n.t('Mirror URLs.')),
];
export const DIST_TYPES: readonly string[] = ['zip', 'tar', 'gzip', 'xz', 'rar', 'phar', 'file', 'path'];
export const SOURCE_TYPES: readonly string[] = ['git', 'hg', 'svn', 'fossil', 'perforce'];

// ---- types ------------------------------------------------------------------------------------------

function vcsType(type: string, extraKeys: readonly KeySpec[], description: () => string, status: TypeStatus = 'ok', replacement?: string): RepositoryTypeSpec {
	return { type, status, family: 'vcs', keys: [...vcsKeys, ...extraKeys], description, ...(replacement ? { replacement } : {}) };
}

export const REPOSITORY_TYPES: readonly RepositoryTypeSpec[] = [
	{ type: 'composer', status: 'ok', family: 'composer', keys: composerKeys, description: () => l10n.t('A Composer repository: a server (like packagist.org or a private Satis, Private Packagist or Artifactory instance) publishing package metadata in packages.json.') },
	vcsType('vcs', [...SVN_KEYS, ...PERFORCE_KEYS], () => l10n.t('A version-control repository whose kind Composer detects from the URL (GitHub, GitLab, Bitbucket, git, hg, fossil, perforce, svn). Each tag and branch with a composer.json becomes a version.')),
	vcsType('git', [], () => l10n.t('A git repository read with the git command line (no host API). Tags and branches with a composer.json become versions.')),
	vcsType('github', [], () => l10n.t('A GitHub repository read through the GitHub API (falls back to git). The URL must be `https://github.com/owner/repo` or `git@github.com:owner/repo.git`.')),
	vcsType('gitlab', [], () => l10n.t('A GitLab project read through the GitLab API. The URL must be the http(s) or `git@` URL of a project on a host listed in `gitlab-domains`.')),
	vcsType('bitbucket', [], () => l10n.t('A Bitbucket Cloud git repository read through the Bitbucket API. The URL must be `https://bitbucket.org/owner/repo`.')),
	vcsType('git-bitbucket', [], () => l10n.t('Older name of the `bitbucket` type (same driver); Composer\'s docs call it deprecated.'), 'deprecated', 'bitbucket'),
	vcsType('hg', [], () => l10n.t('A Mercurial repository read with the hg command line.')),
	vcsType('fossil', [], () => l10n.t('A Fossil repository read with the fossil command line.')),
	vcsType('svn', SVN_KEYS, () => l10n.t('A Subversion repository; versions come from the trunk, branches and tags folders (configurable).')),
	vcsType('perforce', PERFORCE_KEYS, () => l10n.t('A Perforce depot; `url` is the P4 port and `depot` is required.')),
	{ type: 'path', status: 'ok', family: 'path', keys: pathKeys, description: () => l10n.t('Packages from local folders (or a glob of folders), symlinked or copied into vendor. Handy for monorepos and local development.') },
	{ type: 'artifact', status: 'ok', family: 'artifact', keys: artifactKeys, description: () => l10n.t('Packages from a folder of zip or tar archives, each holding a composer.json with a version. Needs PHP\'s zip extension for zips.') },
	{ type: 'package', status: 'ok', family: 'package', keys: packageKeys, description: () => l10n.t('Packages defined inline in composer.json, for code that has no composer.json of its own. Each version is written out by hand.') },
	{ type: 'pear', status: 'removed', family: 'pear', keys: pearKeys, description: () => l10n.t('PEAR channels. Removed in Composer 2: any Composer 2 command fails with this repository.') },
	vcsType('forgejo', [], () => l10n.t('Not a registered repository type in Composer (although the schema lists it): Composer fails with it. Use `vcs` with a codeberg.org (or `forgejo-domains`) URL instead.'), 'unregistered', 'vcs'),
	vcsType('hg-bitbucket', [], () => l10n.t('Removed in Composer 2.2: Composer fails with this type. Use `hg` (or `vcs`) instead.'), 'unregistered', 'hg'),
];

const typeMap = new Map(REPOSITORY_TYPES.map((t) => [t.type, t]));

/** Types a user should be offered (accepted by Composer 2). */
export const ACCEPTED_TYPES: readonly string[] = REPOSITORY_TYPES.filter((t) => t.status === 'ok' || t.status === 'deprecated').map((t) => t.type);

export function getTypeSpec(type: string): RepositoryTypeSpec | undefined {
	return typeMap.get(type);
}

/** Common keys plus the type's own keys. */
export function getKeysForType(type: string): readonly KeySpec[] {
	const spec = typeMap.get(type);
	return spec ? [...COMMON_KEYS, ...spec.keys] : COMMON_KEYS;
}

export function getKeySpec(type: string | undefined, name: string): KeySpec | undefined {
	return (type ? getKeysForType(type) : COMMON_KEYS).find((k) => k.name === name);
}

/** Every repository-level key known for any type, with the types that accept it. */
export function typesAcceptingKey(name: string): string[] {
	return REPOSITORY_TYPES.filter((t) => (t.status === 'ok' || t.status === 'deprecated' || t.type === 'pear') && t.keys.some((k) => k.name === name)).map((t) => t.type);
}

export function getPathOptionSpec(name: string): KeySpec | undefined {
	return PATH_OPTION_KEYS.find((k) => k.name === name);
}

/** The keys naming the default packagist repository in a disable entry (`packagist` is the legacy alias). */
export const PACKAGIST_NAME = 'packagist.org';
export const LEGACY_PACKAGIST_NAME = 'packagist';

/** Descriptions of the disable forms, for hovers. */
export function describeDisableEntry(name: string): string {
	if (name === PACKAGIST_NAME) return l10n.t('Turns off packagist.org, the default repository: only the repositories listed here are used.');
	if (name === LEGACY_PACKAGIST_NAME) return l10n.t('Legacy spelling of `"packagist.org": false`; still honoured, but `packagist.org` is the current name.');
	return l10n.t('Turns off the repository named `{0}` defined earlier (for instance in the global config).', name);
}
