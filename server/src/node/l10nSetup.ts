// Chooses the translation bundle for the server and the CLI. Messages are written in English in the code
// (`l10n.t('English text')`), so English needs no bundle; any other locale loads
// `l10n/bundle.l10n.<locale>.json`, found next to the bundled `dist/` folder (the layout of the .vsix and of
// the npm package). A locale without a bundle, or a broken bundle, falls back to English without a word to
// the user: a missing translation must never stop validation.
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface L10nResult {
	/** The locale whose bundle was loaded; undefined when English is used. */
	locale?: string;
	/** The bundle file that was loaded. */
	bundlePath?: string;
	/** Why a bundle that exists could not be used (for a log line; never shown as an error). */
	problem?: string;
}

/** `ko_KR.UTF-8` → `ko-kr`; `C`, `POSIX` and empty → undefined (they mean "no preference"). */
export function normalizeLocale(raw: string | undefined): string | undefined {
	if (!raw) {
		return undefined;
	}
	const base = raw.trim().split(/[.@]/)[0].replace(/_/g, '-').toLowerCase();
	if (!base || base === 'c' || base === 'posix') {
		return undefined;
	}
	return base;
}

/** Bundle names to try for a locale, most specific first: `zh-tw` → [`zh-tw`, `zh`]. */
export function localeCandidates(locale: string): string[] {
	const out = [locale];
	const dash = locale.indexOf('-');
	if (dash > 0) {
		out.push(locale.slice(0, dash));
	}
	return out;
}

/**
 * The `l10n` folder: `<dist>/../l10n` when running bundled, found by walking up from this module otherwise
 * (running from source under tsx, where this file lives in server/src/).
 */
export function findL10nDir(startDir: string = __dirname): string | undefined {
	let dir = startDir;
	for (let i = 0; i < 5; i++) {
		const candidate = join(dir, 'l10n');
		if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) {
			return candidate;
		}
		const parent = dirname(dir);
		if (parent === dir) {
			break;
		}
		dir = parent;
	}
	return undefined;
}

/** Loads the bundle for `locale` (English when undefined or `en*`, or when no bundle exists). */
export function configureL10n(locale: string | undefined, l10nDir: string | undefined = findL10nDir()): L10nResult {
	const normalized = normalizeLocale(locale);
	// Reset first so that a second call (tests, re-initialisation) never keeps a stale language.
	l10n.config({ contents: {} });
	if (!normalized || normalized === 'en' || normalized.startsWith('en-') || !l10nDir) {
		return {};
	}
	for (const candidate of localeCandidates(normalized)) {
		const bundlePath = join(l10nDir, `bundle.l10n.${candidate}.json`);
		if (!existsSync(bundlePath)) {
			continue;
		}
		try {
			const contents = JSON.parse(readFileSync(bundlePath, 'utf8')) as l10n.l10nJsonFormat;
			l10n.config({ contents });
			return { locale: candidate, bundlePath };
		} catch (error) {
			return { problem: `${bundlePath}: ${error instanceof Error ? error.message : String(error)}` };
		}
	}
	return {};
}

/** The server's locale: VS Code passes it in initializationOptions; VSCODE_NLS_CONFIG is the older channel. */
export function serverLocale(initializationOptions: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
	if (initializationOptions && typeof initializationOptions === 'object') {
		const locale = (initializationOptions as { locale?: unknown }).locale;
		if (typeof locale === 'string' && locale) {
			return locale;
		}
	}
	const nls = env.VSCODE_NLS_CONFIG;
	if (nls) {
		try {
			const parsed = JSON.parse(nls) as { locale?: unknown };
			if (typeof parsed.locale === 'string' && parsed.locale) {
				return parsed.locale;
			}
		} catch {
			// A malformed VSCODE_NLS_CONFIG only means we cannot tell; English is the fallback.
		}
	}
	return undefined;
}

/** The CLI's locale: `--locale` wins, then the POSIX variables in their precedence order. */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
	return flag || env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}
