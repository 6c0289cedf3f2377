// Resources one test file shares across its tests, released by node:test's `after` once the file is done:
// loopback servers (closed) and a temp folder (removed). Call these at the top level of a test file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { startLoopbackServer, type LoopbackServer } from './loopbackServer';

/** A startLoopbackServer whose servers are all closed after this test file. */
export function loopbackServersForFile(): typeof startLoopbackServer {
	const servers: LoopbackServer[] = [];
	after(async () => {
		await Promise.all(servers.map((s) => s.close()));
	});
	return async (...args) => {
		const s = await startLoopbackServer(...args);
		servers.push(s);
		return s;
	};
}

/** A fresh temp folder named `<prefix>…`, removed with its contents after this test file. */
export function tempDirForFile(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	after(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}
