// composer/semver's Semver facade: does a version satisfy a constraint, and version ordering.
import { lessThan } from './comparator';
import { Constraint } from './constraint';
import { parseConstraints } from './constraintParser';
import { phpUsort } from './phpSort';
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
 * Semver::usort: orders normalized versions (default branches count as `9999999-dev`, above every number) with
 * Composer's comparator, in PHP's usort. Two versions neither of which is below the other (two `dev-` branches)
 * get "greater" both ways, so their order is whatever PHP's algorithm makes of it: phpUsort reproduces it.
 */
function sortBy(versions: readonly string[], direction: 1 | -1): string[] {
	const keyed = versions.map((v) => ({ v, key: normalizeDefaultBranch(normalize(v)) }));
	return phpUsort(keyed, (left, right) => {
		if (left.key === right.key) return 0;
		return lessThan(left.key, right.key) ? -direction : direction;
	}).map((k) => k.v);
}

/** `Semver::sort()`: lowest first. */
export function sort(versions: readonly string[]): string[] {
	return sortBy(versions, 1);
}

/** `Semver::rsort()`: highest first. */
export function rsort(versions: readonly string[]): string[] {
	return sortBy(versions, -1);
}
