// The three requests, typed, through whatever reaches the language server (the LanguageClient; a test
// connection). Cancellation is passed on, so a cancelled progress notification stops the server's work.
import type * as vscode from 'vscode';
import {
	HookProgressNotification, HookStatusRequest, HookUpdateRequest, HookWarningsRequest,
} from '../../../protocol/hooks';

/** The part of the LanguageClient the feature uses. */
export interface HookServer {
	sendRequest<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R>;

	onNotification(method: string, handler: (...params: any[]) => void): vscode.Disposable;
}

export function requestStatus(server: HookServer, params: HookStatusRequest.Params, token?: vscode.CancellationToken): Promise<HookStatusRequest.Result> {
	return server.sendRequest<HookStatusRequest.Result>(HookStatusRequest.method, params, token);
}

export async function requestWarnings(
	server: HookServer, params: HookWarningsRequest.Params, token: vscode.CancellationToken | undefined,
	onProgress: (p: HookProgressNotification.Params) => void,
): Promise<HookWarningsRequest.Result> {
	const listener = server.onNotification(HookProgressNotification.method, (p: HookProgressNotification.Params) => {
		if (p.progressId === params.progressId) {
			onProgress(p);
		}
	});
	try {
		return await server.sendRequest<HookWarningsRequest.Result>(HookWarningsRequest.method, params, token);
	} finally {
		listener.dispose();
	}
}

export function requestUpdate(server: HookServer, params: HookUpdateRequest.Params, token?: vscode.CancellationToken): Promise<HookUpdateRequest.Result> {
	return server.sendRequest<HookUpdateRequest.Result>(HookUpdateRequest.method, params, token);
}
