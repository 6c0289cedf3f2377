// A project for the resolution service's tests, made of real parts: a git repository with tags and a branch,
// a path repository, an artifact folder with a zip, a composer repository served on 127.0.0.1 (inline
// packages, ETag/Last-Modified), and a packagist.org stand-in on 127.0.0.1 speaking packagist's protocol
// (`metadata-url` p2 files, the `/packages/list.json` name list) that COMPOSER_REPOS_PACKAGIST_URL points at.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGitRepo, writeFiles } from './gitRepo';
import { json, startLoopbackServer, type LoopbackServer, type Route } from './loopbackServer';

export const GIT_PACKAGE = 'acme/git-lib';
export const PATH_PACKAGE = 'acme/path-lib';
export const ZIP_PACKAGE = 'acme/zip-lib';
export const COMPOSER_PACKAGE = 'acme/composer-lib';
export const PACKAGIST_PACKAGE = 'psr/log';

const dist = (name: string, version: string) => ({ type: 'zip', url: `https://dl.example.invalid/${name}/${version}.zip`, reference: 'abc' });

export interface ResolutionWorkspace {
	readonly root: string;
	/** The folder of composer.json (a second project can live in `root/other`). */
	readonly projectDir: string;
	readonly composerJson: string;
	readonly uri: string;
	readonly gitDir: string;
	readonly composer: LoopbackServer;
	readonly packagist: LoopbackServer;
	/** git, path, artifact, composer (in this order). */
	readonly repositories: Array<Record<string, unknown>>;
	/** A composer.json text: `repositories` (default: all four) and `require` (default: one name of each). */
	text(options?: { repositories?: unknown; require?: Record<string, string> }): string;
	/** The environment a server or context runs in: a private HOME, caches, and packagist.org on loopback. */
	readonly env: Record<string, string>;
	close(): Promise<void>;
}

const SYLLABLES = ['ac', 'bel', 'cor', 'dex', 'el', 'fan', 'gor', 'hub', 'in', 'jet', 'kal', 'lo', 'mar', 'nex', 'or', 'pix', 'qu', 'ras', 'sol', 'tor', 'ul', 'vex', 'wal', 'xen', 'yo', 'zet'];
const WORDS = ['api', 'bundle', 'client', 'sdk', 'bridge', 'cache', 'http', 'log', 'queue', 'auth', 'form', 'admin', 'theme', 'plugin', 'module', 'test', 'util', 'core', 'data', 'php'];

/**
 * Names of the packagist stand-in's list: a few real ones, then `count` in all of packagist's shape
 * (`vendor/words-joined-by-dashes`, about 25 characters), from a fixed seed so every run sees the same list.
 */
export function packagistNames(count: number): string[] {
	const names = [PACKAGIST_PACKAGE, 'psr/container', 'monolog/monolog', 'symfony/console', 'symfony/console-helper'].slice(0, count);
	// mulberry32: a small PRNG with a full period, so the names do not repeat.
	let seed = 42;
	const next = (n: number) => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) % n);
	};
	const word = () => Array.from({ length: 2 + next(2) }, () => SYLLABLES[next(SYLLABLES.length)]).join('');
	const vendors = Array.from({ length: Math.max(1, Math.ceil(count / 8)) }, word);
	const seen = new Set(names);
	while (seen.size < count) {
		const parts = Array.from({ length: 1 + next(3) }, () => (next(2) ? word() : WORDS[next(WORDS.length)]));
		seen.add(`${vendors[next(vendors.length)]}/${parts.join('-')}${next(4) === 0 ? next(100) : ''}`);
	}
	return [...seen];
}

export async function createResolutionWorkspace(options: { composerRoutes?: Record<string, Route>; listSize?: number } = {}): Promise<ResolutionWorkspace> {
	const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-resolution-')));
	const projectDir = path.join(root, 'project');
	fs.mkdirSync(projectDir, { recursive: true });

	const gitDir = buildGitRepo({
		steps: [
			{ commit: { 'composer.json': { name: GIT_PACKAGE, description: 'A library in git' } } },
			{ tag: 'v1.0.0' },
			{ commit: { 'README.md': 'x' } },
			{ tag: 'v1.1.0' },
			{ branch: 'feature' },
			{ commit: { 'NOTES.md': 'y' } },
			{ checkout: 'main' },
		],
	}, path.join(root, 'git-lib'));

	writeFiles(path.join(projectDir, 'packages', 'path-lib'), { 'composer.json': { name: PATH_PACKAGE, version: '2.0.0', description: 'A library on disk' } });

	const zipSource = path.join(root, 'zip-src');
	writeFiles(zipSource, { 'composer.json': { name: ZIP_PACKAGE, version: '3.0.0' } });
	fs.mkdirSync(path.join(projectDir, 'artifacts'));
	execFileSync('zip', ['-q', path.join(projectDir, 'artifacts', 'zip-lib-3.0.0.zip'), 'composer.json'], { cwd: zipSource });

	const composer = await startLoopbackServer({
		conditional: true,
		routes: {
			'/packages.json': json({
				packages: {
					[COMPOSER_PACKAGE]: {
						'1.0.0': { name: COMPOSER_PACKAGE, version: '1.0.0', dist: dist(COMPOSER_PACKAGE, '1.0.0') },
						'1.2.0': { name: COMPOSER_PACKAGE, version: '1.2.0', description: 'A library in a composer repository', dist: dist(COMPOSER_PACKAGE, '1.2.0') },
					},
				},
			}),
			...options.composerRoutes,
		},
	});

	const names = packagistNames(options.listSize ?? 50);
	const packagist = await startLoopbackServer({
		conditional: true,
		routes: {
			'/packages.json': json({ packages: [], 'metadata-url': '/p2/%package%.json', list: '/packages/list.json', 'providers-url': '/p/%package%$%hash%.json' }),
			'/packages/list.json': json({ packageNames: names }),
			[`/p2/${PACKAGIST_PACKAGE}.json`]: json({
				minified: 'composer/2.0',
				packages: {
					[PACKAGIST_PACKAGE]: [
						{ name: PACKAGIST_PACKAGE, description: 'Common interface for logging libraries', homepage: 'https://github.com/php-fig/log', version: '3.0.2', version_normalized: '3.0.2.0', source: { type: 'git', url: 'https://github.com/php-fig/log.git', reference: 'f16e1d5863e37f8d8c2a01719f5b34baa2b714d3' }, dist: dist(PACKAGIST_PACKAGE, '3.0.2') },
						{ version: '2.0.0', version_normalized: '2.0.0.0', dist: dist(PACKAGIST_PACKAGE, '2.0.0') },
						{ version: '1.1.4', version_normalized: '1.1.4.0', dist: dist(PACKAGIST_PACKAGE, '1.1.4') },
					],
				},
			}),
			[`/p2/${PACKAGIST_PACKAGE}~dev.json`]: json({ packages: { [PACKAGIST_PACKAGE]: [{ name: PACKAGIST_PACKAGE, version: 'dev-master', version_normalized: 'dev-master', 'default-branch': true, extra: { 'branch-alias': { 'dev-master': '3.x-dev' } }, dist: dist(PACKAGIST_PACKAGE, 'dev-master') }] } }),
			'/p2/monolog/monolog.json': json({ packages: { 'monolog/monolog': [{ name: 'monolog/monolog', version: '3.5.0', version_normalized: '3.5.0.0', description: 'Sends your logs to files, sockets, inboxes, databases and various web services', dist: dist('monolog/monolog', '3.5.0') }] } }),
			'/p2/monolog/monolog~dev.json': json({ packages: { 'monolog/monolog': [] } }),
		},
	});

	const repositories: Array<Record<string, unknown>> = [
		{ type: 'vcs', url: gitDir },
		{ type: 'path', url: 'packages/*' },
		{ type: 'artifact', url: 'artifacts/' },
		{ type: 'composer', url: composer.url },
	];
	const home = path.join(root, 'home');
	fs.mkdirSync(home);
	const text: ResolutionWorkspace['text'] = (o = {}) => JSON.stringify({
		name: 'acme/project',
		repositories: o.repositories ?? repositories,
		require: o.require ?? { [GIT_PACKAGE]: '^1.0', [PATH_PACKAGE]: '^2.0', [ZIP_PACKAGE]: '^3.0', [COMPOSER_PACKAGE]: '^1.2', [PACKAGIST_PACKAGE]: '^3.0', php: '>=8.1' },
		config: { 'secure-http': false },
	}, null, 4) + '\n';
	const composerJson = path.join(projectDir, 'composer.json');
	return {
		root, projectDir, composerJson, uri: pathToFileURL(composerJson).toString(), gitDir, composer, packagist, repositories, text,
		env: {
			HOME: home, COMPOSER_HOME: path.join(home, 'composer'), XDG_CACHE_HOME: path.join(home, 'cache'),
			COMPOSER_REPOS_PACKAGIST_URL: packagist.url,
			COMPOSER_REPOS_GITHUB_API_URL: 'http://127.0.0.1:9', COMPOSER_REPOS_GITLAB_URL: 'http://127.0.0.1:9', COMPOSER_REPOS_BITBUCKET_API_URL: 'http://127.0.0.1:9',
		},
		async close() {
			await Promise.all([composer.close(), packagist.close()]);
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}
