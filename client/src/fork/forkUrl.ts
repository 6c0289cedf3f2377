// The fork URL to suggest: the package's source URL with the owner replaced by the user's GitHub account, the way
// GitHub names a fork (`https://github.com/OWNER/REPO` → `https://github.com/ME/REPO`), keeping the URL's form
// (https, `git@github.com:` scp-like, ssh://) and its `.git` suffix. Other hosts, or no account: the source URL
// unchanged, for the user to edit. Pure, so it is tested without VS Code.

const FORMS: RegExp[] = [
	// https://github.com/owner/repo(.git), with an optional user-info part
	/^(https?:\/\/(?:[^@/]+@)?(?:www\.)?github\.com\/)([^/]+)(\/[^/]+?(?:\.git)?\/?)$/i,
	// git@github.com:owner/repo(.git)
	/^([^@/\s]+@github\.com:)([^/]+)(\/[^/]+?(?:\.git)?)$/i,
	// ssh://git@github.com/owner/repo(.git), git://github.com/owner/repo.git
	/^((?:ssh|git):\/\/(?:[^@/]+@)?github\.com(?::\d+)?\/)([^/]+)(\/[^/]+?(?:\.git)?\/?)$/i,
];

export function suggestForkUrl(sourceUrl: string | undefined, githubAccount: string | undefined): string {
	const source = (sourceUrl ?? '').trim();
	if (!source || !githubAccount) return source;
	for (const form of FORMS) {
		const m = form.exec(source);
		if (m) return `${m[1]}${githubAccount}${m[3]}`;
	}
	return source;
}
