// Constraint objects with composer/semver's matching rules. `matches()` answers "do these two
// constraints intersect?", which with an `==` provider is "does this version satisfy it?".
// String forms are Composer's: `== 1.0.0.0`, `[a b]` (and), `[a || b]` (or), `*`.
import * as l10n from '@vscode/l10n';
import { semverError } from './errors';
import { phpLooseEquals } from './phpCompat';
import { phpVersionCompare, phpVersionCompareOp } from './versionCompare';

export type Operator = '==' | '<' | '<=' | '>' | '>=' | '!=';
/** Operators accepted on input: `=` means `==` and `<>` means `!=`. */
export type InputOperator = Operator | '=' | '<>';

const OPERATORS: Readonly<Record<string, Operator>> = {
	'=': '==', '==': '==', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '<>': '!=', '!=': '!=',
};

/** The largest version PHP can hold, used as "no upper bound". */
const INFINITY_VERSION = '9223372036854775807.0.0.0';

/** One end of the interval a constraint covers. */
export class Bound {
	constructor(readonly version: string, readonly isInclusive: boolean) {}

	static zero(): Bound {
		return new Bound('0.0.0.0-dev', true);
	}

	static positiveInfinity(): Bound {
		return new Bound(INFINITY_VERSION, false);
	}

	get isZero(): boolean {
		return this.version === '0.0.0.0-dev' && this.isInclusive;
	}

	get isPositiveInfinity(): boolean {
		return this.version === INFINITY_VERSION && !this.isInclusive;
	}

	/** Whether this bound is strictly above (`>`) or below (`<`) the other one. */
	compareTo(other: Bound, operator: '<' | '>'): boolean {
		// PHP compares the two objects with `==`, so numeric-looking versions compare loosely.
		if (this.isInclusive === other.isInclusive && phpLooseEquals(this.version, other.version)) return false;
		const c = phpVersionCompare(this.version, other.version);
		if (c !== 0) return (operator === '>' ? 1 : -1) === c;
		return operator === '>' ? other.isInclusive : !other.isInclusive;
	}

	toString(): string {
		return `${this.version} [${this.isInclusive ? 'inclusive' : 'exclusive'}]`;
	}
}

export interface ConstraintInterface {
	readonly kind: 'constraint' | 'multi' | 'matchAll';
	/** Whether some version satisfies both this constraint and `provider`. */
	matches(provider: ConstraintInterface): boolean;
	/** Composer's string form, e.g. `[>= 1.0.0.0-dev < 2.0.0.0-dev]`. */
	toString(): string;
	readonly lowerBound: Bound;
	readonly upperBound: Bound;
	/** The text the constraint was parsed from, when it came from `parseConstraints()`. */
	prettyString?: string;
}

function isBranch(version: string): boolean {
	return version.startsWith('dev-');
}

/** A single `<operator> <normalized version>`. */
export class Constraint implements ConstraintInterface {
	readonly kind = 'constraint' as const;
	readonly operator: Operator;
	prettyString?: string;
	private bounds?: [Bound, Bound];

	constructor(operator: InputOperator | string, readonly version: string) {
		const op = OPERATORS[operator];
		if (op === undefined) {
			throw semverError(l10n.t('Invalid operator "{0}" given, expected one of: {1}', operator, Object.keys(OPERATORS).join(', ')));
		}
		this.operator = op;
	}

	matches(provider: ConstraintInterface): boolean {
		if (provider instanceof Constraint) return this.matchSpecific(provider);
		// Let the composite side drive the match.
		return provider.matches(this);
	}

	/**
	 * `version_compare` with Composer's branch rule: `dev-*` versions only support `==`/`!=`, unless
	 * `compareBranches` (used by the Comparator) lets a branch be compared with a number.
	 */
	static versionCompare(a: string, b: string, operator: string, compareBranches = false): boolean {
		if (OPERATORS[operator] === undefined) {
			throw semverError(l10n.t('Invalid operator "{0}" given, expected one of: {1}', operator, Object.keys(OPERATORS).join(', ')));
		}
		const aIsBranch = isBranch(a);
		const bIsBranch = isBranch(b);
		if (operator === '!=' && (aIsBranch || bIsBranch)) return a !== b;
		if (aIsBranch && bIsBranch) return operator === '==' && a === b;
		if (!compareBranches && (aIsBranch || bIsBranch)) return false;
		return phpVersionCompareOp(a, b, operator);
	}

	/** Whether the two single constraints intersect. */
	matchSpecific(provider: Constraint, compareBranches = false): boolean {
		const op = this.operator;
		const pop = provider.operator;
		const noEqualOp = op.replace(/=/g, '');
		const providerNoEqualOp = pop.replace(/=/g, '');
		const isEqualOp = op === '==';
		const isNonEqualOp = op === '!=';
		const isProviderEqualOp = pop === '==';
		const isProviderNonEqualOp = pop === '!=';

		// `!=` intersects anything except the one version it excludes (and ordered branch comparisons).
		if (isNonEqualOp || isProviderNonEqualOp) {
			if (isNonEqualOp && !isProviderNonEqualOp && !isProviderEqualOp && isBranch(provider.version)) return false;
			if (isProviderNonEqualOp && !isNonEqualOp && !isEqualOp && isBranch(this.version)) return false;
			if (!isEqualOp && !isProviderEqualOp) return true;
			return Constraint.versionCompare(provider.version, this.version, '!=', compareBranches);
		}

		// Two ranges open in the same direction (`<= 2.0` and `< 1.0`) always overlap.
		if (op !== '==' && noEqualOp === providerNoEqualOp) {
			return !(isBranch(this.version) || isBranch(provider.version));
		}

		const version1 = isEqualOp ? this.version : provider.version;
		const version2 = isEqualOp ? provider.version : this.version;
		const operator = isEqualOp ? pop : op;
		if (Constraint.versionCompare(version1, version2, operator, compareBranches)) {
			// `>= 1.0` against `< 1.0`: 1.0 passes the comparison but is outside the provided interval.
			return !(pop === providerNoEqualOp && op !== noEqualOp && phpVersionCompare(provider.version, this.version) === 0);
		}
		return false;
	}

	toString(): string {
		return `${this.operator} ${this.version}`;
	}

	get lowerBound(): Bound {
		return this.extractBounds()[0];
	}

	get upperBound(): Bound {
		return this.extractBounds()[1];
	}

	private extractBounds(): [Bound, Bound] {
		if (this.bounds) return this.bounds;
		if (isBranch(this.version)) return (this.bounds = [Bound.zero(), Bound.positiveInfinity()]);
		switch (this.operator) {
			case '==': return (this.bounds = [new Bound(this.version, true), new Bound(this.version, true)]);
			case '<': return (this.bounds = [Bound.zero(), new Bound(this.version, false)]);
			case '<=': return (this.bounds = [Bound.zero(), new Bound(this.version, true)]);
			case '>': return (this.bounds = [new Bound(this.version, false), Bound.positiveInfinity()]);
			case '>=': return (this.bounds = [new Bound(this.version, true), Bound.positiveInfinity()]);
			case '!=': return (this.bounds = [Bound.zero(), Bound.positiveInfinity()]);
		}
	}
}

/** `*`: every version. */
export class MatchAllConstraint implements ConstraintInterface {
	readonly kind = 'matchAll' as const;
	prettyString?: string;

	matches(): boolean {
		return true;
	}

	toString(): string {
		return '*';
	}

	get lowerBound(): Bound {
		return Bound.zero();
	}

	get upperBound(): Bound {
		return Bound.positiveInfinity();
	}
}

/** Several constraints joined by AND (`conjunctive`) or OR. */
export class MultiConstraint implements ConstraintInterface {
	readonly kind = 'multi' as const;
	prettyString?: string;
	private text?: string;
	private bounds?: [Bound, Bound];

	constructor(readonly constraints: readonly ConstraintInterface[], readonly conjunctive = true) {
		if (constraints.length < 2) {
			throw semverError(l10n.t('A MultiConstraint needs at least two constraints; use MultiConstraint.create() for fewer'));
		}
	}

	get disjunctive(): boolean {
		return !this.conjunctive;
	}

	/** Like the constructor, but returns MatchAll for none, the constraint itself for one, and merges contiguous OR ranges. */
	static create(constraints: readonly ConstraintInterface[], conjunctive = true): ConstraintInterface {
		if (constraints.length === 0) return new MatchAllConstraint();
		if (constraints.length === 1) return constraints[0];
		if (!conjunctive) {
			const merged = mergeContiguousRanges(constraints);
			if (merged) {
				return merged.length === 1 ? merged[0] : new MultiConstraint(merged, false);
			}
		}
		return new MultiConstraint(constraints, conjunctive);
	}

	matches(provider: ConstraintInterface): boolean {
		if (!this.conjunctive) {
			return this.constraints.some((c) => provider.matches(c));
		}
		// AND against OR: iterate over the OR side, or different OR parts could each match one AND part.
		if (provider instanceof MultiConstraint && provider.disjunctive) return provider.matches(this);
		return this.constraints.every((c) => provider.matches(c));
	}

	toString(): string {
		if (this.text === undefined) {
			this.text = '[' + this.constraints.map(String).join(this.conjunctive ? ' ' : ' || ') + ']';
		}
		return this.text;
	}

	get lowerBound(): Bound {
		return this.extractBounds()[0];
	}

	get upperBound(): Bound {
		return this.extractBounds()[1];
	}

	private extractBounds(): [Bound, Bound] {
		if (this.bounds) return this.bounds;
		let lower: Bound | undefined;
		let upper: Bound | undefined;
		for (const c of this.constraints) {
			if (lower === undefined || upper === undefined) {
				lower = c.lowerBound;
				upper = c.upperBound;
				continue;
			}
			if (c.lowerBound.compareTo(lower, this.conjunctive ? '>' : '<')) lower = c.lowerBound;
			if (c.upperBound.compareTo(upper, this.conjunctive ? '<' : '>')) upper = c.upperBound;
		}
		return (this.bounds = [lower as Bound, upper as Bound]);
	}
}

/** `[>= a < b] || [>= b < c]` → `[>= a < c]`, compared on the string forms exactly as Composer does. */
function mergeContiguousRanges(constraints: readonly ConstraintInterface[]): ConstraintInterface[] | undefined {
	let left = constraints[0];
	const merged: ConstraintInterface[] = [];
	let optimized = false;
	for (let i = 1; i < constraints.length; i++) {
		const right = constraints[i];
		if (isTwoPartAnd(left) && isTwoPartAnd(right)) {
			const left0 = String(left.constraints[0]);
			const left1 = String(left.constraints[1]);
			const right0 = String(right.constraints[0]);
			const right1 = String(right.constraints[1]);
			if (left0.startsWith('>=') && left1.startsWith('<') && right0.startsWith('>=') && right1.startsWith('<')
				&& left1.slice(2) === right0.slice(3)) {
				optimized = true;
				left = new MultiConstraint([left.constraints[0], right.constraints[1]], true);
				continue;
			}
		}
		merged.push(left);
		left = right;
	}
	if (!optimized) return undefined;
	merged.push(left);
	return merged;
}

function isTwoPartAnd(c: ConstraintInterface): c is MultiConstraint {
	return c instanceof MultiConstraint && c.conjunctive && c.constraints.length === 2;
}
