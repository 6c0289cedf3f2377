// Path predicates shared by the language service and the resolvers, written to match what PHP and Composer do
// (not what Node's path module does), so both layers read a url the same way. Pure: no node:* imports.

/** Composer's Filesystem::isAbsolutePath: a leading `/`, a `:` as second character, or a leading `\\`. */
export function isAbsolutePath(p: string): boolean {
	return p.startsWith('/') || p.charAt(1) === ':' || p.startsWith('\\\\');
}

/**
 * Whether a path is written the Windows way (drive letter or UNC). The pure service cannot ask which OS it runs
 * on, so it takes the answer from the paths it is given (the composer.json location, the home folder).
 */
export function looksLikeWindowsPath(p: string): boolean {
	return /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * PHP's dirname(): trailing separators are ignored, no separator gives `.`, the root stays the root. On POSIX
 * only `/` separates; on Windows `\` does too (and a drive root `C:\` is kept).
 */
export function phpDirname(p: string, windows = false): string {
	const isSep = (c: string) => c === '/' || (windows && c === '\\');
	let end = p.length;
	while (end > 1 && isSep(p[end - 1])) end--;
	let i = end - 1;
	while (i >= 0 && !isSep(p[i])) i--;
	if (i < 0) return '.';
	let j = i;
	while (j > 0 && isSep(p[j - 1])) j--;
	if (j === 0) return p[0];
	const head = p.slice(0, j);
	return windows && /^[a-zA-Z]:$/.test(head) ? head + p[j] : head;
}

/** Appends a name to a folder without normalizing (`..` and symlinks are left to the file system, as PHP does). */
export function appendPath(dir: string, name: string): string {
	return dir === '' ? name : /[\\/]$/.test(dir) ? dir + name : `${dir}/${name}`;
}
