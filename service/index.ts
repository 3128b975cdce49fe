/**
 * The language service: everything that decides what to tell the user about
 * a table, as pure functions over one parsed table (and, where a feature
 * looks across files, the workspace index in the context).
 *
 * This file is the service's only door. The language server, the CLI, the
 * extension's in-process analysis and the report, import and diff packages
 * import from here and nowhere else inside service/, so every caller gets the
 * same findings, and a feature's file can change without its callers knowing.
 * The features (features/, one per file) never import each other: what two of
 * them share lives beside this file (locate, ranges, spans, names, symbols,
 * wording, formatter) or in the checker (validation/).
 */
import { parse, type ParseResult, type UnitCatalog } from '../grammar/src/index';
import type { ServiceSettings } from './context';
import { validate, type Finding } from './validation/index';

export interface AnalyzeOptions {
  units?: UnitCatalog;
  /** Rule severities and the history factor (from `.ttab/rules.json` or the editor's settings). */
  settings?: ServiceSettings;
}

export interface Analysis {
  parsed: ParseResult;
  findings: Finding[];
}

/** Parse and check a table: what `ttab check` reports, and the editor shows. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text, { units: options.units });
  return { parsed, findings: validate(parsed, { units: options.units, settings: options.settings }) };
}

// What every feature reads besides the document.
export { createContext, DEFAULT_SETTINGS, localize, type Locale, type RuleSetting, type ServiceContext, type ServiceSettings } from './context';
export { mergeSettings, readEditorSettings, type EditorSettings } from './settings';
export { WorkspaceIndex, summarize, type NameKind, type NameOccurrence } from './workspaceIndex';
export {
  CONFIG_DIR,
  defaultCatalogs,
  readWorkspaceConfig,
  workspaceConfigFiles,
  type CatalogPaths,
  type ConfigFileText,
  type WorkspaceCatalogs,
} from './workspaceConfig';

// The checker (validation/: the framework, the rule registry, the rules by family).
export {
  validate,
  hasErrors,
  mostSevere,
  findingToDiagnostic,
  relatedInWords,
  direction,
  targetComparison,
  ValidationCache,
  RULES,
  allRules,
  isSyntaxCode,
  parseRuleSettings,
  type Finding,
  type InsertFieldData,
  type ReplaceData,
  type UnknownUnitData,
  type RuleInfo,
  type Direction,
  type TargetComparison,
} from './validation/index';

// The self-evaluation's scores and the monitoring's progress (reports, export, the editor features).
export {
  evaluateTable,
  evaluateDuty,
  scoreIndicator,
  monitorStatus,
  gradeOf,
  scoringOf,
  hasEvaluation,
  isBudgetExecution,
  round2,
  type BlockEvaluation,
  type IndicatorScore,
  type MonitorStatus,
  type ScoreMethod,
  type TableEvaluation,
} from './scoring';
export { formatNumber, formatPercent, gradeLabel } from './scoreWords';
export { DEFAULT_SCORING, GRADES, SCORE_GROUPS, parseScoringSettings, type Grade, type ScoreGroup, type ScoringSettings } from './scoringSettings';

// Shared knowledge the other packages phrase their output with.
export { quantityDelta } from './delta';
export { sameRange } from './ranges';
export { sharedEnds } from './sharedEnds';
export { fileName } from './uris';
export { COMPARATOR_MEANING, COMPARISON_ORDER, dimensionLabel } from './wording';
export { INDENT, formatTable, type FormatResult } from './formatter';

// The features, one per file.
export { codeActions } from './features/codeActions';
export { codeLenses, type CodeLensOptions } from './features/codeLens';
export { complete } from './features/completion';
export { documentSymbols } from './features/documentSymbols';
export { exportTable, EXPORT_FORMAT_VERSION } from './features/export';
export { foldingRanges } from './features/folding';
export { formatDocumentEdits, formatRangeEdits, formatRefusal } from './features/formatting';
export { hover } from './features/hover';
export { inlayHints } from './features/inlayHints';
export { references } from './features/references';
export { rolloverTable, rolloverReport, nextYearFileName, type HistoryTable, type RolloverOptions, type RolloverResult, type RolloverSummary } from './features/rollover';
export { MAX_NAME_LENGTH, prepareRename, rename, renameMessages, renameNotAllowed, type RenameRefusal } from './features/rename';
export { selectionRanges } from './features/selectionRanges';
export { placedTokens, placedTokensData, SEMANTIC_TOKEN_LEGEND, semanticTokens, semanticTokensDelta, semanticTokensRange, type PlacedTokens } from './features/semanticTokens';
export { WORKSPACE_SYMBOL_LIMIT, workspaceSymbols } from './features/workspaceSymbols';
export { nameAt, prepareNearestNames } from './names';
