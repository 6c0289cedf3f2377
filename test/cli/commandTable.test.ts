// The CLI's command table names lazily loaded commands without loading them: its copies of their name,
// synopsis and summary must be the modules' own, and loading must give the module's command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../server/src/cli/commands/index';

test('every entry of the command table matches the command it loads', async () => {
	assert.deepEqual(COMMANDS.map((c) => c.name), ['check', 'hooks', 'lsp', 'versions']);
	for (const entry of COMMANDS) {
		const command = await entry.load();
		assert.equal(entry.name, command.name);
		assert.equal(entry.synopsis, command.synopsis);
		assert.equal(entry.summary(), command.summary());
	}
});
