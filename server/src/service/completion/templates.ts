// Templates for a whole new repository of each accepted type: the required keys with example values the
// user overwrites (tab stops), in the order Composer's docs present them.
import * as l10n from '@vscode/l10n';
import type { SnippetValue } from './format';

const str = (placeholder: string): SnippetValue => ({ placeholder, quoted: true });
const lit = (json: string): SnippetValue => ({ json });

export interface RepositoryTemplate {
	readonly type: string;
	/** Short line shown next to the item. */
	detail(): string;
	/** The keys after `type`. */
	readonly body: readonly (readonly [string, SnippetValue])[];
}

export const REPOSITORY_TEMPLATES: readonly RepositoryTemplate[] = [
	{ type: 'composer', detail: () => l10n.t('Composer repository (packages.json server)'), body: [['url', str('https://repo.example.org')]] },
	{ type: 'vcs', detail: () => l10n.t('Version-control repository, driver detected from the URL'), body: [['url', str('https://github.com/vendor/package')]] },
	{ type: 'git', detail: () => l10n.t('Git repository read with git'), body: [['url', str('https://example.org/vendor/package.git')]] },
	{ type: 'github', detail: () => l10n.t('GitHub repository read through the API'), body: [['url', str('https://github.com/owner/repository')]] },
	{ type: 'gitlab', detail: () => l10n.t('GitLab project read through the API'), body: [['url', str('https://gitlab.com/group/project')]] },
	{ type: 'bitbucket', detail: () => l10n.t('Bitbucket Cloud repository read through the API'), body: [['url', str('https://bitbucket.org/owner/repository')]] },
	{ type: 'hg', detail: () => l10n.t('Mercurial repository'), body: [['url', str('https://hg.example.org/repository')]] },
	{ type: 'fossil', detail: () => l10n.t('Fossil repository'), body: [['url', str('https://fossil.example.org/repository')]] },
	{ type: 'svn', detail: () => l10n.t('Subversion repository'), body: [['url', str('https://svn.example.org/repository')]] },
	{
		type: 'perforce', detail: () => l10n.t('Perforce depot'),
		body: [['url', str('perforce.example.org:1666')], ['depot', str('Depot')]],
	},
	{ type: 'path', detail: () => l10n.t('Local folder(s) holding a composer.json'), body: [['url', str('../packages/*')]] },
	{ type: 'artifact', detail: () => l10n.t('Folder of package archives (zip, tar)'), body: [['url', str('path/to/artifacts')]] },
	{
		type: 'package', detail: () => l10n.t('Package defined inline'),
		body: [['package', {
			object: [
				['name', str('vendor/package')],
				['version', str('1.0.0')],
				['dist', { object: [['url', str('https://example.org/package-1.0.0.zip')], ['type', lit('"zip"')]] }],
			],
		}]],
	},
];

/** The whole object of a new repository from a template. */
export function templateObject(template: RepositoryTemplate): SnippetValue {
	return { object: [['type', lit(JSON.stringify(template.type))], ...template.body] };
}

/** One-line description of each accepted type, for type-value completions. */
export function typeDetail(type: string): string | undefined {
	if (type === 'git-bitbucket') return l10n.t('Deprecated name of the bitbucket type');
	return REPOSITORY_TEMPLATES.find((t) => t.type === type)?.detail();
}
