// The server's workspace/executeCommand commands, one table: features register a handler by name, the server
// advertises the names in `executeCommandProvider` and routes each request here, through runSafe.
import type { CancellationToken, Connection, ExecuteCommandParams } from 'vscode-languageserver';
import { runSafe } from './runner';

export type CommandHandler = (args: unknown[], signal: AbortSignal) => Promise<unknown>;

export class ServerCommands {
	private readonly handlers = new Map<string, CommandHandler>();

	register(name: string, handler: CommandHandler): void {
		this.handlers.set(name, handler);
	}

	/** For `executeCommandProvider.commands` in the initialize result. */
	names(): string[] {
		return [...this.handlers.keys()];
	}

	listen(connection: Connection): void {
		connection.onExecuteCommand((params: ExecuteCommandParams, token: CancellationToken) => {
			const handler = this.handlers.get(params.command);
			if (!handler) {
				connection.console.warn(`[command] unknown command ${params.command}`);
				return null;
			}
			return runSafe(connection.console, (signal) => handler(params.arguments ?? [], signal), null, `[command] ${params.command}`, token);
		});
	}
}
