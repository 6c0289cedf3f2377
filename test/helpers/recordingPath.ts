// A folder to put first on a server's PATH: each program a language server may run (git, hg, svn, fossil,
// php…) is a small script that appends its command line to a log, then runs the real program. A test reads
// the log to count the processes a server started, without replacing any of them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PROGRAMS = ['git', 'hg', 'svn', 'svnadmin', 'fossil', 'p4', 'php'];

export interface RecordingPath {
	/** Put this first on PATH. */
	readonly bin: string;
	/** Command lines run so far (`git ls-remote …`). */
	calls(): string[];
}

function which(program: string): string | undefined {
	try {
		return execFileSync('sh', ['-c', 'command -v -- "$1"', 'sh', program], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

export function recordingPath(dir: string): RecordingPath {
	const bin = path.join(dir, 'recording-bin');
	const log = path.join(dir, 'recording.log');
	fs.mkdirSync(bin, { recursive: true });
	fs.writeFileSync(log, '');
	for (const program of PROGRAMS) {
		const real = which(program);
		// A program this machine lacks stays absent, so the server meets "not found" exactly as it would.
		if (real) {
			fs.writeFileSync(path.join(bin, program), `#!/bin/sh\nprintf '%s\\n' "${program} $*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
		}
	}
	return {
		bin,
		calls: () => fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== ''),
	};
}
