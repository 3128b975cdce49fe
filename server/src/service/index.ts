/**
 * The language service facade: pure features over one parsed table. The CLI
 * and the language server call these, so both give the same results.
 */
import { parse, type ParseResult, type UnitCatalog } from '../../../grammar/src/index';
import type { ServiceSettings } from './context';
import { validate, type Finding } from './validation';

export interface AnalyzeOptions {
  units?: UnitCatalog;
  /** Rule severities and the history factor (from `.ttab/rules.json` or the editor's settings). */
  settings?: ServiceSettings;
}

export interface Analysis {
  parsed: ParseResult;
  findings: Finding[];
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text, { units: options.units });
  return { parsed, findings: validate(parsed, { units: options.units, settings: options.settings }) };
}

export { formatTable, type FormatResult } from './formatting';
export { exportTable } from './export';
export { validate, hasErrors, type Finding } from './validation';
