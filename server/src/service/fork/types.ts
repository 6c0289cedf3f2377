// The values of "Use a fork…" in the pure service: what the host asks for and what it gets back.
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { AliasReason } from './aliasDecision';

/** The link sections a fork can be required from. */
export type ForkSection = 'require' | 'require-dev';

export interface ForkRequest {
	/** The required package, as named in the section (compared case-insensitively, as Composer does). */
	readonly packageName: string;
	readonly section: ForkSection;
	/** The fork's repository URL, written as the new `vcs` entry's `url`. */
	readonly url: string;
	/** The fork's branch to require (`fix-foo`, `2.x`); its Composer version is what the constraint says. */
	readonly branch: string;
	/**
	 * The inline alias: a version to write (`2.1.0`), `null` for none, absent to let the service decide from the
	 * current constraint and the live data (aliasDecision.ts).
	 */
	readonly alias?: string | null;
}

export type ForkEditResult =
	| {
		readonly ok: true;
		/** One edit of the document: the repository entry (unless one for the URL exists) and the constraint. */
		readonly edit: WorkspaceEdit;
		/** The constraint written (`dev-fix`, `dev-fix as 2.1.0`). */
		readonly constraint: string;
		/** Why there is (or is not) an alias, when the service decided. */
		readonly aliasReason?: AliasReason;
		/** False when an entry for the same URL was already in `repositories`. */
		readonly repositoryAdded: boolean;
	}
	| { readonly ok: false; readonly message: string };
