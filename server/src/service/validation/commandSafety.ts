// Values a VCS program would read as an option, a command transport or shell syntax (a url such as
// `--upload-pack=touch x`, `ext::sh -c …`, a Perforce depot holding `$(…)`): an error on the value saying what it
// would have done. The decision and its sentence are composer/commandSafety.ts, which the resolvers use to refuse
// the same definitions, so the editor flags exactly what `versions` refuses.
import { unsafeRepositoryValues } from '../../composer/commandSafety';
import { entryValue, getProperty } from '../../model/composerDocument';
import { DiagnosticCode } from './codes';
import type { RuleContext } from './context';

export function checkCommandSafety(ctx: RuleContext): void {
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || entry.type === undefined) continue;
		for (const verdict of unsafeRepositoryValues(entryValue(entry) as Record<string, unknown>)) {
			const node = getProperty(entry.object, verdict.field)?.valueNode;
			if (node) ctx.report(node, DiagnosticCode.commandInjection, verdict.message);
		}
	}
}
