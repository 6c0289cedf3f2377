// Typed access to the hostile repository definitions of the corpus (test/fixtures/hostile/definitions.json).
import type { UnsafeReason } from '../../server/src/composer/commandSafety';
import { loadHostileCorpus } from './hostileCorpus';

export interface HostileDefinition {
	id: string;
	repository: Record<string, unknown>;
	/** What the editor flags in the definition as written, or null when nothing in it is unsafe as such. */
	unsafe: { field: string; reason: UnsafeReason } | null;
	/** The resolver answers with an error value and starts no process. */
	refused: boolean;
	env?: Record<string, string>;
	wouldHave: string;
}

interface DefinitionsFile {
	definitions: HostileDefinition[];
	ordinary: Record<string, unknown>[];
}

/** Replaces `{marker}` in every string of `value` (the file a command in the definition would create). */
function withMarker<T>(value: T, marker: string): T {
	return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? v.split('{marker}').join(marker) : v)) as T;
}

function definitionsFile(): DefinitionsFile {
	const file = loadHostileCorpus().definitions as DefinitionsFile | undefined;
	if (!file || !Array.isArray(file.definitions) || !Array.isArray(file.ordinary)) {
		throw new Error('test/fixtures/hostile/definitions.json is missing or malformed');
	}
	return file;
}

export function hostileDefinitions(marker = 'composer-repos-pwned'): HostileDefinition[] {
	return withMarker(definitionsFile().definitions, marker);
}

export function hostileDefinition(id: string, marker?: string): HostileDefinition {
	const found = hostileDefinitions(marker).find((d) => d.id === id);
	if (!found) {
		throw new Error(`no hostile definition "${id}" in the corpus`);
	}
	return found;
}

/** Definitions that look unusual but are fine: nothing may flag them. */
export function ordinaryDefinitions(): Record<string, unknown>[] {
	return definitionsFile().ordinary;
}

/** The urls of the corpus's definitions of `type` that the editor flags on their url (`{marker}` replaced by `marker`). */
export function hostileUrls(type: string, marker: string): string[] {
	return hostileDefinitions(marker).filter((d) => d.repository.type === type && d.unsafe?.field === 'url').map((d) => String(d.repository.url));
}
