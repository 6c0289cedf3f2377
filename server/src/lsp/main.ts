// Node entry of the language server (dist/server.js). The transport comes from argv: the VS Code client
// passes --node-ipc, other editors run `node dist/server.js --stdio` (or `composer-repos lsp --stdio`).
import { runNodeServer } from './nodeServer';

runNodeServer();
