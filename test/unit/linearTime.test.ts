// Every public check of user text (package names, URLs, versions and constraints, patterns, paths, and the lines
// read from VCS programs) on the long hostile inputs of the corpus (test/fixtures/hostile/resolution.json,
// `longText`). A linear check reads 10,000 characters in well under a millisecond; the bound (50 ms of CPU time, the
// least of three tries so a busy machine cannot fail it) is orders of magnitude above that, and orders of magnitude
// below what a quadratic (about 0.5 s here) or exponential one takes, which is what each case once did.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { isPlatformPackageName, isWellFormedVendorName, packageNameProblem, suggestLowerCaseName } from '../../server/src/composer/packageNames';
import { nextLink } from '../../server/src/hooks/apiClient';
import { plainDetails } from '../../server/src/hooks/updateJob';
import { compileNamePatterns } from '../../server/src/composer/namePatterns';
import { prohibitingSetting, schemeAndHost } from '../../server/src/composer/secureHttp';
import { BITBUCKET_URL, githubOrigin, parseGitLabUrl } from '../../server/src/composer/vcsHostUrls';
import { compileSegment, countBraceAlternatives, expandPath, segmentMatches, wildcardParent } from '../../server/src/composerPaths';
import { analyzeRootRequire, canonicalizeVersion, normalizeBranch, parseConstraints, parseNumericAliasPrefix, parseStability, phpVersionCompare, satisfies, splitConstraintAtoms, tryNormalize } from '../../server/src/semver';
import { redact } from '../../server/src/net/credentials';
import { normalizeRepoUrl, packagesJsonUrl } from '../../server/src/resolvers/composer/url';
import { nextRelTarget } from '../../server/src/resolvers/vcs/hostApi';
import { paxPath } from '../../server/src/resolvers/artifact/tarReader';
import { parseBookmarkLine, parseHgBranches, parseHgTags } from '../../server/src/resolvers/vcs/hgDriver';
import { cleanStderr, parseLsRemote } from '../../server/src/resolvers/vcs/gitProcess';
import { checkVcsUrl } from '../../server/src/resolvers/vcs/urlSafety';
import { branchLine, currentBranchLine, isRemoteHeadLine } from '../../server/src/resolvers/path/gitBranchLines';
import { normalizeUrlForComparison } from '../../server/src/service/validation/duplicates';
import { formatText } from '../../server/src/cli/diagnosticFormat';
import { loadHostileCorpus } from '../helpers/hostileCorpus';

interface LongTextCase { id: string; prefix: string; pump: string; suffix: string; found?: string }
interface LongText { length: number; budgetMs: number; cases: LongTextCase[] }

function longText(): LongText {
	const section = (loadHostileCorpus().resolution as { longText?: LongText } | undefined)?.longText;
	assert.ok(section && section.cases.length > 0, 'test/fixtures/hostile/resolution.json has no longText cases');
	return section;
}

function attempt(f: () => unknown): void {
	try {
		f();
	} catch {
		// Refusing the input is an answer too; only the time it took matters here.
	}
}

/** The checks, each given the hostile text where user text goes. */
const CHECKS: Record<string, (text: string) => unknown> = {
	packageNameProblem: (t) => packageNameProblem(t),
	isPlatformPackageName: (t) => isPlatformPackageName(t),
	suggestLowerCaseName: (t) => suggestLowerCaseName(t),
	githubOrigin: (t) => githubOrigin(t),
	parseGitLabUrl: (t) => parseGitLabUrl(t, ['gitlab.com', 'a']),
	bitbucketUrl: (t) => BITBUCKET_URL.exec(t),
	schemeAndHost: (t) => schemeAndHost(t),
	prohibitingSetting: (t) => prohibitingSetting(t, { secureHttp: true, secureSvnDomains: [] }),
	normalize: (t) => tryNormalize(t),
	normalizeBranch: (t) => normalizeBranch(t),
	parseStability: (t) => parseStability(t),
	parseConstraints: (t) => attempt(() => parseConstraints(t)),
	satisfies: (t) => attempt(() => satisfies('1.0.0', t)),
	analyzeRootRequire: (t) => analyzeRootRequire('a/b', t),
	splitConstraintAtoms: (t) => splitConstraintAtoms(t),
	parseNumericAliasPrefix: (t) => parseNumericAliasPrefix(t),
	compareVersions: (t) => [canonicalizeVersion(t), phpVersionCompare(t, `${t}1`)],
	normalizeRepoUrl: (t) => normalizeRepoUrl(t),
	packagesJsonUrl: (t) => packagesJsonUrl(t),
	namePatternAsPattern: (t) => compileNamePatterns([t]).test(t.replace(/\*/g, 'a') + '!'),
	namePatternAsName: (t) => compileNamePatterns(['*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a*']).test(t),
	checkVcsUrl: (t) => checkVcsUrl(t),
	redact: (t) => redact(t),
	cleanStderr: (t) => cleanStderr(t),
	duplicateUrl: (t) => normalizeUrlForComparison(t),
	expandPath: (t) => expandPath(t, { HOME: '/home/u' }, '/home/u'),
	braceAlternatives: (t) => countBraceAlternatives(t, true, 4096),
	// A directory entry name is at most 255 bytes (NAME_MAX); the pattern is the long text.
	globSegment: (t) => segmentMatches(compileSegment(t), t.replace(/[*?[\]\\]/g, 'a').slice(0, 255)),
	wildcardParent: (t) => wildcardParent(t),
	linkHeader: (t) => nextRelTarget(t),
	paxPath: (t) => paxPath(t),
	hgBookmarkLine: (t) => parseBookmarkLine(t),
	hgListings: (t) => [parseHgTags(t), parseHgBranches(t, t)],
	lsRemote: (t) => parseLsRemote(t),
	gitBranchLines: (t) => [currentBranchLine(t), branchLine(t), isRemoteHeadLine(t)],
	hookLinkHeader: (t) => nextLink({ link: t }, 'https://packagist.org/'),
	hookJobLog: (t) => plainDetails(t),
	vendorName: (t) => isWellFormedVendorName(t),
	cliMessage: (t) => formatText('composer.json', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: t }]),
};

/** CPU milliseconds of the quickest of up to three runs (a run already under the budget ends the tries). */
function cpuMs(f: () => unknown, budgetMs: number): number {
	let best = Number.POSITIVE_INFINITY;
	for (let run = 0; run < 3 && best >= budgetMs; run++) {
		const start = process.cpuUsage();
		f();
		const used = process.cpuUsage(start);
		best = Math.min(best, (used.user + used.system) / 1000);
	}
	return best;
}

describe('checks of user text take linear time on hostile input', () => {
	const corpus = longText();
	for (const c of corpus.cases) {
		test(`${c.id}${c.found ? ` (was: ${c.found})` : ''}`, () => {
			const text = c.prefix + c.pump.repeat(Math.ceil(corpus.length / c.pump.length)).slice(0, corpus.length) + c.suffix;
			const slow: string[] = [];
			for (const [name, check] of Object.entries(CHECKS)) {
				const ms = cpuMs(() => check(text), corpus.budgetMs);
				if (ms >= corpus.budgetMs) slow.push(`${name}: ${ms.toFixed(1)} ms`);
			}
			assert.deepEqual(slow, [], `over ${corpus.budgetMs} ms on ${c.id}`);
		});
	}

	test('the bound catches what it guards against: the old package-name pattern on a short input', () => {
		// The pattern these checks replaced; 27 characters already take it well past the budget.
		const old = /^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/i;
		const ms = cpuMs(() => old.test(`a/${'a'.repeat(27)}!`), corpus.budgetMs);
		assert.ok(ms >= corpus.budgetMs, `the old pattern took only ${ms} ms`);
	});
});
