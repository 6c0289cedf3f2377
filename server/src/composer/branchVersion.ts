// The version Composer gives a VCS branch (src/Composer/Repository/VcsRepository.php, initialize()): a named
// branch `fix` is `dev-fix`, a numeric branch `2.x` or `2.1` is `2.x-dev` / `2.1.x-dev`. The VCS resolver builds
// package versions with it and the "Use a fork…" edit writes it as the new constraint, so both always agree on
// what `require` must say to get a branch.
import { DEFAULT_BRANCH_ALIAS, normalizeBranch, parseConstraints } from '../semver';

export interface BranchVersion {
	/** Pretty version, as `composer show` lists it and a `require` constraint names it (`dev-fix`, `2.x-dev`). */
	readonly version: string;
	/** Normalized (`dev-fix`, `2.9999999.9999999.9999999-dev`). */
	readonly normalized: string;
}

function parses(constraint: string): boolean {
	try {
		parseConstraints(constraint);
		return true;
	} catch {
		return false;
	}
}

/** Composer's version of branch `branch`, or undefined when Composer skips the branch ("invalid name"). */
export function branchVersion(branch: string): BranchVersion | undefined {
	const parsed = normalizeBranch(branch);
	if (!parses(parsed)) return undefined;
	if (parsed.startsWith('dev-') || parsed === DEFAULT_BRANCH_ALIAS) {
		// `#` would start a commit reference in a constraint; Composer names such branches with `+`.
		return { version: 'dev-' + branch.split('#').join('+'), normalized: parsed.split('#').join('+') };
	}
	return { version: (branch.startsWith('v') ? 'v' : '') + parsed.replace(/(\.9{7})+/g, '.x'), normalized: parsed };
}
