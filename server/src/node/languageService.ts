// The language service as the Node hosts (LSP server and CLI) build it: real file-system facts, the process
// environment and home directory for Composer's `~` / `$VAR` expansion in path and artifact URLs.
import { homedir } from 'node:os';
import { getLanguageService } from '../service/index';
import type { ComposerLanguageService, LanguageServiceOptions } from '../service/types';
import { createNodeLocalFacts } from './localFacts';

/** `extra`: what only one host adds (the LSP server: its command ids). */
export function createNodeLanguageService(extra: Pick<LanguageServiceOptions, 'useForkCommand'> = {}): ComposerLanguageService {
	return getLanguageService({ facts: createNodeLocalFacts(), env: { ...process.env }, homeDir: homedir(), ...extra });
}
