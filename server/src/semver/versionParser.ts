// Version normalization as composer/semver's VersionParser does it (3.4 behaviour). Every regex keeps
// PCRE's meanings through the constants in phpCompat.ts; possessive quantifiers are dropped where
// they cannot change the result, and `(?:[.-]?\d+)*` is written `(?:[.-]?\d)*` (same language, no
// exponential backtracking).
import * as l10n from '@vscode/l10n';
import { semverError } from './errors';
import { DOT, END, NOT_COMMA_WS, NOT_WS, asciiLower, lastLineStart, phpTrim } from './phpCompat';

export type Stability = 'stable' | 'RC' | 'beta' | 'alpha' | 'dev';

/** Composer's `VersionParser::DEFAULT_BRANCH_ALIAS`: what the default branch is also known as. */
export const DEFAULT_BRANCH_ALIAS = '9999999-dev';

/** Groups: stability word, its number, dev suffix. */
export const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d)*)?)?([.-]?dev)?';
export const STABILITIES = 'stable|RC|beta|alpha|dev';

const ALIAS_RE = new RegExp(`^(${NOT_COMMA_WS}+) +as +(${NOT_COMMA_WS}+)${END}`);
const FLAG_RE = new RegExp(`@(?:${STABILITIES})${END}`, 'i');
const BUILD_RE = new RegExp(`^([^,\\t\\n\\v\\f\\r +]+)\\+${NOT_WS}+${END}`);
const CLASSIC_RE = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}${END}`, 'i');
const DATE_RE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}${END}`, 'i');
/** Sticky: tried at one place only (see devSuffixBranch). */
const DEV_SUFFIX_RE = new RegExp(`(${DOT}*?)[.-]?dev${END}`, 'iy');
const BRANCH_RE = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
const NUMERIC_ALIAS_RE = new RegExp(`^((?:\\d+\\.)*\\d+)(?:\\.x)?-dev${END}`, 'i');
const REF_STRIP_RE = new RegExp(`#${DOT}+${END}`, 'y');
/** Sticky: parseStability tries it place by place from the last line on, as the unanchored search would. */
const STABILITY_RE = new RegExp(`${MODIFIER}(?:\\+${DOT}*)?${END}`, 'iy');

/** `stripos($version, 'dev-') === 0` */
function startsWithDevPrefix(version: string): boolean {
	return version.length >= 4 && (version.charCodeAt(0) | 32) === 100 && (version.charCodeAt(1) | 32) === 101
		&& (version.charCodeAt(2) | 32) === 118 && version.charCodeAt(3) === 45;
}

function expandStability(stability: string): string {
	const s = asciiLower(stability);
	switch (s) {
		case 'a': return 'alpha';
		case 'b': return 'beta';
		case 'p': case 'pl': return 'patch';
		case 'rc': return 'RC';
		default: return s;
	}
}

/** Appends the normalized modifier (`-beta2`, `-dev`, …) found at `groups[index..index+2]`. */
function withModifier(version: string, groups: RegExpExecArray, index: number): string {
	const stability = groups[index];
	if (stability) {
		if (stability === 'stable') return version;
		version += '-' + expandStability(stability) + (groups[index + 1] ? groups[index + 1].replace(/^[.-]+/, '') : '');
	}
	if (groups[index + 2]) version += '-dev';
	return version;
}

/**
 * `VersionParser::normalize()`: `1.0` → `1.0.0.0`, `v2.0-beta.1` → `2.0.0.0-beta1`, `1.x-dev` →
 * `1.9999999.9999999.9999999-dev`, `master` → `dev-master`. Throws for anything that is not an exact
 * version; `fullVersion` (a whole `X as Y` string) only makes the message more helpful.
 */
export function normalize(version: string, fullVersion?: string): string {
	const normalized = tryNormalize(version);
	if (normalized !== undefined) return normalized;
	throw invalidVersion(version, fullVersion);
}

/** `normalize()` without the exception (exceptions are slow, and callers often only need a yes/no). */
export function tryNormalize(version: string): string | undefined {
	version = phpTrim(String(version));

	// The includes() checks only skip regexes that cannot match; this is the hot path.
	if (version.includes(' as')) {
		const alias = ALIAS_RE.exec(version);
		if (alias) version = alias[1];
	}

	if (version.includes('@')) {
		const flag = FLAG_RE.exec(version);
		if (flag) version = version.slice(0, version.length - flag[0].length);
	}

	// master/trunk/default were constraints in Composer 1; they still mean the branch.
	if (version === 'master' || version === 'trunk' || version === 'default') version = 'dev-' + version;

	if (startsWithDevPrefix(version)) return 'dev-' + version.slice(4);

	if (version.includes('+')) {
		const build = BUILD_RE.exec(version);
		if (build) version = build[1];
	}

	const classic = CLASSIC_RE.exec(version);
	if (classic) {
		return withModifier(classic[1] + (classic[2] || '.0') + (classic[3] || '.0') + (classic[4] || '.0'), classic, 5);
	}
	const date = DATE_RE.exec(version);
	if (date) return withModifier(date[1].replace(/\D/g, '.'), date, 2);

	// `1.x-dev`, `2.0-dev`: a numeric branch. A non-numeric one should have been written `dev-name`.
	const dev = devSuffixBranch(version);
	if (dev !== undefined) {
		const normalized = normalizeBranch(dev);
		if (!normalized.includes('dev-')) return normalized;
	}
	return undefined;
}

/**
 * Group 1 of `/(.*?)[.-]?dev$/i` (PCRE `.` and `$`): the text before a final `dev`, from the start of the last line.
 * Unanchored, the search starts over at every character and scans to the end each time; but only a start on the
 * last line can reach the end, and if the first of them fails, all do.
 */
export function devSuffixBranch(version: string): string | undefined {
	DEV_SUFFIX_RE.lastIndex = lastLineStart(version);
	return DEV_SUFFIX_RE.exec(version)?.[1];
}

/** `preg_replace('{#.+$}', '', $version)`: only the first `#` of the last line can start the match. */
export function stripReference(version: string): string {
	const hash = version.indexOf('#', lastLineStart(version));
	if (hash < 0) return version;
	REF_STRIP_RE.lastIndex = hash;
	const m = REF_STRIP_RE.exec(version);
	return m ? version.slice(0, hash) + version.slice(hash + m[0].length) : version;
}

/**
 * The first match of Composer's `{<modifier>(?:\+.*)?$}i`, place by place from the start of the last line (no
 * match can start before it). An attempt that fails stops within the run of modifier characters it started in, and
 * one that reaches a `+` succeeds, so the whole search stays linear. There is always a match (all of it is optional).
 */
export function stabilityMatch(lower: string): RegExpExecArray {
	for (let at = lastLineStart(lower); ; at++) {
		STABILITY_RE.lastIndex = at;
		const m = STABILITY_RE.exec(lower);
		if (m) return m;
	}
}

/** Composer's message for an invalid version; it names the side of an `X as Y` alias that is wrong. */
function invalidVersion(version: string, fullVersion?: string): Error {
	const origVersion = phpTrim(String(version));
	const full = fullVersion ?? origVersion;
	// The message matches the alias against the version as normalize() had reduced it.
	let reduced = origVersion;
	const alias = ALIAS_RE.exec(reduced);
	if (alias) reduced = alias[1];
	const flag = FLAG_RE.exec(reduced);
	if (flag) reduced = reduced.slice(0, reduced.length - flag[0].length);
	const build = BUILD_RE.exec(reduced);
	if (build) reduced = build[1];
	if (isAliasTarget(reduced, full)) {
		return semverError(l10n.t('Invalid version string "{0}" in "{1}", the alias must be an exact version', origVersion, full));
	}
	if (isAliasSource(reduced, full)) {
		return semverError(l10n.t('Invalid version string "{0}" in "{1}", the alias source must be an exact version, if it is a branch name you should prefix it with dev-', origVersion, full));
	}
	return semverError(l10n.t('Invalid version string "{0}"', origVersion));
}

const FLAG_SUFFIXES = ['', '@stable', '@RC', '@beta', '@alpha', '@dev'];

/**
 * Composer tests `/ +as +<version>(@flag)?$/` against the full string. Done with string operations
 * because compiling a regex per invalid input costs far more than the rest of normalize().
 */
function isAliasTarget(version: string, full: string): boolean {
	// PCRE's `$` also matches before a final newline.
	const bodies = full.endsWith('\n') ? [full, full.slice(0, -1)] : [full];
	return bodies.some((body) => FLAG_SUFFIXES.some((flag) => {
		const tail = version + flag;
		return body.endsWith(tail) && / as +$/.test(body.slice(0, body.length - tail.length));
	}));
}

/** Composer's `/^<version>(@flag)? +as +/` against the full string. */
function isAliasSource(version: string, full: string): boolean {
	return full.startsWith(version) && /^(?:@(?:stable|RC|beta|alpha|dev))? +as +/.test(full.slice(version.length));
}

/** `VersionParser::isValid()` (3.4+): whether `normalize()` accepts the string. */
export function isValid(version: string): boolean {
	return tryNormalize(version) !== undefined;
}

/** `VersionParser::normalizeBranch()`: `1.x` → `1.9999999.9999999.9999999-dev`, `feature` → `dev-feature`. */
export function normalizeBranch(name: string): string {
	name = phpTrim(String(name));
	const m = BRANCH_RE.exec(name);
	if (m) {
		let version = '';
		for (let i = 1; i < 5; i++) version += m[i] !== undefined ? m[i].replace(/[*X]/g, 'x') : '.x';
		return version.replace(/x/g, '9999999') + '-dev';
	}
	return 'dev-' + name;
}

/** `VersionParser::normalizeDefaultBranch()`: the usual default branches sort as `9999999-dev`. */
export function normalizeDefaultBranch(name: string): string {
	if (name === 'dev-master' || name === 'dev-default' || name === 'dev-trunk') return DEFAULT_BRANCH_ALIAS;
	return String(name);
}

/** `VersionParser::parseNumericAliasPrefix()`: `1.0.x-dev` → `1.0.`, otherwise false. */
export function parseNumericAliasPrefix(branch: string): string | false {
	const m = NUMERIC_ALIAS_RE.exec(String(branch));
	return m ? m[1] + '.' : false;
}

/** `VersionParser::parseStability()`: the stability a version string implies. */
export function parseStability(version: string): Stability {
	version = stripReference(String(version));
	if (version.startsWith('dev-') || version.endsWith('-dev')) return 'dev';
	const m = stabilityMatch(asciiLower(version));
	if (m[3]) return 'dev';
	switch (m[1]) {
		case 'beta': case 'b': return 'beta';
		case 'alpha': case 'a': return 'alpha';
		case 'rc': return 'RC';
		default: return 'stable';
	}
}

/** `VersionParser::normalizeStability()`: `rc` → `RC`, `BeTa` → `beta`; throws for unknown words. */
export function normalizeStability(stability: string): Stability {
	const s = asciiLower(String(stability));
	if (s !== 'stable' && s !== 'rc' && s !== 'beta' && s !== 'alpha' && s !== 'dev') {
		throw semverError(l10n.t('Invalid stability string "{0}", expected one of stable, RC, beta, alpha or dev', s));
	}
	return s === 'rc' ? 'RC' : s;
}
