// Builds the model of a composer.json once per document text and hands the same instance to every feature
// (validation, completion, hover, code actions, resolution). Documents are keyed by URI: an LSP client edits a
// document in place and bumps its version, so a newer text replaces the older model.
import { parseComposerJson, type ComposerDocument } from './composerDocument';

/** The part of an LSP TextDocument the cache needs. */
export interface DocumentText {
	readonly uri: string;
	getText(): string;
}

export class DocumentModels {
	private readonly models = new Map<string, { text: string; model: ComposerDocument }>();

	/** At most this many documents are kept; the least recently used is dropped first. */
	constructor(private readonly capacity = 64) {}

	get(document: DocumentText): ComposerDocument {
		const text = document.getText();
		const cached = this.models.get(document.uri);
		this.models.delete(document.uri);
		// Keyed by the text rather than the version: hosts that are not LSP clients (tests, the CLI) may reuse a URI
		// and version for another text, and the same text under a new version (a save, an undo back to it) keeps
		// its model. Comparing two strings costs far less than parsing one.
		const model = cached && cached.text === text ? cached.model : parseComposerJson(text);
		// Re-inserted last, so the first key is always the least recently used.
		this.models.set(document.uri, { text, model });
		if (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value as string);
		return model;
	}

	forget(uri: string): void {
		this.models.delete(uri);
	}
}
