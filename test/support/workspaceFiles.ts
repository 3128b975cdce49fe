/**
 * The extension's side of the browser server's file requests (server/src/protocol.ts), answered
 * from the disk as client/src/browser/serverFiles.ts answers them through VS Code's file system:
 * the protocol tests of the browser's server see the same workspace as those of the Node server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { FILE_SIZE_REQUEST, LIST_TABLES_REQUEST, READ_FILE_REQUEST, SCAN_SKIPPED_FOLDERS, type FileParams, type ListTablesParams } from '../../server/src/protocol';

function tablesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SCAN_SKIPPED_FOLDERS.includes(entry.name) ? [] : tablesUnder(full);
    return entry.isFile() && entry.name.endsWith('.ttab') ? [full] : [];
  });
}

export function answerFileRequests(connection: MessageConnection): void {
  connection.onRequest(LIST_TABLES_REQUEST, ({ folder }: ListTablesParams) => tablesUnder(fileURLToPath(folder)).map((file) => pathToFileURL(file).href));
  connection.onRequest(FILE_SIZE_REQUEST, ({ uri }: FileParams) => {
    try {
      return fs.statSync(fileURLToPath(uri)).size;
    } catch {
      return null;
    }
  });
  connection.onRequest(READ_FILE_REQUEST, ({ uri }: FileParams) => {
    try {
      return fs.readFileSync(fileURLToPath(uri), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  });
}
