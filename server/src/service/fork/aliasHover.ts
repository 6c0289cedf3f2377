// The hover on a requirement written as an inline alias (`"dev-fix as 2.1.0"`), the form "Use a fork…" writes:
// what Composer does with it (src/Composer/Package/Loader/RootPackageLoader.php, extractAliases(); Composer's
// doc/articles/aliases.md, "Require inline alias") and the limit that surprises people: only the root
// package's aliases count (a dependency's `X as Y` is read as plain X, composer/semver's parseConstraints()).
import * as l10n from '@vscode/l10n';
import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findLinkAt, type ComposerDocument } from '../../model/composerDocument';
import { analyzeRootRequire } from '../../semver';

export function aliasHover(document: TextDocument, doc: ComposerDocument, position: Position): Hover | null {
	const offset = document.offsetAt(position);
	const link = findLinkAt(doc, offset);
	const value = link?.valueNode;
	if (!link || !value || link.constraint === undefined || (link.section !== 'require' && link.section !== 'require-dev')) return null;
	if (offset < value.offset || offset > value.offset + value.length) return null;
	const analysis = analyzeRootRequire(link.name, link.constraint);
	const alias = analysis.alias;
	// A malformed alias is validation's to report; explaining it as if it worked would mislead.
	if (!alias || analysis.errors.some((e) => e.kind === 'alias')) return null;
	const source = `\`${alias.source.text}\``;
	const target = `\`${alias.target.text}\``;
	const lines = [
		`**${l10n.t('Inline alias')}** ${source} → ${target}`,
		l10n.t('Composer installs {0} and also gives it the version {1}, so that other packages whose requirements accept {1} (but not a branch) accept it too: the usual way to use a fork\'s branch in place of a release.', source, target),
		l10n.t('Only the root composer.json can alias inline: in a dependency\'s composer.json Composer ignores " as …" and requires {0} itself.', source),
	];
	const range = { start: document.positionAt(value.offset), end: document.positionAt(value.offset + value.length) };
	return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range };
}
