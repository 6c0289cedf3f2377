// Composer's secure-http rule (Config::prohibitUrlByConfig) in one place: the editor's diagnostics and the
// resolvers (git, hg, fossil and svn drivers) both ask it, so they cannot disagree on which URLs Composer refuses.
// Pure: no I/O, no messages (each caller words the refusal for its own audience).

/** Schemes Composer calls insecure: refused under secure-http (svn:// unless its host is in secure-svn-domains). */
export const INSECURE_SCHEMES: readonly string[] = ['http', 'git', 'ftp', 'svn'];

export interface SecureHttpConfig {
	secureHttp: boolean;
	secureSvnDomains: readonly string[];
}

/**
 * Scheme and host of `scheme://host…` as PHP's parse_url reads them (case kept, user-info up to the last `@` and
 * the port removed); undefined for scp-like, local or host-less strings, which Composer lets through.
 */
export function schemeAndHost(url: string): { scheme: string; host: string } | undefined {
	const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
	if (!m) {
		return undefined;
	}
	const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
	const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
	return host === '' ? undefined : { scheme: m[1], host };
}

/**
 * The setting that makes Composer refuse `url`, or null when it is allowed. Scheme and svn host are compared
 * exactly as written, as Composer does (`HTTP://` is not refused by this rule).
 */
export function prohibitingSetting(url: string, config: SecureHttpConfig): 'secure-http' | 'secure-svn-domains' | null {
	const parsed = schemeAndHost(url);
	if (!config.secureHttp || !parsed || !INSECURE_SCHEMES.includes(parsed.scheme)) {
		return null;
	}
	if (parsed.scheme === 'svn') {
		return config.secureSvnDomains.includes(parsed.host) ? null : 'secure-svn-domains';
	}
	return 'secure-http';
}
