// The few composer/semver rules the VCS algorithm needs, as total functions (null = "Composer would throw"),
// so that vcsRepository.ts reads as Composer's VcsRepository does without try/catch around every call.
import { normalizeBranch, parseConstraints, parseNumericAliasPrefix, tryNormalize } from '../../semver';

/** VersionParser::normalize, or null when it would throw. */
export function normalizeVersion(version: string): string | null {
	return tryNormalize(version) ?? null;
}

/** VersionParser::normalizeBranch (never throws in Composer). */
export function normalizeBranchName(name: string): string {
	return normalizeBranch(name);
}

/** True when VersionParser::parseConstraints accepts the string. */
export function isValidConstraint(constraint: string): boolean {
	try {
		parseConstraints(constraint);
		return true;
	} catch {
		return false;
	}
}

/** VersionParser::parseNumericAliasPrefix: the numeric prefix (`1.2.`) or false. */
export function numericAliasPrefix(branch: string): string | false {
	const prefix = parseNumericAliasPrefix(branch);
	return prefix === '' ? false : prefix;
}
