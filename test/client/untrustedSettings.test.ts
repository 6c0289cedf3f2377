// The client's answer to the server's settings request in an untrusted workspace: resolution is off for our
// section whatever the workspace's settings say, every other answer passes through unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withoutResolutionWhenUntrusted } from '../../client/src/untrustedSettings';

describe('settings answered in an untrusted workspace', () => {
	const items = [{ section: 'composerRepositories' }, { section: 'editor' }, { section: 'composerRepositories' }];
	const answer = [{ validate: { enable: true }, resolve: { enable: true } }, { tabSize: 4 }, null];

	test('untrusted: resolve.enable is false in our section, validate and other sections are kept', () => {
		assert.deepEqual(withoutResolutionWhenUntrusted(items, answer, false), [
			{ validate: { enable: true }, resolve: { enable: false } }, { tabSize: 4 }, { resolve: { enable: false } },
		]);
	});

	test('trusted, or an error answer: passed through as it is', () => {
		assert.equal(withoutResolutionWhenUntrusted(items, answer, true), answer);
		const error = new Error('refused');
		assert.equal(withoutResolutionWhenUntrusted(items, error, false), error);
	});
});
