/**
 * The part of the extension loaded on first use, as a bundle of its own (dist/features.js):
 * reports and the live preview, import, and the semantic diff, with what they bring along
 * (exceljs, csv-parse, the language service for the analysis in the extension host). Activation
 * loads only dist/extension.js — the language client, the status bar and stand-ins for these
 * commands (lazyCommands.ts) — so the first look at a table does not wait for them.
 */
import type * as vscode from 'vscode';
import { registerDiffCommands } from './diff';
import { registerImportCommands } from './import';
import { registerReports, type ReportApi } from './report';

/** Registers the commands of reports, the preview, import and diff (in place of their stand-ins). */
export function registerFeatures(context: vscode.ExtensionContext): ReportApi {
  const reports = registerReports(context);
  registerDiffCommands(context);
  registerImportCommands(context);
  return reports;
}
