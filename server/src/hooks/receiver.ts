// Which hook URLs point at Packagist's receivers (`/api/github`, `/api/update-package`, `/api/bitbucket` on the
// configured Packagist or on packagist.org), what form they take (signature secret, token in the URL, user name
// alone), and how to show such a URL without the token it may carry.
import { redact } from '../net/credentials';

export interface PackagistReceiver {
	endpoint: 'github' | 'update-package' | 'bitbucket';
	hasUsername: boolean;
	/** `apiToken=` in the query: works (Packagist's "manual" mode) but the token sits in the hook's URL. */
	tokenInUrl: boolean;
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return undefined;
	}
}

export function packagistReceiver(hookUrl: unknown, packagistBase: string): PackagistReceiver | null {
	if (typeof hookUrl !== 'string') {
		return null;
	}
	let u: URL;
	try {
		u = new URL(hookUrl);
	} catch {
		return null;
	}
	const hosts = new Set(['packagist.org', 'www.packagist.org', hostOf(packagistBase)]);
	if (!hosts.has(u.host.toLowerCase())) {
		return null;
	}
	const m = /^\/api\/(github|update-package|bitbucket)\/?$/.exec(u.pathname);
	if (!m) {
		return null;
	}
	return {
		endpoint: m[1] as PackagistReceiver['endpoint'],
		hasUsername: u.searchParams.has('username'),
		tokenInUrl: u.searchParams.has('apiToken') || u.searchParams.has('apitoken'),
	};
}

/** A hook URL for display: the `apiToken` value (and anything redact() knows) replaced by `***`. */
export function showHookUrl(url: string): string {
	return redact(url.replace(/([?&]api_?token=)[^&#\s]*/gi, '$1***'));
}
