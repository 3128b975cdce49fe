/** Parse and validate a file with its workspace's catalogs (found from the file's folder). */
import * as path from 'node:path';
import { analyze, type Analysis, type ServiceSettings } from '../service/index';
import { findWorkspaceRoot, loadWorkspaceConfig, type WorkspaceConfig } from '../node/workspaceConfig';
import { UserError } from '../node/errors';

const configs = new Map<string | null, WorkspaceConfig>();

function configFor(file: string, cwd: string): WorkspaceConfig {
  const root = findWorkspaceRoot(path.dirname(path.resolve(cwd, file)));
  let config = configs.get(root);
  if (!config) {
    config = loadWorkspaceConfig(root);
    configs.set(root, config);
    if (config.problems.length) throw new UserError(config.problems.join('\n'));
  }
  return config;
}

export function analyzeFile(file: string, text: string, cwd: string): Analysis {
  const config = configFor(file, cwd);
  return analyze(text, { units: config.units, settings: config.settings });
}

/** The rule and scoring settings of the file's workspace (`.ttab/rules.json`). */
export function settingsFor(file: string, cwd: string): ServiceSettings {
  return configFor(file, cwd).settings;
}
