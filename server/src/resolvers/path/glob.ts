// Directory globbing as PHP's glob($url, GLOB_MARK | GLOB_ONLYDIR | GLOB_BRACE) does it on glibc, which is
// what Composer's PathRepository uses: brace alternatives are expanded first and globbed one after the other
// (each alternative's matches sorted byte-wise, in C-locale order), `*`/`?`/`[...]` never match a leading dot
// nor a `/`, a backslash escapes the next character, and only directories (symlinks followed) are returned.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Expands `{a,b}` (nested allowed) into alternatives in order; an unbalanced brace yields no pattern at all. */
export function expandBraces(pattern: string): string[] {
	const open = findUnescaped(pattern, '{', 0);
	if (open < 0) {
		return [pattern];
	}
	let depth = 0;
	const commas: number[] = [];
	let close = -1;
	for (let i = open; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '{') {
			depth++;
		} else if (c === '}') {
			depth--;
			if (depth === 0) {
				close = i;
				break;
			}
		} else if (c === ',' && depth === 1) {
			commas.push(i);
		}
	}
	if (close < 0) {
		return [];
	}
	const head = pattern.slice(0, open);
	const tail = pattern.slice(close + 1);
	const bounds = [open, ...commas, close];
	const out: string[] = [];
	for (let k = 0; k < bounds.length - 1; k++) {
		const alt = pattern.slice(bounds[k] + 1, bounds[k + 1]);
		out.push(...expandBraces(head + alt + tail));
	}
	return out;
}

function findUnescaped(s: string, ch: string, from: number): number {
	for (let i = from; i < s.length; i++) {
		if (s[i] === '\\') {
			i++;
		} else if (s[i] === ch) {
			return i;
		}
	}
	return -1;
}

function hasMagic(segment: string): boolean {
	for (let i = 0; i < segment.length; i++) {
		if (segment[i] === '\\') {
			i++;
		} else if (segment[i] === '*' || segment[i] === '?' || segment[i] === '[') {
			return true;
		}
	}
	return false;
}

function unescape(segment: string): string {
	return segment.replace(/\\(.)/g, '$1');
}

/** Translates one path segment of a glob into an anchored regular expression. */
function segmentRegex(segment: string): RegExp {
	let re = '';
	for (let i = 0; i < segment.length; i++) {
		const c = segment[i];
		if (c === '\\' && i + 1 < segment.length) {
			re += escapeRe(segment[++i]);
		} else if (c === '*') {
			re += '[^/]*';
		} else if (c === '?') {
			re += '[^/]';
		} else if (c === '[') {
			const end = classEnd(segment, i);
			if (end < 0) {
				re += '\\[';
				continue;
			}
			let body = segment.slice(i + 1, end);
			let negate = false;
			if (body.startsWith('!') || body.startsWith('^')) {
				negate = true;
				body = body.slice(1);
			}
			const escaped = body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\[/g, '\\[');
			re += negate ? `[^/${escaped}]` : `[${escaped}]`;
			i = end;
		} else {
			re += escapeRe(c);
		}
	}
	return new RegExp(`^${re}$`, 's');
}

/** Index of the `]` closing a class opened at `start` (a `]` right after `[`, `[!` or `[^` is literal). */
function classEnd(segment: string, start: number): number {
	let i = start + 1;
	if (segment[i] === '!' || segment[i] === '^') {
		i++;
	}
	if (segment[i] === ']') {
		i++;
	}
	for (; i < segment.length; i++) {
		if (segment[i] === ']') {
			return i;
		}
	}
	return -1;
}

function escapeRe(c: string): string {
	return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function isDir(p: string): boolean {
	try {
		return fs.statSync(p).isDirectory();
	} catch {
		return false;
	}
}

function byteCompare(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Globs one brace-free pattern; `cwd` anchors relative patterns. Returned paths keep the pattern's form. */
function globOne(pattern: string, cwd: string): string[] {
	const absolute = pattern.startsWith('/');
	const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
	if (absolute) {
		segments.shift();
	}
	let partial: string[] = [absolute ? '/' : ''];
	for (const segment of segments) {
		const next: string[] = [];
		for (const prefix of partial) {
			const join = (name: string) => (prefix === '' ? name : prefix === '/' ? `/${name}` : `${prefix}/${name}`);
			if (!hasMagic(segment)) {
				next.push(join(unescape(segment)));
				continue;
			}
			const dir = path.resolve(cwd, prefix === '' ? '.' : prefix);
			let names: string[];
			try {
				names = fs.readdirSync(dir);
			} catch {
				continue;
			}
			const re = segmentRegex(segment);
			const allowDot = unescape(segment).startsWith('.');
			for (const name of names) {
				if (name.startsWith('.') && !allowDot) {
					continue;
				}
				if (re.test(name)) {
					next.push(join(name));
				}
			}
		}
		partial = next;
	}
	return partial.filter((p) => p !== '' && isDir(path.resolve(cwd, p))).sort(byteCompare);
}

/** All directories matching a Composer path-repository url, in PHP glob order, without trailing slashes. */
export function globDirectories(pattern: string, cwd: string): string[] {
	const out: string[] = [];
	for (const alternative of expandBraces(pattern)) {
		for (const match of globOne(alternative, cwd)) {
			out.push(match.length > 1 ? match.replace(/\/+$/, '') : match);
		}
	}
	return out;
}
