// composer/semver's Semver facade: does a version satisfy a constraint, and version ordering.
import { lessThan } from './comparator';
import { Constraint } from './constraint';
import { parseConstraints } from './constraintParser';
import { normalize, normalizeDefaultBranch } from './versionParser';

/** `Semver::satisfies()`: throws if the version or the constraint is invalid. */
export function satisfies(version: string, constraints: string): boolean {
	const provider = new Constraint('==', normalize(version));
	return parseConstraints(constraints).matches(provider);
}

/** `Semver::satisfiedBy()`: the versions that satisfy the constraint, in their given order. */
export function satisfiedBy(versions: readonly string[], constraints: string): string[] {
	return versions.filter((v) => satisfies(v, constraints));
}

/**
 * Orders normalized versions (default branches count as `9999999-dev`, above every number).
 * Two versions neither of which is below the other (two `dev-` branches, or `01.0` and `1.0`) keep
 * their input order. Composer's usort answers "greater" for both orders of such a pair, so PHP's
 * result for them depends on its sort algorithm; a stable order is the sensible total order.
 */
function sortBy(versions: readonly string[], direction: 1 | -1): string[] {
	const keyed = versions.map((v, index) => ({ v, index, key: normalizeDefaultBranch(normalize(v)) }));
	keyed.sort((a, b) => {
		if (a.key === b.key) return a.index - b.index;
		if (lessThan(a.key, b.key)) return -direction;
		if (lessThan(b.key, a.key)) return direction;
		return a.index - b.index;
	});
	return keyed.map((k) => k.v);
}

/** `Semver::sort()`: lowest first. */
export function sort(versions: readonly string[]): string[] {
	return sortBy(versions, 1);
}

/** `Semver::rsort()`: highest first. */
export function rsort(versions: readonly string[]): string[] {
	return sortBy(versions, -1);
}
