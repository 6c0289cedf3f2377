// Which offered versions a root requirement accepts, the way Composer's solver sees them: the constraint
// (composer/semver), then the stability gate (src/Composer/Package/Version/StabilityFilter.php::isPackageAcceptable
// with the flags RootPackageLoader::extractStabilityFlags derives from `@flag`s, `dev-` constraints and
// minimum-stability), then the pick (DependencyResolver/DefaultPolicy: highest version, stability first under
// prefer-stable). Pure and bounded by the number of offered versions.
import {
	Constraint, STABILITY_ORDER, analyzeRootRequire, parseConstraints, phpVersionCompare, splitConstraintAtoms,
	type ConstraintInterface, type Stability,
} from '../../semver';
import type { StabilitySettings } from '../../model/rootSettings';
import type { OfferedVersion } from '../liveData';

export interface ConstraintMatch {
	/** Offered versions that satisfy the constraint and pass the stability gate, in the provider's order (newest first). */
	readonly matching: readonly OfferedVersion[];
	/** Versions that satisfy the constraint but are less stable than the requirement allows. */
	readonly tooUnstable: readonly OfferedVersion[];
	/** The least stable version the requirement lets through. */
	readonly allowedStability: Stability;
	/** The version Composer would install (newest matching; under prefer-stable, the most stable first). */
	readonly pick?: OfferedVersion;
}

/** The parsed constraint, or undefined when Composer would refuse it (other checks report that). */
export function parseRequirement(constraint: string): ConstraintInterface | undefined {
	try {
		return parseConstraints(constraint);
	} catch {
		return undefined;
	}
}

/** The stability a root requirement allows: its flag when it has one (explicit or inferred), else minimum-stability. */
export function allowedStability(packageName: string, constraint: string, settings: StabilitySettings): Stability {
	try {
		return analyzeRootRequire(packageName, constraint, settings.minimumStability).stabilityFlag?.stability ?? settings.minimumStability;
	} catch {
		return settings.minimumStability;
	}
}

function satisfies(parsed: ConstraintInterface, version: OfferedVersion): boolean {
	try {
		return parsed.matches(new Constraint('==', version.normalized));
	} catch {
		return false;
	}
}

export function isAcceptable(version: OfferedVersion, allowed: Stability): boolean {
	return STABILITY_ORDER[version.stability] <= STABILITY_ORDER[allowed];
}

/** Matches `versions` against a parsed root requirement; `allowed` undefined means no stability gate (conflict). */
export function matchConstraint(
	versions: readonly OfferedVersion[], parsed: ConstraintInterface, allowed: Stability | undefined, preferStable: boolean,
): ConstraintMatch {
	const matching: OfferedVersion[] = [];
	const tooUnstable: OfferedVersion[] = [];
	for (const v of versions) {
		if (!satisfies(parsed, v)) continue;
		if (allowed === undefined || isAcceptable(v, allowed)) matching.push(v);
		else tooUnstable.push(v);
	}
	let pick = matching[0];
	if (preferStable) {
		for (const v of matching) if (STABILITY_ORDER[v.stability] < STABILITY_ORDER[pick.stability]) pick = v;
	}
	return { matching, tooUnstable, allowedStability: allowed ?? 'dev', ...(pick ? { pick } : {}) };
}

const isBranch = (v: OfferedVersion): boolean => v.normalized.startsWith('dev-');

/**
 * The offered versions closest to a constraint nothing satisfies: the newest one below its range and the oldest
 * one above it (acceptable stabilities first); when the gap is inside the range (`!=`, a disjunction), the newest.
 */
export function nearestVersions(versions: readonly OfferedVersion[], parsed: ConstraintInterface, allowed: Stability | undefined, limit = 3): OfferedVersion[] {
	const numeric = versions.filter((v) => !isBranch(v));
	const acceptable = allowed === undefined ? numeric : numeric.filter((v) => isAcceptable(v, allowed));
	const pool = acceptable.length > 0 ? acceptable : numeric;
	const lower = parsed.lowerBound;
	const upper = parsed.upperBound;
	let below: OfferedVersion | undefined;
	let above: OfferedVersion | undefined;
	for (const v of pool) {
		const toLower = phpVersionCompare(v.normalized, lower.version);
		if (!below && (toLower < 0 || (toLower === 0 && !lower.isInclusive))) below = v;
		const toUpper = phpVersionCompare(v.normalized, upper.version);
		if (toUpper > 0 || (toUpper === 0 && !upper.isInclusive)) above = v; // newest first: the last one is the oldest
	}
	const near = [below, above].filter((v): v is OfferedVersion => v !== undefined);
	return near.length > 0 ? near : pool.slice(0, limit);
}

/** A `dev-…` branch a constraint names, with its offsets in the constraint text. */
export interface RequestedBranch {
	/** As written, without `@flag`, `#ref` or `as` alias (`dev-feature`). */
	readonly branch: string;
	readonly start: number;
	readonly end: number;
}

/** The `dev-…` atoms of a constraint that no offered version matches (Composer compares branch names exactly). */
export function missingBranches(constraint: string, versions: readonly OfferedVersion[]): RequestedBranch[] {
	const missing: RequestedBranch[] = [];
	for (const atom of splitConstraintAtoms(constraint)) {
		const text = atom.constraint.text;
		if (!/^dev-/i.test(text)) continue;
		const parsed = parseRequirement(text);
		if (parsed && !versions.some((v) => satisfies(parsed, v))) missing.push({ branch: text, start: atom.constraint.start, end: atom.constraint.end });
	}
	return missing;
}
