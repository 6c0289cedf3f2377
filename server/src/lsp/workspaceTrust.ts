// Whether this workspace may run VCS programs and reach the network. The VS Code client says so in
// initializationOptions (`trusted`) and later with WORKSPACE_TRUST_NOTIFICATION once the user grants trust
// (trust cannot be revoked without a reload). Editors without workspace trust send nothing: trusted.
import type { Connection } from 'vscode-languageserver';
import { WORKSPACE_TRUST_NOTIFICATION, type InitializationOptions, type WorkspaceTrustParams } from '../../../protocol/ext';

export class WorkspaceTrust {
	private trusted = true;

	get isTrusted(): boolean {
		return this.trusted;
	}

	/** From `initialize`: only an explicit `trusted: false` makes the workspace untrusted. */
	initialize(initializationOptions: unknown): void {
		const options = initializationOptions as Partial<InitializationOptions> | null | undefined;
		this.trusted = options?.trusted !== false;
	}

	listen(connection: Connection): void {
		connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: Partial<WorkspaceTrustParams> | undefined) => {
			if (params?.trusted === true) this.trusted = true;
		});
	}
}
