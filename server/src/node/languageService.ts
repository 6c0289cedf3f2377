// The language service as the Node hosts (LSP server and CLI) build it: real file-system facts, the process
// environment and home directory for Composer's `~` / `$VAR` expansion in path and artifact URLs, and the live
// repository data when the host has a resolution service (the LSP server).
import { homedir } from 'node:os';
import { getLanguageService } from '../service/index';
import type { RepositoryDataProvider } from '../service/liveData';
import type { ComposerLanguageService } from '../service/types';
import { createNodeLocalFacts } from './localFacts';

export function createNodeLanguageService(live?: RepositoryDataProvider): ComposerLanguageService {
	return getLanguageService({ facts: createNodeLocalFacts(), env: { ...process.env }, homeDir: homedir(), ...(live ? { live } : {}) });
}
