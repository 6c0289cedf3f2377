// The "Use a fork…" session: a composer.json that requires acme/lib ^2.1 from an inline package whose source is
// a local "upstream" git repository, and a local fork with a branch `fix`, both outside the workspace. The
// person puts the cursor on the requirement, opens the code actions (Ctrl+.), picks "Use a fork of acme/lib…",
// replaces the prefilled URL with the fork's, picks the branch, saves; then one Ctrl+Z must undo it all.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGitRepo } from '../../helpers/gitRepo';
import type { Page } from './browser';
import { createStepper, openComposerJson, placeCursor, type StepContext, type StepRecord } from './driver';
import { positionAfter, type Position, type RunFolder } from './workspace';

export interface ForkPlan {
	url: string;
	outDir: string;
	/** The workspace's composer.json on disk. */
	composerJson: string;
	/** Where the requirement's key starts. */
	requirementAt: Position;
	upstreamUrl: string;
	forkUrl: string;
	branch: string;
}

export interface ForkRecord extends StepRecord {
	/** The composer.json as written before the command (the test compares the undo with it). */
	originalText?: string;
	/** The package's source (the upstream repository) and the fork the person typed. */
	upstreamUrl?: string;
	forkUrl?: string;
	/** What the URL input box held when it opened (the package's source, from the language server). */
	urlPrefill?: string;
	/** The branches the quick pick offered, as shown. */
	branchRows: string[];
	/** The message shown once the fork was added. */
	doneMessage?: string;
	/** composer.json on disk after the edit and a save, then after one undo and a save. */
	forkedText?: string;
	undoneText?: string;
}

export const FORK_DEADLINES_MS = {
	/** Until the code action is offered: the language server has started. */
	codeAction: 180_000,
	/** One Ctrl+. answer; the step asks again until its deadline. */
	codeActionAnswer: 15_000,
	urlInput: 120_000,
	branches: 120_000,
	save: 60_000,
};

/** The workspace composer.json for this scenario; `upstream` is the source URL of the required package. */
export function forkComposerJson(upstream: string): string {
	return `{
    "name": "acme/shop",
    "repositories": [
        {
            "type": "package",
            "package": {
                "name": "acme/lib",
                "version": "2.1.0",
                "source": {"type": "git", "url": ${JSON.stringify(upstream)}, "reference": "main"}
            }
        },
        {"packagist.org": false}
    ],
    "require": {
        "php": ">=8.1",
        "acme/lib": "^2.1"
    }
}
`;
}

/** Builds the upstream and fork repositories next to the workspace and writes its composer.json. */
export function prepareForkWorkspace(run: RunFolder): { upstream: string; fork: string; composerJson: string; text: string } {
	const upstream = buildGitRepo({ steps: [{ commit: { 'composer.json': { name: 'acme/lib' } } }, { tag: '2.1.0' }] }, join(run.dir, 'upstream'));
	const fork = buildGitRepo({
		steps: [{ commit: { 'composer.json': { name: 'acme/lib' } } }, { branch: 'fix' }, { commit: { 'src/Fix.php': '<?php // the fix\n' } }],
		head: 'main',
	}, join(run.dir, 'fork'));
	const text = forkComposerJson(upstream);
	const composerJson = join(run.workspace, 'composer.json');
	writeFileSync(composerJson, text);
	return { upstream, fork, composerJson, text };
}

/** Where the cursor goes: on the `acme/lib` key of `require`. */
export function requirementPosition(text: string): Position {
	return positionAfter(text, '        "acme/l');
}

/** Whole JSON text other than `previous`: a save caught half-written (truncated, then filled) does not count. */
function savedOver(previous: string | undefined): (text: string) => boolean {
	return (text) => {
		if (text === previous) return false;
		try {
			JSON.parse(text);
			return true;
		} catch {
			return false;
		}
	};
}

/** Polls the file until `accept` holds (a save reaches the disk a moment after Ctrl+S). */
async function fileWhen(page: Page, file: string, accept: (text: string) => boolean, what: string, context: StepContext): Promise<string> {
	context.waitingFor(what);
	for (;;) {
		const text = readFileSync(file, 'utf8');
		if (accept(text) || context.expired()) return text;
		await page.waitForTimeout(200);
	}
}

export async function driveFork(page: Page, plan: ForkPlan, t0: number, log: (line: string) => void): Promise<ForkRecord> {
	const record: ForkRecord = { timingsMs: {}, screenshots: [], failures: [], branchRows: [], upstreamUrl: plan.upstreamUrl, forkUrl: plan.forkUrl };
	const { step, screenshot } = createStepper(page, plan.outDir, record, t0, log);
	record.originalText = readFileSync(plan.composerJson, 'utf8');
	if (!await openComposerJson(page, plan.url, step, log)) return record;

	const chosen = await step('Use a fork code action', FORK_DEADLINES_MS.codeAction, async (context) => {
		const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Use a fork of acme/lib' });
		// Ask again while the language server is still starting (the menu then lacks our action).
		while (!context.expired()) {
			await placeCursor(page, plan.requirementAt, context);
			await page.keyboard.press('Control+.');
			try {
				await context.waitFor(action.first(), '"Use a fork of acme/lib…" among the code actions', FORK_DEADLINES_MS.codeActionAnswer);
				break;
			} catch (error) {
				if (context.expired()) break;
				log(`code action: ${(error as Error).message.split('\n')[0]}; asking again`);
				await page.keyboard.press('Escape');
			}
		}
		await screenshot('fork-code-action.png');
		await action.first().click();
	});
	if (!chosen) return record;

	const entered = await step('fork URL', FORK_DEADLINES_MS.urlInput, async ({ waitFor }) => {
		const box = page.locator('.quick-input-widget', { hasText: 'URL of the fork' });
		await waitFor(box.first(), 'the input box asking for the fork\'s URL', FORK_DEADLINES_MS.urlInput);
		const input = page.locator('.quick-input-widget input');
		record.urlPrefill = await input.first().inputValue();
		await input.first().fill(plan.forkUrl);
		await page.keyboard.press('Enter');
	});
	if (!entered) return record;

	const picked = await step('fork branch', FORK_DEADLINES_MS.branches, async ({ waitFor }) => {
		const row = page.locator('.quick-input-list .monaco-list-row', { hasText: plan.branch });
		await waitFor(row.first(), `the branch ${plan.branch} in the quick pick (branches listed by the language server)`, FORK_DEADLINES_MS.branches);
		record.branchRows = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
		await screenshot('fork-branches.png');
		await page.locator('.quick-input-widget input').first().fill(plan.branch);
		await page.keyboard.press('Enter');
		const done = page.locator('.notifications-toasts', { hasText: 'from the fork' });
		await waitFor(done.first(), 'the message saying the fork was added', FORK_DEADLINES_MS.branches);
		record.doneMessage = (await done.first().innerText()).replace(/\s+/g, ' ').trim();
	});
	if (!picked) return record;

	await step('save the forked composer.json', FORK_DEADLINES_MS.save, async (context) => {
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+S');
		record.forkedText = await fileWhen(page, plan.composerJson, savedOver(record.originalText), 'the saved composer.json to change on disk', context);
	});
	await step('one undo reverts the whole fork edit', FORK_DEADLINES_MS.save, async (context) => {
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+Z');
		await page.keyboard.press('Control+S');
		record.undoneText = await fileWhen(page, plan.composerJson, savedOver(record.forkedText), 'the undone composer.json to be saved', context);
	});
	return record;
}
