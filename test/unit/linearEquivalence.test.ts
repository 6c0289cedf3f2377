// The linear readers of user text give the same answers as the regexes they replaced (the Composer patterns, or
// our own earlier ones), on a large generated corpus of ordinary-sized inputs, where those regexes are quick.
// The old patterns live on here only as the reference.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { isPlatformPackageName, isWellFormedPackageName } from '../../server/src/composer/packageNames';
import { compileNamePatterns } from '../../server/src/composer/namePatterns';
import { matchGitLabUrl } from '../../server/src/composer/vcsHostUrls';
import { braceAlternatives, compileSegment, segmentMatches } from '../../server/src/composerPaths';
import { DOT, END, WS, phpRtrim, phpTrim, phpTrimChars } from '../../server/src/semver/phpCompat';
import { MODIFIER, devSuffixBranch, stabilityMatch, stripReference } from '../../server/src/semver/versionParser';
import { splitOr } from '../../server/src/semver/constraintSplit';
import { redact } from '../../server/src/net/credentials';
import { jsonFileSuffixStart } from '../../server/src/resolvers/composer/url';
import { nextRelTarget } from '../../server/src/resolvers/vcs/hostApi';
import { paxPath } from '../../server/src/resolvers/artifact/tarReader';
import { parseBookmarkLine } from '../../server/src/resolvers/vcs/hgDriver';
import { cleanStderr } from '../../server/src/resolvers/vcs/gitProcess';
import { branchLine, currentBranchLine, isRemoteHeadLine } from '../../server/src/resolvers/path/gitBranchLines';
import { formatText } from '../../server/src/cli/diagnosticFormat';

/** A small deterministic generator, so a failure names an input that can be replayed. */
function random(seed: number): (n: number) => number {
	let state = seed;
	return (n) => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state % n;
	};
}

/** `count` strings of 0–`maxParts` pieces drawn from `alphabet`, each behind one of `prefixes`. */
function corpus(seed: number, count: number, alphabet: string[], maxParts: number, prefixes: string[] = ['']): string[] {
	const next = random(seed);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		let s = prefixes[next(prefixes.length)];
		const n = next(maxParts + 1);
		for (let j = 0; j < n; j++) s += alphabet[next(alphabet.length)];
		out.push(s);
	}
	return out;
}

/** Every input where the two readings differ (at most a few, for the message). */
function differences<T>(inputs: string[], before: (s: string) => T, after: (s: string) => T): string[] {
	const out: string[] = [];
	for (const s of inputs) {
		const a = JSON.stringify(before(s));
		const b = JSON.stringify(after(s));
		if (a !== b && out.length < 5) out.push(`${JSON.stringify(s)}: was ${a}, now ${b}`);
	}
	return out;
}

const LINE_BREAKS = ['\n', '\r', '\u2028'];

describe('package names', () => {
	const NAME = /^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/i;
	const PLATFORM = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;
	test('vendor/package: ValidatingArrayLoader\'s pattern', () => {
		const inputs = corpus(1, 150_000, ['a', 'Z', '0', '_', '.', '-', '--', '/', '!', 'é', '\n', 'ſ'], 10);
		assert.deepEqual(differences(inputs, (s) => NAME.test(s), isWellFormedPackageName), []);
	});
	test('platform packages: PlatformRepository::PLATFORM_PACKAGE_REGEX', () => {
		const inputs = corpus(2, 60_000, ['a', 'Z', '0', '_', '.', '-', '/', '!', 'bit', 'api', '\n'], 6,
			['ext-', 'lib-', 'EXT-', 'php', 'php-', 'php-64bit', 'PHP-zts', 'hhvm', 'composer', 'composer-plugin-api', 'composer-', '']);
		assert.deepEqual(differences(inputs, (s) => PLATFORM.test(s), isPlatformPackageName), []);
	});
});

test('GitLab URLs: GitLabDriver\'s pattern, every group', () => {
	const GITLAB_URL = /^(?:(?<scheme>https?):\/\/(?<domain>.+?)(?::(?<port>[0-9]+))?\/|git@(?<domain2>[^:]+):)(?<parts>.+)\/(?<repo>[^/]+?)(?:\.git|\/)?$/;
	const inputs = corpus(3, 150_000, ['a', '/', '/', ':', '1', '.', '.git', 'git', '@', 'b', ...LINE_BREAKS], 10, ['https://', 'http://', 'git@', 'ssh://', 'https:/', 'HTTPS://', '']);
	assert.deepEqual(differences(inputs, (s) => {
		const g = GITLAB_URL.exec(s)?.groups;
		return g ? [g.scheme, g.domain ?? g.domain2, g.port, g.parts, g.repo] : null;
	}, (s) => {
		const g = matchGitLabUrl(s);
		return g ? [g.scheme, g.domain, g.port, g.parts, g.repo] : null;
	}), []);
});

describe('versions (composer/semver\'s VersionParser patterns)', () => {
	const versionLike = corpus(4, 120_000, ['1', '0', '.', '-', 'dev', 'DEV', 'x', 'beta', 'b', 'RC', 'p', 'pl', 'alpha', 'a', 'stable', '+', '#', 'abc', ' ', '_', ...LINE_BREAKS], 8);
	test('the branch before a final "dev"', () => {
		const re = new RegExp(`(${DOT}*?)[.-]?dev${END}`, 'i');
		assert.deepEqual(differences(versionLike, (s) => re.exec(s)?.[1], devSuffixBranch), []);
	});
	test('a "#reference" stripped', () => {
		const re = new RegExp(`#${DOT}+${END}`);
		assert.deepEqual(differences(versionLike, (s) => s.replace(re, ''), stripReference), []);
	});
	test('the stability modifier', () => {
		const re = new RegExp(`${MODIFIER}(?:\\+${DOT}*)?${END}`, 'i');
		assert.deepEqual(differences(versionLike.map((s) => s.toLowerCase()), (s) => [...(re.exec(s) ?? [])], (s) => [...stabilityMatch(s)]), []);
	});
	test('OR groups', () => {
		const re = new RegExp(`${WS}*\\|\\|?${WS}*`, 'g');
		const inputs = corpus(5, 80_000, ['|', '||', ' ', '\t', '\n', 'a', '1', ','], 10);
		assert.deepEqual(differences(inputs, (s) => phpTrim(s).split(re), splitOr), []);
	});
});

describe('messages and URLs', () => {
	test('redaction of user-info', () => {
		// redact() as it was: only its first step, the user-info scan, is new.
		const old = (text: string): string => text
			.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"]+)@/gi, (m, scheme: string, userinfo: string) =>
				userinfo.includes(':') || /^(?:[0-9a-f]{12,}|gh[pousr]_\w+|github_pat_\w+|glpat-[\w-]+|x-token-auth|oauth2)$/i.test(userinfo) ? `${scheme}***@` : m)
			.replace(/([?&](?:access_token|private_token|token)=)[^&\s'"#]+/gi, '$1***')
			.replace(/\b(authorization|private-token|job-token)(\s*[:=]\s*)(?:(basic|bearer|token)\s+)?[^\s,'"]+/gi,
				(_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? scheme + ' ' : ''}***`)
			.replace(/\b(?:gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_-]{16,})\b/g, '***');
		const inputs = corpus(6, 100_000, ['a', 'Z', '1', '_', '+', '-', '.', ':', '//', '://', '@', ' ', '/', '"', 'é', 'x-token-auth', 'abcdef012345', '?token=', 'glpat-'], 10);
		assert.deepEqual(differences(inputs, old, redact), []);
	});
	test('user-info in a program\'s stderr', () => {
		const old = (stderr: string): string => {
			const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: filtering not recognized'));
			const text = lines.join(' ').replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]+@/g, '$1***@');
			return text.length > 500 ? text.slice(0, 500) + '…' : text;
		};
		const inputs = corpus(7, 100_000, ['a', '1', '+', '-', ':', '://', '@', ' ', '/', '_'], 10);
		assert.deepEqual(differences(inputs, old, cleanStderr), []);
	});
	test('the root file and query cut from a composer repository URL', () => {
		const re = /(?:\/[^/\\]+\.json)?(?:[?#].*)?$/;
		const inputs = corpus(8, 120_000, ['/', 'a', '.json', 'packages', '?', '#', '\\', '.', ...LINE_BREAKS], 8, ['https://h', 'file:///', '']);
		assert.deepEqual(differences(inputs, (s) => s.replace(re, ''), (s) => s.slice(0, jsonFileSuffixStart(s))), []);
	});
	test('trimming slashes', () => {
		const inputs = corpus(9, 20_000, ['/', 'a', '\\'], 8);
		assert.deepEqual(differences(inputs, (s) => s.replace(/\/+$/, ''), (s) => phpRtrim(s, '/')), []);
		assert.deepEqual(differences(inputs, (s) => s.replace(/^\/+|\/+$/g, ''), (s) => phpTrimChars(s, '/')), []);
	});
	test('Link header "next" target', () => {
		const inputs = corpus(10, 100_000, ['<', '>', '; ', 'rel="next"', ' ', 'a', ';', ...LINE_BREAKS], 8);
		assert.deepEqual(differences(inputs, (s) => /<(.+?)>; *rel="next"/.exec(s)?.[1], nextRelTarget), []);
	});
	test('pax path records', () => {
		const inputs = corpus(11, 60_000, ['1', '0', ' path=', 'a', '\n', ' ', 'path='], 8);
		assert.deepEqual(differences(inputs, (s) => /\d+ path=([^\n]*)\n/.exec(s)?.[1], paxPath), []);
	});
	test('one line per CLI diagnostic', () => {
		const inputs = corpus(12, 40_000, [' ', '\n', '\t', 'a', '\r'], 10);
		const line = (message: string) => formatText('f', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message }]).split('\n')[0];
		assert.deepEqual(differences(inputs, (s) => line(s.replace(/\s*\n\s*/g, ' ')), line), []);
	});
});

describe('VCS program output', () => {
	test('hg bookmarks lines: HgDriver\'s pattern', () => {
		const re = /^(?:[\s*]*)(\S+)\s+\d+:(.*)$/;
		const inputs = corpus(13, 150_000, ['*', ' ', '\t', 'a', '1', ':', 'f', '\r'], 9);
		assert.deepEqual(differences(inputs, (s) => { const m = re.exec(s); return m ? [m[1], m[2]] : undefined; }, parseBookmarkLine), []);
	});
	test('git branch -v lines: VersionGuesser\'s patterns', () => {
		const current = /^(?:\* ) *(\(no branch\)|\(detached from \S+\)|\(HEAD detached at \S+\)|\S+) *([a-f0-9]+) .*$/;
		const head = /^ *.+\/HEAD /;
		const branch = /^(?:\* )? *((?:remotes\/(?:origin|upstream)\/)?[^\s/]+) *([a-f0-9]+) .*$/;
		const inputs = corpus(14, 200_000, ['a', 'f', '0', ' ', '/', ')', '(', '*', 'remotes/origin/', 'remotes/upstream/', '(no branch)', '(detached from ', '(HEAD detached at ', '/HEAD ', '\r', 'x'], 7, ['* ', '', '  ', '*']);
		const pair = (m: RegExpExecArray | null) => (m ? [m[1], m[2]] : undefined);
		assert.deepEqual(differences(inputs, (s) => pair(current.exec(s)), currentBranchLine), []);
		assert.deepEqual(differences(inputs, (s) => head.test(s), isRemoteHeadLine), []);
		assert.deepEqual(differences(inputs, (s) => pair(branch.exec(s)), branchLine), []);
	});
});

describe('patterns from composer.json and repositories', () => {
	test('package-name patterns: BasePackage::packageNamesToRegexp', () => {
		const old = (patterns: string[]) => new RegExp(`^(?:${patterns.map((p) => p.replace(/[.*+?^${}()|[\]\\/#-]/g, '\\$&').replace(/\\\*/g, '.*')).join('|')})$`, 'i');
		const next = random(15);
		const pieces = ['*', 'a', 'B', '/', '-', '.', 'é', 'É', 'ß', '\n', '**', 'ab'];
		const make = (n: number) => Array.from({ length: next(n + 1) }, () => pieces[next(pieces.length)]).join('');
		const bad: string[] = [];
		for (let i = 0; i < 60_000 && bad.length < 5; i++) {
			const patterns = Array.from({ length: next(3) }, () => make(5));
			const name = make(7);
			if (old(patterns).test(name) !== compileNamePatterns(patterns).test(name)) bad.push(JSON.stringify([patterns, name]));
		}
		assert.deepEqual(bad, []);
	});

	test('brace alternatives: the recursive expansion they replace', () => {
		const old = (pattern: string, escapes: boolean): string[] => {
			let open = -1;
			for (let i = 0; i < pattern.length && open < 0; i++) {
				if (escapes && pattern[i] === '\\') i++;
				else if (pattern[i] === '{') open = i;
			}
			if (open < 0) return [pattern];
			let depth = 0;
			const bounds = [open];
			let close = -1;
			for (let i = open; i < pattern.length && close < 0; i++) {
				const c = pattern[i];
				if (escapes && c === '\\') i++;
				else if (c === '{') depth++;
				else if (c === '}' && --depth === 0) close = i;
				else if (c === ',' && depth === 1) bounds.push(i);
			}
			if (close < 0) return [pattern];
			bounds.push(close);
			const out: string[] = [];
			for (let k = 0; k + 1 < bounds.length; k++) {
				out.push(...old(pattern.slice(0, open) + pattern.slice(bounds[k] + 1, bounds[k + 1]) + pattern.slice(close + 1), escapes));
			}
			return out;
		};
		const inputs = corpus(16, 100_000, ['{', '}', ',', 'a', 'b', '\\', '/'], 12);
		for (const escapes of [true, false]) {
			assert.deepEqual(differences(inputs, (s) => old(s, escapes), (s) => [...braceAlternatives(s, escapes)]), []);
		}
	});

	test('glob segments: the regexes they replace', () => {
		// The translation of a segment to a regex that matching now does token by token (simplified to the
		// syntax drawn below: stars, `?`, escapes and bracket expressions without classes).
		const toRegex = (segment: string): RegExp => {
			let source = '';
			for (let i = 0; i < segment.length; i++) {
				const c = segment[i];
				if (c === '\\' && i + 1 < segment.length) source += segment[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
				else if (c === '*') source += '[^/]*';
				else if (c === '?') source += '[^/]';
				else if (c === '[' && segment.indexOf(']', i + 2) > 0 && !segment.slice(i + 1, segment.indexOf(']', i + 2)).includes('\\')) {
					const end = segment.indexOf(']', i + 2);
					let body = segment.slice(i + 1, end);
					const negate = body.startsWith('!');
					if (negate) body = body.slice(1);
					source += body === '' ? '(?!)' : `[${negate ? '^/' : ''}${body.replace(/[\]\\^]/g, '\\$&')}]`;
					i = end;
				} else {
					source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
				}
			}
			return new RegExp(`^${source}$`, 'u');
		};
		const next = random(17);
		const pieces = ['*', '?', 'a', 'b', '[ab]', '[!a]', '.', 'é', '\\*', '**'];
		const bad: string[] = [];
		for (let i = 0; i < 60_000 && bad.length < 5; i++) {
			const segment = Array.from({ length: 1 + next(5) }, () => pieces[next(pieces.length)]).join('');
			const name = Array.from({ length: next(7) }, () => ['a', 'b', 'é', '.', '*', 'c'][next(6)]).join('');
			if (name.startsWith('.') || segment.startsWith('.')) continue; // the leading-dot rule sits outside the regex
			const compiled = compileSegment(segment);
			const now = compiled.kind === 'literal' ? compiled.name === name : segmentMatches(compiled, name);
			if (toRegex(segment).test(name) !== now) bad.push(JSON.stringify([segment, name]));
		}
		assert.deepEqual(bad, []);
	});
});
