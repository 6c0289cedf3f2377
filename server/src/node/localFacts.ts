// LocalFacts (server/src/composerPaths/localFacts.ts) answered from the real file system. Failures are answers too:
// an unreadable path is 'missing' and an unreadable directory has no entries.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { LocalFacts } from '../composerPaths/localFacts';

export function createNodeLocalFacts(): LocalFacts {
	return {
		async stat(path: string) {
			try {
				const s = await fs.stat(path); // follows symlinks, as Composer's is_dir/file_exists do
				return s.isDirectory() ? 'directory' : 'file';
			} catch {
				return 'missing';
			}
		},
		async readFile(path: string, maxBytes: number) {
			try {
				if ((await fs.stat(path)).size > maxBytes) {
					return undefined;
				}
				return new Uint8Array(await fs.readFile(path));
			} catch {
				return undefined;
			}
		},
		async readDirectory(path: string) {
			try {
				const entries = await fs.readdir(path, { withFileTypes: true });
				return await Promise.all(entries.map(async (e) => {
					let isDirectory = e.isDirectory();
					if (e.isSymbolicLink()) {
						// Composer follows symlinks when globbing and when scanning artifact folders.
						isDirectory = await fs.stat(join(path, e.name)).then((s) => s.isDirectory(), () => false);
					}
					return { name: e.name, isDirectory };
				}));
			} catch {
				return [];
			}
		},
	};
}
