// The editor flags every hostile repository definition of the corpus (test/fixtures/hostile/definitions.json) as
// an error on the offending value, with the very message the resolvers refuse it with (one verdict, two callers).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { checkVcsDefinition } from '../../server/src/resolvers/vcs/urlSafety';
import { hostileDefinitions, ordinaryDefinitions } from '../helpers/hostileDefinitions';
import { E, validate } from './validationHarness';

function document(repository: Record<string, unknown>): string {
	return JSON.stringify({ name: 'acme/app', repositories: [repository] }, null, '\t');
}

describe('validation: values a VCS program would run', () => {
	for (const def of hostileDefinitions('/tmp/composer-repos-pwned')) {
		test(`${def.id}: ${def.unsafe ? `error on "${def.unsafe.field}"` : 'nothing to flag as written'}`, async () => {
			const text = document(def.repository);
			const { document: doc, diagnostics } = await validate(text);
			const flagged = diagnostics.filter((d) => d.code === 'command-injection');
			if (!def.unsafe) {
				assert.deepEqual(flagged.map((d) => d.message), []);
				return;
			}
			assert.equal(flagged.length, 1, diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
			const [d] = flagged;
			assert.equal(d.severity, E);
			const value = findNodeAtLocation(parseTree(text)!, ['repositories', 0, def.unsafe.field])!;
			assert.deepEqual([doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)], [value.offset, value.offset + value.length]);
			assert.match(String(d.message), /Neither Composer nor this tool will run it\./);
			// The same sentence the resolver refuses the definition with.
			assert.equal(checkVcsDefinition(def.repository)?.message, d.message);
			// No other URL rule piles on the same value.
			const { line, character } = d.range.start;
			const sameSpot = diagnostics.filter((o) => o !== d && o.range.start.line === line && o.range.start.character === character);
			assert.deepEqual(sameSpot.map((o) => o.code), []);
			if (def.unsafe.field === 'p4password') {
				assert.ok(!String(d.message).includes(String(def.repository.p4password)), 'a password never appears in a message');
			}
		});
	}

	test('each message says what the value would have done', async () => {
		const messages = new Map<string, string>();
		for (const def of hostileDefinitions()) {
			const verdict = def.unsafe && checkVcsDefinition(def.repository);
			if (verdict) messages.set(def.id, verdict.message);
		}
		assert.match(messages.get('git-upload-pack')!, /git would read it as the option "--upload-pack" and run the command given in it/);
		assert.match(messages.get('hg-config-alias')!, /hg would read it as the option "--config" and define an alias, and an alias starting with "!" runs a shell command/);
		assert.match(messages.get('svn-config-option')!, /svn would read it as the option "--config-option" and change its configuration, and a tunnel/);
		assert.match(messages.get('fossil-args')!, /fossil would read it as the option "--args" and read further arguments from a file/);
		assert.match(messages.get('vcs-upload-pack')!, /git would read it as the option "--upload-pack"/);
		assert.match(messages.get('git-ext-transport')!, /uses the git transport "ext::": git would run the shell command that follows it/);
		assert.match(messages.get('vcs-remote-helper')!, /git would run the program "git-remote-foo"/);
		assert.match(messages.get('git-ssh-proxycommand')!, /ssh would read "-oProxyCommand=touch%20[^"]*" as an option and run the command in it/);
		assert.match(messages.get('vcs-newline-option')!, /contains a control character \(U\+000A\)/);
		assert.match(messages.get('perforce-depot-substitution')!, /perforce "depot" value "\$\(touch composer-repos-pwned\)" holds the shell syntax "\$\("/);
		assert.match(messages.get('perforce-password-substitution')!, /^The perforce "p4password" value holds the shell syntax "\$\("/);
	});

	test('ordinary definitions are not flagged', async () => {
		for (const repository of ordinaryDefinitions()) {
			const { diagnostics } = await validate(document(repository));
			assert.deepEqual(diagnostics.filter((d) => d.code === 'command-injection').map((d) => d.message), [], JSON.stringify(repository));
		}
	});

	test('inline package sources: Composer\'s validating loader refuses a url starting with "-"', async () => {
		const def = hostileDefinitions().find((d) => d.id === 'package-option-like-source')!;
		const { diagnostics } = await validate(document(def.repository));
		assert.deepEqual(diagnostics.filter((d) => d.code === 'invalid-value').map((d) => d.message).sort(), ['"reference" must not start with "-".', '"url" must not start with "-".']);
	});
});
