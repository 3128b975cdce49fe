import * as vscode from 'vscode';
import { CONFIG_SECTION } from './ids';

/**
 * The channel vscode-languageclient writes protocol traces to. The library traces only while its
 * channel's log level is Trace, so with a plain log channel the `targetTable.trace.server` setting
 * alone would do nothing; this channel reports Trace whenever the setting asks for a trace and
 * writes into the "Target Table" output channel.
 */
export class TraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly configListener: vscode.Disposable;
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(private readonly target: vscode.LogOutputChannel) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.trace.server`)) this.levelChanged.fire(this.logLevel);
    });
  }

  get name(): string {
    return this.target.name;
  }

  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  trace(message: string): void {
    this.target.appendLine(message);
  }
  debug(message: string): void {
    this.target.appendLine(message);
  }
  info(message: string): void {
    this.target.info(message);
  }
  warn(message: string): void {
    this.target.warn(message);
  }
  error(error: string | Error): void {
    this.target.error(error);
  }
  append(value: string): void {
    this.target.append(value);
  }
  appendLine(value: string): void {
    this.target.appendLine(value);
  }
  replace(value: string): void {
    this.target.replace(value);
  }
  clear(): void {
    this.target.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.target.show(columnOrPreserveFocus);
    else this.target.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.target.hide();
  }
  dispose(): void {
    // the target channel belongs to the extension, not to this view of it
    this.configListener.dispose();
    this.levelChanged.dispose();
  }
}
