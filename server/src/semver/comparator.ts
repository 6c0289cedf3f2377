// composer/semver's Comparator: compares two version strings AS GIVEN (no normalization), with PHP
// `version_compare` semantics, so `1.25.0-beta2.1 == 1.25.0-b.2.1` holds.
import { Constraint, InputOperator } from './constraint';

/** `Comparator::compare($a, $operator, $b)`, argument order as in this package: compare(a, b, op). */
export function compare(a: string, b: string, operator: InputOperator): boolean {
	return new Constraint(operator, String(b)).matchSpecific(new Constraint('==', String(a)), true);
}

export function greaterThan(a: string, b: string): boolean {
	return compare(a, b, '>');
}

export function greaterThanOrEqualTo(a: string, b: string): boolean {
	return compare(a, b, '>=');
}

export function lessThan(a: string, b: string): boolean {
	return compare(a, b, '<');
}

export function lessThanOrEqualTo(a: string, b: string): boolean {
	return compare(a, b, '<=');
}

export function equalTo(a: string, b: string): boolean {
	return compare(a, b, '==');
}

export function notEqualTo(a: string, b: string): boolean {
	return compare(a, b, '!=');
}
