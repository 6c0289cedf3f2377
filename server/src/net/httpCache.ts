// On-disk HTTP cache: one body file plus a small metadata file per URL, holding what a conditional request
// needs (ETag, Last-Modified) and when the entry was stored. Composer keeps its repository cache the same
// way (Repository/ComposerRepository.php stores packages.json with an injected `last-modified` and revalidates
// with If-Modified-Since). Every operation is best-effort: a cache that can't be
// read or written behaves as empty, it never turns a good response into a failure.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CacheEntry {
	url: string;
	status: number;
	headers: Record<string, string>;
	body: Buffer;
	etag?: string;
	lastModified?: string;
	/** Epoch milliseconds when the entry was stored or last revalidated. */
	storedAt: number;
}

interface CacheMeta {
	url: string;
	status: number;
	headers: Record<string, string>;
	etag?: string;
	lastModified?: string;
	storedAt: number;
	size: number;
}

/** Response headers worth keeping with a cached body. Never anything that could carry a credential. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified'];

export class HttpCache {
	constructor(readonly dir: string, private readonly now: () => number = Date.now) {}

	private fileFor(url: string): string {
		const hash = crypto.createHash('sha256').update(url).digest('hex');
		return path.join(this.dir, hash.slice(0, 2), hash);
	}

	get(url: string): CacheEntry | undefined {
		const base = this.fileFor(url);
		try {
			const meta = JSON.parse(fs.readFileSync(base + '.meta.json', 'utf8')) as CacheMeta;
			if (meta.url !== url) {
				return undefined;
			}
			const body = fs.readFileSync(base + '.body');
			if (body.length !== meta.size) {
				return undefined; // torn write from a crashed process
			}
			return { url, status: meta.status, headers: meta.headers, body, etag: meta.etag, lastModified: meta.lastModified, storedAt: meta.storedAt };
		} catch {
			return undefined;
		}
	}

	put(url: string, status: number, headers: Record<string, string>, body: Buffer): void {
		const kept: Record<string, string> = {};
		for (const h of KEPT_HEADERS) {
			if (headers[h] !== undefined) {
				kept[h] = headers[h];
			}
		}
		const meta: CacheMeta = {
			url, status, headers: kept, etag: headers.etag, lastModified: headers['last-modified'], storedAt: this.now(), size: body.length,
		};
		const base = this.fileFor(url);
		try {
			fs.mkdirSync(path.dirname(base), { recursive: true });
			// Body first, then metadata, each via rename: a reader sees either the old pair or a consistent new one
			// (the size check catches the window between the two renames).
			writeAtomic(base + '.body', body);
			writeAtomic(base + '.meta.json', JSON.stringify(meta));
		} catch {
			// A read-only or full disk only costs us the cache.
		}
	}

	/** Marks an entry as just revalidated (a 304), keeping its body. */
	touch(url: string, headers: Record<string, string>): void {
		const entry = this.get(url);
		if (entry) {
			const merged = { ...entry.headers, ...pick(headers, KEPT_HEADERS) };
			this.put(url, entry.status, merged, entry.body);
		}
	}

	delete(url: string): void {
		const base = this.fileFor(url);
		for (const f of [base + '.meta.json', base + '.body']) {
			try {
				fs.unlinkSync(f);
			} catch {
				// already gone
			}
		}
	}

	clear(): void {
		try {
			fs.rmSync(this.dir, { recursive: true, force: true });
		} catch {
			// nothing to clear
		}
	}

	ageMs(entry: CacheEntry): number {
		return this.now() - entry.storedAt;
	}
}

function pick(h: Record<string, string>, keys: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of keys) {
		if (h[k] !== undefined) {
			out[k] = h[k];
		}
	}
	return out;
}

function writeAtomic(file: string, data: Buffer | string): void {
	const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
	fs.writeFileSync(tmp, data);
	fs.renameSync(tmp, file);
}
