// What a person does in the editor, step by step, each with its own deadline: open composer.json, look at the
// Problems panel, ask for completions inside an empty "type" value. It records what the workbench shows; the
// test asserts on the record.
import { join } from 'node:path';
import type { Page } from './browser';
import type { Position } from './workspace';

export interface DriverPlan {
	url: string;
	outDir: string;
	/** Text the Problems panel row of our diagnostic must contain (the code). */
	diagnosticCode: string;
	completionAt: Position;
	/** The completion label to wait for. */
	completionLabel: string;
}

export interface DriverRecord {
	timingsMs: Record<string, number>;
	problemRows: string[];
	/** Text of the hover over the pear type value (our diagnostic and our documentation). */
	hoverText?: string;
	cursorStatus?: string;
	completionLabels: string[];
	screenshots: string[];
	/** Every step that failed; the session goes on after a failed check when later checks do not depend on it. */
	failures: Array<{ step: string; error: string }>;
}

type Step = (expired: () => boolean) => Promise<void>;

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
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				expired = true;
				reject(new Error(`missed its ${deadlineMs} ms deadline`));
			}, deadlineMs);
		});
		const work = body(() => expired);
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

	const ready = await step('workbench', 90_000, async () => {
		await page.goto(plan.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
		await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
	}) && await step('open composer.json', 45_000, async () => {
		const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'composer.json' }).first();
		try {
			await row.waitFor({ timeout: 20_000 });
			await row.click();
		} catch {
			// The Explorer may be collapsed or slow to list files; Quick Open gets there too.
			await page.keyboard.press('Control+P');
			await page.locator('.quick-input-widget input').fill('composer.json');
			await page.keyboard.press('Enter');
		}
		await page.locator('.tabs-container .tab.active', { hasText: 'composer.json' }).waitFor({ timeout: 20_000 });
		await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
	});
	if (!ready) {
		return record;
	}

	const diagnosed = await step('diagnostic in Problems panel', 90_000, async () => {
		// The server starts with the extension; until it has validated, the panel says "No problems".
		await page.keyboard.press('Control+Shift+M');
		const row = page.locator('.markers-panel .monaco-list-row', { hasText: plan.diagnosticCode });
		await row.first().waitFor({ timeout: 90_000 });
		record.problemRows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts())
			.map((t) => t.replace(/\s+/g, ' ').trim());
		await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 10_000 });
	});
	if (diagnosed) {
		await screenshot('diagnostic.png');
		const hovered = await step('hover on the pear type', 30_000, async () => {
			await page.locator('.monaco-editor .view-line span span', { hasText: /^"pear"$/ }).first().hover();
			const hover = page.locator('.monaco-hover', { hasText: plan.diagnosticCode });
			await hover.first().waitFor({ timeout: 15_000 });
			record.hoverText = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
		});
		if (hovered) {
			await screenshot('hover.png');
		}
		await page.mouse.move(0, 0);
		await page.keyboard.press('Escape');
	}

	const placed = await step('cursor in the empty type value', 30_000, async () => {
		// Go to Line/Column puts the cursor exactly between the quotes; the status bar confirms it.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+G');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ timeout: 10_000 });
		await input.fill(`:${plan.completionAt.line}:${plan.completionAt.column}`);
		await page.keyboard.press('Enter');
		const status = page.locator('[id="status.editor.selection"]', { hasText: `Ln ${plan.completionAt.line}, Col ${plan.completionAt.column}` });
		await status.first().waitFor({ timeout: 10_000 });
		record.cursorStatus = (await status.first().innerText()).trim();
	});
	if (!placed) {
		return record;
	}

	const completed = await step('completion', 60_000, async (expired) => {
		const wanted = page.locator('.suggest-widget .monaco-list-row .label-name', { hasText: new RegExp(`^${plan.completionLabel}$`) });
		// Ask again if the first answer came before the server was ready ("No suggestions.").
		while (!expired()) {
			await page.keyboard.press('Control+Space');
			try {
				await wanted.first().waitFor({ timeout: 10_000 });
				break;
			} catch {
				if (expired()) {
					break;
				}
				log('completion: label not listed yet, asking again');
				await page.keyboard.press('Escape');
			}
		}
		record.completionLabels = (await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
	});
	if (completed) {
		await screenshot('completion.png');
	}
	return record;
}
