// What a person does in the editor, step by step, each with its own deadline: open composer.json, look at the
// Problems panel, ask for completions inside an empty "type" value, run "Check Packagist Hook Status" from the
// Command Palette against the fake Packagist/GitHub. It records what the workbench shows; the
// test asserts on the record.
import { join } from 'node:path';
import type { Locator, Page } from './browser';
import type { Position } from './workspace';

export interface DriverPlan {
	url: string;
	outDir: string;
	/** Text the Problems panel row of our diagnostic must contain (the code). */
	diagnosticCode: string;
	completionAt: Position;
	/** The completion label to wait for. */
	completionLabel: string;
	/** The composer.json's package name, which the hook status notification names. */
	hookPackage: string;
}

export interface DriverRecord {
	timingsMs: Record<string, number>;
	problemRows: string[];
	/** Text of the hover over the pear type value (our diagnostic and our documentation). */
	hoverText?: string;
	cursorStatus?: string;
	completionLabels: string[];
	/** The notification "Check Packagist Hook Status" showed (package, verdict, advice). */
	hookNotification?: string;
	screenshots: string[];
	/** Every step that failed; the session goes on after a failed check when later checks do not depend on it. */
	failures: Array<{ step: string; error: string }>;
}

/** What a step body gets: whether its deadline has passed, and a wait that says what it waits for. */
interface StepContext {
	expired(): boolean;
	/** Waits for `locator` to reach `state` within `timeoutMs`; a timeout names `what`. */
	waitFor(locator: Locator, what: string, timeoutMs: number, state?: 'attached' | 'visible'): Promise<void>;
}

type Step = (context: StepContext) => Promise<void>;

/**
 * Deadlines for a loaded 2-core machine, where code-server alone took 51.6 s to start (issue 12); an unloaded
 * run needs about a tenth of each. They only cost time when something is really wrong.
 */
export const DEADLINES_MS = {
	workbench: 180_000,
	openDocument: 120_000,
	explorerRow: 60_000,
	diagnostic: 180_000,
	hover: 60_000,
	cursor: 60_000,
	completion: 120_000,
	/** One Ctrl+Space answer; completion asks again until its step deadline. */
	completionAnswer: 15_000,
	/** The Command Palette and its entry for our command. */
	palette: 60_000,
	/** The hook check: a dozen requests to the fakes and a git ls-remote, then the notification. */
	hookStatus: 180_000,
};

/** A wait still pending after this long is logged, so a slow run shows where its time went. */
const SLOW_WAIT_MS = 10_000;

export async function drive(page: Page, plan: DriverPlan, t0: number, log: (line: string) => void): Promise<DriverRecord> {
	const record: DriverRecord = { timingsMs: {}, problemRows: [], completionLabels: [], screenshots: [], failures: [] };
	const screenshot = async (name: string) => {
		const file = join(plan.outDir, name);
		await page.screenshot({ path: file });
		record.screenshots.push(file);
	};
	/** Runs one step against its deadline; returns false (recorded, with a screenshot) when it failed. */
	const step = async (name: string, deadlineMs: number, body: Step): Promise<boolean> => {
		let expired = false;
		// What the step is waiting for right now: a missed deadline reports it.
		let waitingFor = 'its first wait to start';
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				expired = true;
				reject(new Error(`missed its ${deadlineMs} ms deadline waiting for ${waitingFor}`));
			}, deadlineMs);
		});
		const context: StepContext = {
			expired: () => expired,
			async waitFor(locator, what, timeoutMs, state = 'visible') {
				waitingFor = what;
				const started = Date.now();
				const slow = setTimeout(() => log(`${name}: still waiting for ${what} after ${SLOW_WAIT_MS} ms`), SLOW_WAIT_MS);
				try {
					await locator.waitFor({ state, timeout: timeoutMs });
				} catch (error) {
					const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
					throw new Error(`waited ${Date.now() - started} ms (limit ${timeoutMs} ms) for ${what}: ${cause}`);
				} finally {
					clearTimeout(slow);
				}
			},
		};
		const work = body(context);
		// Once the deadline has won the race, a later failure of the abandoned work is of no interest.
		work.catch(() => undefined);
		try {
			await Promise.race([work, deadline]);
			record.timingsMs[name] = Date.now() - t0;
			log(`${name}: done at +${record.timingsMs[name]} ms`);
			return true;
		} catch (error) {
			const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
			record.failures.push({ step: name, error: message });
			log(`${name}: FAILED: ${message}`);
			await screenshot(`failure-${record.failures.length}.png`).catch(() => undefined);
			await page.keyboard.press('Escape').catch(() => undefined);
			return false;
		} finally {
			expired = true;
			clearTimeout(timer);
		}
	};

	// Readiness, in the order a person sees it: the server is up and the workbench loaded, the document is
	// open, the language server has published its diagnostics. Each waits for the thing itself, never a fixed time.
	const ready = await step('workbench', DEADLINES_MS.workbench, async ({ waitFor }) => {
		await page.goto(plan.url, { waitUntil: 'domcontentloaded', timeout: DEADLINES_MS.workbench });
		await waitFor(page.locator('.monaco-workbench'), 'the VS Code workbench to appear', DEADLINES_MS.workbench);
	}) && await step('open composer.json', DEADLINES_MS.openDocument, async ({ waitFor }) => {
		const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'composer.json' }).first();
		try {
			await waitFor(row, 'composer.json in the Explorer', DEADLINES_MS.explorerRow);
			await row.click();
		} catch (error) {
			// The Explorer may be collapsed or slow to list files; Quick Open gets there too.
			log(`open composer.json: ${(error as Error).message.split('\n')[0]}; trying Quick Open`);
			await page.keyboard.press('Control+P');
			await page.locator('.quick-input-widget input').fill('composer.json');
			await page.keyboard.press('Enter');
		}
		await waitFor(page.locator('.tabs-container .tab.active', { hasText: 'composer.json' }), 'the composer.json editor tab to be active', DEADLINES_MS.openDocument);
		await waitFor(page.locator('.monaco-editor .view-lines').first(), 'the text of composer.json in the editor', DEADLINES_MS.openDocument);
	});
	if (!ready) {
		return record;
	}

	const diagnosed = await step('diagnostic in Problems panel', DEADLINES_MS.diagnostic, async ({ waitFor }) => {
		// The server starts with the extension; until it has validated, the panel says "No problems".
		await page.keyboard.press('Control+Shift+M');
		const row = page.locator('.markers-panel .monaco-list-row', { hasText: plan.diagnosticCode });
		await waitFor(row.first(), `the language server's ${plan.diagnosticCode} diagnostic in the Problems panel (extension activated, server started, diagnostics published)`, DEADLINES_MS.diagnostic);
		record.problemRows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts())
			.map((t) => t.replace(/\s+/g, ' ').trim());
		await waitFor(page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first(), 'the squiggle under the diagnostic in the editor', 30_000, 'attached');
	});
	if (diagnosed) {
		await screenshot('diagnostic.png');
		const hovered = await step('hover on the pear type', DEADLINES_MS.hover, async ({ waitFor }) => {
			const value = page.locator('.monaco-editor .view-line span span', { hasText: /^"pear"$/ }).first();
			await waitFor(value, 'the "pear" value in the editor', DEADLINES_MS.hover);
			await value.hover();
			const hover = page.locator('.monaco-hover', { hasText: plan.diagnosticCode });
			await waitFor(hover.first(), `a hover showing ${plan.diagnosticCode}`, DEADLINES_MS.hover);
			record.hoverText = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
		});
		if (hovered) {
			await screenshot('hover.png');
		}
		await page.mouse.move(0, 0);
		await page.keyboard.press('Escape');
	}

	const placed = await step('cursor in the empty type value', DEADLINES_MS.cursor, async ({ waitFor }) => {
		// Go to Line/Column puts the cursor exactly between the quotes; the status bar confirms it.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+G');
		const input = page.locator('.quick-input-widget input');
		await waitFor(input, 'the Go to Line input', DEADLINES_MS.cursor);
		await input.fill(`:${plan.completionAt.line}:${plan.completionAt.column}`);
		await page.keyboard.press('Enter');
		const status = page.locator('[id="status.editor.selection"]', { hasText: `Ln ${plan.completionAt.line}, Col ${plan.completionAt.column}` });
		await waitFor(status.first(), `the status bar to say Ln ${plan.completionAt.line}, Col ${plan.completionAt.column}`, DEADLINES_MS.cursor);
		record.cursorStatus = (await status.first().innerText()).trim();
	});
	const completed = placed && await step('completion', DEADLINES_MS.completion, async ({ expired, waitFor }) => {
		const wanted = page.locator('.suggest-widget .monaco-list-row .label-name', { hasText: new RegExp(`^${plan.completionLabel}$`) });
		// Ask again if the first answer came before the server was ready ("No suggestions.").
		while (!expired()) {
			await page.keyboard.press('Control+Space');
			try {
				await waitFor(wanted.first(), `${plan.completionLabel} in the suggestion list`, DEADLINES_MS.completionAnswer);
				break;
			} catch (error) {
				if (expired()) {
					break;
				}
				log(`completion: ${(error as Error).message.split('\n')[0]}; asking again`);
				await page.keyboard.press('Escape');
			}
		}
		record.completionLabels = (await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
	});
	if (completed) {
		await screenshot('completion.png');
	}
	await page.keyboard.press('Escape');

	const checked = await step('check hook status', DEADLINES_MS.palette + DEADLINES_MS.hookStatus, async ({ waitFor }) => {
		// The command checks the active composer.json, as a person would run it while editing the file.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('F1');
		const input = page.locator('.quick-input-widget input');
		await waitFor(input, 'the Command Palette input', DEADLINES_MS.palette);
		await input.fill('>Check Packagist Hook Status');
		const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Check Packagist Hook Status' });
		await waitFor(entry.first(), 'the "Composer Repositories: Check Packagist Hook Status" entry in the Command Palette', DEADLINES_MS.palette);
		await page.keyboard.press('Enter');
		const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `${plan.hookPackage} — verdict:` });
		await waitFor(toast.first(), `the notification with the hook verdict of ${plan.hookPackage}`, DEADLINES_MS.hookStatus);
		record.hookNotification = (await toast.first().innerText()).replace(/\s+/g, ' ').trim();
	});
	if (checked) {
		await screenshot('hook-status.png');
	}
	return record;
}
