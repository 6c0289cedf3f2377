// Directory globbing with the semantics of PHP's glob(GLOB_ONLYDIR | GLOB_BRACE) as Composer's path repository
// uses it (composer-semantics.md §5): `*`, `?`, `[…]` within one segment, `{a,b}` alternatives anywhere.
import type { LocalFacts } from './types';
import { joinPath } from './pathUtil';

/** Expands `{a,b}` groups (nested too) into every alternative, left to right. */
export function expandBraces(pattern: string): string[] {
	const open = pattern.indexOf('{');
	if (open < 0) return [pattern];
	let depth = 0;
	const commas: number[] = [];
	let close = -1;
	for (let i = open; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '{') depth++;
		else if (c === '}') {
			depth--;
			if (depth === 0) { close = i; break; }
		} else if (c === ',' && depth === 1) commas.push(i);
	}
	if (close < 0) return [pattern]; // unbalanced: taken literally
	const parts: string[] = [];
	let start = open + 1;
	for (const c of [...commas, close]) {
		parts.push(pattern.slice(start, c));
		start = c + 1;
	}
	const head = pattern.slice(0, open);
	const tail = pattern.slice(close + 1);
	return parts.flatMap((p) => expandBraces(head + p + tail));
}

export function hasGlobMagic(segment: string): boolean {
	return /[*?[]/.test(segment);
}

/** One path segment's pattern as a RegExp (`*` and `?` never match a leading dot, like libc glob). */
export function segmentToRegExp(segment: string): RegExp {
	let re = '';
	for (let i = 0; i < segment.length; i++) {
		const c = segment[i];
		if (c === '*') re += '[^/]*';
		else if (c === '?') re += '[^/]';
		else if (c === '[') {
			const end = segment.indexOf(']', i + 2);
			if (end < 0) { re += '\\['; continue; }
			let body = segment.slice(i + 1, end);
			if (body.startsWith('!')) body = '^' + body.slice(1);
			re += '[' + body.replace(/\\/g, '\\\\') + ']';
			i = end;
		} else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
	}
	const leadingDotGuard = segment.startsWith('.') ? '' : '(?!\\.)';
	return new RegExp(`^${leadingDotGuard}${re}$`);
}

const MAX_MATCHES = 1000;

/** Directories matching an absolute pattern. */
export async function globDirectories(facts: LocalFacts, absolutePattern: string): Promise<string[]> {
	const out = new Set<string>();
	for (const pattern of expandBraces(absolutePattern)) {
		const segments = pattern.split(/[\\/]+/).filter((s, i) => s !== '' || i === 0);
		let current: string[] = [segments[0] === '' ? '/' : segments[0]];
		for (const seg of segments.slice(1)) {
			const next: string[] = [];
			for (const dir of current) {
				if (!hasGlobMagic(seg)) {
					next.push(joinPath(dir, seg));
					continue;
				}
				const re = segmentToRegExp(seg);
				for (const e of await facts.readDirectory(dir)) {
					if (e.isDirectory && re.test(e.name)) next.push(joinPath(dir, e.name));
				}
			}
			current = next.slice(0, MAX_MATCHES);
			if (current.length === 0) break;
		}
		for (const c of current) {
			if (out.size >= MAX_MATCHES) break;
			if (await facts.stat(c) === 'directory') out.add(c);
		}
	}
	return [...out];
}
