// The one boundary every LSP handler goes through. The pure service never sees a cancellation token and may
// throw on a bug; here a cancelled request becomes RequestCancelled, and an error becomes a logged default
// value, so one bad document can never take the server down or leave the editor waiting.
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** Where runSafe reports failures (connection.console in the server). */
export interface ErrorLog {
	error(message: string): void;
}

/** A readable one-line-plus-stack description of anything thrown. */
export function formatError(label: string, error: unknown): string {
	if (error instanceof Error) {
		return `${label}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`;
	}
	if (typeof error === 'string') {
		return `${label}: ${error}`;
	}
	return `${label}: ${String(error)}`;
}

function cancelled(): ResponseError<void> {
	return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** An AbortSignal that fires when the LSP token does, so work below the handler can stop early. */
export function tokenToSignal(token: CancellationToken | undefined): AbortSignal {
	const controller = new AbortController();
	if (token) {
		if (token.isCancellationRequested) {
			controller.abort();
		} else {
			token.onCancellationRequested(() => controller.abort());
		}
	}
	return controller.signal;
}

/**
 * Runs `work` for a request: checks the token before and after (answering RequestCancelled when it fired),
 * logs any exception with `label` and answers `errorValue` instead.
 * Runs on the next macrotask so that a cancel notification queued right behind the request is seen first.
 */
export function runSafe<T>(
	log: ErrorLog,
	work: (signal: AbortSignal) => T | Promise<T>,
	errorValue: T,
	label: string,
	token: CancellationToken | undefined,
): Promise<T | ResponseError<void>> {
	return new Promise((resolve) => {
		setImmediate(() => {
			if (token?.isCancellationRequested) {
				resolve(cancelled());
				return;
			}
			let pending: Promise<T>;
			try {
				pending = Promise.resolve(work(tokenToSignal(token)));
			} catch (error) {
				pending = Promise.reject(error);
			}
			pending.then(
				(result) => resolve(token?.isCancellationRequested ? cancelled() : result),
				(error: unknown) => {
					log.error(formatError(label, error));
					resolve(errorValue);
				},
			);
		});
	});
}

/** runSafe for notifications and internal jobs: no token, no response, errors logged and swallowed. */
export async function runSafeAsync(log: ErrorLog, work: () => Promise<void> | void, label: string): Promise<void> {
	try {
		await work();
	} catch (error) {
		log.error(formatError(label, error));
	}
}
