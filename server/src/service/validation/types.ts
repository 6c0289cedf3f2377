// The `type` of each repository: accepted, removed (pear), not registered (forgejo, hg-bitbucket) or unknown
// (Repository/RepositoryFactory.php::manager(), Repository/PearRepository.php).
import * as l10n from '@vscode/l10n';
import { ACCEPTED_TYPES, getTypeSpec } from '../catalog';
import { didYouMean } from '../didYouMean';
import { DiagnosticCode } from './codes';
import { entryLabel, type RuleContext } from './context';
import { kindProblemAt } from './schemaProblems';

export function checkTypes(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		const typeNode = entry.typeProperty?.valueNode;
		if (entry.kind !== 'repository' || !typeNode) continue;
		if (kindProblemAt(ctx, typeNode)) {
			ctx.report(typeNode, DiagnosticCode.invalidValueType, l10n.t('"type" of repository "{0}" must be a string.', entryLabel(entry)));
			continue;
		}
		if (typeNode.type !== 'string') continue; // the schema says string: not reached
		const type = typeNode.value as string;
		const spec = getTypeSpec(type);
		if (!spec) {
			const suggestion = didYouMean(type, ACCEPTED_TYPES);
			const message = suggestion
				? l10n.t('Unknown repository type "{0}". Did you mean "{1}"?', type, suggestion)
				: l10n.t('Unknown repository type "{0}": Composer fails with "Repository type is not registered" (unless a plugin adds it). Known types: {1}.', type, ACCEPTED_TYPES.join(', '));
			ctx.report(typeNode, DiagnosticCode.unknownType, message, suggestion ? { fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', suggestion), newText: JSON.stringify(suggestion) }] } : undefined);
		} else if (spec.status === 'removed') {
			ctx.report(typeNode, DiagnosticCode.removedType, l10n.t('The "{0}" repository type was removed in Composer 2: every Composer command fails with it.', type));
		} else if (spec.status === 'unregistered') {
			const replacement = spec.replacement ?? 'vcs';
			ctx.report(typeNode, DiagnosticCode.unregisteredType, l10n.t('"{0}" is not a registered repository type: Composer fails with "Repository type is not registered". Use "{1}" instead.', type, replacement), {
				fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', replacement), newText: JSON.stringify(replacement) }],
			});
		} else if (spec.status === 'deprecated' && spec.replacement) {
			ctx.report(typeNode, DiagnosticCode.deprecatedType, l10n.t('"{0}" is deprecated in favour of "{1}" (same driver).', type, spec.replacement), {
				fixes: [{ kind: 'replace', title: l10n.t('Change to "{0}"', spec.replacement), newText: JSON.stringify(spec.replacement) }],
			});
		}
	}
}
