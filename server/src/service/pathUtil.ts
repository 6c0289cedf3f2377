// Minimal path helpers for the pure service (no node:path here). Forward and back slashes are both separators,
// so Windows paths work too; results use '/' unless the base already used '\'.

import { isAbsolutePath } from '../composerPaths';
import { phpRtrim } from '../semver/phpCompat';

// Composer's Filesystem::isAbsolutePath, shared with the resolvers (server/src/composerPaths/).
export { isAbsolutePath };

export function dirname(p: string): string {
	const trimmed = phpRtrim(p, '\\/');
	const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
	if (i < 0) return '.';
	if (i === 0) return trimmed[0];
	return trimmed.slice(0, i);
}

/** Joins and normalizes `.` / `..` segments. */
export function resolvePath(base: string, rel: string): string {
	const full = isAbsolutePath(rel) ? rel : `${phpRtrim(base, '\\/')}/${rel}`;
	const sep = full.includes('\\') && !full.includes('/') ? '\\' : '/';
	const drive = /^[a-zA-Z]:/.test(full) ? full.slice(0, 2) : '';
	const rest = full.slice(drive.length);
	const out: string[] = [];
	for (const seg of rest.split(/[\\/]+/)) {
		if (seg === '' || seg === '.') continue;
		if (seg === '..') out.pop();
		else out.push(seg);
	}
	return `${drive}${sep}${out.join(sep)}`;
}

export function joinPath(dir: string, name: string): string {
	return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : `${dir}/${name}`;
}
