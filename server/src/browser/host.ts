/**
 * The server's access to the workspace in the browser: a web worker has no file system, so the
 * files come from the extension (LIST_TABLES / FILE_SIZE / READ_FILE requests, answered through
 * VS Code's file system). Files are named by their URIs; the catalogs are read like everywhere
 * else (service/workspaceConfig.ts), only their texts arrive through the client.
 */
import type { Connection } from 'vscode-languageserver';
import { defaultCatalogs, readWorkspaceConfig, workspaceConfigFiles, type ConfigFileText } from '../../../service/index';
import type { ServerHost } from '../host';
import { FILE_SIZE_REQUEST, LIST_TABLES_REQUEST, READ_FILE_REQUEST, type FileParams, type ListTablesParams } from '../protocol';

/** Documents that have no file behind them: nothing to read. */
const NO_FILE_SCHEMES = ['untitled:'];

/** As VS Code writes a URI path segment: everything but the unreserved characters escaped. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `file` — relative to the root, or an absolute path on the root's file system — as a URI. */
export function resolveUri(root: string, file: string): string {
  const match = /^([a-zA-Z][\w+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/.exec(root);
  if (!match) return root;
  const [, origin, rootPath] = match as unknown as [string, string, string];
  const drive = /^([a-zA-Z]):[\\/]/.exec(file)?.[1];
  const absolute = drive !== undefined || /^[\\/]/.test(file);
  // a drive as VS Code writes it in a URI: /c%3A/…
  const segments = drive ? [`${drive.toLowerCase()}%3A`] : absolute ? [] : rootPath.split('/').filter((s) => s !== '');
  for (const part of (drive ? file.slice(2) : file).split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(encodeSegment(part));
  }
  return `${origin}/${segments.join('/')}`;
}

function readableName(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export function createBrowserHost(connection: Connection): ServerHost {
  const readText = (uri: string) => connection.sendRequest<string | null>(READ_FILE_REQUEST, { uri } satisfies FileParams);

  const readConfigFile = async (uri: string): Promise<ConfigFileText> => {
    const name = readableName(uri);
    try {
      const text = await readText(uri);
      return text === null ? { name } : { name, text };
    } catch (e) {
      return { name, error: e instanceof Error ? e.message : String(e) };
    }
  };

  return {
    async *listTables(folder) {
      yield* await connection.sendRequest<string[]>(LIST_TABLES_REQUEST, { folder } satisfies ListTablesParams);
    },
    // the size first: a file over the limit is never read (as on the desktop)
    readTable: async (uri, maxBytes) => {
      const size = await connection.sendRequest<number | null>(FILE_SIZE_REQUEST, { uri } satisfies FileParams);
      if (size === null) return { skipped: 'missing' };
      if (size > maxBytes) return { skipped: 'tooLarge', size };
      const text = await readText(uri);
      return text === null ? { skipped: 'missing' } : { text };
    },
    loadCatalogs: async (root, paths) => {
      if (!root) return defaultCatalogs();
      const files = workspaceConfigFiles(paths);
      const [units, sources, rules] = await Promise.all([files.units, files.sources, files.rules].map((file) => readConfigFile(resolveUri(root, file))));
      return readWorkspaceConfig({ units, sources, rules });
    },
    catalogFiles: (root, paths) => [paths.unitsFile, paths.sourcesFile].filter((p): p is string => p !== undefined).map((p) => resolveUri(root, p)),
    uriToPath: (uri) => (NO_FILE_SCHEMES.some((scheme) => uri.startsWith(scheme)) ? null : uri),
    pathToUri: (uri) => uri,
    // no setImmediate in a browser: a macrotask lets messages in between
    defer: (work) => {
      setTimeout(work, 0);
    },
    // browsers do not tell a worker its heap (only `--timing` of the Node server reports it)
    heapUsedMiB: () => 0,
  };
}
