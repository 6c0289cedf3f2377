// Disable entries: `{"packagist.org": false}`, the legacy `{"packagist": false}`, keyed `"name": false`,
// and a `packagist` key inside a typed repository (Config::merge, Config::disableRepoByName,
// RepositoryManager::createRepository).
import * as l10n from '@vscode/l10n';
import { LEGACY_PACKAGIST_NAME, PACKAGIST_NAME } from '../catalog';
import { getProperty } from '../../model/composerDocument';
import { DiagnosticCode } from './codes';
import { entryLabel, type RuleContext } from './context';

export function checkDisableEntries(ctx: RuleContext): void {
	const block = ctx.doc.repositories;
	if (!block || block.singleRepository) return;
	for (const entry of block.entries) {
		if (entry.kind === 'repository' && entry.object) {
			// Composer warns about `packagist`; `packagist.org` is ignored silently. Neither disables anything here.
			for (const name of [LEGACY_PACKAGIST_NAME, PACKAGIST_NAME]) {
				const packagist = getProperty(entry.object, name);
				// An untyped `{"packagist.org": false}` object is a misplaced disable entry, reported as such.
				if (!packagist || (name === PACKAGIST_NAME && !entry.typeProperty)) continue;
				ctx.report(packagist.keyNode, DiagnosticCode.packagistKeyInRepository, l10n.t('Repository "{0}" has a "{1}" key, which Composer ignores here (it does not disable packagist.org). Put {2} in its own entry.', entryLabel(entry), name, '{"packagist.org": false}'));
			}
			continue;
		}
		const d = entry.disable;
		if (entry.kind !== 'disable' || !d) continue;
		if (d.valueNode && d.valueNode.value !== false) {
			ctx.report(d.valueNode, DiagnosticCode.disableNotFalse, l10n.t('Only false is allowed here: {0} disables a repository; there is no way to enable one. Remove the entry to keep "{1}".', `{"${d.name}": false}`, d.name));
		}
		for (const extra of d.extra) {
			ctx.report(extra.keyNode, DiagnosticCode.disableExtraKeys, l10n.t('A disable entry must hold exactly one key; put "{0}" in its own entry.', extra.key));
		}
		if (d.name === LEGACY_PACKAGIST_NAME) {
			ctx.report(d.keyNode, DiagnosticCode.legacyPackagist, l10n.t('"packagist" is the legacy name of packagist.org; write "packagist.org".'), {
				fixes: [{ kind: 'replace', title: l10n.t('Replace with "packagist.org"'), newText: JSON.stringify(PACKAGIST_NAME) }],
			});
		} else if (d.name !== PACKAGIST_NAME && d.valueNode?.value === false) {
			ctx.report(d.keyNode, DiagnosticCode.disableUnknownName, l10n.t('"{0}" is not packagist.org: this only disables a repository of that name defined earlier, such as in the global config.', d.name));
		}
	}
}
