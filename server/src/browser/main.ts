/**
 * Entry of the language server in the browser (bundled to dist/web/server.js, a classic worker
 * script): the extension's browser entry starts it in a dedicated worker and speaks LSP to it by
 * postMessage. The only file that imports `vscode-languageserver/browser`; the server is the same
 * as on Node (server.ts), with a host that reads the workspace through the extension.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { createBrowserHost } from './host';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, createBrowserHost(connection));
// vscode-languageclient does not end a worker it stops: the server ends itself on `exit`.
connection.onExit(() => self.close());
connection.listen();

// Last line of defence: the server keeps serving; the cause goes to the client's log.
self.addEventListener('error', (event) => {
  connection.console.error(`uncaught: ${event.error instanceof Error ? (event.error.stack ?? event.error.message) : event.message}`);
  event.preventDefault();
});
self.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  event.preventDefault();
});
