// Reads composer.json out of a .tar / .tar.gz / .tgz (Composer's Util/Tar::getComposerJson via PharData): root
// composer.json, else `<single top-level directory>/composer.json`. Never extracts, and never holds the archive in
// memory: a plain tar is read header by header, skipping over file data (a 1.9 GB tar costs a few reads); a gzipped
// one is decompressed as a stream, its data discarded as it passes, and given up past MAX_ARCHIVE_BYTES.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import * as l10n from '@vscode/l10n';
import { phpRtrim } from '../../semver/phpCompat';
import { locateComposerJson, MAX_JSON_BYTES, type ArchiveJson } from './zipReader';

/** Decompressed bytes of a .tar.gz read at most (a small gzip can inflate to any size). */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;
/** Entries listed at most: their names are all kept to find the top-level folder. */
export const MAX_ARCHIVE_ENTRIES = 500_000;
/** A GNU long name or a pax header is read only up to this size. */
const MAX_META_BYTES = 1024 * 1024;

interface TarEntry {
	name: string;
	dir: boolean;
}

/** Bytes of the tar stream, read or skipped in order. */
interface TarSource {
	/** Exactly `n` bytes, or fewer at the end of the archive. */
	read(n: number): Promise<Buffer>;
	/** Skips `n` bytes; how many there were. */
	skip(n: number): Promise<number>;
	close(): void;
}

class TooLarge extends Error {}

/** A plain tar: positional reads, skipping costs nothing. */
function fileSource(fd: number, size: number): TarSource {
	let offset = 0;
	return {
		async read(n) {
			const length = Math.max(0, Math.min(n, size - offset));
			const buf = Buffer.alloc(length);
			let done = 0;
			while (done < length) {
				const got = fs.readSync(fd, buf, done, length - done, offset + done);
				if (got === 0) break;
				done += got;
			}
			offset += done;
			return buf.subarray(0, done);
		},
		async skip(n) {
			const step = Math.max(0, Math.min(n, size - offset));
			offset += step;
			return step;
		},
		close() {
			fs.closeSync(fd);
		},
	};
}

/** A gzipped tar: one pass through the decompressor, at most MAX_ARCHIVE_BYTES of output. */
function gzipSource(file: string): TarSource {
	const input = fs.createReadStream(file);
	const gunzip = zlib.createGunzip();
	input.on('error', (e) => gunzip.destroy(e));
	const chunks = input.pipe(gunzip)[Symbol.asyncIterator]();
	let pending: Buffer = Buffer.alloc(0);
	let total = 0;
	let ended = false;
	const fill = async (n: number): Promise<void> => {
		while (pending.length < n && !ended) {
			const next = await chunks.next();
			if (next.done) {
				ended = true;
				break;
			}
			const chunk = next.value as Buffer;
			total += chunk.length;
			if (total > MAX_ARCHIVE_BYTES) throw new TooLarge();
			pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		}
	};
	return {
		async read(n) {
			await fill(n);
			const out = pending.subarray(0, n);
			pending = pending.subarray(out.length);
			return out;
		},
		async skip(n) {
			let left = n;
			while (left > 0) {
				await fill(Math.min(left, 64 * 1024));
				if (pending.length === 0) break;
				const step = Math.min(left, pending.length);
				pending = pending.subarray(step);
				left -= step;
			}
			return n - left;
		},
		close() {
			input.destroy();
			gunzip.destroy();
		},
	};
}

function cString(buf: Buffer, start: number, len: number): string {
	const slice = buf.subarray(start, start + len);
	const nul = slice.indexOf(0);
	return (nul >= 0 ? slice.subarray(0, nul) : slice).toString('utf8');
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

/** A name that could be the composer.json Composer reads: at the root or one folder down. */
function mayBeComposerJson(name: string): boolean {
	return name === 'composer.json' || (name.endsWith('/composer.json') && name.indexOf('/') === name.length - '/composer.json'.length);
}

interface Listing {
	entries: TarEntry[];
	/** Content of the first file entry of each candidate name (null: too large to read). */
	contents: Map<string, string | null>;
}

/** Walks the headers; null when the archive is not a readable tar (Composer then skips it). */
async function list(source: TarSource): Promise<Listing | null> {
	const entries: TarEntry[] = [];
	const contents = new Map<string, string | null>();
	let longName: string | undefined;
	for (;;) {
		const header = await source.read(512);
		if (header.length < 512 || header.every((b) => b === 0)) break;
		const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
		if (!Number.isFinite(size) || size < 0) return null;
		const type = String.fromCharCode(header[156] || 48);
		let name = cString(header, 0, 100);
		if (cString(header, 257, 6).startsWith('ustar')) {
			const prefix = cString(header, 345, 155);
			if (prefix) name = `${prefix}/${name}`;
		}
		const padded = Math.ceil(size / 512) * 512;
		if (type === 'L' || type === 'x') {
			if (size > MAX_META_BYTES) {
				if (await source.skip(padded) < size) return null;
				continue;
			}
			const data = await source.read(padded);
			if (data.length < size) return null;
			if (type === 'L') longName = cString(data, 0, size);
			else longName = paxPath(data.subarray(0, size).toString('utf8')) ?? longName;
			continue;
		}
		if (type === 'g') {
			if (await source.skip(padded) < size) return null;
			continue;
		}
		const full = (longName ?? name).replace(/^\.\//, '');
		longName = undefined;
		const dir = type === '5' || full.endsWith('/');
		const entryName = phpRtrim(full, '/');
		if (full !== '' && full !== '.') {
			entries.push({ name: entryName, dir });
			if (entries.length > MAX_ARCHIVE_ENTRIES) throw new TooLarge();
		}
		if (!dir && mayBeComposerJson(entryName) && !contents.has(entryName)) {
			if (size > MAX_JSON_BYTES) {
				contents.set(entryName, null);
				if (await source.skip(padded) < size) return null;
			} else {
				const data = await source.read(padded);
				if (data.length < size) return null;
				contents.set(entryName, data.subarray(0, size).toString('utf8'));
			}
		} else if (await source.skip(padded) < size) {
			// Cut short: PharData refuses the archive.
			return null;
		}
		if (entries.length % 4096 === 0) {
			// Long listings leave room for the rest of the server (and the deadline timers) now and then.
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	return { entries, contents };
}

export async function readTarComposerJson(file: string): Promise<ArchiveJson> {
	let source: TarSource;
	try {
		const fd = fs.openSync(file, 'r');
		const size = fs.fstatSync(fd).size;
		const magic = Buffer.alloc(2);
		fs.readSync(fd, magic, 0, 2, 0);
		if (magic[0] === 0x1f && magic[1] === 0x8b) {
			fs.closeSync(fd);
			source = gzipSource(file);
		} else {
			source = fileSource(fd, size);
		}
	} catch (e) {
		return { content: null, error: e instanceof Error ? e.message : String(e) };
	}
	let listing: Listing | null;
	try {
		listing = await list(source);
	} catch (e) {
		if (e instanceof TooLarge) {
			return { content: null, error: l10n.t('the archive holds more than {0} bytes or {1} entries, more than is read', String(MAX_ARCHIVE_BYTES), String(MAX_ARCHIVE_ENTRIES)) };
		}
		return { content: null, error: e instanceof Error ? e.message : String(e) };
	} finally {
		source.close();
	}
	if (!listing || listing.entries.length === 0) {
		return { content: null };
	}
	const { entries, contents } = listing;
	// PharData shows directories that only exist as path prefixes too; only those of the first two levels can be a
	// top-level folder or hide its composer.json, so deeper ones are not listed (a name of 500,000 slashes would
	// otherwise cost 500,000 copies of itself).
	const dirs = new Set(entries.filter((e) => e.dir).map((e) => e.name));
	for (const e of entries) {
		const first = e.name.indexOf('/');
		if (first < 0) continue;
		dirs.add(e.name.slice(0, first));
		const second = e.name.indexOf('/', first + 1);
		if (second >= 0) dirs.add(e.name.slice(0, second));
	}
	const names = [...new Set([...entries.map((e) => e.name), ...dirs])];
	const located = locateComposerJson(names, (n) => dirs.has(n), true);
	if ('error' in located) {
		return { content: null, error: located.error };
	}
	return { content: contents.get(located.name) ?? null };
}
