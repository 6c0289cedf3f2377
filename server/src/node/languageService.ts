// The language service as the Node hosts (LSP server and CLI) build it: real file-system facts, the process
// environment and home directory for Composer's `~` / `$VAR` expansion in path and artifact URLs. The server
// validates on every keystroke, so it asks for cached, watched facts (cachedLocalFacts.ts); the CLI validates
// once and asks the file system directly.
import { homedir } from 'node:os';
import { getLanguageService } from '../service/index';
import type { ComposerLanguageService, LanguageServiceOptions } from '../service/types';
import { createCachedLocalFacts } from './cachedLocalFacts';
import { createNodeLocalFacts } from './localFacts';

/** `useForkCommand`: the LSP server's command id for "Use a fork…" (the CLI runs no commands). */
export function createNodeLanguageService(options: { cacheFileSystem?: boolean } & Pick<LanguageServiceOptions, 'useForkCommand'> = {}): ComposerLanguageService {
	const facts = options.cacheFileSystem ? createCachedLocalFacts() : createNodeLocalFacts();
	return getLanguageService({
		facts, env: { ...process.env }, homeDir: homedir(), ...(options.useForkCommand ? { useForkCommand: options.useForkCommand } : {}),
	});
}
