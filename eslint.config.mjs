// Lint: the import boundaries between the layers (docs/architecture.md) and the house style. `npm run lint`;
// `npm test` runs it too. Style rules follow the style most of the code already had, so that a fix is small.
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint/layerImports.mjs';

const root = import.meta.dirname;

/** What each folder may import. A folder that is not listed (tests, scripts, bench) may import anything. */
const LAYERS = [
	// The pure core: no Node, no process, no network, no editor. Each imports only the layers below it.
	{ dir: 'server/src/semver', mayImport: [], packages: ['@vscode/l10n'] },
	{ dir: 'server/src/composer', mayImport: ['server/src/semver'], packages: ['@vscode/l10n'] },
	{ dir: 'server/src/composerPaths', mayImport: ['server/src/semver'], packages: ['@vscode/l10n'] },
	{
		dir: 'server/src/model',
		mayImport: ['server/src/composer', 'server/src/semver'],
		packages: ['jsonc-parser', 'vscode-languageserver-types', 'vscode-languageserver-textdocument', '@vscode/l10n'],
	},
	{
		dir: 'server/src/service',
		mayImport: ['server/src/model', 'server/src/composer', 'server/src/composerPaths', 'server/src/semver', 'schemas'],
		packages: ['jsonc-parser', 'vscode-languageserver-types', 'vscode-languageserver-textdocument', '@vscode/l10n', 'ajv'],
	},
	// The Node side: I/O is allowed, but never upwards.
	{
		dir: 'server/src/net',
		mustNotImport: ['server/src/resolvers', 'server/src/resolution', 'server/src/service', 'server/src/lsp', 'server/src/cli'],
		bannedPackages: ['vscode'],
	},
	{ dir: 'server/src/resolvers', mustNotImport: ['server/src/service', 'server/src/lsp', 'server/src/cli'], bannedPackages: ['vscode'] },
	{ dir: 'server/src/resolution', mustNotImport: ['server/src/lsp', 'server/src/cli'], bannedPackages: ['vscode'] },
	// The Packagist auto-update engine: the CLI's `hooks` and the server's requests (lsp/hookRequests.ts) both call it.
	{ dir: 'server/src/hooks', mustNotImport: ['server/src/service', 'server/src/lsp', 'server/src/cli'], bannedPackages: ['vscode'] },
	{ dir: 'server/src/node', mustNotImport: ['server/src/lsp', 'server/src/cli'], bannedPackages: ['vscode'] },
	{ dir: 'server/src/lsp', mustNotImport: ['server/src/cli'], bannedPackages: ['vscode'] },
	{ dir: 'server/src/cli', bannedPackages: ['vscode'] },
	// The client runs inside VS Code; the server is a separate process it talks to only through protocol/.
	{ dir: 'client', mayImport: ['protocol'] },
	{ dir: 'protocol', mayImport: [], bannedPackages: ['vscode', 'node:*'] },
];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'tmp/**', '.tsbuild/**'] },
	{
		files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
		languageOptions: {
			parser: tseslint.parser,
			ecmaVersion: 2022,
			sourceType: 'module',
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		plugins: { '@stylistic': stylistic, '@typescript-eslint': tseslint.plugin, layers },
		rules: {
			'layers/layer-imports': ['error', { root, layers: LAYERS }],

			// Single-line bodies may go without braces (`if (!x) return;`); a body on its own line is braced.
			curly: ['error', 'multi-line'],
			'@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
			'@stylistic/max-len': ['error', {
				code: 160,
				tabWidth: 4,
				ignoreStrings: true,
				ignoreTemplateLiterals: true,
				ignoreRegExpLiterals: true,
				ignoreUrls: true,
			}],
			'@stylistic/indent': ['error', 'tab'],
			'@stylistic/no-mixed-spaces-and-tabs': 'error',
			'@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
			'@stylistic/semi': ['error', 'always'],
			'@stylistic/eol-last': ['error', 'always'],
			'@stylistic/no-trailing-spaces': 'error',
			'@stylistic/comma-dangle': ['error', 'always-multiline'],
			'@stylistic/member-delimiter-style': 'error',
			'@stylistic/keyword-spacing': 'error',
			'@stylistic/space-before-blocks': 'error',
			'@stylistic/arrow-parens': ['error', 'always'],
			'@stylistic/arrow-spacing': 'error',
			'@stylistic/block-spacing': 'error',
			'@stylistic/comma-spacing': 'error',
			'@stylistic/key-spacing': 'error',
			'@stylistic/no-extra-semi': 'error',
			'@stylistic/no-multi-spaces': 'error',
			'@stylistic/no-multiple-empty-lines': ['error', { max: 1 }],
			'@stylistic/operator-linebreak': ['error', 'before'],
			'@stylistic/padded-blocks': ['error', 'never'],
			'@stylistic/semi-spacing': 'error',
			'@stylistic/space-before-function-paren': ['error', { anonymous: 'always', named: 'never', asyncArrow: 'always' }],
			'@stylistic/space-in-parens': 'error',
			'@stylistic/space-infix-ops': 'error',
			'@stylistic/type-annotation-spacing': 'error',
			'@typescript-eslint/no-require-imports': 'error',
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			'no-var': 'error',
			'prefer-const': 'error',
		},
	},
);
