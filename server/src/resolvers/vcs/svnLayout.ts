// Composer's Subversion layout rules (Repository/Vcs/SvnDriver.php), kept free of I/O so they can be tested
// alone: trunk/branches/tags/package paths from the repository config (with PHP's string conversions,
// `false` included), the base URL cut, identifiers of the form `/<dir><package-path>/@<rev>`, and the
// parsing of `svn ls --verbose` lines exactly as Composer's regular expression reads them.
import { phpConfigString } from './vcsTools';
import { phpRtrim, phpTrimChars } from '../../semver/phpCompat';

export interface SvnLayout {
	/** `false`: the base URL itself is the trunk. */
	trunkPath: string | false;
	/** `false`: no branches are listed. */
	branchesPath: string | false;
	/** `false`: no tags are listed. */
	tagsPath: string | false;
	/** '' or `/sub/dir` (Composer: `'/' . trim(value, '/')`). */
	packagePath: string;
	/** `svn-cache-credentials` (Composer's default is true; it only matters when credentials are passed). */
	cacheCredentials: boolean;
}

export function readSvnLayout(config: Record<string, unknown>): SvnLayout {
	// Composer reads these with isset(): null or a missing key keeps the default, `false` is kept as false.
	const trunk = phpConfigString(config['trunk-path']);
	const branches = phpConfigString(config['branches-path']);
	const tags = phpConfigString(config['tags-path']);
	const pkg = phpConfigString(config['package-path']);
	return {
		trunkPath: trunk ?? 'trunk',
		branchesPath: branches ?? 'branches',
		tagsPath: tags ?? 'tags',
		packagePath: pkg === undefined ? '' : '/' + phpTrimChars(pkg === false ? '' : pkg, '/'),
		cacheCredentials: 'svn-cache-credentials' in config ? Boolean(config['svn-cache-credentials']) && config['svn-cache-credentials'] !== '0' : true,
	};
}

/** PHP's `'/' . $path` for a layout path (`false` concatenates as the empty string). */
export function slashPath(p: string | false): string {
	return '/' + (p === false ? '' : p);
}

/** SvnDriver::normalizeUrl: an absolute local path becomes a file:// URL. */
export function normalizeSvnUrl(url: string): string {
	if (url.startsWith('/') || url.charAt(1) === ':' || url.startsWith('\\\\')) {
		return 'file://' + url.replace(/\\/g, '/');
	}
	return url;
}

/**
 * The URL with trailing slashes removed and everything from the LAST `/<trunk-path>` on cut off, so that a url
 * pointing at `…/project/trunk` works. With `trunk-path: false` Composer searches for "/" and so drops the last
 * path segment (Repository/Vcs/SvnDriver.php searches for '/' . trunkPath, and PHP makes '' of false).
 */
export function svnBaseUrl(url: string, trunkPath: string | false): { url: string; baseUrl: string } {
	const trimmed = phpRtrim(normalizeSvnUrl(url), '/');
	const pos = trimmed.lastIndexOf(slashPath(trunkPath));
	return { url: trimmed, baseUrl: pos >= 0 ? trimmed.slice(0, pos) : trimmed };
}

/** SvnDriver::buildIdentifier. */
export function buildSvnIdentifier(baseDir: string, revision: string, packagePath: string): string {
	return phpRtrim(baseDir, '/') + packagePath + '/@' + revision;
}

export interface SvnListEntry {
	revision: string;
	/** As printed, folders with their trailing `/`; `./` is the listed folder itself. */
	name: string;
}

/**
 * `svn ls --verbose` lines read as Composer does: first and last whitespace-separated words. (So a name with a
 * space yields only its last word, as in Composer; such a ref then has no composer.json and is skipped.)
 */
export function parseSvnList(output: string): SvnListEntry[] {
	const entries: SvnListEntry[] = [];
	for (const raw of output.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('Redirecting to URL ')) {
			continue;
		}
		const m = /^\s*(\S+).*?(\S+)\s*$/s.exec(line);
		if (m) {
			entries.push({ revision: m[1], name: m[2] });
		}
	}
	return entries;
}

/** SvnDriver::getFileContent's split of an identifier into the folder and the `@rev` peg. */
export function svnFileUrl(baseUrl: string, identifier: string, file: string): string {
	const wrapped = '/' + phpTrimChars(identifier, '/') + '/';
	const m = /^(.+?)(@\d+)?\/$/s.exec(wrapped);
	const dir = m ? m[1] : wrapped;
	const rev = m?.[2] ?? '';
	return baseUrl + dir + file + rev;
}

export interface SvnUrlCredentials {
	/** The URL to hand to svn: without the user-info when a password was taken out of it. */
	url: string;
	username?: string;
	password?: string;
}

/**
 * svn reads no password from a URL. Composer takes `user:password@` out of the URL and passes them as options;
 * so do we, except that the password travels on stdin (`--password-from-stdin`), never on a command line.
 * A URL with a user name alone is left as it is (svn+ssh uses it).
 */
export function svnUrlCredentials(url: string): SvnUrlCredentials {
	const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#@:]*):([^/?#]*)@(.*)$/s.exec(url);
	if (!m) {
		return { url };
	}
	const decode = (s: string) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	};
	return { url: m[1] + m[4], username: decode(m[2]), password: decode(m[3]) };
}
