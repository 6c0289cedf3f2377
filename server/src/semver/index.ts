// Public API of the `composer-repositories/semver` export: Composer's version semantics
// (composer/semver 3.4), named after composer/semver's own functions. Pure: no I/O.
export {
	DEFAULT_BRANCH_ALIAS, isValid, normalize, normalizeBranch, normalizeDefaultBranch, normalizeStability,
	parseNumericAliasPrefix, parseStability, tryNormalize,
} from './versionParser';
export type { Stability } from './versionParser';
export { Bound, Constraint, MatchAllConstraint, MultiConstraint } from './constraint';
export type { ConstraintInterface, InputOperator, Operator } from './constraint';
export { parseConstraints } from './constraintParser';
export { compare, equalTo, greaterThan, greaterThanOrEqualTo, lessThan, lessThanOrEqualTo, notEqualTo } from './comparator';
export { rsort, satisfiedBy, satisfies, sort } from './semver';
export { canonicalizeVersion, phpVersionCompare, phpVersionCompareOp } from './versionCompare';
export type { CompareOperator } from './versionCompare';
export { STABILITY_ORDER, analyzeRootRequire, splitConstraintAtoms } from './rootConstraint';
export type { ConstraintAtom, RootRequireAnalysis, RootRequireIssue, Span, StabilityFlagPart } from './rootConstraint';
