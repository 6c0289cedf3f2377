// Completion outside the `repositories` block, fed by live repository data: versions inside a requirement's
// constraint (replacing only the part under the cursor), stability flags after `@`, package names in the keys of
// the link sections, and the branches of `extra.branch-alias`. Answers at once with what the snapshot knows and
// marks the list incomplete while resolution runs, so the editor asks again.
import { SyntaxKind } from 'jsonc-parser';
import { type CompletionItem, CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isPlatformPackage } from '../../composer/packageNames';
import { type ComposerDocument, LINK_SECTIONS, type LinkSection } from '../../model/composerDocument';
import { branchAliasBlock } from '../../model/rootSettings';
import { ItemBuilder } from '../completion/builder';
import { type CursorContext, keyHasColon } from '../completion/cursor';
import { escapeSnippet } from '../completion/format';
import type { RepositorySnapshot } from '../liveData';
import type { LanguageServiceOptions } from '../types';
import { constraintSlotAt } from './constraintCursor';
import { jsonStringContent, shown } from './display';
import { addNameItems } from './nameCompletion';
import { type Proposal, flagProposals, offeredProposals, platformProposals } from './versionCompletion';
import type { FormMode } from './versionForms';

export interface LiveCompletion {
	readonly items: CompletionItem[];
	readonly isIncomplete: boolean;
	/** The cursor is in the value of a link entry (a constraint): the only place separators (` `, `|`, `,`, `@`) trigger completion. */
	readonly inConstraint: boolean;
}

/** Sections whose keys are package names worth completing (`replace`/`provide` name the root's own virtual packages). */
const NAME_SECTIONS: readonly LinkSection[] = ['require', 'require-dev', 'conflict'];
/** Sections where Composer reads stability flags (RootPackageLoader::extractStabilityFlags). */
const FLAG_SECTIONS: readonly LinkSection[] = ['require', 'require-dev'];

function linkSection(value: unknown): LinkSection | undefined {
	return LINK_SECTIONS.find((s) => s === value);
}

function itemKind(proposal: Proposal): CompletionItemKind {
	if (proposal.kind === 'flag') return CompletionItemKind.EnumMember;
	return proposal.kind === 'branch' ? CompletionItemKind.Reference : CompletionItemKind.Value;
}

/** The proposals for `name`'s version, and whether the answer may still grow. */
function versionProposals(snapshot: RepositorySnapshot, name: string, mode: FormMode): { proposals: Proposal[]; pending: boolean } {
	if (isPlatformPackage(name)) {
		const pkg = snapshot.platform.find((p) => p.name.toLowerCase() === name.toLowerCase());
		return { proposals: platformProposals(pkg, mode), pending: snapshot.pending };
	}
	const lookup = snapshot.lookup(name);
	if (lookup.state === 'found') return { proposals: offeredProposals(lookup.details.versions, mode, lookup.repository), pending: snapshot.pending };
	return { proposals: [], pending: snapshot.pending || lookup.state === 'pending' };
}

function withDocs(item: CompletionItem, proposal: Proposal, index: number): CompletionItem {
	item.sortText = String(index).padStart(4, '0');
	if (proposal.detail) item.detail = proposal.detail;
	if (proposal.documentation) item.documentation = { kind: 'markdown', value: proposal.documentation };
	return item;
}

/** Inside the constraint string: replace just the part under the cursor. */
function completeInString(
	document: TextDocument, cursor: CursorContext, offset: number, section: LinkSection, name: string, snapshot: RepositorySnapshot | undefined,
): LiveCompletion {
	const token = cursor.current!;
	const contentStart = token.start + 1;
	const contentEnd = token.unterminated ? token.end : token.end - 1;
	const slot = constraintSlotAt(document.getText().slice(contentStart, contentEnd), offset - contentStart);
	const none: LiveCompletion = { items: [], isIncomplete: false, inConstraint: true };
	if (!slot) return none;
	let proposals: Proposal[];
	let pending = false;
	if (slot.kind === 'flag') {
		// Flags are Composer's syntax, not repository data: offered with or without a snapshot.
		if (!FLAG_SECTIONS.includes(section)) return none;
		proposals = flagProposals();
	} else {
		if (!snapshot) return none;
		({ proposals, pending } = versionProposals(snapshot, name, slot.kind));
	}
	const range = { start: document.positionAt(contentStart + slot.start), end: document.positionAt(contentStart + slot.end) };
	const items = proposals.map((p, i) => withDocs({
		label: p.text,
		kind: itemKind(p),
		textEdit: { range, newText: jsonStringContent(p.text) },
		insertTextFormat: InsertTextFormat.PlainText,
		filterText: p.text,
		...(i === 0 && p.kind !== 'flag' ? { preselect: true } : {}),
	}, p, i));
	return { items, isIncomplete: pending, inConstraint: true };
}

/** After `"name":` with no string yet: whole quoted constraints, with the comma the JSON around needs. */
function completeBareValue(builder: ItemBuilder, name: string, snapshot: RepositorySnapshot): LiveCompletion {
	const { proposals, pending } = versionProposals(snapshot, name, 'constraint');
	proposals.forEach((p, i) => builder.add({
		label: p.text,
		kind: itemKind(p),
		text: JSON.stringify(p.text),
		filterWord: p.text,
		sortText: String(i).padStart(4, '0'),
		...(p.detail ? { detail: p.detail } : {}),
		...(p.documentation ? { documentation: p.documentation } : {}),
		...(i === 0 ? { preselect: true } : {}),
	}));
	return { items: builder.result(), isIncomplete: pending, inConstraint: true };
}

/** Keys of `extra.branch-alias`: the root package's own branches, when a listed repository provides the root package. */
function completeBranchAliasKeys(builder: ItemBuilder, doc: ComposerDocument, snapshot: RepositorySnapshot): LiveCompletion {
	const lookup = doc.name !== undefined ? snapshot.lookup(doc.name) : undefined;
	if (lookup?.state !== 'found') return { items: [], isIncomplete: snapshot.pending || lookup?.state === 'pending', inConstraint: false };
	const present = new Set(branchAliasBlock(doc)?.entries.filter((e) => e.keyNode.offset !== builder.cursor.current?.start).map((e) => e.branch));
	const versions = lookup.details.versions;
	const addValue = !keyHasColon(builder.cursor);
	versions.filter((v) => v.version.startsWith('dev-') && v.aliasOf === undefined && !present.has(v.version)).forEach((v, i) => {
		const alias = versions.find((a) => a.aliasOf === v.version)?.version;
		const key = escapeSnippet(JSON.stringify(v.version));
		builder.add({
			label: v.version,
			kind: CompletionItemKind.Reference,
			text: addValue ? `${key}: "${alias !== undefined ? `\${1:${escapeSnippet(alias)}}` : '$1'}"` : key,
			snippet: true,
			sortText: String(i).padStart(4, '0'),
			detail: shown(lookup.repository),
			...(addValue ? {} : { commaAfter: false }),
		});
	});
	return { items: builder.result(), isIncomplete: snapshot.pending, inConstraint: false };
}

export function completeLive(
	document: TextDocument, doc: ComposerDocument, cursor: CursorContext, offset: number, options: LanguageServiceOptions,
): LiveCompletion | undefined {
	const { slot } = cursor;
	const snapshot = options.live?.snapshot(doc, document.uri);
	if (slot.kind === 'value' && slot.path.length === 2 && typeof slot.path[1] === 'string') {
		const section = linkSection(slot.path[0]);
		if (!section) return undefined;
		if (cursor.current?.kind === SyntaxKind.StringLiteral) return completeInString(document, cursor, offset, section, slot.path[1], snapshot);
		if (!snapshot) return { items: [], isIncomplete: false, inConstraint: true };
		return completeBareValue(new ItemBuilder(document, doc.text, cursor), slot.path[1], snapshot);
	}
	if (slot.kind !== 'key' || !snapshot) return undefined;
	const section = slot.container.length === 1 ? linkSection(slot.container[0]) : undefined;
	if (section && NAME_SECTIONS.includes(section)) {
		const builder = new ItemBuilder(document, doc.text, cursor);
		const editing = cursor.current?.start;
		const present = new Set(doc.links.filter((b) => b.section === section).flatMap((b) => b.entries)
			.filter((e) => e.keyNode.offset !== editing).map((e) => e.name.toLowerCase()));
		addNameItems(builder, snapshot, section, present, offset);
		return { items: builder.result(), isIncomplete: builder.incomplete || snapshot.pending, inConstraint: false };
	}
	if (slot.container.length === 2 && slot.container[0] === 'extra' && slot.container[1] === 'branch-alias') {
		return completeBranchAliasKeys(new ItemBuilder(document, doc.text, cursor), doc, snapshot);
	}
	return undefined;
}
