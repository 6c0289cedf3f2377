// Root-only constraint syntax (composer.json `require`/`require-dev` of the root package), with the
// offset range of every part so that editor features can point at it:
//   `dev-bugfix as 1.2.0`   inline alias     (RootPackageLoader::extractAliases)
//   `^1.0@dev`              stability flag   (RootPackageLoader::extractStabilityFlags)
//   `dev-main#abc123`       locked reference (RootPackageLoader::extractReferences)
// Offsets are UTF-16 code units into the string given, end exclusive.
import * as l10n from '@vscode/l10n';
import { parseConstraints } from './constraintParser';
import { Span, splitConstraintGroups } from './constraintSplit';
import { DOT, END, NOT_COMMA_WS } from './phpCompat';
import { STABILITIES, Stability, normalize, normalizeStability, parseStability } from './versionParser';

export type { Span } from './constraintSplit';

export interface StabilityFlagPart {
	/** `@dev` */
	span: Span;
	/** `dev` */
	name: Span;
	stability: Stability;
}

export interface ConstraintAtom {
	/** The atom as Composer splits it off (OR `||`/`|` and AND `,`/space separators removed). */
	span: Span;
	/** Index of the OR group the atom belongs to. */
	orGroup: number;
	/** The constraint proper, without alias, flag and ref. Empty text for a bare `@dev`, which means `*`. */
	constraint: Span;
	/** `X as Y`: Composer matches on X (the source) and calls the result Y (the target). */
	alias?: { source: Span; target: Span };
	/** A flag on the constraint (the source side of an alias). */
	stabilityFlag?: StabilityFlagPart;
	/** A flag at the end of an alias target (`dev-x as 1.0@dev`). */
	aliasStabilityFlag?: StabilityFlagPart;
	/** `#ref` on a branch constraint (`dev-main#abc`, `1.x-dev#abc`), which parseConstraints ignores. */
	reference?: { span: Span; ref: Span };
}

const ALIAS_RE = new RegExp(`^(${NOT_COMMA_WS}+) +as +(${NOT_COMMA_WS}+)${END}`, 'd');
const FLAG_RE = new RegExp(`^(${NOT_COMMA_WS}*?)@(${STABILITIES})${END}`, 'di');
const TARGET_FLAG_RE = new RegExp(`^(${DOT}*?)@(${STABILITIES})${END}`, 'di');
const REF_RE = new RegExp(`^(dev-[^,\\t\\n\\v\\f\\r @]+?|[^,\\t\\n\\v\\f\\r @]+?\\.x-dev)#(${DOT}+)${END}`, 'di');

function span(text: string, start: number, end: number, base: number): Span {
	return { text: text.slice(start, end), start: base + start, end: base + end };
}

function groupSpan(m: RegExpExecArray, group: number, text: string, base: number): Span {
	const [start, end] = (m.indices as RegExpIndicesArray)[group] as [number, number];
	return span(text, start, end, base);
}

function flagPart(m: RegExpExecArray, text: string, base: number): StabilityFlagPart {
	const name = groupSpan(m, 2, text, base);
	return { span: { text: '@' + name.text, start: name.start - 1, end: name.end }, name, stability: normalizeStability(name.text) };
}

/** Splits a constraint as Composer does and names the parts of every atom, in Composer's stripping order. */
export function splitConstraintAtoms(input: string): ConstraintAtom[] {
	const atoms: ConstraintAtom[] = [];
	splitConstraintGroups(String(input)).forEach((group, orGroup) => {
		for (const atomSpan of group) {
			const text = atomSpan.text;
			const base = atomSpan.start;
			const atom: ConstraintAtom = { span: atomSpan, orGroup, constraint: atomSpan };
			let main = atomSpan;
			const alias = ALIAS_RE.exec(text);
			if (alias) {
				const source = groupSpan(alias, 1, text, base);
				const target = groupSpan(alias, 2, text, base);
				atom.alias = { source, target };
				main = source;
				const targetFlag = TARGET_FLAG_RE.exec(target.text);
				if (targetFlag) atom.aliasStabilityFlag = flagPart(targetFlag, target.text, target.start);
			}
			const flag = FLAG_RE.exec(main.text);
			if (flag) {
				atom.stabilityFlag = flagPart(flag, main.text, main.start);
				main = groupSpan(flag, 1, main.text, main.start);
			}
			const ref = REF_RE.exec(main.text);
			if (ref) {
				const refSpan = groupSpan(ref, 2, main.text, main.start);
				atom.reference = { span: { text: '#' + refSpan.text, start: refSpan.start - 1, end: refSpan.end }, ref: refSpan };
				main = groupSpan(ref, 1, main.text, main.start);
			}
			atom.constraint = main;
			atoms.push(atom);
		}
	});
	return atoms;
}

export interface RootRequireIssue {
	kind: 'alias' | 'constraint';
	message: string;
	start: number;
	end: number;
}

export interface RootRequireAnalysis {
	atoms: ConstraintAtom[];
	/** The inline alias Composer registers, with both sides normalized when valid. */
	alias?: { source: Span; target: Span; normalizedSource?: string; normalizedTarget?: string };
	/** The commit Composer locks a dev requirement to (hex refs only). */
	reference?: Span;
	/** The stability this requirement lets through: an explicit `@flag`, or inferred from e.g. `dev-main`. */
	stabilityFlag?: { stability: Stability; explicit: boolean; span: Span };
	/** Composer's errors for this requirement, each with the range it concerns. */
	errors: RootRequireIssue[];
}

export const STABILITY_ORDER: Readonly<Record<Stability, number>> = { stable: 0, RC: 5, beta: 10, alpha: 15, dev: 20 };

const ROOT_ALIAS_RE = new RegExp(`(?:^|\\| *|, *)([^,\\t\\n\\v\\f\\r #|]+)(?:#[^ ]+)? +as +([^,\\t\\n\\v\\f\\r |]+)(?:${END}| *\\|| *,)`, 'd');
const STRIP_ALIAS_RE = new RegExp(`^([^,\\t\\n\\v\\f\\r @]+) as ${DOT}+${END}`);
const LOCK_REF_RE = new RegExp(`^[^,\\t\\n\\v\\f\\r @]+?#([a-f0-9]+)${END}`, 'd');
const EXPLICIT_FLAG_RE = new RegExp(`^[^@]*?@(${STABILITIES})${END}`, 'di');
const SINGLE_WORD_RE = new RegExp(`^[^,\\t\\n\\v\\f\\r @]+${END}`);

function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * What Composer's root package loader makes of one `"name": "constraint"` requirement: the inline
 * alias, the locked reference, the stability flag, and the errors Composer would raise.
 */
export function analyzeRootRequire(packageName: string, value: string, minimumStability: Stability = 'stable'): RootRequireAnalysis {
	value = String(value);
	const result: RootRequireAnalysis = { atoms: splitConstraintAtoms(value), errors: [] };
	const whole: Span = { text: value, start: 0, end: value.length };

	const alias = ROOT_ALIAS_RE.exec(value);
	if (alias) {
		const source = groupSpan(alias, 1, value, 0);
		const target = groupSpan(alias, 2, value, 0);
		result.alias = { source, target };
		try {
			result.alias.normalizedSource = normalize(source.text, value);
		} catch (e) {
			result.errors.push({ kind: 'alias', message: errorMessage(e), start: source.start, end: source.end });
		}
		try {
			result.alias.normalizedTarget = normalize(target.text, value);
		} catch (e) {
			result.errors.push({ kind: 'alias', message: errorMessage(e), start: target.start, end: target.end });
		}
	} else if (value.includes(' as ')) {
		result.errors.push({
			kind: 'alias',
			message: l10n.t('Invalid alias definition in "{0}": "{1}". Aliases should be in the form "exact-version as other-exact-version".', packageName, value),
			start: 0,
			end: value.length,
		});
	}

	try {
		parseConstraints(value);
	} catch (e) {
		result.errors.push({ kind: 'constraint', message: errorMessage(e), start: whole.start, end: whole.end });
	}

	// The stripped text is a prefix of the value, so offsets carry over unchanged.
	const unaliased = value.replace(STRIP_ALIAS_RE, '$1');
	const lock = LOCK_REF_RE.exec(unaliased);
	if (lock && parseStability(unaliased) === 'dev') result.reference = groupSpan(lock, 1, value, 0);

	result.stabilityFlag = stabilityFlagOf(result.atoms, minimumStability);
	return result;
}

/** Explicit flags win (the most unstable one); otherwise a constraint less stable than minimum-stability sets it. */
function stabilityFlagOf(atoms: ConstraintAtom[], minimumStability: Stability): RootRequireAnalysis['stabilityFlag'] {
	let flag: RootRequireAnalysis['stabilityFlag'];
	for (const atom of atoms) {
		const m = EXPLICIT_FLAG_RE.exec(atom.span.text);
		if (!m) continue;
		const name = groupSpan(m, 1, atom.span.text, atom.span.start);
		const stability = normalizeStability(name.text);
		if (flag && STABILITY_ORDER[flag.stability] > STABILITY_ORDER[stability]) continue;
		flag = { stability, explicit: true, span: { text: '@' + name.text, start: name.start - 1, end: name.end } };
	}
	if (flag) return flag;
	for (const atom of atoms) {
		const req = atom.span.text.replace(STRIP_ALIAS_RE, '$1');
		if (!SINGLE_WORD_RE.test(req)) continue;
		const stability = parseStability(req);
		if (stability === 'stable') continue;
		if ((flag && STABILITY_ORDER[flag.stability] > STABILITY_ORDER[stability]) || STABILITY_ORDER[minimumStability] > STABILITY_ORDER[stability]) continue;
		flag = { stability, explicit: false, span: { text: req, start: atom.span.start, end: atom.span.start + req.length } };
	}
	return flag;
}
