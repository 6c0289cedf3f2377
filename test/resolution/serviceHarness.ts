// The resolution service over a ResolutionWorkspace, the way the Node server builds it (real resolve contexts,
// the real HTTP client and its disk cache, real git and PHP) with every process recorded and a clock the test
// can move. `settle` waits for the service to say it has nothing pending, on its own change events.
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseComposerJson, type ComposerDocument } from '../../server/src/model/composerDocument';
import { probePlatform } from '../../server/src/resolution/platform';
import { ResolutionService } from '../../server/src/resolution/resolutionService';
import type { ResolutionOptions } from '../../server/src/resolution/types';
import { defaultRegistry } from '../../server/src/resolvers/registry';
import { createNodeResolveContext } from '../../server/src/resolvers/resolveContext';
import type { RepositorySnapshot } from '../../server/src/service/liveData';
import type { ResolutionWorkspace } from '../helpers/resolutionWorkspace';
import { RecordingRunner } from '../helpers/vcsDriverContext';

const DEADLINE_MS = 20_000;

export interface ServiceHarness {
	service: ResolutionService;
	runner: RecordingRunner;
	logs: string[];
	clock: { now: number };
	changes: number;
	/** Commands run, as `git …` lines, PHP left out. */
	vcsCommands(): string[];
	/** Hands `document` to the service (as validation does) and waits until its snapshot has nothing pending. */
	settle(uri: string, document: ComposerDocument): Promise<RepositorySnapshot>;
	/** Waits for `accept` to hold, checked on every change event. */
	until(accept: () => boolean, what: string): Promise<void>;
}

export function serviceHarness(ws: ResolutionWorkspace, options: ResolutionOptions & { trusted?: boolean; env?: Record<string, string> } = {}): ServiceHarness {
	const runner = new RecordingRunner();
	const logs: string[] = [];
	const clock = { now: Date.now() };
	const env = { PATH: process.env.PATH ?? '', ...ws.env, ...options.env };
	const waiters = new Set<() => void>();
	const service = new ResolutionService({
		registry: defaultRegistry(),
		createContext: (composerJson, configLayers) => createNodeResolveContext({
			composerJson, configLayers, env, homeDir: ws.env.HOME, processes: runner, log: (line) => logs.push(line),
		}),
		readGlobalConfig: () => undefined,
		uriToPath: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
		probePlatform: (signal) => probePlatform(runner, signal, os.tmpdir()),
		log: (line) => logs.push(line),
		now: () => clock.now,
	}, options.trusted ?? true, options);
	const harness: ServiceHarness = {
		service, runner, logs, clock, changes: 0,
		vcsCommands: () => runner.lines().filter((l) => !l.startsWith('php ')),
		async until(accept, what) {
			if (accept()) {
				return;
			}
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`${what}: not within ${DEADLINE_MS} ms; log:\n${logs.join('\n')}`));
				}, DEADLINE_MS);
				const check = () => {
					if (accept()) {
						clearTimeout(timer);
						waiters.delete(check);
						resolve();
					}
				};
				waiters.add(check);
			});
		},
		async settle(uri, document) {
			// As the server does on validation: the document's required names are asked for.
			service.update(uri, document);
			let snapshot = service.snapshot(document, uri);
			await harness.until(() => {
				snapshot = service.snapshot(document, uri);
				return snapshot !== undefined && !snapshot.pending;
			}, `resolution of ${uri} settling`);
			return snapshot!;
		},
	};
	service.onDidChange(() => {
		harness.changes++;
		for (const w of [...waiters]) {
			w();
		}
	});
	return harness;
}

export function model(text: string): ComposerDocument {
	return parseComposerJson(text);
}
