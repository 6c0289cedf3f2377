// Watches every process's command line (/proc/<pid>/cmdline, what `ps` shows any local user) from a separate
// process, in a tight loop, for as long as a test runs VCS programs: a secret that shows up there, even in a
// process that lives a few milliseconds, is reported. The watcher gets the secrets on stdin, so they are not on
// its own command line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const WATCHER = `
const fs = require('node:fs');
let input = '';
let secrets;
const hits = new Map();
const seen = new Set();
let samples = 0;
let stop = false;
process.stdin.on('data', (d) => {
	input += d;
	const lines = input.split('\\n');
	if (!secrets && lines.length > 1) { secrets = JSON.parse(lines[0]); loop(); }
	if (lines.length > 2) stop = true;
});
function sample() {
	for (const pid of fs.readdirSync('/proc')) {
		if (!/^\\d+$/.test(pid) || Number(pid) === process.pid) continue;
		let cmdline;
		try { cmdline = fs.readFileSync('/proc/' + pid + '/cmdline', 'latin1'); } catch { continue; }
		const argv = cmdline.split('\\0');
		// Interpreted programs (hg is python3 running /usr/bin/hg) are named by their script.
		seen.add(argv[0].split('/').pop());
		if (argv[1]) seen.add(argv[1].split('/').pop());
		for (const s of secrets) {
			if (cmdline.includes(s)) hits.set(pid + ':' + s.length, argv.map((a) => a.split(s).join('<secret>')).join(' '));
		}
	}
	samples++;
}
function loop() {
	if (samples === 0) { sample(); process.stdout.write('ready\\n'); }
	const started = Date.now();
	while (!stop && Date.now() - started < 50) sample();
	if (stop) { process.stdout.write(JSON.stringify({ samples, hits: [...hits.values()], seen: [...seen] })); process.exit(0); }
	setImmediate(loop);
}
`;

export interface ArgvReport {
	/** Passes over /proc. */
	samples: number;
	/** Command lines (secrets replaced by `<secret>`) that held a secret. */
	hits: string[];
	/** Program names seen while watching (the first two words of each command line). */
	seen: string[];
}

export class ArgvWatcher {
	private constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly output: Promise<string>) {}

	/** Starts watching for `secrets` (raw, and in every form a URL or a header might carry them); resolves once it watches. */
	static async start(secrets: string[]): Promise<ArgvWatcher> {
		const child = spawn(process.execPath, ['-e', WATCHER], { stdio: ['pipe', 'pipe', 'pipe'] });
		let ready!: () => void;
		const watching = new Promise<void>((resolve) => {
			ready = resolve;
		});
		const output = new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.startsWith('ready\n')) ready();
			});
			child.on('error', reject);
			child.on('close', () => {
				ready();
				resolve(out.replace(/^ready\n/, ''));
			});
		});
		const forms = new Set(secrets.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]));
		child.stdin.write(`${JSON.stringify([...forms])}\n`);
		await watching;
		return new ArgvWatcher(child, output);
	}

	async stop(): Promise<ArgvReport> {
		this.child.stdin.write('stop\n');
		this.child.stdin.end();
		return JSON.parse(await this.output) as ArgvReport;
	}
}
