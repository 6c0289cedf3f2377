// schemas/composer-repositories.schema.json: compiles in ajv's strict mode, accepts the real-world corpus (as
// does Composer's own schema, Debian's copy), rejects wrong value types at the right place, and agrees with the
// catalog that completion and hover read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { COMMON_KEYS, DIST_KEYS, INLINE_PACKAGE_KEYS, PATH_OPTION_KEYS, REPOSITORY_TYPES, SOURCE_KEYS, type KeySpec, type ValueKind } from '../../server/src/service/catalog';
import { E, W, expectDiagnostics, repos } from './validationHarness';
import { REPOSITORIES_SCHEMA, SCHEMA_REPOSITORY_TYPES, validateRepositoriesBlock, validateRepositoryEntry } from '../../server/src/service/schema';

const corpus = path.join(__dirname, '..', 'fixtures', 'realWorld');
const fixtures = fs.readdirSync(corpus).filter((n) => fs.existsSync(path.join(corpus, n, 'composer.json'))).sort();
const repositoriesOf = (name: string): unknown => (JSON.parse(fs.readFileSync(path.join(corpus, name, 'composer.json'), 'utf8')) as { repositories: unknown }).repositories;
const DEBIAN_SCHEMA = '/usr/share/php/data/Composer/res/composer-schema.json';

/** Composer's schema is draft-04; the `repositories` part uses no keyword whose meaning changed in later drafts. */
function composerRepositoriesValidator(): ValidateFunction {
	const composer = JSON.parse(fs.readFileSync(DEBIAN_SCHEMA, 'utf8')) as Record<string, unknown>;
	delete composer.$schema;
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
	ajv.addSchema(composer, 'composer');
	return ajv.compile({ $ref: 'composer#/properties/repositories' });
}

const entry = (json: string) => JSON.parse(json) as unknown;
const pkg = (extra: string) => `{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "dist": {"type": "zip", "url": "https://e.org/b.zip"}${extra}}}`;

describe('repositories schema', () => {
	test('is a valid draft-07 schema and compiles in ajv strict mode', () => {
		const warnings: unknown[] = [];
		const logger = { log: () => undefined, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) };
		const ajv = new Ajv({ strict: true, allowUnionTypes: true, logger });
		assert.equal(ajv.validateSchema(REPOSITORIES_SCHEMA as object), true, ajv.errorsText(ajv.errors));
		const validate = ajv.compile(REPOSITORIES_SCHEMA as object);
		assert.equal(typeof validate, 'function');
		assert.deepEqual(warnings, []);
	});

	test('the validators compiled at build time are those of the schema as it is now', async () => {
		// scripts/schemaValidators.mjs writes them; a schema edit without `node esbuild.mjs` fails here.
		const { generateSchemaValidators, GENERATED_PATH } = await import('../../scripts/schemaValidators.mjs');
		assert.equal(fs.readFileSync(GENERATED_PATH, 'utf8'), generateSchemaValidators(),
			'server/src/service/schemaValidators.generated.js is stale: run `node scripts/schemaValidators.mjs`');
	});

	test('an entry\'s schema problems, remembered by its text, are reported where the entry now is', async () => {
		const wrong = '{"type": "vcs", "url": "https://github.com/a/b", "canonical": <<"no">>}';
		await expectDiagnostics(repos(`[${wrong}]`), [['invalid-value-type', E]]);
		await expectDiagnostics(repos(`[{"type": "composer", "url": "https://repo.example.org"}, ${wrong}]`), [['invalid-value-type', E]]);
		await expectDiagnostics(repos(`{"first": ${wrong}}`), [['invalid-value-type', E]]);
	});

	test('records the Composer commit it was derived from', () => {
		const schema = REPOSITORIES_SCHEMA as { $comment: string; $schema: string };
		assert.match(schema.$comment, /composer\/composer res\/composer-schema\.json .*commit [0-9a-f]{40}/);
		assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
	});

	test('accepts the repositories of every real-world fixture, entry by entry too', () => {
		assert.ok(fixtures.length >= 25);
		for (const name of fixtures) {
			const repositories = repositoriesOf(name);
			const { valid, errors } = validateRepositoriesBlock(repositories);
			assert.ok(valid, `${name}: ${JSON.stringify(errors)}`);
			const entries = Array.isArray(repositories) ? repositories : Object.values(repositories as object);
			for (const e of entries) if (e !== false && (e as { type?: unknown }).type !== undefined) assert.deepEqual(validateRepositoryEntry(e), [], name);
		}
	});

	test('Composer\'s own schema (Debian\'s copy) accepts every fixture ours accepts: we are not stricter on value types', () => {
		const composer = composerRepositoriesValidator();
		// The oracle really checks: these fail Composer's schema.
		assert.equal(composer([{ type: 'vcs' }]), false);
		assert.equal(composer([{ type: 'vcs', url: 'x', 'no-api': 'yes' }]), false);
		for (const name of fixtures) {
			const repositories = repositoriesOf(name);
			if (!validateRepositoriesBlock(repositories).valid) continue; // covered by the previous test
			assert.ok(composer(repositories), `${name}: ${JSON.stringify(composer.errors)}`);
		}
	});

	test('list, keyed and disable forms', () => {
		const ok = (v: unknown) => assert.equal(validateRepositoriesBlock(v).valid, true, JSON.stringify(v));
		const bad = (v: unknown) => assert.equal(validateRepositoriesBlock(v).valid, false, JSON.stringify(v));
		ok([{ type: 'vcs', url: 'https://github.com/a/b', name: 'b' }, { 'packagist.org': false }]);
		ok({ b: { type: 'vcs', url: 'https://github.com/a/b' }, 'packagist.org': false });
		ok([{ type: 'vcs', url: 'https://github.com/a/b', 'x-unknown-key': 1 }]); // unknown keys are Composer's business to ignore
		bad([{ 'packagist.org': true }]);
		bad([{ 'packagist.org': false, packagist: false }]);
		bad([{}]);
		bad({ b: { type: 'vcs', url: 'https://github.com/a/b', name: 'b' } }); // the object form names entries by key
		bad('https://github.com/a/b');
	});

	// [entry JSON, where it fails, what the schema expects there]
	const wrongTypes: [string, (string | number)[], string][] = [
		['{"type": 5, "url": "x"}', ['type'], '"composer"|"vcs"|"github"|"git"|"gitlab"|"bitbucket"|"git-bitbucket"|"hg"|"fossil"|"perforce"|"svn"|"forgejo"|"path"|"artifact"|"pear"|"package"'],
		['{"type": "vcs", "url": 5}', ['url'], 'string'],
		['{"type": "vcs", "url": "x", "name": false}', ['name'], 'string'],
		['{"type": "vcs", "url": "x", "canonical": "false"}', ['canonical'], 'boolean'],
		['{"type": "vcs", "url": "x", "only": "a/*"}', ['only'], 'array'],
		['{"type": "vcs", "url": "x", "exclude": ["a/b", 3]}', ['exclude', 1], 'string'],
		['{"type": "composer", "url": "x", "options": []}', ['options'], 'object'],
		['{"type": "composer", "url": "x", "allow_ssl_downgrade": 1}', ['allow_ssl_downgrade'], 'boolean'],
		['{"type": "composer", "url": "x", "filter": "off"}', ['filter'], 'boolean|object'],
		['{"type": "composer", "url": "x", "filter": {"malware": "no"}}', ['filter', 'malware'], 'boolean'],
		['{"type": "github", "url": "x", "no-api": "yes"}', ['no-api'], 'boolean'],
		['{"type": "github", "url": "x", "allow-git-fallback": 0}', ['allow-git-fallback'], 'boolean'],
		['{"type": "gitlab", "url": "x", "options": "none"}', ['options'], 'object'],
		['{"type": "svn", "url": "x", "trunk-path": true}', ['trunk-path'], 'string|false'],
		['{"type": "svn", "url": "x", "tags-path": 1}', ['tags-path'], 'string|false'],
		['{"type": "svn", "url": "x", "svn-cache-credentials": "no"}', ['svn-cache-credentials'], 'boolean'],
		['{"type": "perforce", "url": "x", "depot": 1}', ['depot'], 'string'],
		['{"type": "path", "url": "x", "options": {"reference": "autoo"}}', ['options', 'reference'], '"none"|"config"|"auto"'],
		['{"type": "path", "url": "x", "options": {"reference": 1}}', ['options', 'reference'], '"none"|"config"|"auto"'],
		['{"type": "path", "url": "x", "options": {"symlink": "yes"}}', ['options', 'symlink'], 'boolean|null'],
		['{"type": "path", "url": "x", "options": {"relative": null}}', ['options', 'relative'], 'boolean'],
		['{"type": "path", "url": "x", "options": {"versions": {"a/b": 1}}}', ['options', 'versions', 'a/b'], 'string'],
		['{"type": "artifact", "url": ["x"]}', ['url'], 'string'],
		['{"type": "pear", "url": "x", "vendor-alias": 1}', ['vendor-alias'], 'string'],
		['{"type": "package", "package": "a/b"}', ['package'], 'object|array'],
		['{"type": "package", "package": ["a/b"]}', ['package', 0], 'object'],
		[pkg(', "name": 5').replace('"name": "a/b", ', ''), ['package', 'name'], 'string'],
		['{"type": "package", "package": [{"name": "a/b", "version": 1.0}]}', ['package', 0, 'version'], 'string'],
		[pkg(', "source": "git"'), ['package', 'source'], 'object'],
		[pkg(', "source": {"type": "git", "url": "x", "reference": 123}'), ['package', 'source', 'reference'], 'string'],
		['{"type": "package", "package": {"name": "a/b", "version": "1", "dist": {"type": "zip", "url": "x", "shasum": 1}}}', ['package', 'dist', 'shasum'], 'string'],
		[pkg(', "require": {"c/d": 1}'), ['package', 'require', 'c/d'], 'string'],
		[pkg(', "bin": [1]'), ['package', 'bin', 0], 'string'],
		[pkg(', "license": 1'), ['package', 'license'], 'string|array'],
		[pkg(', "keywords": "x"'), ['package', 'keywords'], 'array'],
		['{"type": "package", "package": {"name": "a/b", "version": "1"}, "filter": false}', ['filter'], 'object'],
		['{"type": "package", "package": {"name": "a/b", "version": "1"}, "security-advisories": []}', ['security-advisories'], 'object'],
	];

	test('a table of wrong-typed values fails at the right instancePath, with what is expected there', () => {
		for (const [json, where, expected] of wrongTypes) {
			const value = entry(json);
			const problems = validateRepositoryEntry(value);
			assert.deepEqual(problems.map((p) => [p.path, p.expected]), [[where, expected]], json);
			// The whole block, in both forms, fails at the same place (ajv's JSON pointer).
			const pointer = '/' + where.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
			for (const [block, prefix] of [[[value], '/0'], [{ r: value }, '/r']] as const) {
				const { valid, errors } = validateRepositoriesBlock(block);
				assert.equal(valid, false, json);
				assert.ok(errors.some((e) => e.instancePath === prefix + pointer), `${json}: ${errors.map((e) => e.instancePath).join(', ')}`);
			}
		}
	});

	test('required keys and unknown types are structure, not value-type problems', () => {
		assert.deepEqual(validateRepositoryEntry(entry('{"type": "vcs"}')), []);
		assert.deepEqual(validateRepositoryEntry(entry('{"type": "perforce", "url": "x"}')), []);
		assert.deepEqual(validateRepositoryEntry(entry('{"url": "x", "canonical": 1}')).map((p) => p.path), [['canonical']]);
		// An unknown type: its string value is reported as a value outside the list; common keys are still checked.
		const problems = validateRepositoryEntry(entry('{"type": "vsc", "url": 1, "only": [1]}'));
		assert.deepEqual(problems.map((p) => [p.path, p.kinds]), [[['type'], ['string']], [['only', 0], ['string']]]);
	});
});

describe('catalog and schema agree on value types', () => {
	// A value of a kind no key accepts, so every key reports what it does accept.
	const alien = (spec: KeySpec): unknown => spec.kinds.includes('number') ? 'x' : 1.5;
	const alienItem = (kind: ValueKind): unknown => kind === 'number' ? 'x' : 1.5;
	const base: Record<string, Record<string, unknown>> = {
		composer: { url: 'x' }, path: { url: 'x' }, artifact: { url: 'x' }, pear: { url: 'x' }, vcs: { url: 'x' },
		package: { package: { name: 'a/b', version: '1' } },
	};

	let checked = 0;
	function expectAgreement(spec: KeySpec, build: (value: unknown) => unknown, at: (string | number)[], label: string): void {
		checked++;
		const problems = validateRepositoryEntry(build(alien(spec)));
		assert.deepEqual(problems.map((p) => [p.path, p.kinds]), [[at, spec.kinds]], `${label}: kinds`);
		if (spec.enumValues) {
			const values = validateRepositoryEntry(build('not-a-listed-value'))[0]?.values;
			assert.deepEqual(values, spec.enumValues, `${label}: enumeration`);
		}
		if (spec.itemKind) {
			const container = spec.kinds.includes('array') ? [alienItem(spec.itemKind)] : { k: alienItem(spec.itemKind) };
			const itemAt = [...at, Array.isArray(container) ? 0 : 'k'];
			assert.deepEqual(validateRepositoryEntry(build(container)).map((p) => [p.path, p.kinds]), [[itemAt, [spec.itemKind]]], `${label}: items`);
		}
	}

	test('every key of every type Composer\'s schema knows', () => {
		for (const type of REPOSITORY_TYPES) {
			if (!SCHEMA_REPOSITORY_TYPES.includes(type.type)) continue;
			for (const spec of [...COMMON_KEYS, ...type.keys]) {
				if (spec.name === 'type') continue;
				const rest = { ...(base[type.family] ?? {}), type: type.type, ...(type.type === 'perforce' ? { depot: 'd' } : {}) };
				expectAgreement(spec, (v) => ({ ...rest, [spec.name]: v }), [spec.name], `${type.type}.${spec.name}`);
			}
		}
	});

	test('path options, inline package keys, dist and source keys', () => {
		for (const spec of PATH_OPTION_KEYS) {
			expectAgreement(spec, (v) => ({ type: 'path', url: 'x', options: { [spec.name]: v } }), ['options', spec.name], `options.${spec.name}`);
		}
		for (const spec of INLINE_PACKAGE_KEYS) {
			expectAgreement(spec, (v) => ({ type: 'package', package: { name: 'a/b', version: '1', [spec.name]: v } }), ['package', spec.name], `package.${spec.name}`);
		}
		for (const [kind, specs] of [['dist', DIST_KEYS], ['source', SOURCE_KEYS]] as const) {
			for (const spec of specs) {
				const archive = { type: 'zip', url: 'x', reference: 'r' };
				expectAgreement(spec, (v) => ({ type: 'package', package: { name: 'a/b', version: '1', [kind]: { ...archive, [spec.name]: v } } }), ['package', kind, spec.name], `${kind}.${spec.name}`);
			}
		}
		assert.ok(checked > 150, `only ${checked} keys compared`);
	});
});

describe('validation takes value types from the schema', () => {
	test('a number as dist/source reference: Composer\'s schema refuses it before its loader could take it', async () => {
		await expectDiagnostics(repos('[{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "source": {"type": "git", "url": "https://e.org/b.git", "reference": <<123>>}}}]'), [['invalid-value-type', E]]);
	});

	test('inline package bin entries must be strings', async () => {
		await expectDiagnostics(repos('[{"type": "package", "package": {"name": "a/b", "version": "1.0.0", "bin": ["bin/ok", <<1>>], "dist": {"type": "zip", "url": "https://e.org/b.zip"}}}]'), [['invalid-value-type', E]]);
	});

	test('a value hidden by a later duplicate key is still checked', async () => {
		await expectDiagnostics(repos('[{"type": "vcs", "url": "https://github.com/a/b", "no-api": <<"yes">>, <<"no-api">>: true}]'), [['invalid-value-type', E], ['duplicate-key', W]]);
		// Inside the `options` Composer keeps (the path options rule reads the last `options` only).
		await expectDiagnostics(repos('[{"type": "path", "url": "../x", "options": {"versions": {"a/b": <<2>>, <<"a/b">>: "1.0"}}}]'), [['invalid-value-type', E], ['duplicate-key', W]]);
	});

	test('an object-form entry and a type outside Composer\'s schema (hg-bitbucket, checked as hg)', async () => {
		await expectDiagnostics(repos('{"lib": {"type": "vcs", "url": "https://github.com/a/b", "canonical": <<"no">>}}'), [['invalid-value-type', E]]);
		await expectDiagnostics(repos('[{"type": <<"hg-bitbucket">>, "url": "https://bitbucket.org/a/b", "no-api": <<1>>}]'), [['unregistered-type', E], ['invalid-value-type', E]]);
	});
});
