/**
 * The part of the extension loaded on first use, as a bundle of its own (dist/features.js):
 * reports and the live preview, import, the semantic diff and next year's table, with what they bring along
 * (exceljs, csv-parse, the language service for the analysis in the extension host). Activation
 * loads only dist/extension.js — the language client, the status bar and stand-ins for these
 * commands (lazyCommands.ts) — so the first look at a table does not wait for them.
 */
import type * as vscode from 'vscode';
import { registerDiffCommands } from './diff';
import { registerImportCommands } from './import';
import type { ClientPlatform } from './platform';
import { registerReports, type ReportApi } from './report';
import { registerRolloverCommand } from './rollover';
import { TableAnalyzer } from './tableAnalyzer';

/** Registers the commands of reports, the preview, import, diff and rollover (in place of their stand-ins). */
export function registerFeatures(context: vscode.ExtensionContext, platform: ClientPlatform): ReportApi {
  // one analysis of tables (with the server's catalogs and settings) for the reports, the preview and next year's table
  const analyzer = new TableAnalyzer();
  context.subscriptions.push(analyzer);
  const reports = registerReports(context, analyzer, platform);
  registerDiffCommands(context, platform);
  registerImportCommands(context);
  registerRolloverCommand(context, analyzer, platform);
  return reports;
}
