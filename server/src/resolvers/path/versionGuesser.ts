// Composer's VersionGuesser as used by path repositories: the version of a package without a `version` is
// read from the VCS checkout it sits in (git, then hg, fossil, svn). A git feature branch yields two versions:
// the feature branch itself and the nearest mainline branch (fewest commits of `git rev-list candidate..branch`).
// Only read-only VCS commands run, with argument arrays, inside the package directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalize, normalizeBranch, DEFAULT_BRANCH_ALIAS } from '../../semver';
import type { ProcessRunner } from '../../net/types';
import { branchLine, currentBranchLine, isRemoteHeadLine } from './gitBranchLines';

export interface GuessedVersion {
	prettyVersion: string;
	featurePrettyVersion?: string;
}

interface RawGuess {
	version: string | null;
	pretty: string | null;
	featureVersion?: string | null;
	featurePretty?: string | null;
}

const GIT_SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

async function run(processes: ProcessRunner, cwd: string, command: string, args: string[], signal?: AbortSignal): Promise<string | null> {
	const r = await processes.run({ command, args, cwd, signal, timeoutMs: 30_000 });
	return r.ok && r.exitCode === 0 ? r.stdout.toString('utf8') : null;
}

/** True when `marker` exists in `dir` or one of its parents (the checkout the VCS tool would find). */
function insideCheckout(dir: string, markers: string[]): boolean {
	let current = path.resolve(dir);
	for (;;) {
		if (markers.some((m) => fs.existsSync(path.join(current, m)))) {
			return true;
		}
		const parent = path.dirname(current);
		if (parent === current) {
			return false;
		}
		current = parent;
	}
}

function isFeatureBranch(packageConfig: Record<string, unknown>, branch: string | null): boolean {
	if (branch === null) {
		return true;
	}
	const extra = Array.isArray(packageConfig['non-feature-branches']) ? (packageConfig['non-feature-branches'] as unknown[]).map(String).join('|') : '';
	try {
		return !new RegExp(`^(${extra}|master|main|latest|next|current|support|tip|trunk|default|develop|\\d+\\..+)$`).test(branch);
	} catch {
		return true;
	}
}

/** PHP strnatcasecmp, enough for branch names: digit runs compare numerically. */
function natCompare(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

async function guessFeatureVersion(
	processes: ProcessRunner, dir: string, packageConfig: Record<string, unknown>, version: string | null,
	branches: string[], signal?: AbortSignal,
): Promise<{ version: string | null; pretty: string | null }> {
	let pretty = version;
	const extra = packageConfig.extra as Record<string, unknown> | undefined;
	const aliases = extra && typeof extra === 'object' ? extra['branch-alias'] as Record<string, unknown> | undefined : undefined;
	const hasAlias = version !== null && aliases && typeof aliases === 'object' && aliases[version] !== undefined;
	if (hasAlias && !JSON.stringify(packageConfig).includes('"self.version"')) {
		return { version, pretty };
	}
	const branch = (version ?? '').replace(/^dev-/, '');
	if (!isFeatureBranch(packageConfig, branch)) {
		return { version, pretty };
	}
	const sorted = [...branches].sort((a, b) => {
		const ar = a.startsWith('remotes/');
		const br = b.startsWith('remotes/');
		return ar !== br ? (ar ? 1 : -1) : natCompare(b, a);
	});
	let best = Number.MAX_SAFE_INTEGER;
	for (const candidate of sorted) {
		const candidateVersion = candidate.replace(/^remotes\/\S+\//, '');
		if (candidate === branch || isFeatureBranch(packageConfig, candidateVersion)) {
			continue;
		}
		const out = await run(processes, dir, 'git', [...GIT_SAFE, 'rev-list', `${candidate}..${branch}`, '--'], signal);
		if (out === null) {
			continue;
		}
		if (out.length < best) {
			best = out.length;
			version = normalizeBranch(candidateVersion);
			pretty = `dev-${candidateVersion}`;
			if (best === 0) {
				break;
			}
		}
	}
	return { version, pretty };
}

async function guessGit(processes: ProcessRunner, dir: string, packageConfig: Record<string, unknown>, signal?: AbortSignal): Promise<RawGuess> {
	let version: string | null = null;
	let pretty: string | null = null;
	let featureVersion: string | null = null;
	let featurePretty: string | null = null;
	let detached = false;
	const output = await run(processes, dir, 'git', [...GIT_SAFE, 'branch', '-a', '--no-color', '--no-abbrev', '-v'], signal);
	if (output !== null) {
		const branches: string[] = [];
		let feature = false;
		for (const line of output.split(/\r?\n/)) {
			const current = currentBranchLine(line);
			if (line && current) {
				const [name, hash] = current;
				if (name === '(no branch)' || name.startsWith('(detached ') || name.startsWith('(HEAD detached at')) {
					version = `dev-${hash}`;
					pretty = version;
					feature = true;
					detached = true;
				} else {
					version = normalizeBranch(name);
					pretty = `dev-${name}`;
					feature = isFeatureBranch(packageConfig, name);
				}
			}
			if (line && !isRemoteHeadLine(line)) {
				const m = branchLine(line);
				if (m) {
					branches.push(m[0]);
				}
			}
		}
		if (feature) {
			featureVersion = version;
			featurePretty = pretty;
			const r = await guessFeatureVersion(processes, dir, packageConfig, version, branches, signal);
			version = r.version;
			pretty = r.pretty;
		}
	}
	if (!version || detached) {
		const tag = await run(processes, dir, 'git', [...GIT_SAFE, 'describe', '--exact-match', '--tags'], signal);
		if (tag !== null) {
			try {
				version = normalize(tag.trim());
				pretty = tag.trim();
				featureVersion = null;
				featurePretty = null;
			} catch {
				// not a version-like tag: keep the branch guess
			}
		}
	}
	return { version, pretty, featureVersion, featurePretty };
}

async function guessHg(processes: ProcessRunner, dir: string, signal?: AbortSignal): Promise<RawGuess | null> {
	const out = await run(processes, dir, 'hg', ['branch'], signal);
	if (out === null) {
		return null;
	}
	const branch = out.trim();
	const version = normalizeBranch(branch);
	if (version === DEFAULT_BRANCH_ALIAS) {
		return { version, pretty: `dev-${branch}` };
	}
	// Composer searches the nearest mainline branch for an hg feature branch; without a match the feature
	// branch itself is the version, which is what is reported here.
	return { version, pretty: version };
}

async function guessFossil(processes: ProcessRunner, dir: string, signal?: AbortSignal): Promise<RawGuess> {
	let version: string | null = null;
	let pretty: string | null = null;
	const branch = await run(processes, dir, 'fossil', ['branch', 'list'], signal);
	if (branch !== null) {
		version = normalizeBranch(branch.trim());
		pretty = `dev-${branch.trim()}`;
	}
	const tag = await run(processes, dir, 'fossil', ['tag', 'list'], signal);
	if (tag !== null) {
		try {
			version = normalize(tag.trim());
			pretty = tag.trim();
		} catch {
			// keep the branch guess
		}
	}
	return { version, pretty };
}

function quoteRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
}

async function guessSvn(processes: ProcessRunner, dir: string, packageConfig: Record<string, unknown>, signal?: AbortSignal): Promise<RawGuess | null> {
	const out = await run(processes, dir, 'svn', ['info', '--xml'], signal);
	if (out === null) {
		return null;
	}
	const part = (key: string, def: string) => (typeof packageConfig[key] === 'string' ? quoteRe(packageConfig[key] as string) : def);
	const trunk = part('trunk-path', 'trunk');
	const branches = part('branches-path', 'branches');
	const tags = part('tags-path', 'tags');
	const m = new RegExp(`<url>.*/(${trunk}|(${branches}|${tags})/(.*))</url>`).exec(out);
	if (!m) {
		return null;
	}
	if (m[2] !== undefined && m[3] !== undefined && (m[2] === branches || m[2] === tags)) {
		return { version: normalizeBranch(m[3]), pretty: `dev-${m[3]}` };
	}
	const pretty = m[1].trim();
	try {
		return { version: pretty === 'trunk' ? 'dev-trunk' : normalize(pretty), pretty };
	} catch {
		return null;
	}
}

function postprocess(g: RawGuess): GuessedVersion | undefined {
	if (!g.version || !g.pretty) {
		return undefined;
	}
	let pretty = g.pretty;
	let featurePretty = g.featurePretty ?? undefined;
	if (g.featureVersion && g.featureVersion === g.version && g.featurePretty === g.pretty) {
		featurePretty = undefined;
	}
	if (g.version.endsWith('-dev') && /\.9{7}/.test(g.version)) {
		pretty = g.version.replace(/(\.9{7})+/g, '.x');
	}
	if (featurePretty !== undefined && g.featureVersion && g.featureVersion.endsWith('-dev') && /\.9{7}/.test(g.featureVersion)) {
		featurePretty = g.featureVersion.replace(/(\.9{7})+/g, '.x');
	}
	return featurePretty ? { prettyVersion: pretty, featurePrettyVersion: featurePretty } : { prettyVersion: pretty };
}

/** VersionGuesser::guessVersion: undefined when no VCS knows the directory (the caller then uses dev-main). */
export async function guessVersion(
	processes: ProcessRunner, dir: string, packageConfig: Record<string, unknown>, signal?: AbortSignal,
): Promise<GuessedVersion | undefined> {
	// Each probe is skipped when no checkout of that kind encloses the directory: the command would fail there.
	if (insideCheckout(dir, ['.git'])) {
		const git = postprocess(await guessGit(processes, dir, packageConfig, signal));
		if (git) {
			return git;
		}
	}
	if (insideCheckout(dir, ['.hg'])) {
		const hg = await guessHg(processes, dir, signal);
		const r = hg && postprocess(hg);
		if (r) {
			return r;
		}
	}
	if (insideCheckout(dir, ['.fslckout', '_FOSSIL_'])) {
		const r = postprocess(await guessFossil(processes, dir, signal));
		if (r) {
			return r;
		}
	}
	if (insideCheckout(dir, ['.svn'])) {
		const svn = await guessSvn(processes, dir, packageConfig, signal);
		const r = svn && postprocess(svn);
		if (r) {
			return r;
		}
	}
	return undefined;
}
