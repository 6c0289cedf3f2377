// Settings are pulled per resource (a folder may turn validation off for itself alone) and typed once here,
// so handlers never read raw client JSON. The promise is cached per document and the whole cache is dropped
// on any configuration change. Clients without `workspace/configuration` push their settings instead.
import type { Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../../../protocol/ext';

/** The `composerRepositories.*` settings the server uses. */
export interface Settings {
	validate: { enable: boolean };
	/** Live resolution of the repositories (versions, package names, repository status). */
	resolve: { enable: boolean };
}

export { SETTINGS_SECTION };

export function defaultSettings(): Settings {
	return { validate: { enable: true }, resolve: { enable: true } };
}

/** Turns whatever the client sent for the `composerRepositories` section into Settings; bad values keep defaults. */
export function sanitizeSettings(raw: unknown): Settings {
	const settings = defaultSettings();
	if (raw && typeof raw === 'object') {
		for (const group of ['validate', 'resolve'] as const) {
			const nested = (raw as Record<string, unknown>)[group];
			const enable = nested && typeof nested === 'object' ? (nested as { enable?: unknown }).enable : undefined;
			// Flat form some clients send: { "validate.enable": false }.
			const flat = (raw as Record<string, unknown>)[`${group}.enable`];
			if (typeof enable === 'boolean') {
				settings[group].enable = enable;
			}
			if (typeof flat === 'boolean') {
				settings[group].enable = flat;
			}
		}
	}
	return settings;
}

export class SettingsCache {
	private readonly cache = new Map<string, Promise<Settings>>();
	/** Settings pushed through didChangeConfiguration, for clients that cannot be asked. */
	private pushed: Settings = defaultSettings();

	constructor(
		private readonly connection: Connection,
		private readonly canPull: () => boolean,
	) {}

	get(uri: string): Promise<Settings> {
		if (!this.canPull()) {
			return Promise.resolve(this.pushed);
		}
		let result = this.cache.get(uri);
		if (!result) {
			result = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
				(raw: unknown) => sanitizeSettings(raw),
				(error: unknown) => {
					// A client that fails the request should not silence validation; defaults apply.
					this.connection.console.warn(`[settings] workspace/configuration failed for ${uri}: ${String(error)}`);
					this.cache.delete(uri);
					return defaultSettings();
				},
			);
			this.cache.set(uri, result);
		}
		return result;
	}

	/** didChangeConfiguration: `settings` is the pushed payload (often null for pull clients). */
	changed(settings: unknown): void {
		this.cache.clear();
		if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) {
			this.pushed = sanitizeSettings((settings as Record<string, unknown>)[SETTINGS_SECTION]);
		}
	}

	forget(uri: string): void {
		this.cache.delete(uri);
	}
}
