// The ordered repository list as Composer's Config::merge builds it: defaults (packagist.org), then
// COMPOSER_HOME/config.json, then the project composer.json. Each layer is walked backwards over the reversed
// list so that project repositories come first and packagist.org last; `false` entries (keyed or `{"x": false}`)
// disable a name, `packagist` is the old alias of `packagist.org`, and redefining packagist drops the default.
// Keys keep their file order as PHP does (a JS object would move integer-like keys to the front).
import { redact } from '../net/credentials';
import * as l10n from '@vscode/l10n';
import { getNodeValue } from 'jsonc-parser';
import { getProperty, toObjectInfo, type ComposerDocument } from '../model/composerDocument';
import type { RepositoryDefinition } from './types';

export const PACKAGIST_URL = 'https://repo.packagist.org';

type Key = string | number;
/** `origin`: the entry's index in the project composer.json's block (the model's RepositoryEntry.index). */
interface Entry { key: Key; value: unknown; origin?: number }

export interface ListError { repository: string; message: string }

export interface RepositoryList {
	repositories: RepositoryDefinition[];
	/** Entries that cannot become a repository (Composer would stop there; we go on with the others). */
	errors: ListError[];
	/** Composer's `config` object of each layer, global first. */
	configLayers: Array<Record<string, unknown>>;
}

export interface LayerSource {
	/** The file's model (composer.json, or COMPOSER_HOME/config.json parsed the same way). */
	document: ComposerDocument;
	/** How to name the file in messages. */
	file: string;
}

/** PHP turns canonical decimal-integer string keys into integers. */
function phpKey(key: string): Key {
	return /^(0|-?[1-9][0-9]*)$/.test(key) && Number.isSafeInteger(Number(key)) ? Number(key) : key;
}

/**
 * Top-level `repositories` entries of one file, read from the project's one model of composer.json, in file
 * order; a duplicate key keeps its first position and its last value, as PHP's json_decode does.
 */
function readLayer(source: LayerSource, isProject: boolean): { entries: Entry[] | undefined; config: Record<string, unknown>; error?: string } {
	const doc = source.document;
	// Composer's JsonFile refuses what PHP's json_decode refuses: any syntax error, a BOM, too deep a nesting.
	if (!doc.rootObject || doc.syntaxErrors.length > 0 || doc.bom || doc.tooDeepAt !== undefined) {
		return { entries: undefined, config: {}, error: l10n.t('"{0}" does not contain valid JSON', source.file) };
	}
	const configNode = getProperty(doc.rootObject, 'config')?.valueNode;
	const config = configNode?.type === 'object' ? getNodeValue(configNode) as Record<string, unknown> : {};
	const reposNode = doc.repositories?.property.valueNode;
	if (!reposNode) {
		return { entries: [], config };
	}
	const entries: Entry[] = [];
	const put = (key: Key, value: unknown, index: number) => {
		const origin = isProject ? index : undefined;
		const existing = entries.find((e) => e.key === key);
		if (existing) {
			existing.value = value;
			existing.origin = origin;
		} else {
			entries.push({ key, value, origin });
		}
	};
	if (reposNode.type === 'array') {
		(reposNode.children ?? []).forEach((child, i) => put(i, getNodeValue(child), i));
	} else if (reposNode.type === 'object') {
		let index = 0;
		for (const property of toObjectInfo(reposNode)?.properties ?? []) {
			if (property.valueNode) {
				put(phpKey(property.key), getNodeValue(property.valueNode), index++);
			}
		}
	}
	return { entries, config };
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One Config::merge step over the current list `list` (mutated copy returned). */
function mergeLayer(list: Entry[], layer: Entry[]): Entry[] {
	if (layer.length === 0) {
		return list;
	}
	const r: Entry[] = [...list].reverse();
	const disable = (name: string) => {
		let i = r.findIndex((e) => String(e.key) === name);
		if (i < 0 && name === 'packagist') {
			i = r.findIndex((e) => e.key === 'packagist.org');
		}
		if (i >= 0) {
			r.splice(i, 1);
		}
	};
	const set = (key: Key, value: unknown, origin: number | undefined) => {
		const i = r.findIndex((e) => e.key === key);
		if (i >= 0) {
			r[i] = { key, value, origin };
		} else {
			r.push({ key, value, origin });
		}
	};
	for (const { key, value, origin } of [...layer].reverse()) {
		if (value === false) {
			disable(String(key));
			continue;
		}
		const asArray = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : undefined;
		if (asArray && asArray.length === 1 && asArray[0] === false) {
			disable(Array.isArray(value) ? '0' : Object.keys(value as object)[0]);
			continue;
		}
		if (isObject(value) && value.type === 'composer' && typeof value.url === 'string' && /^https?:\/\/(?:[a-z0-9-.]+\.)?packagist.org(\/|$)/.test(value.url)) {
			disable('packagist.org');
		}
		if (typeof key === 'number') {
			const ints = r.map((e) => e.key).filter((k): k is number => typeof k === 'number');
			r.push({ key: ints.length ? Math.max(-1, ...ints) + 1 : 0, value, origin });
		} else if (key === 'packagist') {
			set('packagist.org', value, origin);
		} else {
			set(key, value, origin);
		}
	}
	return r.reverse();
}

/** Url::sanitize: credentials in URLs are masked before they reach a label or message. */
export function sanitizeUrl(url: string): string {
	// One redaction rule for labels and messages alike (net/credentials.ts).
	return redact(url);
}

/** A readable label in Composer's getRepoName() style. */
export function repositoryLabel(key: Key, config: Record<string, unknown>): string {
	if (key === 'packagist.org' && config.type === 'composer' && config.url === PACKAGIST_URL) {
		return 'packagist.org';
	}
	const url = typeof config.url === 'string' ? sanitizeUrl(config.url) : '';
	const type = typeof config.type === 'string' ? config.type : '?';
	let label: string;
	if (type === 'package') {
		const raw = config.package;
		const n = Array.isArray(raw) ? raw.length : isObject(raw) && /^\d+$/.test(Object.keys(raw)[0] ?? '') ? Object.keys(raw).length : 1;
		label = `package repo (defining ${n} package${n > 1 ? 's' : ''})`;
	} else {
		label = `${type} repo (${url})`;
	}
	return typeof key === 'string' ? `${key}: ${label}` : label;
}

/**
 * Builds the merged list. `project` is composer.json; `global` is COMPOSER_HOME/config.json if it exists.
 * Entries that are not objects or have no type become `errors` with Composer's messages.
 */
export function buildRepositoryList(project: LayerSource, global?: LayerSource): RepositoryList {
	const errors: ListError[] = [];
	const configLayers: Array<Record<string, unknown>> = [];
	let list: Entry[] = [{ key: 'packagist.org', value: { type: 'composer', url: PACKAGIST_URL } }];
	for (const source of global ? [global, project] : [project]) {
		const layer = readLayer(source, source === project);
		if (layer.error) {
			errors.push({ repository: source.file, message: layer.error });
			continue;
		}
		configLayers.push(layer.config);
		list = mergeLayer(list, layer.entries ?? []);
	}
	const repositories: RepositoryDefinition[] = [];
	for (const { key, value, origin } of list) {
		if (typeof value === 'string') {
			errors.push({ repository: String(key), message: l10n.t('"repositories" should be an array of repository definitions, only a single repository was given') });
			continue;
		}
		if (!isObject(value) && !Array.isArray(value)) {
			errors.push({ repository: String(key), message: l10n.t('Repository "{0}" ({1}) should be an array, {2} given', String(key), JSON.stringify(value), value === null ? 'NULL' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'double') : typeof value) });
			continue;
		}
		const config = (Array.isArray(value) ? { ...value } : value) as Record<string, unknown>;
		if (config.type === undefined || config.type === null) {
			errors.push({ repository: String(key), message: l10n.t('Repository "{0}" ({1}) must have a type defined', String(key), JSON.stringify(value)) });
			continue;
		}
		repositories.push({ key, config, label: repositoryLabel(key, config), ...(origin !== undefined ? { entryIndex: origin } : {}) });
	}
	return { repositories, errors, configLayers };
}
