import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  State,
  type BaseLanguageClient,
  type ErrorHandler,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { CONFIG_SECTION, INDEXING_NOTIFICATION, LANGUAGE_ID, RESULT_LIMIT_NOTIFICATION, TABLE_STATS_NOTIFICATION, type IndexingProgress, type ResultLimitReached, type TableStats } from './ids';
import type { ClientPlatform } from './platform';
import { RestartBudget } from './restartBudget';
import { TraceChannel } from './traceChannel';

/** Restarts allowed within the window before the server is left stopped. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Pause before restart n (n × this), so a failing start does not spin. */
const RESTART_DELAY_MS = 300;

/** 'restarting': crashed, and started again after a short pause; 'stopped': not running, and no start planned. */
export type ServerStatus = 'starting' | 'running' | 'restarting' | 'stopped' | 'missing';

/**
 * vscode-languageclient pops up a notification of its own for failed starts and crashes, once per
 * failure; the platforms' clients (Node's or the browser's LanguageClient) go through this, so every
 * failure is logged only, and the supervisor shows the one notification.
 */
export function quietClient<C extends new (...args: any[]) => { error(message: string, data?: unknown, showNotification?: boolean | 'force'): void }>(Client: C): C {
  return class QuietLanguageClient extends Client {
    override error(message: string, data?: unknown): void {
      super.error(message, data, false);
    }
  };
}

/**
 * Owns the language client: checks the server bundle, starts the client, restarts a crashed
 * server within a budget, and tells the user once, with a way forward, when it gives up.
 */
export class ServerSupervisor implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly budget = new RestartBudget(MAX_RESTARTS, RESTART_WINDOW_MS);
  private readonly statusChanged = new vscode.EventEmitter<ServerStatus>();
  readonly onDidChangeStatus = this.statusChanged.event;
  private currentStatus: ServerStatus = 'stopped';
  /** Counts start attempts, so one failure seen through two events is handled once. */
  private attempt = 0;
  private handledAttempt = -1;
  /** Whether the server answered `initialize` since the user last (re)started it. */
  private everRan = false;
  /** Set while the extension itself stops the client: that is no crash. */
  private stopping = false;
  /** A user's restart opens a new episode; each episode gets at most one notification. */
  private episode = 0;
  private notifiedEpisode = -1;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Watchers and listeners that live as long as the current client. */
  private readonly clientDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly platform: ClientPlatform,
    private readonly output: vscode.LogOutputChannel,
    private readonly onTableStats: (stats: TableStats) => void,
    private readonly onIndexing: (progress: IndexingProgress) => void = () => undefined,
    private readonly onResultLimit: (reached: ResultLimitReached) => void = () => undefined,
  ) {}

  get status(): ServerStatus {
    return this.currentStatus;
  }

  private get serverUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, ...this.platform.serverBundle);
  }

  /** Starts the server; never throws (failures are reported to the user). */
  async start(): Promise<void> {
    if (!(await this.platform.serverBundleExists(this.serverUri))) {
      this.setStatus('missing');
      this.output.error(`Server bundle not found: ${this.serverUri.scheme === 'file' ? this.serverUri.fsPath : this.serverUri.toString(true)}`);
      void this.notifyMissingBundle();
      return;
    }
    // a client whose start failed keeps its failed start and would only repeat it: replace it
    if (this.client?.state === State.StartFailed) await this.disposeClient();
    this.client ??= this.createClient();
    const client = this.client;
    const attempt = ++this.attempt;
    this.setStatus('starting');
    try {
      await client.start();
      if (attempt === this.attempt) {
        this.everRan = true;
        this.setStatus('running');
      }
    } catch (error) {
      // the state listener decides whether to restart; this only keeps the cause in the log
      this.output.error(`Starting the language server failed: ${describe(error)}`);
    }
  }

  /** The user's restart: a fresh budget, then a clean stop and start. */
  async restart(): Promise<void> {
    this.episode++;
    this.budget.reset();
    this.everRan = false;
    this.cancelScheduledRestart();
    await this.stopClient();
    await this.start();
  }

  async stop(): Promise<void> {
    this.cancelScheduledRestart();
    await this.stopClient();
    this.setStatus('stopped');
  }

  dispose(): void {
    this.cancelScheduledRestart();
    this.statusChanged.dispose();
    for (const d of this.clientDisposables.splice(0)) d.dispose();
  }

  private createClient(): BaseLanguageClient {
    const watchers = [
      vscode.workspace.createFileSystemWatcher('**/*.ttab'),
      vscode.workspace.createFileSystemWatcher('**/.ttab/*.json'),
      ...this.catalogWatchers(),
    ];
    this.clientDisposables.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.platform.documentSchemes().map((scheme) => ({ scheme, language: LANGUAGE_ID })),
      synchronize: { configurationSection: CONFIG_SECTION, fileEvents: watchers },
      // Diagnostics are pulled, with result ids: an edit that changes no problem costs the editor
      // nothing, and the workspace's tables can report theirs (targetTable.diagnostics.scope).
      initializationOptions: { diagnosticMode: 'pull' },
      diagnosticPullOptions: { onChange: true, onSave: false },
      outputChannel: this.output,
      traceOutputChannel: new TraceChannel(this.output),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
      // without this handler the client shows the raw error in a notification of its own
      initializationFailedHandler: (error) => {
        this.output.error(`The language server failed to initialize: ${describe(error)}`);
        return false;
      },
    };
    const client = this.platform.createLanguageClient(this.serverUri, clientOptions);
    client.onNotification(TABLE_STATS_NOTIFICATION, (stats: TableStats) => this.onTableStats(stats));
    client.onNotification(INDEXING_NOTIFICATION, (progress: IndexingProgress) => this.onIndexing(progress));
    client.onNotification(RESULT_LIMIT_NOTIFICATION, (reached: ResultLimitReached) => this.onResultLimit(reached));
    this.clientDisposables.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.setStatus('running');
        else if ((e.newState === State.Stopped || e.newState === State.StartFailed) && !this.stopping) this.onUnexpectedStop();
      }),
    );
    return client;
  }

  /** Watchers for catalog files configured outside `.ttab/` (targetTable.unitsFile / sourcesFile). */
  private catalogWatchers(): vscode.FileSystemWatcher[] {
    const watchers: vscode.FileSystemWatcher[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const config = vscode.workspace.getConfiguration(CONFIG_SECTION, folder);
      for (const key of ['unitsFile', 'sourcesFile']) {
        const file = config.get<string>(key);
        if (typeof file === 'string' && file.trim() !== '' && !/^\.ttab[\\/][^\\/]+\.json$/.test(file.trim())) {
          watchers.push(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, file.trim())));
        }
      }
    }
    return watchers;
  }

  /** The client's own restart logic is off: every close comes to onUnexpectedStop through the state. */
  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count) =>
        count !== undefined && count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown, handled: true },
      closed: () => ({ action: CloseAction.DoNotRestart, handled: true, message: 'The connection to the language server closed.' }),
    };
  }

  private onUnexpectedStop(): void {
    if (this.handledAttempt === this.attempt) return;
    this.handledAttempt = this.attempt;
    if (this.budget.allowRestart(Date.now())) {
      this.setStatus('restarting');
      const delay = RESTART_DELAY_MS * this.budget.recentCrashes;
      this.output.warn(`The language server stopped unexpectedly; restarting it in ${delay} ms.`);
      // later, not now: the client finishes its own clean-up after announcing the state
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        void this.start();
      }, delay);
      return;
    }
    this.setStatus('stopped');
    this.output.error(`The language server stopped ${this.budget.recentCrashes} times within ${RESTART_WINDOW_MS / 60000} minutes; it is not restarted again.`);
    void this.notifyStopped();
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    try {
      // a start under way is let finish, so its process is stopped too
      if (client.state === State.Starting) await client.start().catch(() => undefined);
      if (client.state === State.Running) await client.stop();
    } catch (error) {
      this.output.error(`Stopping the language server failed: ${describe(error)}`);
    } finally {
      this.stopping = false;
    }
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      await client.dispose();
    } catch {
      // a client that never ran cannot be stopped; dispose still ends its process
    } finally {
      this.stopping = false;
      for (const d of this.clientDisposables.splice(0)) d.dispose();
    }
  }

  private cancelScheduledRestart(): void {
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  private setStatus(status: ServerStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statusChanged.fire(status);
  }

  private async notifyStopped(): Promise<void> {
    const message = this.everRan
      ? vscode.l10n.t('The Target Table language server crashed {0} times in a few minutes and was stopped. The log shows why.', this.budget.recentCrashes)
      : vscode.l10n.t('The Target Table language server could not be started. The log shows why; rebuilding it (npm run build) or reinstalling the extension usually fixes it.');
    await this.notify(message);
  }

  private async notifyMissingBundle(): Promise<void> {
    await this.notify(
      vscode.l10n.t(
        'The Target Table language server is missing ({0}). Build it with "npm run build" in the extension folder, or reinstall the extension, then restart the server.',
        this.platform.serverBundle.join('/'),
      ),
    );
  }

  /** One notification until the user restarts the server, whatever fails meanwhile. */
  private async notify(message: string): Promise<void> {
    if (this.notifiedEpisode === this.episode) return;
    this.notifiedEpisode = this.episode;
    const restart = vscode.l10n.t('Restart');
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(message, restart, showLog);
    if (choice === restart) await this.restart();
    else if (choice === showLog) this.output.show();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
