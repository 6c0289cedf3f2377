// Writes tar and zip archives for artifact tests straight to disk, with what no archiver makes cheaply: members of
// gigabytes that are holes in a sparse file (nothing is written for them), and hundreds of thousands of members
// (zip64 end records when there are more than 65,535). Stored members only; nothing is compressed.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface ArchiveMember {
	name: string;
	/** File content (a directory when `dir`). */
	content?: string | Buffer;
	/** A member of this many bytes whose data is never written (a hole: the file stays sparse). */
	sparseBytes?: number;
	dir?: boolean;
}

function octal(value: number, width: number): string {
	return value.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(name: string, size: number, type: string): Buffer {
	const h = Buffer.alloc(512);
	h.write(name, 0, 100, 'utf8');
	h.write(octal(0o644, 8), 100, 'ascii');
	h.write(octal(0, 8), 108, 'ascii');
	h.write(octal(0, 8), 116, 'ascii');
	h.write(octal(size, 12), 124, 'ascii');
	h.write(octal(0, 12), 136, 'ascii');
	h.write(type, 156, 'ascii');
	h.write('ustar\0' + '00', 257, 'ascii');
	h.fill(' ', 148, 156);
	let sum = 0;
	for (const b of h) sum += b;
	h.write(octal(sum, 7) + ' ', 148, 'ascii');
	return h;
}

/** A ustar archive; sparse members leave holes, so a 2 GB member costs no disk and no time. */
export function writeTar(file: string, members: ArchiveMember[]): void {
	const fd = fs.openSync(file, 'w');
	try {
		let offset = 0;
		for (const m of members) {
			const data = m.content === undefined ? undefined : Buffer.from(m.content);
			const size = m.dir ? 0 : m.sparseBytes ?? data?.length ?? 0;
			fs.writeSync(fd, tarHeader(m.name, size, m.dir ? '5' : '0'), 0, 512, offset);
			offset += 512;
			if (data) fs.writeSync(fd, data, 0, data.length, offset);
			offset += Math.ceil(size / 512) * 512;
		}
		// Two zero blocks end the archive (their writing also gives the file its full size).
		fs.writeSync(fd, Buffer.alloc(1024), 0, 1024, offset);
	} finally {
		fs.closeSync(fd);
	}
}

/** A zip of stored members, with zip64 end records when there are more than 65,535 of them. */
export function writeZip(file: string, members: ArchiveMember[]): void {
	const fd = fs.openSync(file, 'w');
	const central: Buffer[] = [];
	let offset = 0;
	const write = (b: Buffer) => {
		fs.writeSync(fd, b, 0, b.length, offset);
		offset += b.length;
	};
	try {
		let pending: Buffer[] = [];
		let pendingBytes = 0;
		for (const m of members) {
			const name = Buffer.from(m.dir ? `${m.name.replace(/\/$/, '')}/` : m.name, 'utf8');
			const data = Buffer.from(m.content ?? '');
			const crc = zlib.crc32(data);
			const local = Buffer.alloc(30);
			local.writeUInt32LE(0x04034b50, 0);
			local.writeUInt16LE(10, 4);
			local.writeUInt32LE(crc, 14);
			local.writeUInt32LE(data.length, 18);
			local.writeUInt32LE(data.length, 22);
			local.writeUInt16LE(name.length, 26);
			const record = Buffer.alloc(46);
			record.writeUInt32LE(0x02014b50, 0);
			record.writeUInt16LE(20, 4);
			record.writeUInt16LE(10, 6);
			record.writeUInt32LE(crc, 16);
			record.writeUInt32LE(data.length, 20);
			record.writeUInt32LE(data.length, 24);
			record.writeUInt16LE(name.length, 28);
			record.writeUInt32LE(m.dir ? 0x10 : 0, 38);
			record.writeUInt32LE(offset + pendingBytes, 42);
			pending.push(local, name, data);
			pendingBytes += local.length + name.length + data.length;
			central.push(record, name);
			if (pending.length > 3000) {
				write(Buffer.concat(pending));
				pending = [];
				pendingBytes = 0;
			}
		}
		write(Buffer.concat(pending));
		const cdStart = offset;
		write(Buffer.concat(central));
		const cdSize = offset - cdStart;
		const count = members.length;
		if (count > 0xffff) {
			const zip64End = Buffer.alloc(56);
			zip64End.writeUInt32LE(0x06064b50, 0);
			zip64End.writeBigUInt64LE(44n, 4);
			zip64End.writeUInt16LE(45, 12);
			zip64End.writeUInt16LE(45, 14);
			zip64End.writeBigUInt64LE(BigInt(count), 24);
			zip64End.writeBigUInt64LE(BigInt(count), 32);
			zip64End.writeBigUInt64LE(BigInt(cdSize), 40);
			zip64End.writeBigUInt64LE(BigInt(cdStart), 48);
			const locator = Buffer.alloc(20);
			locator.writeUInt32LE(0x07064b50, 0);
			locator.writeBigUInt64LE(BigInt(offset), 8);
			locator.writeUInt32LE(1, 16);
			write(zip64End);
			write(locator);
		}
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(Math.min(count, 0xffff), 8);
		end.writeUInt16LE(Math.min(count, 0xffff), 10);
		end.writeUInt32LE(cdSize, 12);
		end.writeUInt32LE(cdStart, 16);
		write(end);
	} finally {
		fs.closeSync(fd);
	}
}
