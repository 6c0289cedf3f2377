// `only` / `exclude` / `canonical` (Repository/FilterRepository.php). Value types are checked with the other keys.
import * as l10n from '@vscode/l10n';
import { getProperty } from '../../model/composerDocument';
import { DiagnosticCode } from './codes';
import { entryLabel, type RuleContext } from './context';

export function checkFilters(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || !entry.object) continue;
		const only = getProperty(entry.object, 'only');
		const exclude = getProperty(entry.object, 'exclude');
		// Composer wraps the repository when the key is set and not null (isset).
		const isSet = (p: typeof only) => p?.valueNode !== undefined && p.valueNode.type !== 'null';
		if (isSet(only) && isSet(exclude) && only && exclude) {
			const later = only.keyNode.offset > exclude.keyNode.offset ? only : exclude;
			ctx.report(later.keyNode, DiagnosticCode.onlyAndExclude, l10n.t('Only one of "only" and "exclude" can be given for repository "{0}": Composer fails with both.', entryLabel(entry)));
		}
		const onlyValue = only?.valueNode;
		if (onlyValue?.type === 'array' && (onlyValue.children ?? []).length === 0) {
			ctx.report(onlyValue, DiagnosticCode.onlyEmpty, l10n.t('"only": [] lets no package through: this repository serves nothing. Remove "only" to allow every package.'));
		}
	}
}
