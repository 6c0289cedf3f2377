// Reads the composer.json out of a zip without extracting anything (Composer's Util/Zip::getComposerJson):
// the root `composer.json` if present, else `<single top-level dir>/composer.json`; `__MACOSX` is ignored.
// Entry names are taken raw (decodeStrings: false) so names yauzl would reject (`../x`) are still only names
// inside the archive: nothing here ever touches the file system beyond the zip itself.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { phpRtrim } from '../../semver/phpCompat';

/** `content` null = Composer's "doesn't seem to hold a package" (unopenable or empty zip); `error` = skipped with a reason. */
export type ArchiveJson = { content: string | null; error?: string };

/** A composer.json larger than this is not read (nor kept in memory). */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

const MORE_THAN_ONE = "Archive has more than one top level directories, and no composer.json was found on the top level, so it's an invalid archive. Top level paths found were: ";
const NONE_FOUND = 'No composer.json found either at the top level or within the topmost directory';

/** PHP's dirname() for archive entry names (trailing slashes ignored, no slash → '.'). */
function dirname(name: string): string {
	const trimmed = phpRtrim(name, '/');
	const i = trimmed.lastIndexOf('/');
	if (i < 0) {
		return '.';
	}
	return i === 0 ? '/' : trimmed.slice(0, i);
}

/**
 * The entry name Composer would read, or the reason it skips the archive. Zip mode counts every top-level
 * entry (`pkg/` or `README`); tar mode (`dirsOnly`) counts top-level directories only, by name without slash.
 */
export function locateComposerJson(names: string[], isDir: (name: string) => boolean, dirsOnly: boolean): { name: string } | { error: string } {
	if (names.includes('composer.json') && !isDir('composer.json')) {
		return { name: 'composer.json' };
	}
	const top: string[] = [];
	for (const name of names) {
		if (!dirsOnly && name.includes('__MACOSX')) {
			continue;
		}
		const dir = dirname(name);
		let key: string | undefined;
		if (dir === '.') {
			if (!dirsOnly) {
				key = name;
			} else if (isDir(name)) {
				key = phpRtrim(name, '/');
			}
		} else if (!dir.includes('/') && !dir.includes('\\')) {
			key = dirsOnly ? dir : `${dir}/`;
		}
		if (key !== undefined && !top.includes(key)) {
			top.push(key);
			if (top.length > 1) {
				return { error: MORE_THAN_ONE + top.join(',') };
			}
		}
	}
	if (top.length === 1) {
		const candidate = dirsOnly ? `${top[0]}/composer.json` : `${top[0]}composer.json`;
		if (names.includes(candidate) && !isDir(candidate)) {
			return { name: candidate };
		}
	}
	return { error: NONE_FOUND };
}

/** Bytes read from the file at once: the central directory of 300,000 entries is then read in 14 reads, not 600,000. */
const BLOCK_BYTES = 1024 * 1024;

/**
 * yauzl's file access, served from 1 MB blocks (the two most recent kept): yauzl reads each central directory
 * record with separate small reads, which on its own file reader cost one system call each (a zip of 300,000
 * entries took 46 s). Entry data still streams from the file.
 */
class BlockReader extends yauzl.RandomAccessReader {
	private readonly blocks = new Map<number, Buffer>();

	constructor(private readonly file: string, private readonly fd: number, private readonly size: number) {
		super();
	}

	private block(index: number): Buffer {
		let block = this.blocks.get(index);
		if (block === undefined) {
			const length = Math.min(BLOCK_BYTES, this.size - index * BLOCK_BYTES);
			block = Buffer.alloc(Math.max(0, length));
			fs.readSync(this.fd, block, 0, block.length, index * BLOCK_BYTES);
			if (this.blocks.size >= 2) this.blocks.delete(this.blocks.keys().next().value as number);
			this.blocks.set(index, block);
		}
		return block;
	}

	override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
		try {
			for (let done = 0; done < length;) {
				const index = Math.floor((position + done) / BLOCK_BYTES);
				const block = this.block(index);
				const from = position + done - index * BLOCK_BYTES;
				const n = Math.min(length - done, block.length - from);
				if (n <= 0) throw new Error('unexpected end of file');
				block.copy(buffer, offset + done, from, from + n);
				done += n;
			}
		} catch (e) {
			// Answer asynchronously all the same: yauzl's loop over entries must not grow the stack.
			process.nextTick(callback, e as Error);
			return;
		}
		process.nextTick(callback, null);
	}

	override _readStreamForRange(start: number, end: number): Readable {
		return fs.createReadStream(this.file, { fd: this.fd, autoClose: false, start, end: end - 1 });
	}

	override close(callback: (err: Error | null) => void): void {
		fs.close(this.fd, (err) => callback(err));
	}
}

function openZip(file: string): Promise<yauzl.ZipFile | null> {
	return new Promise((resolve) => {
		let fd: number;
		let size: number;
		try {
			fd = fs.openSync(file, 'r');
			size = fs.fstatSync(fd).size;
		} catch {
			resolve(null);
			return;
		}
		const reader = new BlockReader(file, fd, size);
		yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
			if (err || !zip) {
				reader.close(() => undefined);
				resolve(null);
				return;
			}
			resolve(zip);
		});
	});
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[] | null> {
	return new Promise((resolve) => {
		const entries: yauzl.Entry[] = [];
		zip.on('entry', (entry: yauzl.Entry) => {
			entries.push(entry);
			zip.readEntry();
		});
		zip.once('end', () => resolve(entries));
		zip.once('error', () => resolve(null));
		zip.readEntry();
	});
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string | null> {
	return new Promise((resolve) => {
		if (entry.uncompressedSize > MAX_JSON_BYTES) {
			resolve(null);
			return;
		}
		zip.openReadStream(entry, (err, stream) => {
			if (err || !stream) {
				resolve(null);
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (c: Buffer) => {
				size += c.length;
				if (size > MAX_JSON_BYTES) {
					stream.destroy();
					resolve(null);
					return;
				}
				chunks.push(c);
			});
			stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			stream.once('error', () => resolve(null));
		});
	});
}

function entryName(entry: yauzl.Entry): string {
	const raw = entry.fileName as unknown;
	return Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
}

export async function readZipComposerJson(file: string): Promise<ArchiveJson> {
	const zip = await openZip(file);
	if (!zip) {
		return { content: null };
	}
	try {
		const entries = await readEntries(zip);
		if (!entries || entries.length === 0) {
			return { content: null };
		}
		const names = entries.map(entryName);
		const located = locateComposerJson(names, () => false, false);
		if ('error' in located) {
			return { content: null, error: located.error };
		}
		const entry = entries[names.indexOf(located.name)];
		return { content: await readEntry(zip, entry) };
	} finally {
		zip.close();
	}
}
