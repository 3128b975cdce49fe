/** The server's access to the machine (Node): workspace files and catalogs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerHost } from '../host';
import { SCAN_SKIPPED_FOLDERS } from '../protocol';
import { loadWorkspaceConfig } from '../../../node/workspaceConfig';

const SKIPPED_DIRS = new Set(SCAN_SKIPPED_FOLDERS);

async function* walk(dir: string): AsyncIterable<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to index there
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile() && entry.name.endsWith('.ttab')) {
      yield full;
    }
  }
}

export const nodeHost: ServerHost = {
  listTables: (folder) => walk(folder),
  readFile: (file) => fs.promises.readFile(file, 'utf8'),
  fileSize: async (file) => {
    try {
      return (await fs.promises.stat(file)).size;
    } catch {
      return undefined;
    }
  },
  loadCatalogs: async (root, paths) => {
    const config = loadWorkspaceConfig(root, paths);
    return { units: config.units, sources: config.sources, settings: config.settings, problems: config.problems };
  },
  catalogFiles: (root, paths) => [paths.unitsFile, paths.sourcesFile].filter((p): p is string => p !== undefined).map((p) => path.resolve(root, p)),
  uriToPath: (uri) => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : null;
    } catch {
      return null;
    }
  },
  pathToUri: (file) => pathToFileURL(file).href,
  defer: (work) => {
    setImmediate(work);
  },
  heapUsedMiB: () => process.memoryUsage().heapUsed / 1048576,
};
