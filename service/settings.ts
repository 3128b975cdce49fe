/**
 * The rule settings in force for a table: the workspace's `.ttab/rules.json`
 * (read by node/workspaceConfig.ts), overridden by the editor's
 * `targetTable.rules` and `targetTable.historyFactor`. The language server and
 * the extension's in-process analysis (reports, preview) both resolve them
 * here, so a report shows exactly the findings the editor shows.
 */
import type { Message } from '../grammar/src/index';
import { DEFAULT_SETTINGS, type ServiceSettings } from './context';
import { parseRuleSettings } from './validation/index';

/** The editor's `targetTable.*` settings the checker reads, as the editor sends them (anything may be wrong). */
export interface EditorSettings {
  rules?: unknown;
  historyFactor?: unknown;
}

/** The editor's settings, read with the same checks as `.ttab/rules.json`; problems name what was ignored. */
export function readEditorSettings(raw: EditorSettings): { settings: ServiceSettings; problems: Message[] } {
  const json: Record<string, unknown> = {};
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules === 'object' && !Array.isArray(raw.rules)) Object.assign(json, raw.rules);
    else json.rules = raw.rules;
  }
  if (raw.historyFactor !== undefined && raw.historyFactor !== null) json.historyFactor = raw.historyFactor;
  return parseRuleSettings(json);
}

/** The editor's settings win over the workspace's `.ttab/rules.json`. */
export function mergeSettings(workspace: ServiceSettings, editor: ServiceSettings): ServiceSettings {
  return {
    rules: { ...workspace.rules, ...editor.rules },
    historyFactor: editor.historyFactor !== DEFAULT_SETTINGS.historyFactor ? editor.historyFactor : workspace.historyFactor,
  };
}
