// Stable diagnostic codes and their default severities. Severity follows Composer: what makes Composer fail
// is an error, what it ignores or only warns about is a warning, style is a hint.
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';

export const DiagnosticCode = {
	// document / block structure
	invalidJson: 'invalid-json',
	documentTooLarge: 'document-too-large',
	tooManyProblems: 'too-many-problems',
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
	urlNoHost: 'url-no-host',
	uppercaseScheme: 'uppercase-scheme',
	insecureUrl: 'insecure-url',
	invalidGithubUrl: 'invalid-github-url',
	invalidGitlabUrl: 'invalid-gitlab-url',
	gitlabDomainNotConfigured: 'gitlab-domain-not-configured',
	invalidBitbucketUrl: 'invalid-bitbucket-url',
	invalidSshUrl: 'invalid-ssh-url',
	/** `github` on a GitLab host and the like. */
	hostNotForType: 'host-not-for-type',
	/** A value a VCS program would read as an option, a command transport or shell syntax. */
	commandInjection: 'command-injection',
	// local facts
	pathNotFound: 'path-not-found',
	pathFileUrl: 'path-file-url',
	pathNoComposerJson: 'path-no-composer-json',
	pathGlobNoMatch: 'path-glob-no-match',
	artifactNotFound: 'artifact-not-found',
	artifactEmpty: 'artifact-empty',
	artifactUppercaseExtension: 'artifact-uppercase-extension',
	// inline packages
	emptyPackageList: 'empty-package-list',
	missingPackageKey: 'missing-package-key',
	invalidPackageName: 'invalid-package-name',
	invalidPackageVersion: 'invalid-package-version',
	missingDistOrSource: 'missing-dist-or-source',
	unknownDistType: 'unknown-dist-type',
	// duplicates
	duplicateRepository: 'duplicate-repository',
	// live: what the repositories answer (service/live/liveDiagnostics.ts)
	repositoryUnreachable: 'repository-unreachable',
	repositoryAuth: 'repository-auth',
	repositoryInvalid: 'repository-invalid',
	repositoryFailed: 'repository-failed',
	packageNotFound: 'package-not-found',
	noMatchingVersion: 'no-matching-version',
	unstableVersionOnly: 'unstable-version-only',
	branchNotFound: 'branch-not-found',
} as const;

export type DiagnosticCodeValue = typeof DiagnosticCode[keyof typeof DiagnosticCode];

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;
const H = DiagnosticSeverity.Hint;

/** Default severity per code (a rule may override it, e.g. insecure-url when secure-http is false). */
export const DEFAULT_SEVERITY: Record<DiagnosticCodeValue, DiagnosticSeverity> = {
	'invalid-json': E,
	'document-too-large': W,
	'too-many-problems': DiagnosticSeverity.Information,
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
	'url-no-host': E,
	'uppercase-scheme': E,
	'insecure-url': E,
	'invalid-github-url': E,
	'invalid-gitlab-url': E,
	'gitlab-domain-not-configured': W,
	'invalid-bitbucket-url': E,
	'invalid-ssh-url': E,
	'host-not-for-type': W,
	'command-injection': E,
	'path-not-found': E,
	'path-file-url': E,
	'path-no-composer-json': W,
	'path-glob-no-match': W,
	'artifact-not-found': E,
	'artifact-empty': W,
	'artifact-uppercase-extension': E,
	'empty-package-list': E,
	'missing-package-key': E,
	'invalid-package-name': E,
	'invalid-package-version': E,
	'missing-dist-or-source': W,
	'unknown-dist-type': W,
	'duplicate-repository': W,
	// A failing repository fails `composer update` only when Composer asks it for a name: the rule raises these to
	// errors when a root requirement reaches the repository (see liveDiagnostics.ts).
	'repository-unreachable': W,
	'repository-auth': W,
	'repository-invalid': W,
	'repository-failed': W,
	// The solver's "could not be found in any version" / "does not match the constraint" / "does not match your
	// minimum-stability" problems (src/Composer/DependencyResolver/Problem.php): `composer update` fails.
	'package-not-found': E,
	'no-matching-version': E,
	'unstable-version-only': E,
	'branch-not-found': E,
};

/** What a quick fix needs, carried in Diagnostic.data. */
export type FixData =
	/** Replace `range` (default: the diagnostic's range) with `newText`. */
	| { kind: 'replace'; title: string; newText: string; range?: Range }
	/** Remove the property or array element at `range`, with the comma that joined it (whole lines when alone on them). */
	| { kind: 'remove'; title: string; range: Range }
	/** Put the value at `range` into a list: `{…}` → `[{…}]`. */
	| { kind: 'wrapInList'; title: string; range: Range }
	/** Move `key` of the entry object at `entryPath` into its `options` object (created when missing). */
	| { kind: 'moveToOptions'; title: string; entryPath: (string | number)[]; key: string };

export interface DiagnosticData {
	fixes: FixData[];
}

/**
 * What a live diagnostic carries besides its fixes, for later quick fixes ("Use a fork…", loosen a constraint):
 * the requirement it is about, or the repository.
 */
export interface LiveDiagnosticData extends DiagnosticData {
	/** The package name as written in the link section. */
	package?: string;
	/** `require` or `require-dev`. */
	section?: string;
	/** The constraint as written. */
	constraint?: string;
	/** Label of the repository that provides the package, or of the failing repository. */
	repository?: string;
	/** Index of the repository's entry in this file's `repositories` block, when it is one of them. */
	entryIndex?: number;
	/** `no-matching-version`, `unstable-version-only`: the closest offered versions (pretty). */
	nearest?: string[];
	/** `branch-not-found`: the missing branch (`feature-x` for `dev-feature-x`) and the constraint atom naming it. */
	branch?: string;
	branchVersion?: string;
	/** `branch-not-found`: the branches the repository does offer (`dev-…`). */
	branches?: string[];
	/** `unstable-version-only`: the stability the requirement allows, and the least stable one a flag would need. */
	allowedStability?: string;
	neededStability?: string;
	/** `package-not-found`: the repositories that would provide it but whose `only`/`exclude` refuses it. */
	hiddenBy?: { label: string; entryIndex?: number; reason: string }[];
	/** Repository diagnostics: the provider's error code. */
	errorCode?: string;
}
