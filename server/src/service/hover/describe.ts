// Markdown descriptions of repository keys and types, shared by hovers and completion documentation, so
// the two always say the same thing. The facts come from the catalog; this module only words and formats.
import * as l10n from '@vscode/l10n';
import { ACCEPTED_TYPES, type KeySpec, type RepositoryTypeSpec, typesAcceptingKey, getTypeSpec, describeDisableEntry } from '../catalog';
import { didYouMean } from '../didYouMean';

function code(value: string): string {
	// Backticks inside the value would end the code span early; use a longer fence when needed.
	return value.includes('`') ? '`` ' + value + ' ``' : '`' + value + '`';
}

/** Defaults are JSON (`"trunk"`, `true`) or, for computed defaults, prose. */
function isJson(value: string): boolean {
	try {
		JSON.parse(value);
		return true;
	} catch {
		return false;
	}
}

function kindsText(spec: KeySpec): string {
	return spec.kinds.map((k) => (k === 'array' && spec.itemKind ? `${spec.itemKind}[]` : k)).join(' | ');
}

export interface KeyDescriptionContext {
	/** Entry type, when the key belongs to a repository entry. */
	readonly type?: string;
	/** The key is not read for this entry type: say which types use it. */
	readonly notForType?: boolean;
}

/** `**`key`** · kinds`, the description, Composer's default and (when relevant) where the key is used instead. */
export function describeKey(spec: KeySpec, context: KeyDescriptionContext = {}): string {
	const parts = [`**${code(spec.name)}** · ${kindsText(spec)}${spec.required ? ' · ' + l10n.t('required') : ''}`, spec.description()];
	if (spec.enumValues) parts.push(l10n.t('Allowed values: {0}', spec.enumValues.map(code).join(', ')));
	if (spec.defaultValue) parts.push(l10n.t('Composer default: {0}', isJson(spec.defaultValue) ? code(spec.defaultValue) : spec.defaultValue));
	if (spec.ignored) parts.push(l10n.t('Composer 2 does not read this key.'));
	if (context.notForType && context.type !== undefined) {
		const users = typesAcceptingKey(spec.name);
		parts.push(users.length > 0
			? l10n.t('Not read for {0} repositories; it belongs to: {1}.', code(context.type), users.map(code).join(', '))
			: l10n.t('Not read for {0} repositories.', code(context.type)));
	}
	return parts.join('\n\n');
}

/** Hover/documentation text of a repository type value. */
export function describeType(spec: RepositoryTypeSpec): string {
	const title = l10n.t('{0} repository type', `**${code(spec.type)}**`);
	const parts = [title, spec.description()];
	if (spec.status === 'removed') {
		parts.push(l10n.t('Composer 2 rejects this type: the PEAR repository was removed in Composer 2.'));
	} else if (spec.status === 'unregistered') {
		parts.push(l10n.t('Composer does not register this type, so every command fails with "Repository type is not registered".'));
	} else if (spec.status === 'deprecated') {
		parts.push(l10n.t('Deprecated in Composer\'s documentation.'));
	}
	if (spec.replacement && spec.status !== 'ok') parts.push(l10n.t('Use {0} instead.', code(spec.replacement)));
	const keys = spec.keys.map((k) => code(k.name));
	if (keys.length > 0 && spec.status !== 'unregistered' && spec.status !== 'removed') parts.push(l10n.t('Keys: {0}', keys.join(', ')));
	return parts.join('\n\n');
}

/** A type name that is not in the catalog. */
export function describeUnknownType(type: string): string {
	const parts = [l10n.t('{0} repository type', `**${code(type)}**`), l10n.t('Composer 2 has no repository type of this name (unless a plugin registers it).')];
	const guess = didYouMean(type, ACCEPTED_TYPES);
	if (guess) parts.push(l10n.t('Did you mean {0}?', code(guess)));
	return parts.join('\n\n');
}

/** Hover of a disable entry (`{"packagist.org": false}` or the keyed `"name": false`). */
export function describeDisable(name: string): string {
	const parts = [`**${code(`"${name}": false`)}**`, describeDisableEntry(name)];
	if (name === 'packagist.org' || name === 'packagist') {
		parts.push(l10n.t('Composer default: packagist.org is enabled and searched after every repository listed here.'));
	}
	return parts.join('\n\n');
}

/** The `repositories` key itself. */
export function describeRepositoriesBlock(): string {
	return [
		`**${code('repositories')}**`,
		l10n.t('Extra places Composer looks for packages, in priority order, before packagist.org. A list of repository objects (preferred) or an object keyed by repository name; `{"packagist.org": false}` turns packagist.org off.'),
		l10n.t('Composer default: only packagist.org.'),
	].join('\n\n');
}

/** The description of a type by name, for completion items (undefined for unknown types). */
export function typeDocumentation(type: string): string | undefined {
	const spec = getTypeSpec(type);
	return spec ? describeType(spec) : undefined;
}
