// The few composer/semver rules the VCS algorithm needs, as total functions (null = "Composer would throw").
// They wrap the project's semver module so that vcsRepository.ts stays independent of whether a parser
// reports failures by throwing (as composer/semver does) or by returning an error value.
import * as semver from '../../semver';

/** Composer's VersionParser::DEFAULT_BRANCH_ALIAS. */
export const DEFAULT_BRANCH_ALIAS = '9999999-dev';

type AnyFn = (...args: unknown[]) => unknown;

function call(fn: unknown, ...args: unknown[]): { ok: true; value: unknown } | { ok: false } {
	if (typeof fn !== 'function') {
		return { ok: false };
	}
	try {
		const value = (fn as AnyFn)(...args);
		if (value !== null && typeof value === 'object' && 'ok' in value && (value as { ok: unknown }).ok === false) {
			return { ok: false };
		}
		if (value !== null && typeof value === 'object' && 'ok' in value && 'value' in value) {
			return { ok: true, value: (value as { value: unknown }).value };
		}
		return { ok: true, value };
	} catch {
		return { ok: false };
	}
}

const api = semver as unknown as Record<string, unknown>;

/** VersionParser::normalize, or null when it would throw. */
export function normalizeVersion(version: string): string | null {
	const r = call(api.normalize, version);
	return r.ok && typeof r.value === 'string' ? r.value : null;
}

/** VersionParser::normalizeBranch (never throws in Composer). */
export function normalizeBranchName(name: string): string | null {
	const r = call(api.normalizeBranch, name);
	return r.ok && typeof r.value === 'string' ? r.value : null;
}

/** True when VersionParser::parseConstraints accepts the string. */
export function isValidConstraint(constraint: string): boolean {
	return call(api.parseConstraints, constraint).ok;
}

/** VersionParser::parseNumericAliasPrefix: the numeric prefix (`1.2.`) or false. */
export function numericAliasPrefix(branch: string): string | false {
	const r = call(api.parseNumericAliasPrefix, branch);
	return r.ok && typeof r.value === 'string' && r.value !== '' ? r.value : false;
}
