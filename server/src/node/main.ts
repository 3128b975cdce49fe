/**
 * Entry of the language server (bundled to dist/server.js). The only file
 * that imports `vscode-languageserver/node`; it picks the transport from the
 * command line (`--stdio`, `--node-ipc`, `--socket=N`).
 */
import { setFlagsFromString } from 'node:v8';
import { format } from 'node:util';
import { createConnection, ErrorCodes, Message, ProposedFeatures, ResponseError, StreamMessageReader, StreamMessageWriter, type Connection, type MessageStrategy } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { jsonMessageEncoder } from './messageEncoder';
import { nodeHost } from './host';

// Grow the heap by as much as survives a collection (factor 2) rather than V8's adaptive factor (up to 4×):
// each edit of a large table leaves a copy of the document behind (strings are immutable), and
// without this the server of a 5 MB table sits at twice the memory it needs. Measured with
// `npm run bench` (lsp.*: peak RSS); the cost is a few more, shorter, collections.
setFlagsFromString('--heap-growing-percent=100');

/**
 * The protocol: after `shutdown`, every request fails with InvalidRequest (only the `exit`
 * notification is still expected). The library answers them as usual, so each request that comes
 * after it is turned, at the door, into one whose only handler says so.
 */
const AFTER_SHUTDOWN = '$/targetTable/requestAfterShutdown';
let shutdownReceived = false;
const refuseAfterShutdown: MessageStrategy = {
  handleMessage(message, next) {
    if (!Message.isRequest(message)) return next(message);
    if (shutdownReceived) return next({ ...message, method: AFTER_SHUTDOWN, params: { method: message.method } } as Message);
    if (message.method === 'shutdown') shutdownReceived = true;
    return next(message);
  },
};

/** Set over stdio (see ServerOptions.afterWrites). */
let afterWrites: ((work: () => void) => void) | undefined;
const connection = process.argv.includes('--stdio') ? overStdio() : createConnection(ProposedFeatures.all, { messageStrategy: refuseAfterShutdown });

/**
 * Over stdio (the editor's transport), the messages are written with jsonMessageEncoder (diagnostics and outlines from kept bytes); the
 * library's own stdio set-up is repeated for the rest: exit when the client closes stdin, and
 * console output to the client's log (stdout carries the protocol).
 */
function overStdio(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: jsonMessageEncoder() });
  // The writer encodes and writes each message in a later turn of the event loop, in order: the last one's settling is all of them written.
  const write = writer.write.bind(writer);
  let lastWrite: Promise<void> = Promise.resolve();
  writer.write = (msg) => (lastWrite = write(msg));
  afterWrites = (work) => void lastWrite.then(work, work);
  const connection = createConnection(ProposedFeatures.all, reader, writer, { messageStrategy: refuseAfterShutdown });
  const exit = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const toLog = (log: (message: string) => void) => (...args: unknown[]) => log(format(...args));
  console.log = console.info = console.debug = toLog((m) => connection.console.log(m));
  console.warn = toLog((m) => connection.console.warn(m));
  console.error = toLog((m) => connection.console.error(m));
  return connection;
}
connection.onRequest(AFTER_SHUTDOWN, (params: { method: string }) => new ResponseError(ErrorCodes.InvalidRequest, `服务器已关闭，不再处理 ${params.method} / the server is shut down: ${params.method} refused`));
const delayArg = process.argv.find((a) => a.startsWith('--validation-delay='));
startServer(connection, nodeHost, {
  validationDelay: delayArg ? Number(delayArg.split('=')[1]) : undefined,
  timing: process.argv.includes('--timing'),
  afterWrites,
});
connection.listen();

// Last line of defence: the server keeps serving; the cause goes to the client's log.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
