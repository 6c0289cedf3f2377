// Package names for the keys of `require` / `require-dev` (and `conflict`): every enabled repository's names
// through the snapshot (so private packages complete too), and the local PHP's platform packages. A new key is
// inserted with `": "` and a constraint, then the editor is asked for the version list, as VS Code's npm
// extension does for package.json (extensions/npm/src/features/packageJSONContribution.ts).
import * as l10n from '@vscode/l10n';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { LinkSection } from '../../model/composerDocument';
import { type ItemBuilder, TRIGGER_SUGGEST } from '../completion/builder';
import { keyHasColon, typedStringPrefix } from '../completion/cursor';
import { escapeSnippet } from '../completion/format';
import type { RepositorySnapshot } from '../liveData';
import { markdownText, shown } from './display';
import { caretFor } from './versionForms';

/** Names asked of the provider per keystroke; the list is incomplete, so the editor asks again as the user types. */
const NAME_LIMIT = 100;

interface NameCandidate {
	readonly name: string;
	readonly detail: string;
	/** Markdown. */
	readonly description?: string;
	/** The constraint a new key gets; undefined: an empty value and the version list. */
	readonly constraint?: string;
}

function platformCandidates(snapshot: RepositorySnapshot, query: string): NameCandidate[] {
	return snapshot.platform
		.filter((p) => p.name.toLowerCase().includes(query))
		.map((p) => ({
			name: p.name,
			detail: p.version !== undefined ? l10n.t('local PHP: {0}', shown(p.version)) : l10n.t('platform package'),
			...(p.description ? { description: markdownText(p.description) } : {}),
			// `php` gets a caret on the running version; extensions and libraries are usually required as `*`.
			constraint: p.name.startsWith('php') ? (p.version !== undefined ? caretFor(p.version) : undefined) ?? '*' : '*',
		}));
}

export function addNameItems(builder: ItemBuilder, snapshot: RepositorySnapshot, section: LinkSection, present: ReadonlySet<string>, offset: number): void {
	const query = (typedStringPrefix(builder.text, builder.cursor, offset) ?? '').toLowerCase();
	const fromRepositories: NameCandidate[] = snapshot.searchNames(query, NAME_LIMIT).map((m) => ({
		name: m.name,
		detail: shown(m.repository),
		...(m.description ? { description: markdownText(m.description) } : {}),
		...(m.latest !== undefined ? { constraint: caretFor(m.latest) ?? m.latest } : {}),
	}));
	// Only the root's own requirements can name the platform; `conflict` with the running PHP makes no sense.
	const platform = section === 'require' || section === 'require-dev' ? platformCandidates(snapshot, query) : [];
	const platformFirst = query !== '' && platform.some((p) => p.name.toLowerCase().startsWith(query));
	const candidates = platformFirst ? [...platform, ...fromRepositories] : [...fromRepositories, ...platform];
	const addValue = !keyHasColon(builder.cursor);
	candidates.forEach((c, i) => {
		if (present.has(c.name.toLowerCase())) return;
		const key = escapeSnippet(JSON.stringify(c.name));
		const value = c.constraint !== undefined ? `\${1:${escapeSnippet(c.constraint)}}` : '$1';
		builder.add({
			label: c.name,
			kind: CompletionItemKind.Module,
			text: addValue ? `${key}: "${value}"` : key,
			snippet: true,
			filterWord: c.name,
			sortText: String(i).padStart(4, '0'),
			detail: c.detail,
			...(c.description ? { documentation: c.description } : {}),
			...(addValue ? { command: TRIGGER_SUGGEST } : { commaAfter: false }),
		});
	});
	builder.incomplete = true;
}
