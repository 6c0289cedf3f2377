// Diagnostics from what the repositories answer, only when the host gives a snapshot (live data on, workspace
// trusted). One diagnostic per cause: a failing repository is reported once, on its entry, and the requirements
// it leaves unknown get nothing; a pending or unknown package gets nothing; platform packages are the local PHP's
// business; `conflict`/`replace`/`provide` names need not exist.
//
// Severity follows `composer update`:
// - a requirement no repository provides, a constraint nothing offered satisfies (or only versions below the
//   allowed stability, or a `dev-` branch that does not exist) is an error: the solver reports the problem and
//   fails (src/Composer/DependencyResolver/Problem.php, PoolBuilder).
// - a failing repository is an error when Composer would ask it for a root requirement, because the transport
//   exception aborts the command; otherwise a warning. PoolBuilder::loadPackagesMarkedForLoading asks the
//   repositories in priority order and drops every name a canonical repository found, and FilterRepository never
//   passes a name its `only`/`exclude` refuses, so such a repository may never be asked (checked with Composer
//   2.5.5: an unreachable composer repository after an inline package that provides the only requirement, or
//   whose `only` does not cover it, leaves `composer update` successful).
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getNodeValue } from 'jsonc-parser';
import { isPlatformPackage } from '../../composer/packageNames';
import { buildFilter, type RepositoryFilter } from '../../composer/repositoryFilter';
import { prohibitingSetting } from '../../composer/secureHttp';
import { effectiveLinks, getProperty, type LinkEntry, type RepositoryEntry } from '../../model/composerDocument';
import { stabilitySettings, type StabilitySettings } from '../../model/rootSettings';
import { STABILITY_ORDER } from '../../semver';
import { didYouMean } from '../didYouMean';
import type { OfferedVersion, PackageLookup, RepositorySnapshot, RepositoryStatus } from '../liveData';
import { DiagnosticCode, type DiagnosticCodeValue, type LiveDiagnosticData } from '../validation/codes';
import type { RuleContext, Span } from '../validation/context';
import { shown } from './display';
import { packagistDisabledBy } from './packagist';
import { errorKindText } from './repositoryHover';
import { allowedStability, matchConstraint, missingBranches, nearestVersions, parseRequirement } from './versionMatch';

/** Versions named in one message. */
const LISTED = 5;

interface Requirement {
	readonly entry: LinkEntry;
	readonly lookup: PackageLookup;
}

const quoted = (versions: readonly OfferedVersion[]): string => versions.slice(0, LISTED).map((v) => `"${shown(v.version)}"`).join(', ');

/** The root requirements a repository could be asked for: not platform packages, not the root's own names. */
function rootRequirements(ctx: RuleContext): LinkEntry[] {
	const own = new Set([ctx.doc.name, ...effectiveLinks(ctx.doc, 'replace').map((e) => e.name), ...effectiveLinks(ctx.doc, 'provide').map((e) => e.name)]
		.filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
	const seen = new Set<string>();
	const out: LinkEntry[] = [];
	for (const entry of [...effectiveLinks(ctx.doc, 'require'), ...effectiveLinks(ctx.doc, 'require-dev')]) {
		const key = entry.name.toLowerCase();
		if (seen.has(key) || own.has(key) || isPlatformPackage(entry.name) || entry.name.trim() === '') continue;
		seen.add(key);
		out.push(entry);
	}
	return out;
}

function entryOf(ctx: RuleContext, status: RepositoryStatus | undefined): RepositoryEntry | undefined {
	return status?.entryIndex !== undefined ? ctx.doc.repositories?.entries[status.entryIndex] : undefined;
}

/** The entry's `only`/`exclude`/`canonical` (none for packagist.org and the global config's repositories). */
function filterOf(ctx: RuleContext, status: RepositoryStatus): RepositoryFilter | undefined {
	const entry = entryOf(ctx, status);
	if (entry?.kind !== 'repository') return undefined;
	const built = buildFilter(getNodeValue(entry.valueNode) as Record<string, unknown>, status.label);
	return built.ok ? built.filter : undefined;
}

/** Whether Composer would ask the repository at `index` for `requirement` (see the header). */
function reaches(ctx: RuleContext, snapshot: RepositorySnapshot, index: number, requirement: Requirement): boolean {
	const filter = filterOf(ctx, snapshot.repositories[index]);
	if (filter && !filter.allows(requirement.entry.name)) return false;
	const lookup = requirement.lookup;
	if (lookup.state !== 'found') return true;
	const isProvider = (r: RepositoryStatus): boolean => (lookup.entryIndex !== undefined ? r.entryIndex === lookup.entryIndex : r.label === lookup.repository);
	const provider = snapshot.repositories.findIndex(isProvider);
	if (provider < 0 || provider >= index) return true;
	return filterOf(ctx, snapshot.repositories[provider])?.canonical === false;
}

/** Where a repository's diagnostic goes: its url, else its type, else the entry; the block for repositories not in this file. */
function repositorySpan(ctx: RuleContext, status: RepositoryStatus): Span | undefined {
	const entry = entryOf(ctx, status);
	if (entry) {
		const node = getProperty(entry.object, 'url')?.valueNode ?? entry.typeProperty?.valueNode ?? entry.keyNode;
		return node ?? { offset: entry.valueNode.offset, length: 1 };
	}
	// packagist.org or a repository of the global config: on the block that would list it, else the requirements.
	return ctx.doc.repositories?.property.keyNode ?? ctx.doc.links.find((b) => b.section === 'require' || b.section === 'require-dev')?.property.keyNode;
}

function repositoryCode(status: RepositoryStatus): DiagnosticCodeValue {
	switch (status.errorCode) {
		case 'unreachable': case 'timeout': return DiagnosticCode.repositoryUnreachable;
		case 'auth': return DiagnosticCode.repositoryAuth;
		case 'invalid': case 'not-found': return DiagnosticCode.repositoryInvalid;
		default: return DiagnosticCode.repositoryFailed;
	}
}

function checkRepositories(ctx: RuleContext, snapshot: RepositorySnapshot, requirements: readonly Requirement[]): void {
	snapshot.repositories.forEach((status, index) => {
		if (status.state !== 'error') return;
		const entry = entryOf(ctx, status);
		// A URL secure-http refuses already has its own error (validation/urls.ts, Config::prohibitUrlByConfig).
		const url = getProperty(entry?.object, 'url')?.valueNode?.value;
		if (status.errorCode === 'refused' && typeof url === 'string' && prohibitingSetting(url, ctx.doc.config)) return;
		const span = repositorySpan(ctx, status);
		if (!span) return;
		const asked = requirements.find((r) => reaches(ctx, snapshot, index, r));
		const label = shown(status.label);
		const detail = trimEndDotsAndSpaces(shown(status.error ?? '').trim());
		const cause = detail !== ''
			? l10n.t('Repository "{0}" {1}: {2}.', label, errorKindText(status), detail)
			: l10n.t('Repository "{0}" {1}.', label, errorKindText(status));
		const consequence = asked
			? l10n.t('Composer fails when it asks this repository for "{0}".', asked.entry.name)
			: l10n.t('Composer asks it only for packages no earlier repository provides: none of this file\'s requirements today, but a dependency may be.');
		const data: LiveDiagnosticData = {
			fixes: [], repository: label, ...(status.entryIndex !== undefined ? { entryIndex: status.entryIndex } : {}),
			...(status.errorCode !== undefined ? { errorCode: status.errorCode } : {}),
		};
		ctx.report(span, repositoryCode(status), `${cause} ${consequence}`, { severity: asked ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, data });
	});
}

/** Where the constraint starts in the document, when its value node holds it verbatim (no escapes), so atom offsets carry over. */
function constraintOffset(ctx: RuleContext, entry: LinkEntry): number | undefined {
	const node = entry.valueNode;
	if (!node || entry.constraint === undefined) return undefined;
	return ctx.doc.text.slice(node.offset + 1, node.offset + node.length - 1) === entry.constraint ? node.offset + 1 : undefined;
}

function checkMissing(ctx: RuleContext, requirement: Requirement & { lookup: Extract<PackageLookup, { state: 'missing' }> }): void {
	const { entry, lookup } = requirement;
	const parts = [l10n.t('No enabled repository provides "{0}": Composer cannot install it.', entry.name)];
	const hiddenBy = lookup.shadowed.filter((s) => s.reason === 'only' || s.reason === 'exclude');
	for (const s of hiddenBy) {
		parts.push(s.reason === 'only'
			? l10n.t('Repository "{0}" has it, but its "only" list does not include it.', shown(s.label))
			: l10n.t('Repository "{0}" has it, but its "exclude" list names it.', shown(s.label)));
	}
	const disabledBy = packagistDisabledBy(ctx.doc);
	if (disabledBy && hiddenBy.length === 0) parts.push(l10n.t('packagist.org is turned off by {0}.', disabledBy));
	const data: LiveDiagnosticData = {
		fixes: [], package: entry.name, section: entry.section, ...(entry.constraint !== undefined ? { constraint: entry.constraint } : {}),
		hiddenBy: hiddenBy.map((s) => ({ label: shown(s.label), reason: s.reason, ...(s.entryIndex !== undefined ? { entryIndex: s.entryIndex } : {}) })),
	};
	ctx.report(entry.keyNode, DiagnosticCode.packageNotFound, parts.join(' '), { data });
}

function checkVersions(ctx: RuleContext, settings: StabilitySettings, entry: LinkEntry, lookup: Extract<PackageLookup, { state: 'found' }>): void {
	const constraint = entry.constraint;
	const node = entry.valueNode;
	const parsed = constraint !== undefined ? parseRequirement(constraint) : undefined;
	// An unparsable constraint is Composer's own error, reported where constraints are checked, not here.
	if (!parsed || constraint === undefined || !node) return;
	const versions = lookup.details.versions;
	const allowed = allowedStability(entry.name, constraint, settings);
	const match = matchConstraint(versions, parsed, allowed, settings.preferStable);
	if (match.matching.length > 0) return;
	const repository = shown(lookup.repository);
	const base = {
		fixes: [], package: entry.name, section: entry.section, constraint, repository,
		...(lookup.entryIndex !== undefined ? { entryIndex: lookup.entryIndex } : {}),
	};
	if (match.tooUnstable.length > 0) {
		// The flag that would let the most stable of them through.
		const needed = match.tooUnstable.map((v) => v.stability)
			.reduce((best, stability) => (STABILITY_ORDER[stability] < STABILITY_ORDER[best] ? stability : best));
		const nearest = match.tooUnstable.slice(0, LISTED).map((v) => v.version);
		const data: LiveDiagnosticData = { ...base, nearest, allowedStability: allowed, neededStability: needed };
		ctx.report(node, DiagnosticCode.unstableVersionOnly, l10n.t('Only versions less stable than "{0}" match "{1}" for "{2}" ({3}): Composer does not accept them. Add "@{4}" to the constraint or lower minimum-stability.',
			allowed, constraint, entry.name, quoted(match.tooUnstable), needed), { data });
		return;
	}
	const start = constraintOffset(ctx, entry);
	const missing = missingBranches(constraint, versions);
	if (missing.length > 0) {
		const first = missing[0];
		const branches = versions.filter((v) => v.version.startsWith('dev-')).map((v) => v.version);
		const guess = didYouMean(first.branch, branches.slice(0, 200)); // edit distance is quadratic: bounded
		const span = start !== undefined ? { offset: start + first.start, length: first.end - first.start } : node;
		const message = [l10n.t('"{0}" has no branch "{1}" in repository "{2}".', entry.name, first.branch, repository)];
		if (guess) message.push(l10n.t('Did you mean "{0}"?', guess));
		else if (branches.length > 0) message.push(l10n.t('Branches: {0}.', branches.slice(0, LISTED).map((b) => `"${shown(b)}"`).join(', ')));
		const data: LiveDiagnosticData = { ...base, branch: first.branch.slice(4), branchVersion: first.branch, branches: branches.slice(0, 50) };
		ctx.report(span, DiagnosticCode.branchNotFound, message.join(' '), { data });
		return;
	}
	const nearest = nearestVersions(versions, parsed, allowed);
	let message: string;
	if (versions.length === 0) message = l10n.t('Repository "{0}" lists "{1}" without any version.', repository, entry.name);
	else if (nearest.length === 0) message = l10n.t('No version of "{0}" offered by "{1}" matches "{2}".', entry.name, repository, constraint);
	else message = l10n.t('No version of "{0}" offered by "{1}" matches "{2}". Nearest: {3}.', entry.name, repository, constraint, quoted(nearest));
	const data: LiveDiagnosticData = { ...base, nearest: nearest.map((v) => v.version) };
	ctx.report(node, DiagnosticCode.noMatchingVersion, message, { data });
}

/** `s.replace(/[.\s]+$/, '')` without the regex, which rescans a long run of dots and spaces from each of them. */
function trimEndDotsAndSpaces(s: string): string {
	let end = s.length;
	while (end > 0 && (s[end - 1] === '.' || /\s/.test(s[end - 1]))) end--;
	return s.slice(0, end);
}

export function checkLive(ctx: RuleContext): void {
	const snapshot = ctx.options.live?.snapshot(ctx.doc, ctx.document.uri);
	if (!snapshot) return;
	const requirements: Requirement[] = rootRequirements(ctx).map((entry) => ({ entry, lookup: snapshot.lookup(entry.name) }));
	checkRepositories(ctx, snapshot, requirements);
	const settings = stabilitySettings(ctx.doc);
	for (const requirement of requirements) {
		const { lookup } = requirement;
		// "Missing" while a repository failed cannot be told from "that repository has it": its own diagnostic says enough.
		if (lookup.state === 'missing' && lookup.failed.length === 0) checkMissing(ctx, { ...requirement, lookup });
		else if (lookup.state === 'found') checkVersions(ctx, settings, requirement.entry, lookup);
	}
}
