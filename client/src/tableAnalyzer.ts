/**
 * What the report command and the live preview share: the report module, the language of
 * reports, how a report names a table, and the analysis of tables with the catalogs and rule
 * settings the language server uses for them. The report module and the language service are
 * loaded on first use: together about 0.4 s (exceljs, the parser), which activation should not pay.
 */
import * as vscode from 'vscode';
import type { Analysis, CatalogPaths, ConfigFileText, Locale, ServiceSettings, WorkspaceCatalogs } from '../../service/index';
import { CONFIG_SECTION } from './ids';
import { readTextIfExists, resolveInFolder } from './workspaceFiles';

type ReportModule = typeof import('../../report/index');
let reportModule: Promise<ReportModule> | undefined;

export function loadReportModule(): Promise<ReportModule> {
  reportModule ??= import('../../report/index');
  return reportModule;
}

type ServiceModule = typeof import('../../service/index');
let serviceModule: Promise<ServiceModule> | undefined;

export function reportLocale(): Locale {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** How a report names a table: its path in the workspace (its title, for an unsaved one). */
export function displayPath(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

// ---------------------------------------------------------------------------
// Analysis with the workspace's catalogs and rules

/** The workspace folder's catalogs and rule settings, read through VS Code's file system (remote and virtual folders, and the browser, alike). */
async function readCatalogs(service: ServiceModule, folder: vscode.Uri, paths: CatalogPaths): Promise<WorkspaceCatalogs> {
  const read = async (file: string): Promise<ConfigFileText> => {
    const uri = resolveInFolder(folder, file);
    const name = displayPath(uri);
    try {
      return { name, text: await readTextIfExists(uri) };
    } catch (error) {
      return { name, error: error instanceof Error ? error.message : String(error) };
    }
  };
  const files = service.workspaceConfigFiles(paths);
  const [units, sources, rules] = await Promise.all([read(files.units), read(files.sources), read(files.rules)]);
  return service.readWorkspaceConfig({ units, sources, rules });
}

/**
 * Parses and checks tables the way the language server does: the units and sources of the
 * workspace folder (`.ttab/*.json` or the paths the settings name), the rule severities of
 * `.ttab/rules.json` overridden by the editor's targetTable.rules / historyFactor settings.
 */
export class TableAnalyzer implements vscode.Disposable {
  private readonly configs = new Map<string, Promise<WorkspaceCatalogs>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The catalogs or rule settings changed: findings may differ now. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    // the files, and the folder (made or removed with its files in it: one event for the folder)
    const watchers = ['**/.ttab/*.json', '**/.ttab'].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    const reset = (): void => {
      this.configs.clear();
      this.changed.fire();
    };
    this.subscriptions = [
      ...watchers,
      ...watchers.flatMap((watcher) => [watcher.onDidChange(reset), watcher.onDidCreate(reset), watcher.onDidDelete(reset)]),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CONFIG_SECTION)) reset();
      }),
      this.changed,
    ];
  }

  /** The analysis, and the settings it was made with (the reports' scoring reads them). */
  async analyze(uri: vscode.Uri, text: string): Promise<Analysis & { settings: ServiceSettings }> {
    const service = await (serviceModule ??= import('../../service/index'));
    const configuration = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
    const config = await this.configFor(service, uri, configuration);
    const editor = service.readEditorSettings({ rules: configuration.get<unknown>('rules'), historyFactor: configuration.get<unknown>('historyFactor') }).settings;
    const settings = service.mergeSettings(config.settings, editor);
    return { ...service.analyze(text, { units: config.units, settings }), settings };
  }

  private configFor(service: ServiceModule, uri: vscode.Uri, settings: vscode.WorkspaceConfiguration): Promise<WorkspaceCatalogs> {
    // as the server: the table's workspace folder, else the first one (untitled tables)
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    const paths = { unitsFile: settings.get<string>('unitsFile') || undefined, sourcesFile: settings.get<string>('sourcesFile') || undefined };
    const key = JSON.stringify([folder?.uri.toString() ?? null, paths]);
    let config = this.configs.get(key);
    if (!config) {
      // problems with these files are the language server's to show; here they only fall back to the defaults
      config = folder ? readCatalogs(service, folder.uri, paths) : Promise.resolve(service.defaultCatalogs());
      this.configs.set(key, config);
    }
    return config;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
