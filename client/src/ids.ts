/** Names shared by the manifest (package.json), the client and the e2e suite. */
export const LANGUAGE_ID = 'target-table';
export const CONFIG_SECTION = 'targetTable';
export const OUTPUT_CHANNEL_NAME = 'Target Table';

export const COMMANDS = {
  restartServer: 'targetTable.restartServer',
  showOutput: 'targetTable.showOutput',
  formatDocument: 'targetTable.formatDocument',
  generateReport: 'targetTable.generateReport',
  openPreviewToSide: 'targetTable.openPreviewToSide',
  compareWithHead: 'targetTable.compareWithHead',
  compareTables: 'targetTable.compareTables',
  importTable: 'targetTable.importTable',
  pasteTable: 'targetTable.pasteTable',
} as const;

/** Sent by the server after each validation of an open document. */
export const TABLE_STATS_NOTIFICATION = 'targetTable/tableStats';

export interface TableStats {
  uri: string;
  indicators: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** VS Code's own command behind the Problems view. */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
