/** Names shared by the manifest (package.json), the client and the e2e suite. */
import { GENERATE_REPORT_COMMAND } from '../../server/src/protocol';

export const LANGUAGE_ID = 'target-table';
export const CONFIG_SECTION = 'targetTable';
export const OUTPUT_CHANNEL_NAME = 'Target Table';

export const COMMANDS = {
  restartServer: 'targetTable.restartServer',
  showOutput: 'targetTable.showOutput',
  formatDocument: 'targetTable.formatDocument',
  generateReport: GENERATE_REPORT_COMMAND,
  openPreviewToSide: 'targetTable.openPreviewToSide',
  compareWithHead: 'targetTable.compareWithHead',
  compareTables: 'targetTable.compareTables',
  importTable: 'targetTable.importTable',
  pasteTable: 'targetTable.pasteTable',
  newTableForNextYear: 'targetTable.newTableForNextYear',
} as const;

/** Context keys the extension sets for the manifest's `when` clauses. */
export const CONTEXT_KEYS = {
  /** git can be read here: the git program (Node extension host) or the git extension's API. */
  canCompareWithHead: 'targetTable.canCompareWithHead',
} as const;

/** The commands whose code is loaded on first use (client/src/features.ts → dist/features.js). */
export const LAZY_COMMANDS: readonly string[] = [
  COMMANDS.generateReport,
  COMMANDS.openPreviewToSide,
  COMMANDS.compareWithHead,
  COMMANDS.compareTables,
  COMMANDS.importTable,
  COMMANDS.pasteTable,
  COMMANDS.newTableForNextYear,
];

export {
  INDEXING_NOTIFICATION,
  RESULT_LIMIT_NOTIFICATION,
  TABLE_STATS_NOTIFICATION,
  type IndexingProgress,
  type ResultLimitReached,
  type TableStats,
} from '../../server/src/protocol';

/** VS Code's own command behind the Problems view. */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
