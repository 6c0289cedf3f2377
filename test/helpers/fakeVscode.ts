// A scripted stand-in for the `vscode` module, so client modules can run under node:test: importing this file
// first makes `require('vscode')` return it. Only what the client uses is here. Tests script the user (answers to
// messages, input boxes, quick picks, progress cancellation, sign-in) through `vscodeState` and read back what
// the user would have seen (messages, progress reports, opened links, tree contents, executed commands).
import * as fs from 'node:fs';
import Module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Listener<T> = (e: T) => void;

export class Disposable {
	constructor(private readonly fn: () => void = () => undefined) {}
	dispose(): void {
		this.fn();
	}
}

export class EventEmitter<T> {
	private readonly listeners = new Set<Listener<T>>();
	readonly event = (listener: Listener<T>): Disposable => {
		this.listeners.add(listener);
		return new Disposable(() => this.listeners.delete(listener));
	};
	fire(e: T): void {
		for (const l of [...this.listeners]) {
			l(e);
		}
	}
	dispose(): void {
		this.listeners.clear();
	}
}

export class CancellationTokenSource {
	private readonly emitter = new EventEmitter<void>();
	readonly token = {
		isCancellationRequested: false,
		onCancellationRequested: (l: Listener<void>): Disposable => this.emitter.event(l),
	};
	cancel(): void {
		if (!this.token.isCancellationRequested) {
			this.token.isCancellationRequested = true;
			this.emitter.fire();
		}
	}
	dispose(): void {
		this.emitter.dispose();
	}
}

export class Uri {
	private constructor(readonly scheme: string, readonly path: string, private readonly raw: string) {}
	static parse(value: string): Uri {
		const m = /^([a-z][a-z0-9+.-]*):/i.exec(value);
		const scheme = m ? m[1] : 'file';
		return new Uri(scheme, scheme === 'file' ? fileURLToPath(value) : value.slice(scheme.length + 1), value);
	}
	static file(p: string): Uri {
		return new Uri('file', p, pathToFileURL(p).toString());
	}
	static joinPath(base: Uri, ...parts: string[]): Uri {
		return Uri.file([base.fsPath, ...parts].join('/'));
	}
	get fsPath(): string {
		return this.path;
	}
	toString(): string {
		return this.raw;
	}
}

export class ThemeIcon {
	constructor(readonly id: string, readonly color?: ThemeColor) {}
}
export class ThemeColor {
	constructor(readonly id: string) {}
}
export class MarkdownString {
	constructor(readonly value: string) {}
}
export class TreeItem {
	description?: string;
	tooltip?: unknown;
	iconPath?: unknown;
	contextValue?: string;
	id?: string;
	command?: { title: string; command: string; arguments?: unknown[] };
	constructor(readonly label: string, readonly collapsibleState: number) {}
}
export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };

export interface ShownMessage {
	level: 'info' | 'warning' | 'error';
	text: string;
	items: string[];
	modal: boolean;
	detail?: string;
}

export interface FakeDocument {
	uri: Uri;
	getText(): string;
}

interface TreeProvider {
	getChildren(node?: unknown): unknown[];
	getTreeItem(node: unknown): TreeItem;
}

/** What the tests script and read. Reset between tests with resetVscodeState(). */
export const vscodeState = {
	trusted: true,
	config: {} as Record<string, unknown>,
	messages: [] as ShownMessage[],
	/** Picks the button for a message (default: dismiss). */
	answer: (_m: ShownMessage): string | undefined => undefined,
	inputs: [] as Array<string | undefined>,
	inputRequests: [] as Array<{ title?: string; password?: boolean; value?: string }>,
	picks: [] as Array<string | undefined>,
	progress: [] as Array<{ title: string; reports: Array<{ message?: string; increment?: number }>; cancellable: boolean }>,
	/** Cancels a progress's token when a report matches. */
	cancelWhen: undefined as ((report: { message?: string; increment?: number }) => boolean) | undefined,
	opened: [] as string[],
	executed: [] as unknown[][],
	commands: new Map<string, (...args: unknown[]) => unknown>(),
	contexts: {} as Record<string, unknown>,
	/** Tokens of signed-in sessions per provider; `interactive` is what signing in gives. */
	sessions: {} as Record<string, string | undefined>,
	interactive: {} as Record<string, string | undefined>,
	sessionRequests: [] as Array<{ provider: string; scopes: string[]; options: Record<string, unknown> }>,
	activeDocument: undefined as FakeDocument | undefined,
	workspaceFolders: undefined as Array<{ uri: Uri; name: string; index: number }> | undefined,
	trees: new Map<string, TreeProvider>(),
};

export function resetVscodeState(): void {
	Object.assign(vscodeState, {
		trusted: true, config: {}, messages: [], answer: () => undefined, inputs: [], inputRequests: [], picks: [], progress: [], cancelWhen: undefined,
		opened: [], executed: [], contexts: {}, sessions: {}, interactive: {}, sessionRequests: [], activeDocument: undefined, workspaceFolders: undefined,
	});
}

/** The labels and descriptions a tree view shows at its root (or under `node`). */
export function treeRows(viewId: string, node?: unknown): Array<{ node: unknown; item: TreeItem }> {
	const provider = vscodeState.trees.get(viewId);
	if (!provider) {
		throw new Error(`no tree view ${viewId}`);
	}
	return provider.getChildren(node).map((n) => ({ node: n, item: provider.getTreeItem(n) }));
}

function message(level: ShownMessage['level']) {
	return (text: string, ...rest: unknown[]): Promise<string | undefined> => {
		let modal = false;
		let detail: string | undefined;
		if (rest.length > 0 && rest[0] !== null && typeof rest[0] === 'object') {
			const options = rest.shift() as { modal?: boolean; detail?: string };
			modal = options.modal === true;
			detail = options.detail;
		}
		const shown: ShownMessage = { level, text, items: rest.map(String), modal, detail };
		vscodeState.messages.push(shown);
		return Promise.resolve(vscodeState.answer(shown));
	};
}

export class FakeLogChannel {
	readonly lines: string[] = [];
	readonly name = 'fake';
	logLevel = 1;
	readonly onDidChangeLogLevel = new EventEmitter<number>().event;
	private write(level: string, args: unknown[]): void {
		this.lines.push(`[${level}] ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
	}
	trace(...args: unknown[]): void { this.write('trace', args); }
	debug(...args: unknown[]): void { this.write('debug', args); }
	info(...args: unknown[]): void { this.write('info', args); }
	warn(...args: unknown[]): void { this.write('warn', args); }
	error(...args: unknown[]): void { this.write('error', args); }
	append(v: string): void { this.write('append', [v]); }
	appendLine(v: string): void { this.write('appendLine', [v]); }
	replace(v: string): void { this.write('replace', [v]); }
	clear(): void { this.lines.length = 0; }
	show(): void { vscodeState.executed.push(['output.show']); }
	hide(): void { /* nothing */ }
	dispose(): void { /* nothing */ }
}

export class FakeSecretStorage {
	readonly values = new Map<string, string>();
	readonly onDidChange = new EventEmitter<{ key: string }>().event;
	get(key: string): Promise<string | undefined> {
		return Promise.resolve(this.values.get(key));
	}
	store(key: string, value: string): Promise<void> {
		this.values.set(key, value);
		return Promise.resolve();
	}
	delete(key: string): Promise<void> {
		this.values.delete(key);
		return Promise.resolve();
	}
}

function format(text: string, args: unknown[]): string {
	return text.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

export const vscodeFake = {
	Disposable, EventEmitter, CancellationTokenSource, Uri, ThemeIcon, ThemeColor, MarkdownString, TreeItem, TreeItemCollapsibleState, ProgressLocation,
	l10n: { t: (text: string, ...args: unknown[]) => format(text, args) },
	env: {
		openExternal: (uri: Uri): Promise<boolean> => {
			vscodeState.opened.push(uri.toString());
			return Promise.resolve(true);
		},
	},
	commands: {
		registerCommand: (id: string, fn: (...args: unknown[]) => unknown): Disposable => {
			vscodeState.commands.set(id, fn);
			return new Disposable(() => vscodeState.commands.delete(id));
		},
		executeCommand: (id: string, ...args: unknown[]): Promise<unknown> => {
			vscodeState.executed.push([id, ...args]);
			if (id === 'setContext') {
				vscodeState.contexts[String(args[0])] = args[1];
			}
			return Promise.resolve(undefined);
		},
	},
	authentication: {
		getSession: (provider: string, scopes: string[], options: Record<string, unknown>): Promise<{ accessToken: string } | undefined> => {
			vscodeState.sessionRequests.push({ provider, scopes, options });
			const token = vscodeState.sessions[provider] ?? (options.createIfNone ? vscodeState.interactive[provider] : undefined);
			if (token && options.createIfNone) {
				vscodeState.sessions[provider] = token;
			}
			return Promise.resolve(token ? { accessToken: token } : undefined);
		},
	},
	workspace: {
		get isTrusted(): boolean {
			return vscodeState.trusted;
		},
		get workspaceFolders() {
			return vscodeState.workspaceFolders;
		},
		getConfiguration: (section: string) => ({
			get: <T>(key: string, defaultValue?: T): T | undefined => (vscodeState.config[`${section}.${key}`] as T | undefined) ?? defaultValue,
		}),
		fs: {
			stat: async (uri: Uri) => fs.promises.stat(uri.fsPath),
		},
	},
	window: {
		get activeTextEditor() {
			return vscodeState.activeDocument ? { document: vscodeState.activeDocument } : undefined;
		},
		showInformationMessage: message('info'),
		showWarningMessage: message('warning'),
		showErrorMessage: message('error'),
		showInputBox: (
			options: { title?: string; password?: boolean; value?: string; validateInput?: (v: string) => string | undefined },
		): Promise<string | undefined> => {
			vscodeState.inputRequests.push({ title: options.title, password: options.password, value: options.value });
			const value = vscodeState.inputs.shift();
			if (value !== undefined && options.validateInput?.(value)) {
				throw new Error(`fake input "${value}" fails the input box's validation: ${options.validateInput(value)}`);
			}
			return Promise.resolve(value);
		},
		showQuickPick: (items: string[]): Promise<string | undefined> => {
			const pick = vscodeState.picks.shift();
			if (pick !== undefined && !items.includes(pick)) {
				throw new Error(`fake pick "${pick}" is not among ${JSON.stringify(items)}`);
			}
			return Promise.resolve(pick);
		},
		withProgress: <T>(options: { title: string; cancellable?: boolean }, task: (progress: { report(v: { message?: string; increment?: number }): void }, token: CancellationTokenSource['token']) => Promise<T>): Promise<T> => {
			const source = new CancellationTokenSource();
			const record = { title: options.title, reports: [] as Array<{ message?: string; increment?: number }>, cancellable: options.cancellable === true };
			vscodeState.progress.push(record);
			return task({
				report: (v) => {
					record.reports.push(v);
					if (vscodeState.cancelWhen?.(v)) {
						source.cancel();
					}
				},
			}, source.token);
		},
		createTreeView: (id: string, options: { treeDataProvider: TreeProvider }): Disposable => {
			vscodeState.trees.set(id, options.treeDataProvider);
			return new Disposable(() => vscodeState.trees.delete(id));
		},
		createOutputChannel: (): FakeLogChannel => new FakeLogChannel(),
	},
};

// From here on, `require('vscode')` anywhere in this process is the fake.
const moduleWithLoad = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
	return request === 'vscode' ? vscodeFake : originalLoad.call(this, request, parent, isMain);
};
