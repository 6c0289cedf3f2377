// The VS Code client's pure parts of "Use a fork…": the suggested fork URL and the requirements offered from the palette.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suggestForkUrl } from '../../client/src/fork/forkUrl';
import { listRequirements } from '../../client/src/fork/requirements';

describe('suggested fork URL', () => {
	test('a GitHub source gets the account as owner, in the same URL form', () => {
		assert.equal(suggestForkUrl('https://github.com/Seldaek/monolog.git', 'me'), 'https://github.com/me/monolog.git');
		assert.equal(suggestForkUrl('https://github.com/symfony/console', 'me'), 'https://github.com/me/console');
		assert.equal(suggestForkUrl('git@github.com:symfony/console.git', 'me'), 'git@github.com:me/console.git');
		assert.equal(suggestForkUrl('ssh://git@github.com/symfony/console.git', 'me'), 'ssh://git@github.com/me/console.git');
		assert.equal(suggestForkUrl('https://www.github.com/a/b.git', 'me'), 'https://www.github.com/me/b.git');
	});

	test('other hosts, odd paths or no account: the source as it is; nothing known: empty', () => {
		assert.equal(suggestForkUrl('https://gitlab.com/group/project.git', 'me'), 'https://gitlab.com/group/project.git');
		assert.equal(suggestForkUrl('https://github.com/a/b/tree/main', 'me'), 'https://github.com/a/b/tree/main');
		assert.equal(suggestForkUrl('https://github.com/a/b.git', undefined), 'https://github.com/a/b.git');
		assert.equal(suggestForkUrl(undefined, 'me'), '');
		assert.equal(suggestForkUrl('  ', 'me'), '');
	});
});

describe('requirements offered from the palette', () => {
	test('require and require-dev packages, not platform packages or other sections', () => {
		const text = '{"require": {"php": "^8.1", "ext-json": "*", "acme/lib": "^2.1", "x/y": 3}, "require-dev": {"acme/dev": "dev-main"}, "conflict": {"bad/pkg": "<1"}}';
		assert.deepEqual(listRequirements(text), [
			{ packageName: 'acme/lib', section: 'require', constraint: '^2.1' },
			{ packageName: 'x/y', section: 'require' },
			{ packageName: 'acme/dev', section: 'require-dev', constraint: 'dev-main' },
		]);
	});

	test('broken or empty documents give what can be read', () => {
		assert.deepEqual(listRequirements(''), []);
		assert.deepEqual(listRequirements('{"require": {"acme/lib": "^1.0", '), [{ packageName: 'acme/lib', section: 'require', constraint: '^1.0' }]);
	});
});
