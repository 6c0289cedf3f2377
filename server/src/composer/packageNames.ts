// Composer's package naming rules, as its validating loader applies them to inline packages
// (ValidatingArrayLoader::hasPackageNamingError). Pure functions so completion and code actions can reuse them.
// Composer's patterns (ValidatingArrayLoader::hasPackageNamingError, PlatformRepository::PLATFORM_PACKAGE_REGEX)
// rely on PCRE's possessive quantifiers; JavaScript has none, and the same patterns written with plain
// quantifiers backtrack exponentially (`a/` + 30×`a` + `!` took 53 s). The names are read by linear scanners
// instead, which accept exactly the same strings (test/unit/linearEquivalence.test.ts compares both on a corpus).
import * as l10n from '@vscode/l10n';

function isAlnum(code: number): boolean {
	// ASCII only, either case: the patterns carry the `i` flag, which never folds other characters into ASCII.
	return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * Whether `s[from, to)` is `[a-z0-9](?:[_.-]?[a-z0-9]+)*` (vendor, platform suffix) or, with `doubleDash`,
 * `[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*` (package): letters and digits, starting and ending with one, where
 * separators are single `_`, `.` or `-` (or `--`) never next to another separator.
 */
function isSeparatedWords(s: string, from: number, to: number, doubleDash: boolean): boolean {
	if (from >= to || !isAlnum(s.charCodeAt(from)) || !isAlnum(s.charCodeAt(to - 1))) return false;
	for (let i = from + 1; i < to - 1; i++) {
		const c = s.charCodeAt(i);
		if (isAlnum(c)) continue;
		if (c !== 95 && c !== 46 && c !== 45) return false; // _ . -
		if (doubleDash && c === 45 && s.charCodeAt(i + 1) === 45) i++;
		if (!isAlnum(s.charCodeAt(i + 1))) return false;
	}
	return true;
}

/** A vendor name as the first half of Composer's naming pattern requires it (lower case, as Packagist lists them). */
export function isWellFormedVendorName(name: string): boolean {
	return !/[A-Z]/.test(name) && isSeparatedWords(name, 0, name.length, false);
}

/** `vendor/package` as Composer's naming pattern requires it (before the reserved-name and case checks). */
export function isWellFormedPackageName(name: string): boolean {
	const slash = name.indexOf('/');
	return slash > 0 && isSeparatedWords(name, 0, slash, false) && isSeparatedWords(name, slash + 1, name.length, true);
}

const PLATFORM_NAMES = new Set(['php', 'php-64bit', 'php-ipv6', 'php-zts', 'php-debug', 'hhvm', 'composer', 'composer-plugin-api', 'composer-runtime-api']);

/** PlatformRepository::isPlatformPackage: php, hhvm, composer APIs, `ext-*` and `lib-*` (any ASCII case). */
export function isPlatformPackageName(name: string): boolean {
	const lower = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
	if (PLATFORM_NAMES.has(lower)) return true;
	return (lower.startsWith('ext-') || lower.startsWith('lib-')) && isSeparatedWords(lower, 4, lower.length, false);
}

/**
 * Platform packages (`php`, `ext-*`, `lib-*`, `composer-*-api`, …): the local PHP provides them, never a repository
 * (Composer's PlatformRepository answers for them before any configured repository is asked).
 */
export function isPlatformPackage(name: string): boolean {
	return isPlatformPackageName(name);
}

/** Names Windows reserves for devices: Composer refuses them as vendor or package name. */
export const RESERVED_NAMES: readonly string[] = ['nul', 'con', 'prn', 'aux', 'com1', 'com2', 'com3', 'com4', 'com5', 'com6', 'com7', 'com8', 'com9', 'lpt1', 'lpt2', 'lpt3', 'lpt4', 'lpt5', 'lpt6', 'lpt7', 'lpt8', 'lpt9'];

/** Lower-case form Composer suggests for a name with capitals (`FooBar/Baz` → `foo-bar/baz`). */
export function suggestLowerCaseName(name: string): string {
	return name.replace(/([a-z])([A-Z])|([A-Z])([A-Z][a-z])/g, (_m, a, b, c, d) => `${a ?? ''}${c ?? ''}-${b ?? ''}${d ?? ''}`).toLowerCase();
}

export type PackageNameProblem = 'format' | 'reserved' | 'json-suffix' | 'upper-case';

/**
 * ValidatingArrayLoader::hasPackageNamingError's decision, without its wording: the editor's diagnostics and the
 * package resolver (which keeps Composer's English messages) both ask here, so they refuse the same names.
 */
export function packageNameProblem(name: string): PackageNameProblem | undefined {
	if (isPlatformPackageName(name)) return undefined;
	if (!isWellFormedPackageName(name)) return 'format';
	const [vendor, pkg] = name.toLowerCase().split('/');
	if (RESERVED_NAMES.includes(vendor) || RESERVED_NAMES.includes(pkg)) return 'reserved';
	if (/\.json$/.test(name)) return 'json-suffix';
	if (/[A-Z]/.test(name)) return 'upper-case';
	return undefined;
}

/** Why Composer would refuse this package name, or undefined when it is fine. */
export function packageNameError(name: string): string | undefined {
	switch (packageNameProblem(name)) {
		case 'format':
			return l10n.t('"{0}" is not a valid package name: it needs a vendor, a slash and a name, made of lower-case letters and digits separated by -, . or _.', name);
		case 'reserved':
			return l10n.t('"{0}" is reserved: vendor and package names cannot be any of {1}.', name, RESERVED_NAMES.join(', '));
		case 'json-suffix':
			return l10n.t('"{0}" is not a valid package name: it cannot end in .json.', name);
		case 'upper-case':
			return l10n.t('"{0}" is not a valid package name: it must be lower case, e.g. "{1}".', name, suggestLowerCaseName(name));
		default:
			return undefined;
	}
}
