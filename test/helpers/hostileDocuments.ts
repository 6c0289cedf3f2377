// fast-check arbitraries for composer.json texts that an editor or a CI job may be handed: a plausible document
// (repositories of every type, config, require) mutated in the ways real files go wrong or attackers try —
// truncation, duplicate keys, wrong types, deep nesting (up to 10,000 levels), BOM, NUL bytes, lone surrogates,
// huge numbers, stray characters. Shared by the service's fuzz test and the CLI's.
import fc from 'fast-check';

const TYPES = ['composer', 'vcs', 'git', 'github', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'svn', 'fossil', 'perforce', 'path', 'artifact', 'package', 'pear', 'forgejo', 'VCS', ''];
const URLS = [
	'https://repo.example.org', 'http://repo.example.org', 'HTTP://repo.example.org', 'https://', 'https:///a/b.git', 'repo.example.org',
	'https://github.com/acme/lib', 'git@github.com:acme/lib.git', 'ssh://git@example.org:acme/lib.git', 'https://gitlab.com/g/sub/p',
	'https://bitbucket.org/a/b', 'svn://svn.example.org/r', 'Git://example.org/a.git', '--upload-pack=touch pwned', 'ext::sh -c touch% pwned',
	'ssh://-oProxyCommand=touch%20pwned/x', 'localhost:1666;touch pwned', '$(touch pwned)', 'packages/*', './{a,b}/*', '[[[', '~/x', '$HOME/x',
	'C:\\repo', 'file:///srv/x', '', ' ', '\u0000', 'a\nb', 'é/ü', '\ud800', '\ufffd',
];
const KEYS = ['type', 'url', 'options', 'package', 'only', 'exclude', 'canonical', 'name', 'no-api', 'depot', 'p4user', 'p4password', 'branch', 'trunk-path', 'symlink', 'packagist.org', 'packagist', 'force-lazy-providers', 'filter', 'allow_ssl_downgrade', 'secure-http'];

const hugeNumber = fc.constantFrom('1e999999', '-1e999999', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1', '-0', '1.7976931348623157e309', '123456789012345678901234567890', '1E+2', '-.5');

/** Any JSON-ish value text, including the huge numbers JSON.stringify cannot produce. */
const valueText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...URLS).map((u) => JSON.stringify(u)) },
	{ weight: 2, arbitrary: fc.constantFrom(...TYPES).map((t) => JSON.stringify(t)) },
	{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
	{ weight: 1, arbitrary: hugeNumber },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map((s) => JSON.stringify(s)) },
);

const entryText: fc.Arbitrary<string> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.tuple(fc.constantFrom(...TYPES), fc.array(fc.tuple(fc.constantFrom(...KEYS), valueText), { maxLength: 5 })).map(([type, props]) =>
			`{${[`"type": ${JSON.stringify(type)}`, ...props.map(([k, v]) => `${JSON.stringify(k)}: ${v}`)].join(', ')}}`),
	},
	{ weight: 1, arbitrary: fc.constantFrom('{"packagist.org": false}', '{"packagist": false, "x": 1}', '"https://github.com/a/b"', 'null', '[]', '42') },
	{
		weight: 1,
		arbitrary: fc.tuple(fc.constantFrom('acme/lib', 'Acme/Lib', 'nul/x', 'a', ''), fc.constantFrom('1.0.0', 'dev-main', '1.x-dev', 'x', '')).map(([name, version]) =>
			`{"type": "package", "package": {"name": ${JSON.stringify(name)}, "version": ${JSON.stringify(version)}, "dist": {"type": "zip", "url": "https://e.org/x.zip"}, "source": {"type": "git", "url": "-x", "reference": "-y"}}}`),
	},
);

/** A plausible composer.json: repositories as a list or keyed, config domains, links. */
export const composerJsonText: fc.Arbitrary<string> = fc.tuple(
	fc.array(entryText, { maxLength: 8 }),
	fc.boolean(),
	fc.constantFrom('', '"config": {"secure-http": false, "github-domains": ["git.example.org"], "gitlab-domains": ["gitlab.example.org"]},', '"config": 5,'),
	fc.constantFrom('', '"require": {"acme/lib": "^1.0", "php": ">=8.1"},', '"require": {"acme/lib": 1},'),
	fc.constantFrom('\n', '\r\n'),
	fc.constantFrom('  ', '\t', ''),
).map(([entries, keyed, config, require, eol, indent]) => {
	const body = keyed
		? `{${entries.map((e, i) => `${eol}${indent}${indent}"r${i}": ${e}`).join(',')}${eol}${indent}}`
		: `[${entries.map((e) => `${eol}${indent}${indent}${e}`).join(',')}${eol}${indent}]`;
	return `{${eol}${indent}"name": "acme/app",${config}${require}${eol}${indent}"repositories": ${body}${eol}}${eol}`;
});

export type Mutation =
	| { kind: 'truncate'; at: number }
	| { kind: 'duplicateKeys'; times: number }
	| { kind: 'nest'; depth: number; where: number }
	| { kind: 'bom' }
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'delete'; at: number; length: number }
	| { kind: 'replaceValue'; at: number; value: string };

const INSERTS = ['\u0000', '\ud800', '\udfff', '\ufffd', '\ufeff', ',', '}', ']', '{', '[', '"', '\\', '/*', '//', '\n', '\u2028', '1e999999', '\\ud800'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('duplicateKeys' as const), times: fc.integer({ min: 1, max: 50 }) }),
	fc.record({ kind: fc.constant('nest' as const), depth: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constant(10_000)), where: fc.nat() }),
	fc.record({ kind: fc.constant('bom' as const) }),
	fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
	fc.record({ kind: fc.constant('replaceValue' as const), at: fc.nat(), value: valueText }),
);

/** Applies a mutation; positions are taken modulo the text length so every generated value applies. */
export function mutate(text: string, m: Mutation): string {
	const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
	switch (m.kind) {
		case 'truncate':
			return text.slice(0, at(m.at));
		case 'duplicateKeys': {
			// Repeat the first property of the first repository object (or any `"key": value` pair) in place.
			const prop = /"[a-z.-]+": ("[^"\\]*"|[0-9a-z]+)/.exec(text.slice(text.indexOf('"repositories"') + 1));
			if (!prop) return text;
			const index = text.indexOf(prop[0]);
			return text.slice(0, index) + `${prop[0]}, `.repeat(m.times) + text.slice(index);
		}
		case 'nest': {
			const i = at(m.where);
			return text.slice(0, i) + '['.repeat(m.depth) + ']'.repeat(m.depth) + text.slice(i);
		}
		case 'bom':
			return '\ufeff' + text;
		case 'insert':
			return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
		case 'delete':
			return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
		case 'replaceValue': {
			// The value after the n-th `": `.
			const colons = [...text.matchAll(/": /g)].map((c) => (c.index ?? 0) + 3);
			if (colons.length === 0) return text;
			const start = colons[m.at % colons.length];
			const end = /^("(?:[^"\\]|\\.)*"|[^,}\]\n]*)/.exec(text.slice(start))?.[0].length ?? 0;
			return text.slice(0, start) + m.value + text.slice(start + end);
		}
	}
}

/** A document and one to three mutations of it. */
export const hostileDocument: fc.Arbitrary<string> = fc.tuple(composerJsonText, fc.array(mutation, { minLength: 0, maxLength: 3 }))
	.map(([text, mutations]) => mutations.reduce(mutate, text));
