// The resolution service as the Node language server builds it: resolve contexts from
// resolvers/resolveContext.ts (config facts, auth.json credentials, the HTTP client with the on-disk cache the
// CLI uses too), one process runner, COMPOSER_HOME/config.json, and the local PHP for platform packages.
import * as os from 'node:os';
import { redact } from '../net/credentials';
import { NodeProcessRunner } from '../net/processRunner';
import { defaultRegistry } from '../resolvers/registry';
import { createNodeResolveContext, readGlobalConfig } from '../resolvers/resolveContext';
import { probePlatform } from './platform';
import { ResolutionService } from './resolutionService';
import type { ResolutionOptions } from './types';

export interface NodeResolutionOptions extends ResolutionOptions {
	/** Environment of the server: PATH, COMPOSER_HOME, auth variables, COMPOSER_REPOS_*_URL base URLs. */
	env?: Record<string, string | undefined>;
	homeDir?: string;
	uriToPath(uri: string): string | undefined;
	log(line: string): void;
	trace?(line: string): void;
	/** Workspace trust at start (a standalone server without initializationOptions is trusted). */
	trusted: boolean;
}

export function createNodeResolution(options: NodeResolutionOptions): ResolutionService {
	const env = options.env ?? { ...process.env };
	const homeDir = options.homeDir ?? env.HOME ?? os.homedir();
	const processes = new NodeProcessRunner({ env: env as NodeJS.ProcessEnv });
	const trace = (line: string) => options.trace?.(redact(line));
	return new ResolutionService({
		registry: defaultRegistry(),
		createContext: (composerJson, configLayers) => createNodeResolveContext({ composerJson, configLayers, env, homeDir, processes, log: trace }),
		readGlobalConfig: () => readGlobalConfig(env, homeDir),
		uriToPath: options.uriToPath,
		probePlatform: (signal) => probePlatform(processes, signal, os.tmpdir()),
		log: (line) => options.log(redact(line)),
		trace,
		memory: () => {
			// A server started with --expose-gc (the benchmark) reports what is live, not what awaits collection.
			(globalThis as { gc?: () => void }).gc?.();
			const { rss, heapUsed, external } = process.memoryUsage();
			return { rss, heapUsed, external };
		},
	}, options.trusted, options);
}
