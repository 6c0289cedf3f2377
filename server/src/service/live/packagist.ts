// Whether this composer.json turns packagist.org off, the usual reason a public package is "not found" once
// private repositories are set up (composer-semantics.md §8.1: `{"packagist.org": false}`, legacy `packagist`).
import type { ComposerDocument } from '../../model/composerDocument';

/** The disable entry as written (`"packagist.org": false`), or undefined when packagist.org stays on. */
export function packagistDisabledBy(doc: ComposerDocument): string | undefined {
	for (const entry of doc.repositories?.entries ?? []) {
		const disable = entry.disable;
		if (entry.kind !== 'disable' || !disable || disable.extra.length > 0) continue;
		if (disable.valueNode?.type !== 'boolean' || disable.valueNode.value !== false) continue;
		if (disable.name === 'packagist.org' || disable.name === 'packagist') return `"${disable.name}": false`;
	}
	return undefined;
}
