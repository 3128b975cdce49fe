/**
 * The language server's web worker (dist/web/server.js). VS Code for the Web refuses
 * `new Worker(url)` for an extension served by a VS Code server ("Creating workers from remote
 * extensions is currently not supported", code-server and Codespaces in the browser): there the
 * script is fetched (the extension host's fetch resolves the extension's URI) and started from a
 * blob: URL. On vscode.dev and github.dev the direct start works.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, type MessageTransports } from 'vscode-languageclient/browser';

/** The worker's name (the browser's debugger lists it as "ExtensionHostWorker -> target-table-server"). */
const WORKER_NAME = 'target-table-server';

/**
 * A reader that reports the connection closed when the worker fails before it ever answered (its
 * script is missing or throws as it loads): the client then fails its start and the supervisor
 * restarts or gives up, as with a Node server that exits at once. Later errors are the server's to
 * catch (browser/main.ts).
 */
class WorkerMessageReader extends BrowserMessageReader {
  constructor(worker: Worker, onDead: () => void) {
    super(worker);
    let answered = false;
    worker.addEventListener('message', () => (answered = true), { once: true });
    worker.addEventListener('error', () => {
      if (answered) return;
      onDead();
      this.fireClose();
    });
  }
}

async function startFromBlob(url: string): Promise<{ worker: Worker; blobUrl: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  const blobUrl = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  return { worker: new Worker(blobUrl, { name: WORKER_NAME }), blobUrl };
}

/** Starts server workers, one at a time: starting a new one ends the last (vscode-languageclient never ends them). */
export class ServerWorkers implements vscode.Disposable {
  private current: { worker: Worker; blobUrl?: string } | undefined;

  async start(serverUri: vscode.Uri): Promise<MessageTransports> {
    this.dispose();
    const url = serverUri.toString(true);
    let started: { worker: Worker; blobUrl?: string };
    try {
      started = { worker: new Worker(url, { name: WORKER_NAME }) };
    } catch {
      started = await startFromBlob(url);
    }
    this.current = started;
    const end = (): void => {
      if (this.current === started) this.dispose();
    };
    // the worker itself, not `return worker`: the host's Worker is a wrapper, so the client's `instanceof Worker` would fail
    return { reader: new WorkerMessageReader(started.worker, end), writer: new BrowserMessageWriter(started.worker) };
  }

  dispose(): void {
    if (!this.current) return;
    this.current.worker.terminate();
    if (this.current.blobUrl) URL.revokeObjectURL(this.current.blobUrl);
    this.current = undefined;
  }
}
