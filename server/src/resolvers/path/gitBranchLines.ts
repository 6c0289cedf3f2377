// Reading `git branch -a -v --no-abbrev` lines the way Composer's VersionGuesser does with three regexes, in
// linear time. Written as JavaScript regexes they share characters between the branch name and the commit
// hash that follows (`\S+ *([a-f0-9]+)`), so a long name with no match retries every split of it (quadratic,
// and branch names come from the repository). Each reading below tries the same candidates in the same order
// as the regex would, but each candidate is decided in constant time after one scan of the line.

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /[a-f0-9]/.test(c);
const isBreak = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

interface Line {
	text: string;
	/** Index of the last line terminator (`.` does not match one), or -1. */
	lastBreak: number;
}

function lineOf(text: string): Line {
	let lastBreak = -1;
	for (let i = 0; i < text.length; i++) if (isBreak(text[i])) lastBreak = i;
	return { text, lastBreak };
}

/** ` *([a-f0-9]+) .*$` at `at`: the hash, or undefined. */
function hashTail(line: Line, at: number): string | undefined {
	const s = line.text;
	let start = at;
	while (s[start] === ' ') start++;
	let end = start;
	while (isHex(s[end])) end++;
	return end > start && s[end] === ' ' && end + 1 > line.lastBreak ? s.slice(start, end) : undefined;
}

/**
 * A name made of a run of `isNameChar` starting at `from`, then ` *([a-f0-9]+) .*$`: the name and the hash, or
 * undefined. The greedy name is tried whole first; given back, only its last character can become the hash (the
 * hash must reach the end of the run, where a space has to follow).
 */
function nameThenHash(line: Line, from: number, isNameChar: (c: string | undefined) => boolean): [string, string] | undefined {
	const s = line.text;
	let end = from;
	while (end < s.length && isNameChar(s[end])) end++;
	if (end === from) return undefined;
	const whole = hashTail(line, end);
	if (whole !== undefined) return [s.slice(from, end), whole];
	if (end - 1 > from && isHex(s[end - 1]) && s[end] === ' ' && end + 1 > line.lastBreak) return [s.slice(from, end - 1), s[end - 1]];
	return undefined;
}

/** `\(<word> \S+\)` then the hash: the `)` can only be the last one of the run (what follows it must be hex). */
function parenthesizedThenHash(line: Line, from: number, opening: string): [string, string] | undefined {
	const s = line.text;
	if (!s.startsWith(opening, from)) return undefined;
	let end = from + opening.length;
	while (end < s.length && !isSpace(s[end])) end++;
	const close = s.lastIndexOf(')', end - 1);
	if (close < from + opening.length + 1) return undefined;
	const after = close + 1;
	if (after === end) {
		const hash = hashTail(line, after);
		return hash === undefined ? undefined : [s.slice(from, after), hash];
	}
	for (let i = after; i < end; i++) if (!isHex(s[i])) return undefined;
	return s[end] === ' ' && end + 1 > line.lastBreak ? [s.slice(from, after), s.slice(after, end)] : undefined;
}

/**
 * `^(?:\* ) *(\(no branch\)|\(detached from \S+\)|\(HEAD detached at \S+\)|\S+) *([a-f0-9]+) .*$`: the current
 * branch line, as [name, hash].
 */
export function currentBranchLine(text: string): [string, string] | undefined {
	if (!text.startsWith('* ')) return undefined;
	const line = lineOf(text);
	let at = 2;
	while (text[at] === ' ') at++;
	if (text.startsWith('(no branch)', at)) {
		const hash = hashTail(line, at + '(no branch)'.length);
		if (hash !== undefined) return ['(no branch)', hash];
	}
	return parenthesizedThenHash(line, at, '(detached from ')
		?? parenthesizedThenHash(line, at, '(HEAD detached at ')
		?? nameThenHash(line, at, (c) => c !== undefined && !isSpace(c));
}

/** `^ *.+\/HEAD `: a `remotes/x/HEAD -> …` line. */
export function isRemoteHeadLine(text: string): boolean {
	const at = text.indexOf('/HEAD ', 1);
	if (at < 0) return false;
	for (let i = 0; i < at; i++) if (isBreak(text[i])) return false;
	return true;
}

/**
 * `^(?:\* )? *((?:remotes\/(?:origin|upstream)\/)?[^\s/]+) *([a-f0-9]+) .*$`: a branch line, as [name, hash].
 * Both optional parts are tried taken first, then left out.
 */
export function branchLine(text: string): [string, string] | undefined {
	const line = lineOf(text);
	const isNameChar = (c: string | undefined): boolean => c !== undefined && c !== '/' && !isSpace(c);
	for (const star of text.startsWith('* ') ? [2, 0] : [0]) {
		let at = star;
		while (text[at] === ' ') at++;
		for (const remote of ['remotes/origin/', 'remotes/upstream/', '']) {
			if (!text.startsWith(remote, at)) continue;
			const m = nameThenHash(line, at + remote.length, isNameChar);
			if (m) return [remote + m[0], m[1]];
		}
	}
	return undefined;
}
