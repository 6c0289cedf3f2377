// The language service as the Node hosts (LSP server and CLI) build it: real file-system facts, the process
// environment and home directory for Composer's `~` / `$VAR` expansion in path and artifact URLs. The server
// validates on every keystroke, so it asks for cached, watched facts (cachedLocalFacts.ts); the CLI validates
// once and asks the file system directly. The server also passes its resolution service as the live data.
import { homedir } from 'node:os';
import { getLanguageService } from '../service/index';
import type { RepositoryDataProvider } from '../service/liveData';
import type { ComposerLanguageService } from '../service/types';
import { createCachedLocalFacts } from './cachedLocalFacts';
import { createNodeLocalFacts } from './localFacts';

export function createNodeLanguageService(options: { cacheFileSystem?: boolean; live?: RepositoryDataProvider } = {}): ComposerLanguageService {
	const facts = options.cacheFileSystem ? createCachedLocalFacts() : createNodeLocalFacts();
	return getLanguageService({ facts, env: { ...process.env }, homeDir: homedir(), ...(options.live ? { live: options.live } : {}) });
}
