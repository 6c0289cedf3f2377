// Every secret the client hands to the language server (GitHub sessions, tokens from SecretStorage) is added here
// first, and the output channel given to the LanguageClient masks them: `composerRepositories.trace.server:
// verbose` logs each request's params and each result, so without this a token would be in the log.
import type * as vscode from 'vscode';

export class SecretRedactor {
	private readonly secrets = new Set<string>();

	/** Remembers a secret (its JSON-escaped and base64 forms too). Values shorter than 4 characters are ignored. */
	add(secret: string | undefined): void {
		if (typeof secret !== 'string' || secret.length < 4) {
			return;
		}
		this.secrets.add(secret);
		this.secrets.add(JSON.stringify(secret).slice(1, -1));
		this.secrets.add(Buffer.from(secret).toString('base64'));
	}

	redact(text: string): string {
		let out = text;
		// Longest first, so a secret that contains another is masked whole.
		for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
			if (out.includes(s)) {
				out = out.split(s).join('***');
			}
		}
		return out;
	}
}

/** Methods of a LogOutputChannel that write text. */
const WRITERS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

function redactArg(redactor: SecretRedactor, arg: unknown): unknown {
	if (typeof arg === 'string') {
		return redactor.redact(arg);
	}
	if (arg instanceof Error) {
		const copy = new Error(redactor.redact(arg.message));
		copy.stack = arg.stack !== undefined ? redactor.redact(arg.stack) : undefined;
		return copy;
	}
	if (arg !== null && typeof arg === 'object') {
		try {
			return redactor.redact(JSON.stringify(arg));
		} catch {
			return '[object]';
		}
	}
	return arg;
}

/** The same channel, with every secret of `redactor` masked in whatever is written to it. */
export function redactingLogChannel(channel: vscode.LogOutputChannel, redactor: SecretRedactor): vscode.LogOutputChannel {
	return new Proxy(channel, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver) as unknown;
			if (typeof value !== 'function') {
				return value;
			}
			if (typeof prop === 'string' && WRITERS.has(prop)) {
				return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args.map((a) => redactArg(redactor, a)));
			}
			return (value as (...a: unknown[]) => unknown).bind(target);
		},
	});
}
