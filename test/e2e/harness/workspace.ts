// A fresh run folder for one code-server session: user data with quiet settings, an empty extensions folder
// and a workspace holding the composer.json under test.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A composer.json a person might really write: a pear repository (removed in Composer 2) among valid ones,
 * and an entry whose type is still empty, where the test asks for completions. Its name is a package the fake
 * Packagist and GitHub (harness/fakeHooks.ts) know, for "Check Packagist Hook Status". */
export const COMPOSER_JSON = `{
    "name": "acme/shop",
    "description": "Storefront for the ACME catalogue",
    "repositories": [
        {
            "type": "vcs",
            "url": "https://github.com/acme/payment-gateway"
        },
        {
            "type": "pear",
            "url": "https://pear.php.net"
        },
        {
            "type": "",
            "url": "https://git.example.com/acme/legacy-tools.git"
        }
    ],
    "require": {
        "php": ">=8.1",
        "acme/payment-gateway": "^2.3"
    }
}
`;

export interface Position {
	/** 1-based, as VS Code's status bar and Problems panel show them. */
	line: number;
	column: number;
}

/** 1-based position just after `needle` (the `n`-th occurrence, 0-based) in the text. */
export function positionAfter(text: string, needle: string, n = 0): Position {
	let index = -1;
	for (let i = 0; i <= n; i++) {
		index = text.indexOf(needle, index + 1);
		if (index < 0) {
			throw new Error(`'${needle}' #${n} not found`);
		}
	}
	const before = text.slice(0, index + needle.length);
	const line = before.split('\n').length;
	return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Between the quotes of the empty type value. */
export const COMPLETION_AT = positionAfter(COMPOSER_JSON, '"type": "', 2);
/** The package name in COMPOSER_JSON. */
export const PACKAGE_NAME = 'acme/shop';
/** The line of the pear repository's type. */
export const PEAR_LINE = positionAfter(COMPOSER_JSON, '"type": "pear"').line;

const SETTINGS = {
	'workbench.startupEditor': 'none',
	'security.workspace.trust.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	// No schema downloads: the built-in JSON support must not answer for our completions.
	'json.schemaDownload.enable': false,
	'npm.fetchOnlinePackageInfo': false,
	'workbench.enableExperiments': false,
	'workbench.tips.enabled': false,
	'chat.disableAIFeatures': true,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'git.enabled': false,
	// Screenshots for the README: no minimap, no sticky scroll over the code.
	'editor.minimap.enabled': false,
	'editor.stickyScroll.enabled': false,
	// Suggestions only when the test asks for them, and only from language servers: word-based suggestions
	// would offer "vcs" from the document's own text.
	'editor.quickSuggestions': { other: false, comments: false, strings: false },
	'editor.wordBasedSuggestions': 'off',
};

export interface RunFolder {
	dir: string;
	userData: string;
	extensions: string;
	workspace: string;
	config: string;
}

/** `extraUserSettings`: added to the user settings.json (e.g. the hooks' base URLs, which are user-level only). */
export function createRunFolder(extraUserSettings: Record<string, unknown> = {}): RunFolder {
	const dir = mkdtempSync(join(tmpdir(), 'composer-repos-e2e-'));
	const run: RunFolder = {
		dir,
		userData: join(dir, 'user-data'),
		extensions: join(dir, 'extensions'),
		workspace: join(dir, 'shop'),
		config: join(dir, 'config.yaml'),
	};
	mkdirSync(join(run.userData, 'User'), { recursive: true });
	mkdirSync(run.extensions);
	mkdirSync(run.workspace);
	writeFileSync(join(run.userData, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...extraUserSettings }, null, '\t'));
	writeFileSync(join(run.workspace, 'composer.json'), COMPOSER_JSON);
	// An explicit config: without one, code-server writes ~/.config/code-server/config.yaml.
	writeFileSync(run.config, 'auth: none\ncert: false\n');
	return run;
}
