#!/usr/bin/env node
// Runs the browser's language server bundle (dist/web/server.js) as a browser runs it in a dedicated
// worker, so the protocol tests can drive it over stdio like the Node server:
//
//   node test/support/webWorkerHost.cjs dist/web/server.js
//
// The bundle runs in a V8 context of its own whose globals are only what a dedicated worker has —
// no require, process, Buffer, setImmediate, __dirname; a use of one of them fails here as it would
// in a browser. Its postMessage/onmessage are bridged to LSP messages on stdin/stdout (messages
// cross as JSON, as postMessage's structured clone copies them). self.close() ends the process
// (exit code 0); an error the worker does not handle ends it with code 1. Every error — an error
// event, handled or not, and every error the server logs (window/logMessage) — is also written to
// stderr with the prefix "[web worker]", for the tests to see.
'use strict';
const fs = require('node:fs');
const vm = require('node:vm');
const { StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const bundle = process.argv[2];
if (!bundle) {
  console.error('usage: webWorkerHost.cjs BUNDLE.js');
  process.exit(2);
}

const listeners = { message: new Set(), error: new Set(), unhandledrejection: new Set() };
const writer = new StreamMessageWriter(process.stdout);
let closed = false;

/** What a dedicated worker's global scope offers that the server may use. */
const scope = {
  name: 'target-table-server',
  console: { log: console.error, info: console.error, warn: console.error, error: console.error, debug: console.error, trace: console.error },
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  queueMicrotask,
  structuredClone,
  TextEncoder,
  TextDecoder,
  URL,
  URLSearchParams,
  AbortController,
  AbortSignal,
  performance,
  crypto: globalThis.crypto,
  atob,
  btoa,
  onmessage: null,
  postMessage(data) {
    if (closed) return;
    const message = JSON.parse(JSON.stringify(data));
    if (message.method === 'window/logMessage' && message.params?.type === 1) console.error(`[web worker] logged: ${message.params.message}`);
    void writer.write(message);
  },
  addEventListener(type, listener) {
    listeners[type]?.add(listener);
  },
  removeEventListener(type, listener) {
    listeners[type]?.delete(listener);
  },
  close() {
    closed = true;
    setTimeout(() => process.exit(0), 10);
  },
};
scope.self = scope;
const context = vm.createContext(scope, { name: 'web worker' });
// messages are made in the worker's own realm (its Array, its Object), as a worker receives them
const parseInWorker = vm.runInContext('JSON.parse', context);

/** Dispatches an error event the way a worker does; unhandled, it ends the worker (and this process). */
function dispatchError(type, detail) {
  const event = { type, ...detail, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  console.error(`[web worker] ${type}:`, detail.error ?? detail.reason);
  for (const listener of listeners[type]) listener.call(scope, event);
  if (!event.defaultPrevented) process.exit(1);
}
process.on('uncaughtException', (error) => dispatchError('error', { error, message: String(error && error.message) }));
process.on('unhandledRejection', (reason) => dispatchError('unhandledrejection', { reason }));

vm.runInContext(fs.readFileSync(bundle, 'utf8'), context, { filename: bundle });

new StreamMessageReader(process.stdin).listen((message) => {
  const event = { data: parseInWorker(JSON.stringify(message)) };
  if (typeof scope.onmessage === 'function') scope.onmessage(event);
  for (const listener of listeners.message) listener.call(scope, event);
});
process.stdin.on('end', () => process.exit(closed ? 0 : 1));
