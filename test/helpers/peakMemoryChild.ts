// Runs one resolution in a process of its own and prints what it found with the process's peak memory, so a test
// can bound the memory a hostile input costs (in-process numbers would mix with the test runner's own).
// Usage: node --import tsx test/helpers/peakMemoryChild.ts '<job JSON>'
import * as os from 'node:os';
import { createHttpClient } from '../../server/src/net/http';
import { defaultRegistry } from '../../server/src/resolvers/registry';
import { resolveRepositories } from '../../server/src/resolvers/repositorySet';
import type { ResolveContext } from '../../server/src/resolvers/types';
import { isLoopbackUrl } from './noInternet';

export interface PeakMemoryJob {
	/** The repository config (type, url, …). */
	repository: Record<string, unknown>;
	/** Package names to resolve; undefined lists everything. */
	names?: string[];
	baseDir?: string;
	maxBytes?: number;
}

export interface PeakMemoryReport {
	versions: Record<string, string[]>;
	errors: string[];
	warnings: string[];
	maxRssMb: number;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2]) as PeakMemoryJob;
	const ctx: ResolveContext = {
		baseDir: job.baseDir ?? os.tmpdir(),
		env: {},
		homeDir: os.tmpdir(),
		config: { secureHttp: false, githubDomains: ['github.com'], gitlabDomains: ['gitlab.com'], useGithubApi: true, secureSvnDomains: [] },
		http: createHttpClient({ secureHttp: false, maxBytes: job.maxBytes, allowUrl: (u) => isLoopbackUrl(u.toString()) }),
		processes: { run: async () => ({ ok: false, code: 'refused', message: 'no processes here' }) },
		credentials: { headersFor: () => ({}) },
		offline: false,
		apiBaseUrls: { github: 'http://127.0.0.1:9', gitlab: 'http://127.0.0.1:9', bitbucket: 'http://127.0.0.1:9', packagist: 'http://127.0.0.1:9', packagistRepo: 'http://127.0.0.1:9' },
	};
	const resolution = await resolveRepositories([{ key: 0, config: job.repository, label: 'hostile' }], job.names, ctx, defaultRegistry());
	const report: PeakMemoryReport = {
		versions: Object.fromEntries([...resolution.packages].map(([name, listing]) => [name, listing.versions])),
		errors: resolution.errors.map((e) => e.message),
		warnings: resolution.warnings.map((w) => w.message),
		maxRssMb: process.resourceUsage().maxRSS / 1024,
	};
	process.stdout.write(JSON.stringify(report));
}

void main();
