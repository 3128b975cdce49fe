/**
 * The VS Code extension: starts the Target Table language server for `.ttab` files, keeps it
 * running, and adds the commands and the status bar item. Everything about the format itself is
 * the server's job. The same for both entries (node/extension.ts, browser/extension.ts), given the
 * platform they run on.
 */
import * as vscode from 'vscode';
import { formatActiveTable } from './formatCommand';
import { COMMANDS, CONTEXT_KEYS, LAZY_COMMANDS, OUTPUT_CHANNEL_NAME, type IndexingProgress, type ResultLimitReached, type TableStats } from './ids';
import { canCompareWithHead } from './gitExtension';
import { LazyCommands } from './lazyCommands';
import type { ClientPlatform } from './platform';
import type { ReportApi } from './report';
import { ResultLimits } from './resultLimits';
import { ServerSupervisor, type ServerStatus } from './serverSupervisor';
import { TableStatusBar } from './statusBar';

/** What the extension returns from activate(): read by the e2e suite, and by other extensions. */
export interface TargetTableApi extends ReportApi {
  /** The last statistics the server reported for a table. */
  tableStats(uri: vscode.Uri): TableStats | undefined;
  /** The status bar item's text, undefined while it is hidden. */
  statusBarText(): string | undefined;
  /** What a screen reader says of the status bar item. */
  statusBarLabel(): string | undefined;
  /** The last progress of the server's workspace indexing. */
  indexing(): IndexingProgress | undefined;
  serverStatus(): ServerStatus;
  /** The server's word of each outline or folding cut at targetTable.maxItemsComputed, oldest first. */
  resultLimits(): readonly ResultLimitReached[];
}

let supervisor: ServerSupervisor | undefined;

export function activateTargetTable(context: vscode.ExtensionContext, platform: ClientPlatform): TargetTableApi {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const statusBar = new TableStatusBar();
  const resultLimits = new ResultLimits(context);
  const server = new ServerSupervisor(
    context,
    platform,
    output,
    (stats) => statusBar.update(stats),
    (progress) => statusBar.indexing(progress),
    (reached) => void resultLimits.show(reached),
  );
  supervisor = server;
  context.subscriptions.push(
    output,
    statusBar,
    server,
    server.onDidChangeStatus((status) => statusBar.setServerStatus(status)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => server.restart()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(COMMANDS.formatDocument, () => formatActiveTable(() => server.status === 'running')),
  );
  // reports, the preview, import, diff and next year's table: loaded on first use (dist/features.js; inlined in the browser's bundle)
  const features = new LazyCommands(context, platform, LAZY_COMMANDS);
  context.subscriptions.push(features);
  // menus show Compare with HEAD only where git can be read (not in a browser without the git extension)
  void canCompareWithHead(platform).then((can) => vscode.commands.executeCommand('setContext', CONTEXT_KEYS.canCompareWithHead, can));
  // not awaited: the editor opens at once, and a failed start is reported by the supervisor
  void server.start();
  return {
    tableStats: (uri) => statusBar.statsOf(uri),
    statusBarText: () => statusBar.text,
    statusBarLabel: () => statusBar.ariaLabel,
    indexing: () => statusBar.lastIndexing,
    serverStatus: () => server.status,
    previewState: () => features.features?.previewState(),
    resultLimits: () => resultLimits.received,
  };
}

export async function deactivate(): Promise<void> {
  await supervisor?.stop();
  supervisor = undefined;
}
