// The workspace's trust as the client reports it: `trusted` in initializationOptions (protocol/ext.ts), then the
// trust notification when the user grants it later. One instance per server, shared by everything that may start
// a process or reach the network (hook requests, live resolution): the client refuses too, but the server must
// not rely on it. A client that sends no initializationOptions (other editors) has no trust concept: trusted, as
// before this gate existed.
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from '../../../protocol/ext';

export type TrustListener = (trusted: boolean) => void;

export class WorkspaceTrust {
	private trusted = true;
	private readonly listeners = new Set<TrustListener>();

	get isTrusted(): boolean {
		return this.trusted;
	}

	/** Called on every change; returns a function that removes the listener. */
	onDidChange(listener: TrustListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** From `initialize`: only an explicit `trusted: false` (our client in an untrusted workspace) distrusts. */
	initialize(params: Pick<InitializeParams, 'initializationOptions'>): void {
		const options = params.initializationOptions as { trusted?: unknown } | null | undefined;
		this.set(!(options && typeof options === 'object' && options.trusted === false));
	}

	/** Subscribes to the client's trust notification. */
	listen(connection: Connection): void {
		connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams | undefined) => {
			if (params && typeof params.trusted === 'boolean') {
				this.set(params.trusted);
			}
		});
	}

	private set(trusted: boolean): void {
		if (trusted === this.trusted) {
			return;
		}
		this.trusted = trusted;
		for (const listener of [...this.listeners]) {
			listener(trusted);
		}
	}
}
