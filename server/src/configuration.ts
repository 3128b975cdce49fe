/**
 * The server's configuration: the user's language, the workspace roots, the
 * catalogs and rule settings of `.ttab/*.json`, and the editor's
 * `targetTable.*` settings (which win over the files). Problems with any of
 * them reach the user once each, never as a storm.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, defaultCatalogs, localize, mergeSettings, readEditorSettings, type Locale, type ServiceSettings } from '../../service/index';
import type { CatalogPaths, Catalogs, ServerHost } from './host';
import type { Notifier } from './notifier';

export const DEFAULT_MAX_PROBLEMS = 1000;
/** The most outline symbols and folding ranges given for one table (as json.maxItemsComputed). */
export const DEFAULT_MAX_ITEMS = 5000;

/** `targetTable.*` as the editor sends it; anything may be missing or wrong. */
interface ClientSettings {
  rules?: unknown;
  unitsFile?: unknown;
  sourcesFile?: unknown;
  historyFactor?: unknown;
  maxNumberOfProblems?: unknown;
  maxItemsComputed?: unknown;
  diagnostics?: { scope?: unknown };
}

/** Whose problems the editor shows: the open tables', or every table's of the workspace (as `ttab check`). */
export type DiagnosticsScope = 'openFiles' | 'workspace';

export class ServerConfiguration {
  locale: Locale = 'en';
  roots: string[] = [];
  /** The built-in catalogs until the workspace's are read (`catalogsLoaded`). */
  catalogs: Catalogs = defaultCatalogs();
  catalogsLoaded = false;
  maxNumberOfProblems = DEFAULT_MAX_PROBLEMS;
  maxItemsComputed = DEFAULT_MAX_ITEMS;
  diagnosticsScope: DiagnosticsScope = 'openFiles';
  private catalogPaths: CatalogPaths = {};
  private editor: ServiceSettings = DEFAULT_SETTINGS;
  /** Counts the reads of the catalogs: a read overtaken by a later one is dropped. */
  private catalogReads = 0;

  constructor(
    private readonly host: ServerHost,
    private readonly notifier: Notifier,
  ) {}

  /** The rule settings in force: `.ttab/rules.json`, overridden by the editor's. */
  get settings(): ServiceSettings {
    return mergeSettings(this.catalogs.settings, this.editor);
  }

  /**
   * Read the catalogs of the first root again; their problems are shown (again, when `fresh`).
   * False when a later read overtook this one (that one applies its result).
   */
  async reloadCatalogs(fresh = false): Promise<boolean> {
    const read = ++this.catalogReads;
    let catalogs: Catalogs;
    try {
      catalogs = await this.host.loadCatalogs(this.roots[0] ?? null, this.catalogPaths);
    } catch (e) {
      // the host reports problems in its result; this is a host that failed (e.g. the client went away)
      catalogs = { ...defaultCatalogs(), problems: [`${localize({ zh: '无法读取工作区的 .ttab 配置文件：', en: "Cannot read the workspace's .ttab files: " }, this.locale)}${e instanceof Error ? e.message : String(e)}`] };
    }
    if (read !== this.catalogReads) return false;
    this.catalogs = catalogs;
    this.catalogsLoaded = true;
    if (fresh) this.notifier.forgetProblems();
    for (const problem of this.catalogs.problems) this.notifier.showProblem(problem);
    return true;
  }

  /** Ask the editor for `targetTable.*` and apply it. */
  async refresh(connection: Connection): Promise<void> {
    const raw = ((await connection.workspace.getConfiguration('targetTable')) as ClientSettings | null) ?? {};
    const editor = readEditorSettings(raw);
    for (const p of editor.problems) this.notifier.showProblem(`${localize({ zh: '设置 targetTable 有误：', en: 'Setting targetTable is invalid: ' }, this.locale)}${localize(p, this.locale)}`);
    this.editor = editor.settings;
    this.maxNumberOfProblems = this.readPositiveInteger('maxNumberOfProblems', raw.maxNumberOfProblems, DEFAULT_MAX_PROBLEMS);
    this.maxItemsComputed = this.readPositiveInteger('maxItemsComputed', raw.maxItemsComputed, DEFAULT_MAX_ITEMS);
    this.diagnosticsScope = this.readScope(raw.diagnostics?.scope);
    const paths = { unitsFile: typeof raw.unitsFile === 'string' ? raw.unitsFile : undefined, sourcesFile: typeof raw.sourcesFile === 'string' ? raw.sourcesFile : undefined };
    if (paths.unitsFile !== this.catalogPaths.unitsFile || paths.sourcesFile !== this.catalogPaths.sourcesFile || !this.catalogsLoaded) {
      this.catalogPaths = paths;
      await this.reloadCatalogs();
    }
  }

  /**
   * One of the catalog files: `.ttab/*.json`, or a file the editor's settings point at; or the
   * `.ttab` folder itself (a folder made or removed with its files in it is one event for the folder).
   */
  isCatalogFile(uri: string): boolean {
    if (/\/\.ttab(?:\/[^/]+\.json)?$/.test(uri)) return true;
    const file = this.host.uriToPath(uri);
    const root = this.roots[0];
    if (!file || !root) return false;
    return this.host.catalogFiles(root, this.catalogPaths).includes(file);
  }

  private readScope(raw: unknown): DiagnosticsScope {
    if (raw === undefined || raw === null || raw === 'openFiles') return 'openFiles';
    if (raw === 'workspace') return 'workspace';
    this.notifier.showProblem(
      localize(
        {
          zh: `设置 targetTable.diagnostics.scope 应为 openFiles 或 workspace，而不是 ${JSON.stringify(raw)}；按 openFiles 处理`,
          en: `Setting targetTable.diagnostics.scope must be openFiles or workspace, not ${JSON.stringify(raw)}; using openFiles`,
        },
        this.locale,
      ),
    );
    return 'openFiles';
  }

  private readPositiveInteger(name: string, raw: unknown, fallback: number): number {
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
    this.notifier.showProblem(
      localize(
        {
          zh: `设置 targetTable.${name} 应为正整数，而不是 ${JSON.stringify(raw)}；按 ${fallback} 处理`,
          en: `Setting targetTable.${name} must be a positive integer, not ${JSON.stringify(raw)}; using ${fallback}`,
        },
        this.locale,
      ),
    );
    return fallback;
  }
}
