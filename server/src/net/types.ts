// Ports of the network/process layer. Resolvers depend on these interfaces only; the Node implementations
// live beside them (http.ts, processRunner.ts) and tests may wrap them (e.g. a loopback-only guard).

/** One HTTP response, fully read. Failures (DNS, refused, timeout, cancelled) are values, never thrown. */
export type HttpResult =
	| {
		ok: true; status: number; headers: Record<string, string>; body: Buffer; url: string; fromCache?: 'fresh' | 'revalidated' | 'stale';
		/** With fromCache 'stale': why the network copy could not be used (already free of credentials). */
		staleReason?: string;
	}
	/** `budget`: the caller's request budget was spent (resolvers/limits.ts); nothing was sent. */
	| { ok: false; code: 'timeout' | 'cancelled' | 'network' | 'offline' | 'insecure' | 'too-large' | 'budget'; message: string; url: string };

export interface HttpRequest {
	url: string;
	method?: 'GET' | 'HEAD' | 'POST';
	headers?: Record<string, string>;
	body?: string;
	signal?: AbortSignal;
	/** Milliseconds before the request is aborted. */
	timeoutMs?: number;
	/** Use the on-disk cache with Last-Modified/ETag revalidation; serve stale data when offline. */
	cache?: boolean;
	/** With `cache`: a cached copy younger than this is used without any request (Composer's 600 s for lists). */
	maxAgeMs?: number;
	/** Composer's `config.secure-http` for this request (default: the client's setting, true unless configured). */
	secureHttp?: boolean;
	/** `--offline` for this request: no network; cached copies are served as stale (default: the client's setting). */
	offline?: boolean;
}

export interface HttpClient {
	request(req: HttpRequest): Promise<HttpResult>;
}

/** Result of running a VCS program. Spawn failures and timeouts are values too. */
export type ProcessResult =
	| { ok: true; exitCode: number; stdout: Buffer; stderr: string }
	| { ok: false; code: 'not-found' | 'timeout' | 'cancelled' | 'spawn-error' | 'refused'; message: string };

export interface ProcessRequest {
	/** Program name (git, hg, svn, svnadmin, fossil, p4). Never a shell. */
	command: string;
	args: string[];
	cwd?: string;
	env?: Record<string, string>;
	signal?: AbortSignal;
	timeoutMs?: number;
	/** Maximum bytes of stdout kept. */
	maxBuffer?: number;
	/** Written to the program's stdin, which is then closed (e.g. `git cat-file --batch` requests). */
	input?: string | Buffer;
	/**
	 * A user name and password git may ask for (over GIT_ASKPASS, see net/askPass.ts) when `origin` wants them:
	 * credentials that must not appear in `args`.
	 */
	askPass?: { username: string; password: string; origin: string };
}

export interface ProcessRunner {
	run(req: ProcessRequest): Promise<ProcessResult>;
}

/** Credentials from auth.json (and URLs), answered per target URL so nothing is sent to another host. */
export interface Credentials {
	/** Headers to send to this URL's host, from auth.json (http-basic, bearer, github-oauth, gitlab-token...). */
	headersFor(url: string): Record<string, string>;
	/**
	 * A user name and password for this URL's host from auth.json `http-basic`, for tools that take them as
	 * arguments rather than headers (svn, like Composer's Util/Svn). Undefined when there are none.
	 */
	basicAuthFor?(url: string): { username: string; password: string } | undefined;
}
