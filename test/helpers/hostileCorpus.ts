// The corpus of hostile inputs (test/fixtures/hostile/*.json), read by the validator, resolver and server tests
// alike, so that every layer is tested against the same inputs. Each file is one part of the corpus, keyed by its
// name without `.json` (definitions, resolution, …).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const HOSTILE_CORPUS_DIR = path.join(__dirname, '..', 'fixtures', 'hostile');

export function loadHostileCorpus(): Record<string, unknown> {
	const corpus: Record<string, unknown> = {};
	for (const file of fs.readdirSync(HOSTILE_CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
		corpus[file.slice(0, -'.json'.length)] = JSON.parse(fs.readFileSync(path.join(HOSTILE_CORPUS_DIR, file), 'utf8'));
	}
	return corpus;
}
