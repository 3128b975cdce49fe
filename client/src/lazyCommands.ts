/**
 * Commands whose code is loaded on first use (features.ts → dist/features.js). At activation each
 * gets a stand-in, so the palette, menus and keybindings find it; the first call of any of them
 * loads the bundle, which registers the real commands in the stand-ins' place, and the call is
 * passed on with its arguments (and its result returned).
 */
import * as vscode from 'vscode';
import type { ClientPlatform } from './platform';
import type { ReportApi } from './report';

type Features = typeof import('./features');

export class LazyCommands implements vscode.Disposable {
  private loading: Promise<ReportApi> | undefined;
  private api: ReportApi | undefined;
  private readonly standIns: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly platform: ClientPlatform,
    commands: readonly string[],
    private readonly load: () => Promise<Features> = () => import('./features'),
  ) {
    this.standIns = commands.map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await this.loaded();
        } catch (error) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Target Table could not load its reports, import and diff ({0}): {1}. Rebuilding it (npm run build) or reinstalling the extension usually fixes it.', 'dist/features.js', error instanceof Error ? error.message : String(error)),
          );
          return undefined;
        }
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }

  /** What the loaded features expose (the preview's state), once loaded. */
  get features(): ReportApi | undefined {
    return this.api;
  }

  private loaded(): Promise<ReportApi> {
    this.loading ??= this.load().then(
      (features) => {
        for (const standIn of this.standIns.splice(0)) standIn.dispose();
        this.api = features.registerFeatures(this.context, this.platform);
        return this.api;
      },
      (error: unknown) => {
        this.loading = undefined; // a rebuilt bundle is loaded on the next call
        throw error;
      },
    );
    return this.loading;
  }

  dispose(): void {
    for (const standIn of this.standIns.splice(0)) standIn.dispose();
  }
}
