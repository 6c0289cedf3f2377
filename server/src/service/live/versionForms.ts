// The constraints people write for the versions a repository offers: for each release line (major.minor) its
// caret `^2.1`, tilde `~2.1.0` and wildcard `2.1.*` forms, then every exact release `2.1.3`; pre-releases as exact
// versions; branches as `X.Y.x-dev` and `dev-BRANCH`. Stable before unstable, newest first within each group.
// The ranges follow composer/semver's VersionParser::parseConstraint (composer-semantics.md §10.4).
import type { OfferedVersion } from '../liveData';

export type FormKind = 'caret' | 'tilde' | 'wildcard' | 'exact' | 'branch';

/**
 * Where the constraint text goes: a whole constraint (`^2.1`), the operand of an operator (`>=` → `2.1.3`), or
 * the target of an inline alias (`dev-fix as` → `2.1.3`, `2.x-dev`).
 */
export type FormMode = 'constraint' | 'operand' | 'aliasTarget';

export interface VersionForm {
	readonly text: string;
	readonly kind: FormKind;
	/** The offered version the form was made from. */
	readonly version: OfferedVersion;
	/** For range forms: the range as `>= from`, `< before`, and how many offered stable versions it holds. */
	readonly range?: { readonly from: string; readonly before: string; readonly count: number };
}

/** Enough for any real package's recent history; a package with thousands of tags must not flood the list. */
const MAX_FORMS = 500;
const MAX_LINES = 40;

type Triple = readonly [number, number, number];

/** Major, minor, patch of a normalized classic version (`2.1.3.0`), or undefined (dates, branches, pre-releases). */
function stableParts(v: OfferedVersion): Triple | undefined {
	const m = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(v.normalized);
	return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareTriples(a: Triple, b: Triple): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The version as people write it in a constraint: without the tag's `v` prefix. */
export function writtenVersion(v: OfferedVersion): string {
	return /^[vV]\d/.test(v.version) ? v.version.slice(1) : v.version;
}

/** `^M.m`: composer/semver bumps the major, or the minor for 0.x (`^0.0` stops before 0.1.0). */
function caretBefore([major, minor]: Triple): Triple {
	return major > 0 ? [major + 1, 0, 0] : [0, minor + 1, 0];
}

const show = ([a, b, c]: Triple): string => `${a}.${b}.${c}`;

export function versionForms(versions: readonly OfferedVersion[], mode: FormMode): VersionForm[] {
	const stable: { v: OfferedVersion; parts: Triple }[] = [];
	const unstable: OfferedVersion[] = [];
	const branches: OfferedVersion[] = [];
	for (const v of versions) {
		const parts = v.aliasOf === undefined && v.stability === 'stable' ? stableParts(v) : undefined;
		if (parts) stable.push({ v, parts });
		else if (v.stability === 'dev') branches.push(v);
		else unstable.push(v);
	}
	const inRange = (from: Triple, before: Triple): number =>
		stable.filter((s) => compareTriples(s.parts, from) >= 0 && compareTriples(s.parts, before) < 0).length;
	const forms: VersionForm[] = [];
	const lines = new Set<string>();
	for (const { v, parts } of stable) {
		const line = `${parts[0]}.${parts[1]}`;
		if (mode === 'constraint' && !lines.has(line) && lines.size < MAX_LINES) {
			lines.add(line);
			const from: Triple = [parts[0], parts[1], 0];
			const nextMinor: Triple = [parts[0], parts[1] + 1, 0];
			const caret = caretBefore(parts);
			forms.push({ text: `^${line}`, kind: 'caret', version: v, range: { from: show(from), before: show(caret), count: inRange(from, caret) } });
			forms.push({ text: `~${line}.0`, kind: 'tilde', version: v, range: { from: show(from), before: show(nextMinor), count: inRange(from, nextMinor) } });
			forms.push({ text: `${line}.*`, kind: 'wildcard', version: v, range: { from: show(from), before: show(nextMinor), count: inRange(from, nextMinor) } });
		}
		forms.push({ text: writtenVersion(v), kind: 'exact', version: v });
	}
	for (const v of unstable) forms.push({ text: writtenVersion(v), kind: 'exact', version: v });
	if (mode !== 'operand') {
		for (const v of branches) {
			// An alias target must be an exact version: a numeric branch (`2.x-dev`) works, a named one does not help.
			if (mode === 'aliasTarget' && v.version.startsWith('dev-')) continue;
			forms.push({ text: v.version, kind: 'branch', version: v });
		}
	}
	const seen = new Set<string>();
	return forms.filter((f) => !seen.has(f.text) && seen.add(f.text)).slice(0, MAX_FORMS);
}

/** The caret constraint for a version (`2.1.3` → `^2.1`), the usual choice when a requirement is added. */
export function caretFor(version: string): string | undefined {
	const m = /^[vV]?(\d+)\.(\d+)(?:\.\d+)*$/.exec(version.trim());
	return m ? `^${Number(m[1])}.${Number(m[2])}` : undefined;
}
