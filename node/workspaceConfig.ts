/**
 * Workspace catalogs and settings: `.ttab/units.json` and `.ttab/sources.json`
 * in the workspace root extend the built-in catalogs; `.ttab/rules.json` sets
 * rule severities (`{ "TT109": "off", "historyFactor": 5 }`). Read by the CLI
 * and the language server, so both see the same units and rules. Node-only (fs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createUnitCatalog, defaultSources, defaultUnitCatalog, validateUnitDefs, type UnitCatalog } from '../grammar/src/index';
import { DEFAULT_SETTINGS, parseRuleSettings, type ServiceSettings } from '../service/index';

export interface WorkspaceConfig {
  root: string | null;
  units: UnitCatalog;
  sources: readonly string[];
  /** Rule severities and historyFactor from `.ttab/rules.json` (the defaults without it). */
  settings: ServiceSettings;
  /** Problems reading the workspace files, bilingual, naming the file. */
  problems: string[];
}

export const CONFIG_DIR = '.ttab';

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

function readJson(file: string, problems: string[]): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push(`无法读取 ${file}：${(e as Error).message} / cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    problems.push(`${file} 不是有效的 JSON：${(e as Error).message} / ${file} is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** Where the catalogs are, relative to the workspace root (the editor's targetTable.unitsFile / sourcesFile). */
export interface CatalogPaths {
  unitsFile?: string;
  sourcesFile?: string;
}

export function loadWorkspaceConfig(root: string | null, paths: CatalogPaths = {}): WorkspaceConfig {
  const problems: string[] = [];
  if (!root) return { root, units: defaultUnitCatalog, sources: defaultSources, settings: DEFAULT_SETTINGS, problems };
  let units = defaultUnitCatalog;
  const unitsFile = path.resolve(root, paths.unitsFile || path.join(CONFIG_DIR, 'units.json'));
  const unitsJson = readJson(unitsFile, problems);
  if (unitsJson !== undefined) {
    const { units: defs, errors } = validateUnitDefs(unitsJson);
    problems.push(...errors.map((e) => `${unitsFile}: ${e}`));
    units = createUnitCatalog(defs);
  }
  let sources = defaultSources;
  const sourcesFile = path.resolve(root, paths.sourcesFile || path.join(CONFIG_DIR, 'sources.json'));
  const sourcesJson = readJson(sourcesFile, problems);
  if (sourcesJson !== undefined) {
    if (Array.isArray(sourcesJson) && sourcesJson.every((s) => typeof s === 'string')) {
      sources = [...defaultSources, ...sourcesJson.filter((s: string) => !defaultSources.includes(s))];
    } else {
      problems.push(`${sourcesFile}：应为字符串数组 / ${sourcesFile}: expected an array of strings`);
    }
  }
  let settings = DEFAULT_SETTINGS;
  const rulesFile = path.join(root, CONFIG_DIR, 'rules.json');
  const rulesJson = readJson(rulesFile, problems);
  if (rulesJson !== undefined) {
    const read = parseRuleSettings(rulesJson);
    problems.push(...read.problems.map((m) => `${rulesFile}：${m.zh} / ${rulesFile}: ${m.en}`));
    settings = read.settings;
  }
  return { root, units, sources, settings, problems };
}
