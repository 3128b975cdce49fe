/**
 * A workspace's catalogs and rule settings, from the texts of its `.ttab/*.json` files:
 * `units.json` and `sources.json` extend the built-in catalogs, `rules.json` sets rule
 * severities (`{ "TT109": "off", "historyFactor": 5 }`). Whoever can read the files hands their
 * texts in — node/workspaceConfig.ts from the disk (the CLI and the desktop language server), the
 * extension through VS Code's file system, the browser's language server through the extension —
 * so every one of them reads the same units, sources and rules, with the same problems.
 */
import { createUnitCatalog, defaultSources, defaultUnitCatalog, validateUnitDefs, type UnitCatalog } from '../grammar/src/index';
import { DEFAULT_SETTINGS, type ServiceSettings } from './context';
import { parseRuleSettings } from './validation/ruleSettings';

/** The workspace's folder of catalogs and settings. */
export const CONFIG_DIR = '.ttab';

/** Where the catalogs are, relative to the workspace root (the editor's targetTable.unitsFile / sourcesFile). */
export interface CatalogPaths {
  unitsFile?: string;
  sourcesFile?: string;
}

export interface WorkspaceCatalogs {
  units: UnitCatalog;
  sources: readonly string[];
  /** Rule severities and historyFactor from `.ttab/rules.json` (the defaults without it). */
  settings: ServiceSettings;
  /** Problems reading the files, bilingual, naming the file: for the user, once each. */
  problems: string[];
}

/** A workspace without catalog files (or without a root). */
export function defaultCatalogs(): WorkspaceCatalogs {
  return { units: defaultUnitCatalog, sources: defaultSources, settings: DEFAULT_SETTINGS, problems: [] };
}

/** The three files, relative to the workspace root unless the editor's settings name an absolute path. */
export function workspaceConfigFiles(paths: CatalogPaths = {}): { units: string; sources: string; rules: string } {
  return {
    units: paths.unitsFile || `${CONFIG_DIR}/units.json`,
    sources: paths.sourcesFile || `${CONFIG_DIR}/sources.json`,
    rules: `${CONFIG_DIR}/rules.json`,
  };
}

/** One file as read: the name messages give it, and its text (none: the file does not exist) or why it could not be read. */
export interface ConfigFileText {
  name: string;
  text?: string;
  error?: string;
}

function readJson(file: ConfigFileText | undefined, problems: string[]): unknown {
  if (!file) return undefined;
  const { name } = file;
  if (file.error !== undefined) {
    problems.push(`无法读取 ${name}：${file.error} / cannot read ${name}: ${file.error}`);
    return undefined;
  }
  if (file.text === undefined) return undefined;
  try {
    return JSON.parse(file.text);
  } catch (e) {
    problems.push(`${name} 不是有效的 JSON：${(e as Error).message} / ${name} is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** The catalogs and settings the three files give (each may be missing). */
export function readWorkspaceConfig(files: { units?: ConfigFileText; sources?: ConfigFileText; rules?: ConfigFileText }): WorkspaceCatalogs {
  const { units: unitsFile, sources: sourcesFile, rules: rulesFile } = files;
  const problems: string[] = [];
  let units = defaultUnitCatalog;
  const unitsJson = readJson(unitsFile, problems);
  if (unitsJson !== undefined) {
    const { units: defs, errors } = validateUnitDefs(unitsJson);
    problems.push(...errors.map((e) => `${unitsFile!.name}: ${e}`));
    units = createUnitCatalog(defs);
  }
  let sources = defaultSources;
  const sourcesJson = readJson(sourcesFile, problems);
  if (sourcesJson !== undefined) {
    if (Array.isArray(sourcesJson) && sourcesJson.every((s) => typeof s === 'string')) {
      sources = [...defaultSources, ...sourcesJson.filter((s: string) => !defaultSources.includes(s))];
    } else {
      problems.push(`${sourcesFile!.name}：应为字符串数组 / ${sourcesFile!.name}: expected an array of strings`);
    }
  }
  let settings = DEFAULT_SETTINGS;
  const rulesJson = readJson(rulesFile, problems);
  if (rulesJson !== undefined) {
    const read = parseRuleSettings(rulesJson);
    problems.push(...read.problems.map((m) => `${rulesFile!.name}：${m.zh} / ${rulesFile!.name}: ${m.en}`));
    settings = read.settings;
  }
  return { units, sources, settings, problems };
}
