// Deterministic generators of Composer-ish version and constraint strings, shared by the PHP oracle
// test, the property tests and the benchmark. They mix valid forms with near-misses and junk so that
// both the accepting and the rejecting paths get exercised.

export interface Rng {
	/** Integer in [0, n). */
	int(n: number): number;
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
}

/** mulberry32: small, fast, and the same sequence on every run for a given seed. */
export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = (): number => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const rng: Rng = {
		int: (n) => Math.floor(next() * n),
		pick: (items) => items[rng.int(items.length)],
		chance: (p) => next() < p,
	};
	return rng;
}

const NUMBERS = ['0', '1', '2', '3', '10', '00', '01', '12', '99', '100', '999', '2010', '9999999', '65535'];
const WORDS = ['stable', 'beta', 'b', 'RC', 'rc', 'alpha', 'a', 'patch', 'pl', 'p', 'BETA', 'Alpha', 'dev', 'meh', 'SNAPSHOT', 'pre'];
const WORD_NUMBERS = ['', '', '1', '2', '10', '.2', '-3', '1.2', '.1.2'];
const DEV_SUFFIXES = ['-dev', '.dev', 'dev', '-DEV'];
const BUILDS = ['build5', 'exp.sha.5114f85', '20130313144700', 'foo bar', 'a+b'];
const BRANCH_NAMES = ['main', 'master', 'feature/foo', 'foo-bar', 'Bugfix', '1.0', '1.x', 'foo#bar', 'v1', 'release/2.0'];
const STABILITY_FLAGS = ['dev', 'beta', 'alpha', 'RC', 'stable', 'DEV', 'rc'];
const JUNK = [' ', '@', '#', ',', '|', '<', '>', '=', '~', '^', '*', 'x', '-', '.', '_', '+', 'a', '1', '\t', 'é', '\u00a0', 'as'];

function number(r: Rng): string {
	if (r.chance(0.02)) return String(100000 + r.int(900000000));
	return r.chance(0.7) ? r.pick(NUMBERS) : String(r.int(100000));
}

function modifier(r: Rng): string {
	let s = '';
	if (r.chance(0.35)) s += r.pick(['', '-', '.', '_']) + r.pick(WORDS) + r.pick(WORD_NUMBERS);
	if (r.chance(0.12)) s += r.pick(DEV_SUFFIXES);
	return s;
}

function classic(r: Rng): string {
	const parts = r.chance(0.03) ? 5 : 1 + r.int(4);
	let s = r.pick(['', '', '', 'v', 'V']) + number(r);
	for (let i = 1; i < parts; i++) s += '.' + (r.chance(0.08) ? r.pick(['x', 'X', '*']) : number(r));
	s += modifier(r);
	if (r.chance(0.06)) s += '+' + r.pick(BUILDS);
	return s;
}

function date(r: Rng): string {
	const sep = (): string => r.pick(['', '.', '-', ':']);
	let s = r.pick(['', 'v']) + String(1990 + r.int(50)) + sep() + String(1 + r.int(12)).padStart(2, '0');
	if (r.chance(0.7)) s += sep() + String(1 + r.int(28)).padStart(2, '0');
	if (r.chance(0.3)) s += sep() + String(r.int(24)).padStart(2, '0');
	if (r.chance(0.3)) s += '.' + String(r.int(1000));
	return s + modifier(r);
}

function branch(r: Rng): string {
	switch (r.int(6)) {
		case 0: return 'dev-' + r.pick(BRANCH_NAMES);
		case 1: return r.pick(BRANCH_NAMES) + r.pick(DEV_SUFFIXES);
		case 2: return r.pick(['master', 'trunk', 'default', 'Master']);
		case 3: return r.pick(['', 'v']) + number(r) + (r.chance(0.5) ? '.' + number(r) : '') + '.x-dev';
		case 4: return r.pick(['DEV-Foo', 'dev-foo bar', 'dev-1.0.0-dev<1.0.5-dev', '9999999-dev']);
		default: return r.pick(BRANCH_NAMES);
	}
}

function junk(r: Rng): string {
	let s = '';
	const n = r.int(6);
	for (let i = 0; i < n; i++) s += r.pick(JUNK);
	return s;
}

/** A version-like string: mostly valid versions, some branches, dates and junk. */
export function genVersion(r: Rng): string {
	const k = r.int(100);
	let s = k < 60 ? classic(r) : k < 70 ? date(r) : k < 90 ? branch(r) : k < 95 ? junk(r) : classic(r) + junk(r);
	if (r.chance(0.05)) s += '@' + r.pick(STABILITY_FLAGS);
	if (r.chance(0.03)) s += ' as ' + classic(r);
	if (r.chance(0.03)) s = r.pick([' ', '\t', '\n']) + s + r.pick([' ', '\n', '']);
	return s;
}

function atom(r: Rng): string {
	const k = r.int(100);
	if (k < 8) return r.pick(['*', 'x', 'X', 'v*', '*.*', 'x.X.x.*', '1.*', '1.2.*', '0.*', '2.x', '1.2.x.x', '@dev', '*@beta']);
	if (k < 16) return classic(r) + ' - ' + classic(r);
	if (k < 20) return 'dev-' + r.pick(BRANCH_NAMES) + '#' + r.pick(['abc123', 'deadbeef', 'Foo']);
	if (k < 24) return branch(r) + ' as ' + classic(r) + (r.chance(0.3) ? '@dev' : '');
	const op = r.pick(['', '', '', '=', '==', '<', '<=', '>', '>=', '!=', '<>', '~', '~', '^', '^', '~>']);
	const space = op !== '' && r.chance(0.15) ? ' ' : '';
	const v = r.chance(0.85) ? classic(r) : r.chance(0.6) ? branch(r) : junk(r);
	return op + space + v + (r.chance(0.07) ? '@' + r.pick(STABILITY_FLAGS) : '');
}

/** A constraint string of one to three atoms joined by AND/OR separators. */
export function genConstraint(r: Rng): string {
	let s = atom(r);
	const n = r.int(3);
	for (let i = 0; i < n; i++) s += r.pick([' ', ',', ', ', ' || ', '|', '||', ' , ']) + atom(r);
	return s;
}

/**
 * Debian ships composer/semver 3.3.2; 3.4 (which this package follows) differs for majors of six or
 * more digits and for dates followed by two short parts (`2010-01-02.5.6`): the date rule gained a
 * second optional tail. Inputs that could reach that rule are left out of the PHP comparison only.
 */
export function mayDifferFromSemver332(s: string): boolean {
	return /\d{6}/.test(s) || /\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){2}/.test(s);
}
