// Reads composer.json out of a .tar / .tar.gz / .tgz in memory (Composer's Util/Tar::getComposerJson via
// PharData): root composer.json, else `<single top-level directory>/composer.json`. Never extracts.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { phpRtrim } from '../../semver/phpCompat';
import { locateComposerJson, type ArchiveJson } from './zipReader';

const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

interface TarEntry {
	name: string;
	dir: boolean;
	start: number;
	size: number;
}

function cString(buf: Buffer, start: number, len: number): string {
	const slice = buf.subarray(start, start + len);
	const nul = slice.indexOf(0);
	return (nul >= 0 ? slice.subarray(0, nul) : slice).toString('utf8');
}

function parseTar(data: Buffer): TarEntry[] | null {
	const entries: TarEntry[] = [];
	let offset = 0;
	let longName: string | undefined;
	while (offset + 512 <= data.length) {
		const header = data.subarray(offset, offset + 512);
		if (header.every((b) => b === 0)) {
			break;
		}
		const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
		if (!Number.isFinite(size) || size < 0) {
			return null;
		}
		const type = String.fromCharCode(header[156] || 48);
		const magic = cString(header, 257, 6);
		let name = cString(header, 0, 100);
		if (magic.startsWith('ustar')) {
			const prefix = cString(header, 345, 155);
			if (prefix) {
				name = `${prefix}/${name}`;
			}
		}
		const start = offset + 512;
		if (start + size > data.length) {
			return null;
		}
		if (type === 'L') {
			longName = cString(data, start, size);
		} else if (type === 'x') {
			const path = paxPath(data.subarray(start, start + size).toString('utf8'));
			if (path !== undefined) {
				longName = path;
			}
		} else if (type !== 'g') {
			const full = (longName ?? name).replace(/^\.\//, '');
			longName = undefined;
			if (full !== '' && full !== '.') {
				entries.push({ name: phpRtrim(full, '/'), dir: type === '5' || full.endsWith('/'), start, size });
			}
		}
		offset = start + Math.ceil(size / 512) * 512;
	}
	return entries;
}

/**
 * The value of the first `<digits> path=<value>\n` record of a pax header, as `/\d+ path=([^\n]*)\n/` finds it
 * (that regex restarts at every digit of a long digit run: quadratic on a hostile header).
 */
export function paxPath(header: string): string | undefined {
	for (let at = header.indexOf(' path='); at >= 0; at = header.indexOf(' path=', at + 1)) {
		const c = header.charCodeAt(at - 1);
		if (!(c >= 48 && c <= 57)) continue;
		const newline = header.indexOf('\n', at + 6);
		return newline < 0 ? undefined : header.slice(at + 6, newline);
	}
	return undefined;
}

export function readTarComposerJson(file: string): ArchiveJson {
	let data: Buffer;
	try {
		data = fs.readFileSync(file);
		if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
			data = zlib.gunzipSync(data, { maxOutputLength: MAX_ARCHIVE_BYTES });
		}
	} catch (e) {
		return { content: null, error: e instanceof Error ? e.message : String(e) };
	}
	const entries = parseTar(data);
	if (!entries || entries.length === 0) {
		return { content: null };
	}
	// PharData shows directories that only exist as path prefixes too.
	const dirs = new Set(entries.filter((e) => e.dir).map((e) => e.name));
	for (const e of entries) {
		const parts = e.name.split('/');
		for (let i = 1; i < parts.length; i++) {
			dirs.add(parts.slice(0, i).join('/'));
		}
	}
	const names = [...new Set([...entries.map((e) => e.name), ...dirs])];
	const located = locateComposerJson(names, (n) => dirs.has(n), true);
	if ('error' in located) {
		return { content: null, error: located.error };
	}
	const entry = entries.find((e) => e.name === located.name && !e.dir);
	return { content: entry ? data.subarray(entry.start, entry.start + entry.size).toString('utf8') : null };
}
