// Whether "Use a fork…" writes `dev-BRANCH` or `dev-BRANCH as VERSION`, and which VERSION.
//
// Composer's doc/articles/aliases.md ("Require inline alias"): when other packages require the forked package
// with a release constraint (`^2.3`), `dev-BRANCH` alone does not satisfy them and the update fails; an inline
// alias makes Composer load the branch a second time under the alias version, which those constraints accept.
// The alias must be an exact version (src/Composer/Package/Loader/RootPackageLoader.php, extractAliases()
// normalizes both sides) and must satisfy what the dependents ask for. The dependents' own requirements are not
// known here, so the current root constraint stands for them: it was written to satisfy them. Hence:
//  - the current constraint already holds an inline alias: keep its target (re-pointing a fork to a new branch);
//  - the branch's own version satisfies the current constraint (`*`, `dev-fix`, `2.x-dev` for `^2.1`): no alias;
//  - the current constraint is one exact dev version (`dev-main`, `2.x-dev`): alias to exactly that;
//  - with live data: the newest release the providing repository offers that satisfies it, i.e. what an update
//    would have installed, which the dependents were satisfied with (`^2.1` → `2.3.0`);
//  - without: the highest branch version the constraint's range holds, as the docs' own example does
//    (`dev-bugfix as 1.0.x-dev`): `^2.1` → `2.x-dev`, `~1.2.3` → `1.2.x-dev`. The lowest version (`2.1.0`)
//    would break a dependent that asks for `^2.3`; the top of the range satisfies every `^2.N`. The root's
//    `dev-BRANCH` lets dev versions of this one package through, so a `-dev` alias passes a stable
//    minimum-stability (checked against Composer in test/unit/fork/forkComposer.test.ts);
//  - a range with no upper bound, or an exact version: the lowest release it allows (`>2.1` → `2.1.1`,
//    `2.1.4` → `2.1.4`);
//  - when nothing fits (a constraint Composer cannot parse, only an inclusive upper bound): no alias, said in
//    `reason`.
import { analyzeRootRequire, parseConstraints, parseStability, satisfies, tryNormalize } from '../../semver';
import type { OfferedVersion } from '../liveData';

export interface AliasInput {
	/** The requirement's constraint before the edit (undefined when it is not a string). */
	readonly current: string | undefined;
	/** The version of the fork's branch (`dev-fix`, `2.x-dev`): the source side of the alias. */
	readonly branchVersion: string;
	/** What the providing repository offers for the package, newest first, when live data is known. */
	readonly offered?: readonly OfferedVersion[];
}

export type AliasReason =
	/** An alias is needed and was found this way. */
	| 'kept' | 'dev-version' | 'offered' | 'range-top' | 'lower-bound'
	/** No alias: nothing is required yet, or the branch already satisfies the constraint. */
	| 'no-constraint' | 'satisfied'
	/** No alias although one may be needed: the constraint does not parse, or no exact version can be derived. */
	| 'invalid' | 'underivable';

export interface AliasDecision {
	readonly alias?: string;
	readonly reason: AliasReason;
}

function safeSatisfies(version: string, constraint: string): boolean {
	try {
		return satisfies(version, constraint);
	} catch {
		return false;
	}
}

/** The lowest of a few simple release versions at or above the constraint's lower bound that satisfies it. */
function fromLowerBound(constraint: string): string | undefined {
	const bound = parseConstraints(constraint).lowerBound;
	if (bound.isZero) return undefined;
	const numbers = /^(\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(bound.version);
	if (!numbers) return undefined;
	const [major, minor, patch, build] = numbers.slice(1).map(Number);
	const base = build === 0 ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch}.${build}`;
	const candidates = [base, `${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0`, `${major + 1}.0.0`];
	return candidates.find((v) => safeSatisfies(v, constraint));
}

/** `X.x-dev` / `X.Y.x-dev` just under an exclusive `X+1.0.0.0-dev` / `X.Y+1.0.0-dev` upper bound, when it satisfies. */
function fromUpperBound(constraint: string): string | undefined {
	const bound = parseConstraints(constraint).upperBound;
	const numbers = /^(\d+)\.(\d+)\.0\.0-dev$/.exec(bound.version);
	if (bound.isInclusive || !numbers) return undefined;
	const [major, minor] = numbers.slice(1).map(Number);
	const top = minor > 0 ? `${major}.${minor - 1}.x-dev` : major > 0 ? `${major - 1}.x-dev` : undefined;
	return top !== undefined && safeSatisfies(top, constraint) ? top : undefined;
}

function fromOffered(constraint: string, offered: readonly OfferedVersion[]): string | undefined {
	const releases = offered.filter((v) => v.stability !== 'dev' && safeSatisfies(v.version, constraint));
	const pick = releases.find((v) => v.stability === 'stable') ?? releases[0];
	// `v2.1.0` and `2.1.0` normalize alike; the alias reads better without the tag's prefix.
	return pick?.version.replace(/^v(?=\d)/i, '');
}

export function decideAlias(input: AliasInput): AliasDecision {
	const current = input.current?.trim();
	if (!current) return { reason: 'no-constraint' };
	const analysis = analyzeRootRequire('', current);
	if (analysis.errors.length > 0) return { reason: 'invalid' };
	if (analysis.alias) {
		// `dev-x as 1.0@dev`: the flag belongs to the requirement, not to the exact version.
		return { alias: analysis.alias.target.text.replace(/@[a-zA-Z]+$/, ''), reason: 'kept' };
	}
	if (safeSatisfies(input.branchVersion, current)) return { reason: 'satisfied' };
	const atoms = analysis.atoms;
	if (atoms.length === 1 && parseStability(atoms[0].constraint.text) === 'dev' && tryNormalize(atoms[0].constraint.text) !== undefined) {
		return { alias: atoms[0].constraint.text, reason: 'dev-version' };
	}
	const offered = input.offered && fromOffered(current, input.offered);
	if (offered) return { alias: offered, reason: 'offered' };
	const top = fromUpperBound(current);
	if (top) return { alias: top, reason: 'range-top' };
	const lowest = fromLowerBound(current);
	return lowest ? { alias: lowest, reason: 'lower-bound' } : { reason: 'underivable' };
}
