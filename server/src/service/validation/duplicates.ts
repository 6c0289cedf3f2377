// The same repository listed twice (same kind and URL): Composer queries it twice and, under the canonical
// rule, the second copy never contributes anything.
import * as l10n from '@vscode/l10n';
import { getTypeSpec } from '../catalog';
import { getProperty } from '../../model/composerDocument';
import { DiagnosticCode } from './codes';
import { entryLabel, type RuleContext } from './context';

/** Comparison key for a URL: scheme and host case-insensitive, trailing `/` and `.git` ignored. */
export function normalizeUrlForComparison(url: string): string {
	let u = url.trim().replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
	const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*)(.*)$/.exec(u);
	if (m) u = m[1].toLowerCase() + m[2];
	return u;
}

export function checkDuplicates(ctx: RuleContext): void {
	const seen = new Map<string, string>();
	for (const entry of ctx.doc.repositories?.entries ?? []) {
		if (entry.kind !== 'repository' || !entry.type) continue;
		const spec = getTypeSpec(entry.type);
		const urlNode = getProperty(entry.object, 'url')?.valueNode;
		if (!spec || urlNode?.type !== 'string' || (urlNode.value as string).trim() === '') continue;
		// All VCS types read the same repository; their drivers only differ in how.
		const kind = spec.family === 'vcs' ? 'vcs' : entry.type;
		const id = `${kind} ${normalizeUrlForComparison(urlNode.value as string)}`;
		const first = seen.get(id);
		if (first !== undefined) {
			// The whole entry goes: the list element, or the `"name": {…}` property of the keyed form.
			const whole = entry.keyNode?.parent ?? entry.valueNode;
			ctx.report(urlNode, DiagnosticCode.duplicateRepository, l10n.t('This repository is already defined (entry "{0}"); the duplicate only slows Composer down.', first), {
				fixes: [{ kind: 'remove', title: l10n.t('Remove this duplicate repository'), range: ctx.rangeOf(whole) }],
			});
		} else {
			seen.set(id, entryLabel(entry));
		}
	}
}
