// What one composer.json asks of the resolution service: its merged repository list (Composer's order, the
// global config merged, packagist.org last unless disabled — resolvers/repositoryList.ts), each repository's
// key, the key of the context it resolves in, and the package names it requires.
import * as path from 'node:path';
import { AUTH_SECTIONS } from '../net/credentials';
import { isPlatformPackageName } from '../composer/packageNames';
import { parseComposerJson, type ComposerDocument } from '../model/composerDocument';
import { buildRepositoryList, type LayerSource } from '../resolvers/repositoryList';
import { mergeConfigFacts } from '../resolvers/resolveContext';
import type { RepositoryDefinition } from '../resolvers/types';

export interface DocumentRepositories {
	/** The merged list in priority order, each with its key. */
	readonly entries: ReadonlyArray<{ readonly definition: RepositoryDefinition; readonly key: string }>;
	/** Key of the resolve context (folder, config facts, credentials in config). */
	readonly contextKey: string;
	/** Composer's `config` layers, global first (for the resolve context). */
	readonly configLayers: Array<Record<string, unknown>>;
	/** Lower-cased names of `require` and `require-dev`, platform packages left out. */
	readonly required: readonly string[];
}

/** Everything a context depends on besides the folder: the config facts resolvers read and credentials given in `config`. */
function contextKeyOf(baseDir: string, layers: Array<Record<string, unknown>>): string {
	const auth = layers.map((layer) => AUTH_SECTIONS.map((section) => layer[section] ?? null));
	return JSON.stringify([baseDir, mergeConfigFacts(layers), auth]);
}

/**
 * A repository is the same repository when its definition (type and every key, as written) and its context
 * are: an unchanged entry keeps its key, and its result, when another entry changes.
 */
export function repositoryKey(contextKey: string, definition: RepositoryDefinition): string {
	return JSON.stringify([contextKey, definition.config]);
}

const globalCache = { text: '', document: undefined as ComposerDocument | undefined };

function parseGlobal(text: string): ComposerDocument {
	if (globalCache.document === undefined || globalCache.text !== text) {
		globalCache.text = text;
		globalCache.document = parseComposerJson(text);
	}
	return globalCache.document;
}

export function requiredNames(document: ComposerDocument): string[] {
	const names = new Set<string>();
	for (const block of document.links) {
		if (block.section !== 'require' && block.section !== 'require-dev') {
			continue;
		}
		for (const entry of block.entries) {
			const name = entry.name.toLowerCase();
			if (name.includes('/') && !isPlatformPackageName(name)) {
				names.add(name);
			}
		}
	}
	return [...names];
}

export function readDocumentRepositories(document: ComposerDocument, file: string, global: { file: string; text: string } | undefined): DocumentRepositories {
	const project: LayerSource = { document, file };
	const list = buildRepositoryList(project, global ? { document: parseGlobal(global.text), file: global.file } : undefined);
	const contextKey = contextKeyOf(path.dirname(file), list.configLayers);
	return {
		entries: list.repositories.map((definition) => ({ definition, key: repositoryKey(contextKey, definition) })),
		contextKey,
		configLayers: list.configLayers,
		required: requiredNames(document),
	};
}
