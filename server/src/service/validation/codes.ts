// Stable diagnostic codes and their default severities. Severity follows Composer: what makes Composer fail
// is an error, what it ignores or only warns about is a warning, style is a hint.
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export const DiagnosticCode = {
	// document / block structure
	invalidJson: 'invalid-json',
	repositoriesNotCollection: 'repositories-not-collection',
	singleRepository: 'single-repository',
	entryNotObject: 'entry-not-object',
	missingType: 'missing-type',
	duplicateKey: 'duplicate-key',
	nameInKeyedEntry: 'name-in-keyed-entry',
	// disable entries
	legacyPackagist: 'legacy-packagist',
	disableNotFalse: 'disable-not-false',
	disableExtraKeys: 'disable-extra-keys',
	disableUnknownName: 'disable-unknown-name',
	packagistKeyInRepository: 'packagist-key-in-repository',
	// types
	invalidValueType: 'invalid-value-type',
	unknownType: 'unknown-type',
	removedType: 'removed-type',
	unregisteredType: 'unregistered-type',
	deprecatedType: 'deprecated-type',
	// keys
	missingUrl: 'missing-url',
	missingPackage: 'missing-package',
	missingDepot: 'missing-depot',
	invalidValue: 'invalid-value',
	unknownKey: 'unknown-key',
	keyNotForType: 'key-not-for-type',
	misplacedPathOption: 'misplaced-path-option',
	ignoredKey: 'ignored-key',
	// filters
	onlyAndExclude: 'only-and-exclude',
	onlyEmpty: 'only-empty',
	// URLs
	emptyUrl: 'empty-url',
	urlNoScheme: 'url-no-scheme',
	insecureUrl: 'insecure-url',
	invalidGithubUrl: 'invalid-github-url',
	invalidGitlabUrl: 'invalid-gitlab-url',
	gitlabDomainNotConfigured: 'gitlab-domain-not-configured',
	invalidBitbucketUrl: 'invalid-bitbucket-url',
	invalidSshUrl: 'invalid-ssh-url',
	// local facts
	pathNotFound: 'path-not-found',
	pathFileUrl: 'path-file-url',
	pathNoComposerJson: 'path-no-composer-json',
	pathGlobNoMatch: 'path-glob-no-match',
	artifactNotFound: 'artifact-not-found',
	artifactEmpty: 'artifact-empty',
	artifactUppercaseExtension: 'artifact-uppercase-extension',
	pathTooManyAlternatives: 'path-too-many-alternatives',
	localCheckStopped: 'local-check-stopped',
	// inline packages
	emptyPackageList: 'empty-package-list',
	missingPackageKey: 'missing-package-key',
	invalidPackageName: 'invalid-package-name',
	invalidPackageVersion: 'invalid-package-version',
	missingDistOrSource: 'missing-dist-or-source',
	unknownDistType: 'unknown-dist-type',
	// duplicates
	duplicateRepository: 'duplicate-repository',
} as const;

export type DiagnosticCodeValue = typeof DiagnosticCode[keyof typeof DiagnosticCode];

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;
const H = DiagnosticSeverity.Hint;

/** Default severity per code (a rule may override it, e.g. insecure-url when secure-http is false). */
export const DEFAULT_SEVERITY: Record<DiagnosticCodeValue, DiagnosticSeverity> = {
	'invalid-json': E,
	'repositories-not-collection': E,
	'single-repository': E,
	'entry-not-object': E,
	'missing-type': E,
	'duplicate-key': W,
	'name-in-keyed-entry': E,
	'legacy-packagist': H,
	'disable-not-false': E,
	'disable-extra-keys': E,
	'disable-unknown-name': H,
	'packagist-key-in-repository': W,
	'invalid-value-type': E,
	'unknown-type': E,
	'removed-type': E,
	'unregistered-type': E,
	'deprecated-type': H,
	'missing-url': E,
	'missing-package': E,
	'missing-depot': E,
	'invalid-value': E,
	'unknown-key': W,
	'key-not-for-type': W,
	'misplaced-path-option': W,
	'ignored-key': H,
	'only-and-exclude': E,
	'only-empty': W,
	'empty-url': E,
	'url-no-scheme': E,
	'insecure-url': E,
	'invalid-github-url': E,
	'invalid-gitlab-url': E,
	'gitlab-domain-not-configured': W,
	'invalid-bitbucket-url': E,
	'invalid-ssh-url': E,
	'path-not-found': E,
	'path-file-url': E,
	'path-no-composer-json': W,
	'path-glob-no-match': W,
	'artifact-not-found': E,
	'artifact-empty': W,
	'artifact-uppercase-extension': E,
	'path-too-many-alternatives': W,
	'local-check-stopped': H,
	'empty-package-list': E,
	'missing-package-key': E,
	'invalid-package-name': E,
	'invalid-package-version': E,
	'missing-dist-or-source': W,
	'unknown-dist-type': W,
	'duplicate-repository': W,
};

/** What a quick fix needs, carried in Diagnostic.data. */
export type FixData =
	/** Replace the diagnostic's range with `newText`. */
	| { kind: 'replace'; title: string; newText: string }
	/** Move `key` of the entry object at `entryPath` into its `options` object (created when missing). */
	| { kind: 'moveToOptions'; title: string; entryPath: (string | number)[]; key: string };

export interface DiagnosticData {
	fixes: FixData[];
}
