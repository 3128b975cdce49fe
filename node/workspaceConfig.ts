/**
 * Workspace catalogs and settings from the disk: `.ttab/units.json` and `.ttab/sources.json` in
 * the workspace root extend the built-in catalogs; `.ttab/rules.json` sets rule severities. Read
 * here for the CLI and the desktop language server; what the files mean is the language
 * service's (service/workspaceConfig.ts), which the extension and the browser's server use too.
 * Node-only (fs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_DIR, defaultCatalogs, readWorkspaceConfig, workspaceConfigFiles, type CatalogPaths, type ConfigFileText, type WorkspaceCatalogs } from '../service/index';

export { CONFIG_DIR, type CatalogPaths };

export interface WorkspaceConfig extends WorkspaceCatalogs {
  root: string | null;
}

/** The nearest ancestor of `start` (a folder) that has a `.ttab/` folder, stopping at a git root. */
export function findWorkspaceRoot(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (isDirectory(path.join(dir, CONFIG_DIR))) return dir;
    if (fs.existsSync(path.join(dir, '.git'))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A catalog file's text; none when it does not exist. */
function readConfigFile(file: string): ConfigFileText {
  try {
    return { name: file, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { name: file };
    return { name: file, error: (e as Error).message };
  }
}

export function loadWorkspaceConfig(root: string | null, paths: CatalogPaths = {}): WorkspaceConfig {
  if (!root) return { root, ...defaultCatalogs() };
  const files = workspaceConfigFiles(paths);
  const read = (file: string) => readConfigFile(path.resolve(root, file));
  return { root, ...readWorkspaceConfig({ units: read(files.units), sources: read(files.sources), rules: read(files.rules) }) };
}
