// Playwright (playwright-core from the setup cache, not a project dependency) driving Debian's Chromium.
// Only the few calls the driver makes are typed here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { E2eTools } from './env';

export interface Locator {
	first(): Locator;
	nth(index: number): Locator;
	locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
	waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
	click(options?: { timeout?: number }): Promise<void>;
	hover(options?: { timeout?: number }): Promise<void>;
	fill(value: string, options?: { timeout?: number }): Promise<void>;
	innerText(options?: { timeout?: number }): Promise<string>;
	allInnerTexts(): Promise<string[]>;
	inputValue(options?: { timeout?: number }): Promise<string>;
	count(): Promise<number>;
	isVisible(): Promise<boolean>;
}

export interface Page {
	goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded'; timeout?: number }): Promise<unknown>;
	locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
	keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
	mouse: { move(x: number, y: number): Promise<void> };
	screenshot(options: { path: string }): Promise<unknown>;
	waitForTimeout(ms: number): Promise<void>;
	on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
	on(event: 'response', listener: (response: { status(): number; url(): string }) => void): void;
}

interface Route {
	request(): { url(): string };
	abort(errorCode?: string): Promise<void>;
}

interface BrowserContext {
	pages(): Page[];
	newPage(): Promise<Page>;
	route(url: (url: URL) => boolean, handler: (route: Route) => Promise<void>): Promise<void>;
	close(): Promise<void>;
}

interface PlaywrightCore {
	chromium: {
		launchPersistentContext(userDataDir: string, options: {
			executablePath: string;
			headless: boolean;
			viewport: { width: number; height: number };
			args: string[];
		}): Promise<BrowserContext>;
	};
}

export interface Browser {
	page: Page;
	/** Non-loopback requests the page tried (and that were refused). */
	blockedRequests: string[];
	close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
	return !/^(https?|wss?):$/.test(url.protocol) || LOOPBACK_HOSTS.has(url.hostname);
}

export async function launchBrowser(tools: E2eTools, viewport: { width: number; height: number }): Promise<Browser> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
	const { chromium } = require(tools.playwrightCore) as PlaywrightCore;
	// A persistent context on an empty folder: Playwright refuses --user-data-dir in args.
	const profile = mkdtempSync(join(tmpdir(), 'composer-repos-e2e-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: tools.chromium,
		headless: true,
		viewport,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--lang=en-US'],
	});
	const blockedRequests: string[] = [];
	// Next to the loopback-only network namespace: the page itself never sends a request off this machine.
	await context.route((url) => !isLoopback(url), async (route) => {
		blockedRequests.push(route.request().url());
		await route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? await context.newPage();
	return {
		page,
		blockedRequests,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
