// Composer's Platform::expandPath, applied to the url of path, artifact and vcs repositories. The one copy both
// the language service and the resolvers use. Checked against Composer 2.5.5 and HEAD (`php -r` on Platform):
// * only a leading `~/` is the home folder: `~\` is left alone (the PHP regex '#^~[\\/]#' is `~[\/]`);
// * a leading `$VAR` or `%VAR%` (ASCII word characters) is replaced by the variable, unset meaning empty;
// * the home folder is HOME (even when empty), then on Windows USERPROFILE, then the account's home folder;
// * on Windows `$HOME`/`%HOME%` falls back to USERPROFILE when HOME is unset or empty, and variable names are
//   case-insensitive (getenv there is).

export type Environment = Readonly<Record<string, string | undefined>>;

function lookup(env: Environment, name: string, windows: boolean): string | undefined {
	const exact = env[name];
	if (exact !== undefined || !windows) return exact;
	const upper = name.toUpperCase();
	for (const key of Object.keys(env)) {
		if (key.toUpperCase() === upper && env[key] !== undefined) return env[key];
	}
	return undefined;
}

/** Composer's Platform::getUserDirectory; `accountHome` stands for posix_getpwuid()'s folder. */
export function userDirectory(env: Environment | undefined, accountHome: string | undefined, windows = false): string | undefined {
	const home = env === undefined ? undefined : lookup(env, 'HOME', windows);
	if (home !== undefined) return home;
	const profile = env !== undefined && windows ? lookup(env, 'USERPROFILE', windows) : undefined;
	return profile ?? accountHome;
}

/**
 * Expands `p` as Composer does. `env` undefined means the environment is not known; the result is then
 * undefined when a variable was needed, and likewise when the home folder is needed but cannot be told.
 */
export function expandPath(p: string, env: Environment, accountHome: string, windows?: boolean): string;
export function expandPath(p: string, env: Environment | undefined, accountHome: string | undefined, windows?: boolean): string | undefined;
export function expandPath(p: string, env: Environment | undefined, accountHome: string | undefined, windows = false): string | undefined {
	if (p.startsWith('~/')) {
		const home = userDirectory(env, accountHome, windows);
		return home === undefined ? undefined : home + p.slice(1);
	}
	const m = /^(?:\$(\w+)|%(\w+)%)/.exec(p);
	if (!m) return p;
	if (env === undefined) return undefined;
	const name = m[1] ?? m[2];
	const rest = p.slice(m[0].length);
	if (windows && name === 'HOME') {
		// Composer tests HOME for PHP truthiness here, so an empty (or "0") HOME falls through to USERPROFILE.
		const home = lookup(env, 'HOME', true);
		return (home !== undefined && home !== '' && home !== '0' ? home : lookup(env, 'USERPROFILE', true) ?? '') + rest;
	}
	return (lookup(env, name, windows) ?? '') + rest;
}
