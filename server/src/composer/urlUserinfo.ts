// Finds `scheme://userinfo@` in free text (messages, a program's stderr) in one pass. Written as a global regex,
// `[a-z][a-z0-9+.-]*://` is retried from every letter of a long run such as `-dev-dev-dev…`, each time to the end
// of the run: quadratic (0.2 s for 10,000 characters of a message). Here each `://` is found once and its scheme
// is read backwards, so every character is looked at a bounded number of times. Pure string work.

export interface UserinfoScan {
	/** `\b` before the scheme (the scheme starts a word), as redact()'s pattern requires. */
	wordBoundary: boolean;
	/** Characters that end the user-info (besides `@`, which ends it and must follow it). */
	stops: (c: string) => boolean;
}

const isSchemeChar = (c: string): boolean => /[A-Za-z0-9+.-]/.test(c);
const isLetter = (c: string): boolean => /[A-Za-z]/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);

/**
 * The same replacements as `text.replace(/(\b)?([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^@<stops>]+)@/g, …)`: `replace`
 * gets the scheme (with `://`) and the user-info and returns the text that takes the place of the whole match.
 */
export function replaceUserinfo(text: string, scan: UserinfoScan, replace: (scheme: string, userinfo: string, match: string) => string): string {
	let out = '';
	let last = 0;
	let from = 0;
	for (let sep = text.indexOf('://', from); sep >= 0; sep = text.indexOf('://', from)) {
		from = sep + 1;
		// The leftmost place the scheme can start: inside the run of scheme characters before `://`, not before the
		// end of the previous match, at a letter (at the start of a word when asked).
		let runStart = sep;
		while (runStart > last && isSchemeChar(text[runStart - 1])) runStart--;
		let start = -1;
		for (let k = runStart; k < sep; k++) {
			if (isLetter(text[k]) && (!scan.wordBoundary || !isWordChar(text[k - 1]))) {
				start = k;
				break;
			}
		}
		if (start < 0) continue;
		// The user-info: the longest run without a stop character, which must be followed by `@`.
		let end = sep + 3;
		while (end < text.length && text[end] !== '@' && !scan.stops(text[end])) end++;
		if (end === sep + 3 || text[end] !== '@') continue;
		out += text.slice(last, start) + replace(text.slice(start, sep + 3), text.slice(sep + 3, end), text.slice(start, end + 1));
		last = end + 1;
		from = last;
	}
	return out + text.slice(last);
}
