// What to propose for the version part of a root requirement: the constraint forms of what the providing
// repository offers (versionForms.ts), the local PHP's version for platform packages, and the stability flags
// after `@`. Each proposal says its stability, release date and repository; placing it in the document is
// liveCompletion.ts's job.
import * as l10n from '@vscode/l10n';
import type { Stability } from '../../semver';
import type { OfferedVersion, PlatformPackage } from '../liveData';
import { codeSpan, shortDate, shown } from './display';
import { type FormMode, type VersionForm, caretFor, versionForms } from './versionForms';

export interface Proposal {
	/** The constraint text (not yet JSON-escaped). */
	readonly text: string;
	readonly detail?: string;
	/** Markdown. */
	readonly documentation?: string;
	readonly kind: 'version' | 'branch' | 'flag';
}

function formDocumentation(form: VersionForm): string {
	const parts: string[] = [];
	if (form.range) {
		parts.push(l10n.t('From {0} up to, not including, {1}.', codeSpan(form.range.from), codeSpan(form.range.before)));
		parts.push(l10n.t('Offered stable versions in this range: {0}.', form.range.count));
	} else if (form.kind === 'exact') {
		parts.push(l10n.t('Exactly version {0}.', codeSpan(form.version.version)));
	} else if (form.version.aliasOf !== undefined) {
		parts.push(l10n.t('Branch alias of {0}.', codeSpan(form.version.aliasOf)));
	} else {
		parts.push(l10n.t('A branch: Composer installs its newest commit.'));
	}
	return parts.join('\n\n');
}

/** Proposals for the versions `repository` offers, in `mode`. */
export function offeredProposals(versions: readonly OfferedVersion[], mode: FormMode, repository: string): Proposal[] {
	return versionForms(versions, mode).map((form) => {
		const date = shortDate(form.version.time);
		return {
			text: form.text,
			kind: form.kind === 'branch' ? 'branch' : 'version',
			detail: [form.version.stability, date, shown(repository)].filter((p) => p !== undefined).join(' · '),
			documentation: formDocumentation(form),
		};
	});
}

/** Proposals for a platform package from the version the local PHP reports (`^8.2`, `>=8.2`, `*`). */
export function platformProposals(pkg: PlatformPackage | undefined, mode: FormMode): Proposal[] {
	const detail = pkg?.version !== undefined ? l10n.t('local PHP: {0}', shown(pkg.version)) : l10n.t('platform package');
	const documentation = pkg?.description ? shown(pkg.description) : undefined;
	const texts: string[] = [];
	const caret = pkg?.version !== undefined ? caretFor(pkg.version) : undefined;
	if (mode === 'constraint') {
		// Extensions are usually required without a version; PHP itself with a caret on the running version.
		if (pkg?.name.startsWith('php')) texts.push(...(caret ? [caret, `>=${caret.slice(1)}`] : []), '*');
		else texts.push('*', ...(caret ? [caret, `>=${caret.slice(1)}`] : []));
	}
	if (pkg?.version !== undefined && /^\d/.test(pkg.version)) texts.push(pkg.version);
	return texts.map((text) => ({ text, kind: 'version', detail, ...(documentation ? { documentation } : {}) }));
}

/** The five stability flags Composer accepts after `@` in a root requirement, least stable first. */
export function flagProposals(): Proposal[] {
	const flag = (text: Stability, documentation: string): Proposal => ({ text, kind: 'flag', detail: l10n.t('stability flag'), documentation });
	return [
		flag('dev', l10n.t('Accept development versions (branches) of this package, whatever minimum-stability says.')),
		flag('alpha', l10n.t('Accept {0} versions of this package or more stable ones, whatever minimum-stability says.', codeSpan('alpha'))),
		flag('beta', l10n.t('Accept {0} versions of this package or more stable ones, whatever minimum-stability says.', codeSpan('beta'))),
		flag('RC', l10n.t('Accept {0} versions of this package or more stable ones, whatever minimum-stability says.', codeSpan('RC'))),
		flag('stable', l10n.t('Accept only stable versions of this package, even when minimum-stability allows less.')),
	];
}
