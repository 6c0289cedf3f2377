// Composer's package naming rules, as its validating loader applies them to inline packages
// (ValidatingArrayLoader::hasPackageNamingError). Pure functions so completion and code actions can reuse them.
import * as l10n from '@vscode/l10n';

const NAME = /^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/i;
const PLATFORM = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;
/**
 * Platform packages (`php`, `ext-*`, `lib-*`, `composer-*-api`, …): the local PHP provides them, never a repository
 * (Composer's PlatformRepository answers for them before any configured repository is asked).
 */
export function isPlatformPackage(name: string): boolean {
	return PLATFORM.test(name);
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
	if (PLATFORM.test(name)) return undefined;
	if (!NAME.test(name)) return 'format';
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
