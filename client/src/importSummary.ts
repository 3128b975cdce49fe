/**
 * The message shown after an import, in proper English singular and plural ("Imported 1 table",
 * "Imported 2 tables"): `vscode.l10n.t` has no plural rules, so each count is its own message
 * (the Chinese bundle gives both the same form). Pure, so it is unit-tested without VS Code.
 */

/** `vscode.l10n.t`, or any function of the same shape. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface ImportCounts {
  tables: number;
  indicators: number;
  cellsForReview: number;
}

export function importSummary(counts: ImportCounts, t: Translate): string {
  const tables = counts.tables === 1 ? t('Imported 1 table') : t('Imported {0} tables', counts.tables);
  const indicators = counts.indicators === 1 ? t('1 indicator') : t('{0} indicators', counts.indicators);
  if (counts.cellsForReview === 0) return t('{0} with {1}.', tables, indicators);
  const review =
    counts.cellsForReview === 1
      ? t('1 cell needs review (comments starting with “# 待核对”)')
      : t('{0} cells need review (comments starting with “# 待核对”)', counts.cellsForReview);
  return t('{0} with {1}; {2}.', tables, indicators, review);
}
