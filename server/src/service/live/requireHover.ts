// Hover on a `require` / `require-dev` / `conflict` entry: which repository provides the package (and which were
// passed over because of `canonical`, `only` or `exclude`), its newest version, the versions that satisfy the
// constraint (or the nearest ones), what Composer would pick, description, links and the abandoned notice.
import * as l10n from '@vscode/l10n';
import { isPlatformPackage } from '../../composer/packageNames';
import { tryNormalize } from '../../semver';
import type { ComposerDocument, LinkEntry } from '../../model/composerDocument';
import { stabilitySettings } from '../../model/rootSettings';
import type { OfferedVersion, PackageDetails, PackageLookup, RepositorySnapshot, ShadowedRepository } from '../liveData';
import { codeSpan, markdownLink, markdownText, shortDate } from './display';
import { packagistDisabledBy } from './packagist';
import { allowedStability, matchConstraint, nearestVersions, parseRequirement } from './versionMatch';

/** Versions listed by name in a hover before "and N more". */
const LISTED = 6;

function versionList(versions: readonly OfferedVersion[]): string {
	const names = versions.slice(0, LISTED).map((v) => codeSpan(v.version)).join(', ');
	return versions.length > LISTED ? l10n.t('{0} and {1} more', names, versions.length - LISTED) : names;
}

/** Why a repository was not asked for this name, in one line. */
export function shadowedLine(s: ShadowedRepository): string {
	switch (s.reason) {
		case 'canonical':
			return s.hiddenBy !== undefined
				? l10n.t('{0} is not asked: the canonical repository {1} provides this package first.', codeSpan(s.label), codeSpan(s.hiddenBy))
				: l10n.t('{0} is not asked: an earlier canonical repository provides this package.', codeSpan(s.label));
		case 'only':
			return l10n.t('{0} would provide it, but its "only" list does not include this name.', codeSpan(s.label));
		case 'exclude':
			return l10n.t('{0} would provide it, but its "exclude" list names it.', codeSpan(s.label));
	}
}

function newestLine(details: PackageDetails): string | undefined {
	const newest = details.versions.find((v) => v.stability === 'stable' && v.aliasOf === undefined) ?? details.versions[0];
	if (!newest) return l10n.t('The repository lists no version of it.');
	const date = shortDate(newest.time);
	return date ? l10n.t('Newest version: {0} ({1})', codeSpan(newest.version), date) : l10n.t('Newest version: {0}', codeSpan(newest.version));
}

function constraintLines(doc: ComposerDocument, entry: LinkEntry, details: PackageDetails): string[] {
	const constraint = entry.constraint;
	if (constraint === undefined || constraint.trim() === '') return [];
	const parsed = parseRequirement(constraint);
	if (!parsed) return [];
	const settings = stabilitySettings(doc);
	// Stability gates only the root's requirements; a conflict matches whatever is installed.
	const allowed = entry.section === 'conflict' ? undefined : allowedStability(entry.name, constraint, settings);
	const match = matchConstraint(details.versions, parsed, allowed, settings.preferStable);
	const lines: string[] = [];
	if (match.matching.length > 0) {
		lines.push(l10n.t('Versions matching {0}: {1}', codeSpan(constraint), versionList(match.matching)));
		if (match.pick && entry.section !== 'conflict') lines.push(l10n.t('Composer would install {0}.', codeSpan(match.pick.version)));
	} else if (match.tooUnstable.length > 0) {
		lines.push(l10n.t('Only versions less stable than {0} match {1}: {2}', codeSpan(match.allowedStability), codeSpan(constraint), versionList(match.tooUnstable)));
	} else {
		const nearest = nearestVersions(details.versions, parsed, allowed);
		lines.push(nearest.length > 0
			? l10n.t('No offered version matches {0}. Nearest: {1}', codeSpan(constraint), versionList(nearest))
			: l10n.t('No offered version matches {0}.', codeSpan(constraint)));
	}
	return lines;
}

function foundText(doc: ComposerDocument, entry: LinkEntry, lookup: Extract<PackageLookup, { state: 'found' }>): string[] {
	const { details } = lookup;
	const parts: string[] = [];
	if (details.description) parts.push(markdownText(details.description));
	parts.push(l10n.t('Provided by {0}.', codeSpan(lookup.repository)));
	const newest = newestLine(details);
	if (newest) parts.push(newest);
	parts.push(...constraintLines(doc, entry, details));
	const links = [markdownLink(l10n.t('Homepage'), details.homepage), markdownLink(l10n.t('Source'), details.sourceUrl)].filter((l) => l !== undefined);
	if (links.length > 0) parts.push(links.join(' · '));
	if (details.abandoned) {
		parts.push(typeof details.abandoned === 'string' && details.abandoned !== ''
			? l10n.t('**Abandoned**: the maintainers suggest {0} instead.', codeSpan(details.abandoned))
			: l10n.t('**Abandoned**: no replacement is suggested.'));
	}
	return parts;
}

function platformText(snapshot: RepositorySnapshot, entry: LinkEntry): string[] {
	const pkg = snapshot.platform.find((p) => p.name.toLowerCase() === entry.name.toLowerCase());
	const parts = [l10n.t('Platform package: provided by the PHP that runs Composer, not by a repository.')];
	if (pkg?.description) parts.push(markdownText(pkg.description));
	if (pkg?.version !== undefined) {
		parts.push(l10n.t('The local PHP reports {0}.', codeSpan(pkg.version)));
		const parsed = entry.constraint !== undefined ? parseRequirement(entry.constraint) : undefined;
		const normalized = tryNormalize(pkg.version);
		if (parsed && normalized !== undefined) {
			const local: OfferedVersion = { version: pkg.version, normalized, stability: 'stable' };
			parts.push(matchConstraint([local], parsed, undefined, false).matching.length > 0
				? l10n.t('It satisfies {0}.', codeSpan(entry.constraint!))
				: l10n.t('It does not satisfy {0}.', codeSpan(entry.constraint!)));
		}
	} else if (snapshot.platform.length > 0) {
		parts.push(l10n.t('The local PHP does not have it.'));
	}
	return parts;
}

export function requireHoverText(doc: ComposerDocument, entry: LinkEntry, snapshot: RepositorySnapshot): string {
	const title = `**${codeSpan(entry.name)}**`;
	if (isPlatformPackage(entry.name)) return [title, ...platformText(snapshot, entry)].join('\n\n');
	const lookup = snapshot.lookup(entry.name);
	const parts = [title];
	switch (lookup.state) {
		case 'found':
			parts.push(...foundText(doc, entry, lookup));
			break;
		case 'pending':
			parts.push(l10n.t('Resolving the repositories that could provide it…'));
			break;
		case 'missing': {
			parts.push(l10n.t('No enabled repository provides this package.'));
			const disabledBy = packagistDisabledBy(doc);
			if (disabledBy) parts.push(l10n.t('packagist.org is turned off by {0}.', codeSpan(disabledBy)));
			if (lookup.failed.length > 0) parts.push(l10n.t('Could not be asked: {0}', lookup.failed.map((label) => codeSpan(label)).join(', ')));
			break;
		}
		case 'unknown':
			parts.push(l10n.t('Not known: {0}', markdownText(lookup.reason)));
			break;
	}
	if (lookup.state !== 'unknown' && lookup.shadowed.length > 0) parts.push(lookup.shadowed.map((s) => '- ' + shadowedLine(s)).join('\n'));
	return parts.join('\n\n');
}
