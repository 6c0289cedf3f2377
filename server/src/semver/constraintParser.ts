// `VersionParser::parseConstraints()`: constraint text → Constraint objects, following Composer's
// order of rules (alias, stability flag, #ref, wildcard, ~, ^, x-range, hyphen range, comparator).
// Parsed constraints are immutable and cached, since the same few strings are parsed again and again.
import * as l10n from '@vscode/l10n';
import { semverError } from './errors';
import { Constraint, ConstraintInterface, MatchAllConstraint, MultiConstraint } from './constraint';
import { splitAnd, splitOr } from './constraintSplit';
import { DOT, END, NOT_COMMA_WS, NOT_WS, WS, asciiLower, phpIncrement } from './phpCompat';
import { MODIFIER, STABILITIES, normalize, parseStability, tryNormalize } from './versionParser';

/** Groups 1–4: numbers; 5–7: modifier (stability, number, dev); 8: `x-dev`. */
const VERSION = `v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:${MODIFIER}|\\.([xX*][.-]?dev))(?:\\+${NOT_WS}+)?`;

const ALIAS_RE = new RegExp(`^(${NOT_COMMA_WS}+) +as +(${NOT_COMMA_WS}+)${END}`);
const FLAG_RE = new RegExp(`^(${NOT_COMMA_WS}*?)@(${STABILITIES})${END}`, 'i');
const REF_RE = new RegExp(`^(dev-[^,\\t\\n\\v\\f\\r @]+?|[^,\\t\\n\\v\\f\\r @]+?\\.x-dev)#${DOT}+${END}`, 'i');
const WILDCARD_RE = new RegExp(`^(v)?[xX*](\\.[xX*])*${END}`, 'i');
const TILDE_RE = new RegExp(`^~>?${VERSION}${END}`, 'i');
const CARET_RE = new RegExp(`^\\^${VERSION}${END}`, 'i');
const X_RANGE_RE = new RegExp(`^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.[xX*])+${END}`);
/** Group 1 = from (its parts 2–9), group 10 = to (its parts 11–18). */
const HYPHEN_RE = new RegExp(`^(${VERSION}) +- +(${VERSION})${END}`, 'i');
const COMPARATOR_RE = new RegExp(`^(<>|!=|>=?|<=?|==?)?${WS}*(${DOT}*)`);
const HAS_MODIFIER_RE = new RegExp(`-${MODIFIER}${END}`);
const BRANCH_LIKE_RE = /^[0-9a-zA-Z-./]+$/;

type Groups = ReadonlyArray<string | undefined>;

/** A group that matched something, `0` included (PHP's `'' !== $x && null !== $x`). */
function given(x: string | undefined): boolean {
	return x !== undefined && x !== '';
}

/** PHP's `!empty($x)` on a captured group: `''` and `'0'` are empty. */
function notEmpty(x: string | undefined): boolean {
	return x !== undefined && x !== '' && x !== '0';
}

/** Keeps the parts up to `position`, zeroes the rest, and adds `increment` at `position`. */
function manipulateVersion(groups: Groups, position: number, increment = 0): string {
	const parts = [groups[1] ?? '', groups[2] ?? '', groups[3] ?? '', groups[4] ?? ''];
	for (let i = 4; i > 0; i--) {
		if (i > position) parts[i - 1] = '0';
		else if (i === position && increment) parts[i - 1] = phpIncrement(parts[i - 1], increment);
	}
	return parts.join('.');
}

function parseError(constraint: string, inner: string): Error {
	return semverError(l10n.t('Could not parse version constraint {0}: {1}', constraint, inner));
}

/** One AND atom → one or two constraints. */
function parseAtom(constraint: string): ConstraintInterface[] {
	const alias = ALIAS_RE.exec(constraint);
	if (alias) constraint = alias[1];

	let stabilityModifier: string | undefined;
	const flag = FLAG_RE.exec(constraint);
	if (flag) {
		constraint = flag[1] !== '' ? flag[1] : '*';
		if (flag[2] !== 'stable') stabilityModifier = flag[2];
	}

	// `#ref` is for Composer's installer only, and allowed on branches only.
	const ref = REF_RE.exec(constraint);
	if (ref) constraint = ref[1];

	const wildcard = WILDCARD_RE.exec(constraint);
	if (wildcard) {
		if (wildcard[1] || wildcard[2]) return [new Constraint('>=', '0.0.0.0-dev')];
		return [new MatchAllConstraint()];
	}

	// ~1.2 → >=1.2 <2.0: the second-to-last given part is incremented. Unsuffixed, the lower bound
	// also admits the unstable releases of that version (-dev).
	const tilde = TILDE_RE.exec(constraint);
	if (tilde) {
		if (constraint.startsWith('~>')) {
			throw semverError(l10n.t('Could not parse version constraint {0}: Invalid operator "~>", you probably meant to use the "~" operator', constraint));
		}
		let position = given(tilde[4]) ? 4 : given(tilde[3]) ? 3 : given(tilde[2]) ? 2 : 1;
		// 2.x-dev and 3.0.x-dev shift the part that is incremented.
		if (notEmpty(tilde[8])) position++;
		const suffix = !notEmpty(tilde[5]) && !notEmpty(tilde[7]) && !notEmpty(tilde[8]) ? '-dev' : '';
		const low = normalize((constraint + suffix).slice(1));
		const high = manipulateVersion(tilde, Math.max(1, position - 1), 1) + '-dev';
		return [new Constraint('>=', low), new Constraint('<', high)];
	}

	// ^1.2.3 → >=1.2.3 <2.0: the left-most non-zero part (of the first three) may not change.
	const caret = CARET_RE.exec(constraint);
	if (caret) {
		let position: number;
		if (caret[1] !== '0' || !given(caret[2])) position = 1;
		else if (caret[2] !== '0' || !given(caret[3])) position = 2;
		else position = 3;
		const suffix = !notEmpty(caret[5]) && !notEmpty(caret[7]) && !notEmpty(caret[8]) ? '-dev' : '';
		const low = normalize((constraint + suffix).slice(1));
		const high = manipulateVersion(caret, position, 1) + '-dev';
		return [new Constraint('>=', low), new Constraint('<', high)];
	}

	// 1.2.* → >=1.2.0.0-dev <1.3.0.0-dev
	const xRange = X_RANGE_RE.exec(constraint);
	if (xRange) {
		const position = given(xRange[3]) ? 3 : given(xRange[2]) ? 2 : 1;
		const low = manipulateVersion(xRange, position) + '-dev';
		const high = manipulateVersion(xRange, position, 1) + '-dev';
		if (low === '0.0.0.0-dev') return [new Constraint('<', high)];
		return [new Constraint('>=', low), new Constraint('<', high)];
	}

	// 1.0 - 2.0: inclusive; a partial upper end means "anything starting with it".
	const hyphen = HYPHEN_RE.exec(constraint);
	if (hyphen) {
		const lowSuffix = !notEmpty(hyphen[6]) && !notEmpty(hyphen[8]) && !notEmpty(hyphen[9]) ? '-dev' : '';
		const lower = new Constraint('>=', normalize(hyphen[1]) + lowSuffix);
		if ((given(hyphen[12]) && given(hyphen[13])) || notEmpty(hyphen[15]) || notEmpty(hyphen[17]) || notEmpty(hyphen[18])) {
			return [lower, new Constraint('<=', normalize(hyphen[10]))];
		}
		normalize(hyphen[10]);
		const high = manipulateVersion([undefined, hyphen[11], hyphen[12], hyphen[13], hyphen[14]], given(hyphen[12]) ? 2 : 1, 1) + '-dev';
		return [lower, new Constraint('<', high)];
	}

	// Plain comparators; no operator means `==`.
	const cmp = COMPARATOR_RE.exec(constraint) as RegExpExecArray;
	const rawVersion = cmp[2];
	let version = tryNormalize(rawVersion);
	if (version === undefined) {
		// `foo-dev` was meant as the branch `dev-foo`.
		if (rawVersion.endsWith('-dev') && BRANCH_LIKE_RE.test(rawVersion)) {
			version = normalize('dev-' + rawVersion.slice(0, -4));
		} else {
			try {
				normalize(rawVersion);
			} catch (e) {
				throw parseError(constraint, (e as Error).message);
			}
			throw parseError(constraint, '');
		}
	}
	const op = cmp[1] || '=';
	if (op !== '==' && op !== '=' && stabilityModifier && parseStability(version) === 'stable') {
		version += '-' + stabilityModifier;
	} else if ((op === '<' || op === '>=') && !HAS_MODIFIER_RE.test(asciiLower(rawVersion)) && !rawVersion.startsWith('dev-')) {
		// `>=1.0` and `<2.0` include/exclude the pre-releases of that version too.
		version += '-dev';
	}
	return [new Constraint(op, version)];
}

function parseUncached(input: string): ConstraintInterface {
	const orGroups: ConstraintInterface[] = [];
	for (const orPart of splitOr(input)) {
		const parts: ConstraintInterface[] = [];
		for (const atom of splitAnd(orPart)) parts.push(...parseAtom(atom));
		orGroups.push(parts.length === 1 ? parts[0] : new MultiConstraint(parts));
	}
	const result = MultiConstraint.create(orGroups, false);
	result.prettyString = input;
	return result;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, ConstraintInterface>();

/**
 * `VersionParser::parseConstraints()`: `^1.2 || dev-main` → `[[>= 1.2.0.0-dev < 2.0.0.0-dev] || == dev-main]`.
 * Throws an Error with Composer's message for invalid input. The returned object is shared with
 * later callers, so treat it as read-only.
 */
export function parseConstraints(constraints: string): ConstraintInterface {
	const input = String(constraints);
	let parsed = cache.get(input);
	if (parsed === undefined) {
		parsed = parseUncached(input);
		// A full cache is simply dropped: cheap, and real inputs repeat a small set of strings.
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(input, parsed);
	}
	return parsed;
}
