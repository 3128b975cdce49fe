/**
 * Entry of the language server (bundled to dist/server.js). The only file
 * that imports `vscode-languageserver/node`; it picks the transport from the
 * command line (`--stdio`, `--node-ipc`, `--socket=N`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { nodeHost } from './host';

const connection = createConnection(ProposedFeatures.all);
const delayArg = process.argv.find((a) => a.startsWith('--validation-delay='));
startServer(connection, nodeHost, {
  validationDelay: delayArg ? Number(delayArg.split('=')[1]) : undefined,
  timing: process.argv.includes('--timing'),
});
connection.listen();

// Last line of defence: the server keeps serving; the cause goes to the client's log.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
