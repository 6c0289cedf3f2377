// Composer's Platform::expandPath for `path` and `artifact` urls: only a leading `~/` (home) and a leading
// `$VAR` / `%VAR%` are expanded; an unset variable becomes the empty string, as in PHP's getenv fallback.
import * as path from 'node:path';

export function expandPath(url: string, env: Record<string, string | undefined>, homeDir: string): string {
	if (/^~[\\/]/.test(url)) {
		return (env.HOME ?? homeDir) + url.slice(1);
	}
	const m = /^\$(\w+)/.exec(url) ?? /^%(\w+)%/.exec(url);
	if (m) {
		return (env[m[1]] ?? '') + url.slice(m[0].length);
	}
	return url;
}

/** Composer's Filesystem::isAbsolutePath. */
export function isAbsolutePath(p: string): boolean {
	return p.startsWith('/') || p.charAt(1) === ':' || p.startsWith('\\\\');
}

/** Resolves a (possibly relative) expanded url against the directory Composer would run in. */
export function resolveAgainst(baseDir: string, p: string): string {
	return isAbsolutePath(p) ? p : path.join(baseDir, p);
}
