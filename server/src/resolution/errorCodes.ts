// The resolvers' error codes (`remote.timeout`, `vcs.insecure-url`, `git-not-found`, `composer.missing-uid`…)
// folded into the few classes the service shows (RepositoryStatus.errorCode), so a hover or a diagnostic can
// say "unreachable" or "needs credentials" without knowing every resolver.
import type { RepositoryStatus } from '../service/liveData';

export type StatusErrorCode = NonNullable<RepositoryStatus['errorCode']>;

/** Programs the VCS drivers run: `<program>-not-found` means the program is missing, not the repository. */
const PROGRAMS = /(?:^|[.-])(?:git|hg|svn|svnadmin|fossil|p4)-not-found$/;

export function statusErrorCode(code: string): StatusErrorCode {
	const c = code.toLowerCase();
	if (/timeout/.test(c)) {
		return 'timeout';
	}
	if (/auth|http-401|http-403/.test(c)) {
		return 'auth';
	}
	if (PROGRAMS.test(c) || /network|offline|spawn-error|http-status|unreachable|too-large|cancelled|aborted/.test(c)) {
		return 'unreachable';
	}
	if (/insecure|unsafe|refused|disabled/.test(c)) {
		return 'refused';
	}
	if (/not-found|missing$|no-composer-json/.test(c)) {
		return 'not-found';
	}
	if (/invalid|json|signature|uid|filter|type|pear|no-driver|unsupported|definition|identifier|not-git/.test(c)) {
		return 'invalid';
	}
	return 'internal';
}
