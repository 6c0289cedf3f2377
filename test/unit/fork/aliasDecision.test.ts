// When "Use a fork…" aliases the branch, and to what (service/fork/aliasDecision.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideAlias } from '../../../server/src/service/fork/aliasDecision';
import type { OfferedVersion } from '../../../server/src/service/liveData';
import { satisfies } from '../../../server/src/semver';

const v = (version: string, stability: OfferedVersion['stability'] = 'stable'): OfferedVersion => ({ version, normalized: version, stability });

describe('alias decision', () => {
	const cases: Array<[current: string | undefined, branch: string, alias: string | undefined, reason: string]> = [
		[undefined, 'dev-fix', undefined, 'no-constraint'],
		['', 'dev-fix', undefined, 'no-constraint'],
		['*', 'dev-fix', undefined, 'satisfied'],
		['dev-fix', 'dev-fix', undefined, 'satisfied'],
		['^2.1', '2.x-dev', undefined, 'satisfied'],
		['^2.1', 'dev-fix', '2.x-dev', 'range-top'],
		['^2.1@beta', 'dev-fix', '2.x-dev', 'range-top'],
		['~1.2.3', 'dev-fix', '1.2.x-dev', 'range-top'],
		['1.2.*', 'dev-fix', '1.2.x-dev', 'range-top'],
		['^0.3', 'dev-fix', '0.3.x-dev', 'range-top'],
		['>=2.1 <2.1.5 || ^3.0', 'dev-fix', '3.x-dev', 'range-top'],
		['>2.1', 'dev-fix', '2.1.1', 'lower-bound'],
		['>=1.5 <2.1.5', 'dev-fix', '1.5.0', 'lower-bound'],
		['^0.0.3', 'dev-fix', '0.0.3', 'lower-bound'],
		['2.1.4', 'dev-fix', '2.1.4', 'lower-bound'],
		['v2.1.4', 'dev-fix', '2.1.4', 'lower-bound'],
		['dev-main', 'dev-fix', 'dev-main', 'dev-version'],
		['dev-main#abc123', 'dev-fix', 'dev-main', 'dev-version'],
		['2.x-dev', 'dev-fix', '2.x-dev', 'dev-version'],
		['dev-old as 2.3.0', 'dev-fix', '2.3.0', 'kept'],
		['dev-old as 2.3.0@dev', 'dev-fix', '2.3.0', 'kept'],
		['<2.0', 'dev-fix', '1.x-dev', 'range-top'],
		['<=2.0', 'dev-fix', undefined, 'underivable'],
		['^^2', 'dev-fix', undefined, 'invalid'],
	];
	for (const [current, branch, alias, reason] of cases) {
		test(`${JSON.stringify(current)} with ${branch} → ${alias ?? 'no alias'} (${reason})`, () => {
			assert.deepEqual(decideAlias({ current, branchVersion: branch }), alias === undefined ? { reason } : { alias, reason });
		});
	}

	test('with live data: the newest offered stable release the constraint accepts, tag prefix dropped', () => {
		const offered = [v('3.0.0'), v('v2.5.0'), v('2.5.0-beta1', 'beta'), v('2.4.0'), v('2.x-dev', 'dev')];
		assert.deepEqual(decideAlias({ current: '^2.1', branchVersion: 'dev-fix', offered }), { alias: '2.5.0', reason: 'offered' });
	});

	test('with live data: only a pre-release fits → that pre-release; nothing fits → from the constraint', () => {
		assert.deepEqual(decideAlias({ current: '^2.5@beta', branchVersion: 'dev-fix', offered: [v('3.0.0'), v('2.5.0-beta1', 'beta')] }), { alias: '2.5.0-beta1', reason: 'offered' });
		assert.deepEqual(decideAlias({ current: '^2.5', branchVersion: 'dev-fix', offered: [v('3.0.0'), v('2.x-dev', 'dev')] }), { alias: '2.x-dev', reason: 'range-top' });
	});

	test('every alias derived from a constraint satisfies that constraint', () => {
		for (const [current, , alias, reason] of cases) {
			if (alias !== undefined && (reason === 'lower-bound' || reason === 'range-top')) assert.ok(satisfies(alias, current!), `${alias} does not satisfy ${current}`);
		}
	});
});
