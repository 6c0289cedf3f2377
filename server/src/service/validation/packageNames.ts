// Composer's package naming rules, as its validating loader applies them to inline packages
// (composer-semantics.md §1.3). Pure functions so completion and code actions can reuse them.
import * as l10n from '@vscode/l10n';

const NAME = /^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/i;
const PLATFORM = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;
const RESERVED = ['nul', 'con', 'prn', 'aux', 'com1', 'com2', 'com3', 'com4', 'com5', 'com6', 'com7', 'com8', 'com9', 'lpt1', 'lpt2', 'lpt3', 'lpt4', 'lpt5', 'lpt6', 'lpt7', 'lpt8', 'lpt9'];

/** Lower-case form Composer suggests for a name with capitals (`FooBar/Baz` → `foo-bar/baz`). */
export function suggestLowerCaseName(name: string): string {
	return name.replace(/([a-z])([A-Z])|([A-Z])([A-Z][a-z])/g, (_m, a, b, c, d) => `${a ?? ''}${c ?? ''}-${b ?? ''}${d ?? ''}`).toLowerCase();
}

/** Why Composer would refuse this package name, or undefined when it is fine. */
export function packageNameError(name: string): string | undefined {
	if (PLATFORM.test(name)) return undefined;
	if (!NAME.test(name)) {
		return l10n.t('"{0}" is not a valid package name: it needs a vendor, a slash and a name, made of lower-case letters and digits separated by -, . or _.', name);
	}
	const [vendor, pkg] = name.toLowerCase().split('/');
	if (RESERVED.includes(vendor) || RESERVED.includes(pkg)) {
		return l10n.t('"{0}" is reserved: vendor and package names cannot be any of {1}.', name, RESERVED.join(', '));
	}
	if (/\.json$/.test(name)) return l10n.t('"{0}" is not a valid package name: it cannot end in .json.', name);
	if (/[A-Z]/.test(name)) return l10n.t('"{0}" is not a valid package name: it must be lower case, e.g. "{1}".', name, suggestLowerCaseName(name));
	return undefined;
}
