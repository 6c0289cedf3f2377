// "Use a fork…": URL, branch and alias in, one WorkspaceEdit out. The edit adds the fork as the first
// repository (repositoryInsertion.ts) and rewrites the requirement to the branch's version, aliased when the
// old constraint asked for a release (aliasDecision.ts), as Composer's docs describe for forks
// (doc/05-repositories.md, "Loading a package from a VCS repository"; doc/articles/aliases.md).
import * as l10n from '@vscode/l10n';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { branchVersion } from '../../composer/branchVersion';
import type { ComposerDocument, LinkEntry } from '../../model/composerDocument';
import { tryNormalize } from '../../semver';
import type { RepositoryDataProvider } from '../liveData';
import { decideAlias, type AliasDecision } from './aliasDecision';
import { insertForkRepository } from './repositoryInsertion';
import type { ForkEditResult, ForkRequest } from './types';

/** The entry Composer reads for `name` in `section`: PHP's json_decode keeps the last of duplicate keys. */
export function findRequirement(doc: ComposerDocument, section: string, name: string): LinkEntry | undefined {
	const wanted = name.toLowerCase();
	let found: LinkEntry | undefined;
	for (const block of doc.links) {
		if (block.section !== section) continue;
		for (const entry of block.entries) {
			if (entry.name.toLowerCase() === wanted) found = entry;
		}
	}
	return found;
}

function offeredVersions(doc: ComposerDocument, uri: string, name: string, live: RepositoryDataProvider | undefined) {
	const lookup = live?.snapshot(doc, uri)?.lookup(name);
	return lookup?.state === 'found' ? lookup.details.versions : undefined;
}

type Offered = ReturnType<typeof offeredVersions>;

function aliasFor(request: ForkRequest, current: string | undefined, version: string, offered: () => Offered): AliasDecision | { error: string } {
	if (request.alias === null || request.alias === '') return { reason: 'no-constraint' };
	if (request.alias === undefined) return decideAlias({ current, branchVersion: version, offered: offered() });
	const alias = request.alias.trim();
	// RootPackageLoader normalizes the alias side: anything but an exact version fails the whole file.
	if (/[\s,|]/.test(alias) || tryNormalize(alias) === undefined) {
		return { error: l10n.t('"{0}" cannot be an alias: the alias must be an exact version, such as 2.1.0 or 2.x-dev.', alias) };
	}
	return { alias, reason: 'kept' };
}

export function computeForkEdit(document: TextDocument, doc: ComposerDocument, request: ForkRequest, live?: RepositoryDataProvider): ForkEditResult {
	const requirement = findRequirement(doc, request.section, request.packageName);
	if (!requirement?.valueNode) {
		return { ok: false, message: l10n.t('{0} is not required in "{1}" of this composer.json.', request.packageName, request.section) };
	}
	const url = request.url.trim();
	if (url === '') return { ok: false, message: l10n.t('The fork\'s URL is empty.') };
	const version = branchVersion(request.branch);
	if (!version) return { ok: false, message: l10n.t('Composer cannot use the branch "{0}": its name is not a valid version.', request.branch) };
	const decision = aliasFor(request, requirement.constraint, version.version, () => offeredVersions(doc, document.uri, requirement.name, live));
	if ('error' in decision) return { ok: false, message: decision.error };
	const constraint = decision.alias ? `${version.version} as ${decision.alias}` : version.version;

	const insertion = insertForkRepository(doc, requirement.name, url);
	if (!insertion.ok) return { ok: false, message: insertion.message };
	const edits: TextEdit[] = [];
	const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
	if (insertion.edit) edits.push({ range: range(insertion.edit.start, insertion.edit.end), newText: insertion.edit.newText });
	const value = requirement.valueNode;
	edits.push({ range: range(value.offset, value.offset + value.length), newText: JSON.stringify(constraint) });
	return {
		ok: true,
		edit: { changes: { [document.uri]: edits } },
		constraint,
		...(request.alias === undefined ? { aliasReason: decision.reason } : {}),
		repositoryAdded: insertion.edit !== undefined,
	};
}
