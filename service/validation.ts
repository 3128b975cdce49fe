/**
 * Validation: the findings of one table — the parser's syntax and model
 * problems (TT0xx) and the domain rules of brief §5 (TT1xx, catalog in
 * rules.ts) — after the user's severity settings and disable comments.
 * `ttab check` and the language server report exactly these.
 *
 * It runs on every edit of tables with 10,000 indicators, so every rule is one
 * linear pass: rules about one indicator, objective or duty live in
 * `validateDuty` (an incremental validator can re-run one duty), rules that
 * compare across the table in `validateTable`; `validate` composes them.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type {
  Category,
  Comment,
  Duty,
  Field,
  Indicator,
  Message,
  ParseResult,
  Position,
  Quantity,
  Range,
  Severity,
  Table,
  UnitCatalog,
  ValueField,
  ValueKey,
} from '../grammar/src/index';
import {
  KEYWORD_BY_KEY,
  comparable,
  defaultUnitCatalog,
  dutyObjectives,
  indicatorsOf,
  isQuantity,
  parseCategory,
  parseValue,
  shiftRange,
  VALUE_KEYS,
  REFERENCE_KEYS,
} from '../grammar/src/index';
import type { Locale, ServiceSettings } from './context';
import { DEFAULT_SETTINGS, localize } from './context';
import {
  DURATION_WORDS,
  FORMULA_MARKS,
  GROWTH_WORDS,
  LESS_IS_BETTER_WORDS,
  RULES,
  VAGUE_ADVERBS,
  VAGUE_TARGETS,
  VAGUE_VERBS,
  say,
  type Direction,
  type DomainCode,
} from './rules';

export interface Finding {
  code: string;
  severity: Severity;
  message: Message;
  range: Range;
  /** What a quick fix needs (see the *Data types below); kept in the LSP diagnostic. */
  data?: unknown;
}

/** TT104: the unknown unit as written and the nearest catalog units, best first. */
export interface UnknownUnitData {
  unit: string;
  suggestions: string[];
}

/** TT106/TT107/TT108: where the missing field line goes. */
export interface InsertFieldData {
  /** 0-based line the new field line is inserted before (may be the line count: append). */
  insertLine: number;
  /** The new line takes this line's indentation… */
  indentLine: number;
  /** …one level deeper (an indicator with no field line yet). */
  deeper: boolean;
  /** The keyword to write, in the language of the indicator's keywords (备注 or remark …). */
  keyword: string;
}

/** TT121: the text that replaces the finding's range. */
export interface ReplaceData {
  replacement: string;
}

export interface ValidateOptions {
  settings?: ServiceSettings;
  /** The catalog the table was parsed with; TT104 offers its nearest units. */
  units?: UnitCatalog;
  /**
   * Results kept across versions of one document, so an edit re-validates only what it touched:
   * an incremental reparse keeps untouched duties (and their fields) as the same objects.
   * Drop it when the units or historyFactor change.
   */
  cache?: ValidationCache;
}

/** What validation reuses between versions of a document, keyed by AST objects. */
export class ValidationCache {
  /**
   * Findings of `validateDuty` per duty, sorted, before settings and disable comments, with the
   * duty's first line when they were computed: an edit above a duty moves it (in place, see
   * grammar/src/incremental.ts) and its findings then move by as many lines. The findings own
   * their positions (copies), so moving the tree does not move them twice.
   */
  readonly duties = new WeakMap<Duty, { line: number; findings: Finding[] }>();
  /** TT117 per indicator name field, valid while the first indicator of that name stays on the same line. */
  readonly duplicates = new WeakMap<Field, { firstLine: number; finding: Finding }>();
  /** Parsed 类别 per category field. */
  readonly categories = new WeakMap<Field, Category | null>();

  /** The duty's findings, computed once and moved along with the duty. */
  dutyFindings(duty: Duty, compute: () => Finding[]): Finding[] {
    const line = duty.range.start.line;
    const cached = this.duties.get(duty);
    if (cached && cached.line === line) return cached.findings;
    const findings = cached ? cached.findings.map((f) => shiftFinding(f, line - cached.line)) : compute().map(ownPositions);
    this.duties.set(duty, { line, findings });
    return findings;
  }
}

function ownPositions(f: Finding): Finding {
  return { ...f, range: { start: { ...f.range.start }, end: { ...f.range.end } } };
}

/** A finding moved down (or up) by whole lines, with the line numbers its data carries. */
export function shiftFinding(f: Finding, lineDelta: number): Finding {
  const shifted: Finding = { ...f, range: shiftRange(f.range, lineDelta) };
  if (isInsertFieldData(f.data)) shifted.data = { ...f.data, insertLine: f.data.insertLine + lineDelta, indentLine: f.data.indentLine + lineDelta };
  return shifted;
}

function isInsertFieldData(data: unknown): data is InsertFieldData {
  return typeof data === 'object' && data !== null && typeof (data as InsertFieldData).insertLine === 'number' && typeof (data as InsertFieldData).indentLine === 'number';
}

/** What the per-duty rules read besides the tree. */
export interface RuleContext {
  units: UnitCatalog;
  historyFactor: number;
}

export function validate(parsed: ParseResult, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rc: RuleContext = { units: options.units ?? defaultUnitCatalog, historyFactor: settings.historyFactor };
  const cache = options.cache;
  // Each part is sorted on its own: duties do not overlap and come in order, so their findings
  // concatenate in order; the three parts are then merged rather than sorted again.
  const perDuty: Finding[] = [];
  for (const duty of parsed.ast.duties) {
    const compute = () => validateDuty(duty, rc).sort(byPosition);
    append(perDuty, cache ? cache.dutyFindings(duty, compute) : compute());
  }
  const tableWide = validateTable(parsed.ast, cache);
  const silence = suppressions(parsed.ast.comments);
  return mergeSorted(mergeSorted(parsed.errors, applySettings(perDuty, settings, silence)), applySettings(tableWide, settings, silence));
}

/** Merge two lists, each sorted by position, into a new one in the order a sort would give. */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** At most `max` findings, the most severe first chosen, kept in document order. */
export function mostSevere(findings: readonly Finding[], max: number): readonly Finding[] {
  if (findings.length <= max) return findings;
  const counts = [0, 0, 0];
  for (const f of findings) counts[SEVERITY_RANK[f.severity]]!++;
  // The least severe rank still shown, and how many of that rank fit.
  let rank = 0;
  let room = max;
  while (rank < 2 && counts[rank]! < room) room -= counts[rank++]!;
  const out: Finding[] = [];
  for (const f of findings) {
    const r = SEVERITY_RANK[f.severity];
    if (r < rank || (r === rank && room-- > 0)) out.push(f);
  }
  return out;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The LSP diagnostic of a finding, in the user's language; the server and the tests share it. */
export function findingToDiagnostic(f: Finding, locale: Locale): Diagnostic {
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'ttab',
    message: localize(f.message, locale),
  };
  if (f.data !== undefined) diagnostic.data = f.data;
  return diagnostic;
}

// ---------------------------------------------------------------------------
// Settings and disable comments

function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Codes silenced by disable comments: for the whole file, and per line. 'all' = every domain finding. */
export interface Suppressions {
  file: Set<string> | 'all';
  lines: Map<number, Set<string> | 'all'>;
}

const DIRECTIVE = /^ttab-disable(-next-line)?(?:[\s,，]+(.*))?$/;
const CODE = /^TT\d{3}$/i;

function mergeCodes(into: Set<string> | 'all' | undefined, codes: Set<string> | 'all'): Set<string> | 'all' {
  if (into === 'all' || codes === 'all') return 'all';
  if (!into) return codes;
  for (const c of codes) into.add(c);
  return into;
}

/**
 * `# ttab-disable-next-line TT101 TT109` silences those codes on the next line that is not a
 * comment; `# ttab-disable TT109` silences a code in the whole file. With no code: everything.
 * Codes are separated by spaces or commas; words after them are a free reason.
 */
export function suppressions(comments: readonly Comment[]): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (comments.length === 0) return result;
  const commentLines = new Set(comments.map((c) => c.range.start.line));
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text.trim());
    if (!m) continue;
    const codes = new Set<string>();
    for (const word of (m[2] ?? '').split(/[\s,，、]+/)) {
      if (!CODE.test(word)) break;
      codes.add(word.toUpperCase());
    }
    const silenced = codes.size > 0 ? codes : 'all';
    if (m[1]) {
      let line = comment.range.start.line + 1;
      while (commentLines.has(line)) line++;
      result.lines.set(line, mergeCodes(result.lines.get(line), silenced));
    } else {
      result.file = mergeCodes(result.file, silenced);
    }
  }
  return result;
}

function silenced(codes: Set<string> | 'all' | undefined, code: string): boolean {
  return codes === 'all' || (codes !== undefined && codes.has(code));
}

/**
 * Severity overrides ('off' drops the finding) and disable comments, for domain findings only:
 * syntax errors (TT0xx) are never lowered or silenced.
 */
export function applySettings(findings: readonly Finding[], settings: ServiceSettings, silence: Suppressions): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (RULES[f.code]?.syntax) {
      out.push(f);
      continue;
    }
    if (silenced(silence.file, f.code) || silenced(silence.lines.get(f.range.start.line), f.code)) continue;
    const setting = settings.rules[f.code];
    if (setting === 'off') continue;
    out.push(setting === 'error' || setting === 'warning' || setting === 'info' ? { ...f, severity: setting } : f);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ranges

/** The first line of a field, from its keyword to the end of its text. */
function headRange(field: Field): Range {
  return { start: field.keywordRange.start, end: field.text === '' ? field.keywordRange.end : field.textRange.end };
}

/** The text of a field's first line, or its keyword when there is no text. */
function textOrKeyword(field: Field): Range {
  return field.textRange.start.character === field.textRange.end.character ? field.keywordRange : field.textRange;
}

/** Position of a UTF-16 offset into field.text (continuation lines joined with '\n'). */
function positionInField(field: Field, offset: number): Position {
  let lineStart = 0;
  let segment = 0;
  for (;;) {
    const lineEnd = field.text.indexOf('\n', lineStart);
    if (lineEnd < 0 || offset <= lineEnd) break;
    lineStart = lineEnd + 1;
    segment++;
  }
  const start = segment === 0 ? field.textRange.start : field.continuationRanges[segment - 1]?.start;
  if (!start) return field.textRange.end;
  return { line: start.line, character: start.character + (offset - lineStart) };
}

function lastLineOf(fields: readonly Field[]): number {
  let last = -1;
  for (const f of fields) last = Math.max(last, f.range.end.line);
  return last;
}

// ---------------------------------------------------------------------------
// Per-duty rules

export function validateDuty(duty: Duty, rc: RuleContext): Finding[] {
  const out: Finding[] = [];
  if (duty.objectives.length === 0 && duty.items.length === 0) {
    const head = headRange(duty.title);
    if (duty.number && duty.title.text === '') head.end = duty.number.range.end;
    out.push(finding('TT119', say.emptyDuty(), head));
  }
  for (const item of duty.items) {
    if (item.objectives.length === 0) out.push(finding('TT119', say.emptyItem(), headRange(item.title)));
  }
  for (const { objective } of dutyObjectives(duty)) {
    if (objective.indicators.length === 0) out.push(finding('TT119', say.emptyObjective(), headRange(objective.title)));
    for (const indicator of objective.indicators) validateIndicator(indicator, rc, out);
  }
  return out;
}

function finding(code: DomainCode, message: Message, range: Range, data?: unknown, severity?: Severity): Finding {
  const f: Finding = { code, severity: severity ?? RULES[code]!.defaultSeverity, message, range };
  if (data !== undefined) f.data = data;
  return f;
}

/** TT117 for a later indicator of the same name; the same finding object while nothing about it changed. */
function duplicateName(name: Field, firstLine: number, cache: ValidationCache | undefined): Finding {
  const cached = cache?.duplicates.get(name);
  if (cached && cached.firstLine === firstLine) return cached.finding;
  const f = finding('TT117', say.duplicateName(name.text, firstLine), name.textRange);
  cache?.duplicates.set(name, { firstLine, finding: f });
  return f;
}

/** A value field that holds something (not left out, not `/` or `无`). */
function given(field: ValueField | undefined): field is ValueField {
  return field !== undefined && field.value.kind !== 'none';
}

/** A text field with content: `/`, `无`, `-` and an empty line say nothing (the none forms of values, all short). */
function written(field: Field | undefined): boolean {
  return field !== undefined && field.text !== '' && (field.text.length > 4 || parseValue(field.text).kind !== 'none');
}

function includesAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}


/** Is the indicator a rate: 率 or 满意度 in its name, or a target in % / ‰. */
function isRate(indicator: Indicator): boolean {
  const name = indicator.name.text;
  if (name.includes('率') || name.includes('满意度')) return true;
  const target = indicator.target?.value;
  return isQuantity(target) && isPercent(target);
}

/** A share of a whole (%, ‰), not a change in points. */
function isPercent(q: Quantity): boolean {
  return q.dimension === 'ratio' && q.unit !== null && !q.unit.includes('百分点');
}

/**
 * Whether more or less is better: the name's words (投诉率, 成本, 降低 …, a duration), then the
 * comparator the author wrote (≥ / ≤), then rates and amounts (more); null for a duration
 * nothing speaks about.
 */
export function direction(indicator: Indicator, target: Quantity): Direction | null {
  const name = indicator.name.text;
  if (includesAny(name, LESS_IS_BETTER_WORDS)) return 'less';
  if (target.dimension === 'time' && includesAny(name, DURATION_WORDS)) return 'less';
  if (target.comparator === '≤' || target.comparator === '<') return 'less';
  if (target.comparator === '≥' || target.comparator === '>') return 'more';
  if (name.includes('率') || name.includes('满意度')) return 'more';
  if (indicator.explanation && includesAny(indicator.explanation.text, LESS_IS_BETTER_WORDS)) return 'less';
  return target.dimension === 'time' ? null : 'more';
}

/** Compactly: the text without whitespace and closing punctuation. */
function compact(text: string): string {
  return text.replace(/[\s。；;，,、！!]+/g, '');
}

const VAGUE_SET = new Set(VAGUE_TARGETS);
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** Adverbs then verbs and nothing else ('进一步有效提升'); anchored, short alternations, no nested repetition of overlapping parts. */
const VAGUE_PATTERN = new RegExp(`^(?:${alternation(VAGUE_ADVERBS)})*(?:${alternation(VAGUE_VERBS)})+$`);

export function isVague(text: string): boolean {
  const t = compact(text);
  return t.length > 0 && t.length <= 16 && (VAGUE_SET.has(t) || VAGUE_PATTERN.test(t));
}

/** The keyword of a field key in the language the indicator is written in (the majority of its keywords). */
function keywordFor(indicator: Indicator, key: Field['key']): string {
  const info = KEYWORD_BY_KEY[key];
  let english = indicator.name.keyword === KEYWORD_BY_KEY.indicator.en ? 1 : -1;
  for (const f of indicator.fields) english += f.keyword === KEYWORD_BY_KEY[f.key].en ? 1 : -1;
  return english > 0 ? info.en : info.zh;
}

/** Where a new field line goes: after `after` (a line number), indented like the indicator's fields. */
function insertData(indicator: Indicator, after: number, key: Field['key']): InsertFieldData {
  const first = indicator.fields[0];
  return {
    insertLine: after + 1,
    indentLine: first ? first.keywordRange.start.line : indicator.name.keywordRange.start.line,
    deeper: first === undefined,
    keyword: keywordFor(indicator, key),
  };
}

function validateIndicator(indicator: Indicator, rc: RuleContext, out: Finding[]): void {
  const name = indicator.name.text;
  const nameRange = textOrKeyword(indicator.name);
  if (name === '') out.push(finding('TT101', say.noName(), indicator.name.keywordRange));

  // TT102
  const target = indicator.target;
  if (!target) out.push(finding('TT102', say.noTarget(name), headRange(indicator.name)));
  else if (target.value.kind === 'none') out.push(finding('TT102', say.emptyTarget(name), headRange(target)));

  // TT103, TT104: every value field
  for (const key of VALUE_KEYS) {
    const field = indicator[key];
    if (!field) continue;
    const value = field.value;
    if (value.kind === 'malformed') out.push(finding('TT103', say.malformed(field.keyword, value.raw, value.reason), field.textRange));
    else if (value.kind === 'quantity') checkUnit(field, value, rc, out);
    else if (value.kind === 'composite') for (const part of value.parts) checkUnit(field, part.quantity, rc, out);
  }

  // TT106, TT107, TT108
  const hasStandard = given(indicator.plan) || given(indicator.standard);
  const hasHistory = given(indicator.historyAverage) || given(indicator.lastYear);
  const hasRemark = written(indicator.remark);
  if (!hasStandard && !hasHistory && !hasRemark) {
    const last = Math.max(indicator.name.range.end.line, lastLineOf(indicator.fields));
    out.push(finding('TT106', say.noReference(name), nameRange, insertData(indicator, last, 'remark')));
  }
  if (hasStandard && !written(indicator.standardSource)) {
    const shown = given(indicator.standard) ? indicator.standard : indicator.plan!;
    const last = lastLineOf([indicator.plan, indicator.standard].filter(given));
    out.push(finding('TT107', say.noStandardSource(shown.key, shown.text), headRange(shown), insertData(indicator, last, 'standardSource')));
  }
  if (hasHistory && !written(indicator.historySource)) {
    const shown = given(indicator.lastYear) ? indicator.lastYear : indicator.historyAverage!;
    const last = lastLineOf([indicator.historyAverage, indicator.lastYear].filter(given));
    out.push(finding('TT108', say.noHistorySource(shown.key, shown.text), headRange(shown), insertData(indicator, last, 'historySource')));
  }

  // TT115, TT116
  const explanation = indicator.explanation;
  if (explanation && name !== '' && compact(explanation.text) === compact(name)) {
    out.push(finding('TT115', say.explanationRepeatsName(), textOrKeyword(explanation)));
  }
  if (name !== '' && isRate(indicator) && !(explanation && includesAny(explanation.text, FORMULA_MARKS))) {
    out.push(finding('TT116', say.rateWithoutFormula(name, written(explanation)), explanation && written(explanation) ? textOrKeyword(explanation) : nameRange));
  }

  // TT114: every value field of a rate
  const growth = includesAny(name, GROWTH_WORDS);
  if (!growth) {
    for (const key of VALUE_KEYS) {
      const v = indicator[key]?.value;
      if (isQuantity(v) && isPercent(v) && (v.normalized < 0 || v.normalized > 100)) {
        out.push(finding('TT114', say.rateOutOfRange(key, v.raw), indicator[key]!.textRange));
      }
    }
  }

  if (!target) return;
  const t = target.value;
  // TT109, TT110
  if (t.kind === 'qualitative' && isVague(t.text)) out.push(finding('TT109', say.vague(t.text), target.textRange));
  if ((t.kind === 'quantity' && t.approximate) || (t.kind === 'composite' && t.parts.some((p) => p.quantity.approximate))) {
    out.push(finding('TT110', say.approximate(t.raw), target.textRange));
  }
  if (t.kind !== 'quantity' || !t.unitKnown) return;

  // TT121
  if (!growth && isPercent(t) && t.comparator === '≥' && t.normalized === 100 && !target.text.includes('\n')) {
    out.push(finding('TT121', say.atLeastHundred(t.raw), target.textRange, { replacement: '=100%' } satisfies ReplaceData));
  }

  // TT105: the reference that is in another dimension than the target
  const comparableRefs: { key: ValueKey; value: Quantity }[] = [];
  for (const key of REFERENCE_KEYS) {
    const field = indicator[key];
    const v = field?.value;
    if (!field || !isQuantity(v) || !v.unitKnown) continue;
    if (comparable(t, v)) comparableRefs.push({ key, value: v });
    else if (otherDimension(t, v)) out.push(finding('TT105', say.differentDimension(key, v, t), field.textRange));
  }

  if (comparableRefs.length === 0) return;

  // TT111, TT112, TT113 (each reports once: last year before the average, the standard before the plan)
  const dir = direction(indicator, t);
  const worse = (ref: Quantity) => (dir === 'more' ? t.normalized < ref.normalized : dir === 'less' ? t.normalized > ref.normalized : false);
  const ref = (key: ValueKey) => comparableRefs.find((r) => r.key === key);
  const lastYear = ref('lastYear');
  const average = ref('historyAverage');
  if (dir && !hasRemark) {
    const behind = lastYear && worse(lastYear.value) ? lastYear : average && worse(average.value) ? average : undefined;
    if (behind) out.push(finding('TT111', say.belowHistory(t, behind.key, behind.value, dir), target.textRange));
  }
  const highest = lastYear && average ? (average.value.normalized > lastYear.value.normalized ? average : lastYear) : (lastYear ?? average);
  if (dir !== 'less' && highest && highest.value.normalized > 0 && t.normalized > rc.historyFactor * highest.value.normalized) {
    out.push(finding('TT112', say.farAboveHistory(t, highest.key, highest.value, rc.historyFactor), target.textRange));
  }
  if (dir) {
    const standard = ref('standard');
    const plan = ref('plan');
    const below = standard && worse(standard.value) ? standard : plan && worse(plan.value) ? plan : undefined;
    if (below) out.push(finding('TT113', say.belowStandard(t, below.key, below.value, dir), target.textRange));
  }
}

/** Different dimensions, or money of different currencies (unitless numbers and count units are not dimensions apart). */
function otherDimension(a: Quantity, b: Quantity): boolean {
  if (a.dimension === null || b.dimension === null) return false;
  if (a.dimension !== b.dimension) return true;
  return a.dimension === 'money' && a.currency !== b.currency;
}

/**
 * TT104 on a quantity with a unit no catalog knows. Range = the unit as
 * written (after the magnitude). When no catalog unit is near the unit alone
 * but one is near magnitude + unit with the same magnitude ('12万圆' → 万元),
 * the range covers both and the suggestions replace both.
 */
function checkUnit(field: ValueField, q: Quantity, rc: RuleContext, out: Finding[]): void {
  if (q.unitKnown || q.unit === null || !q.unitRange) return;
  // A suggestion shares a character with the unit as written (for a one-character unit every
  // other one-character unit is one edit away, which helps nobody), and after a magnitude
  // ('3万平米') it must not start with one ('万元' would double it).
  const written = Array.from(q.unit);
  let unit = q.unit;
  let suggestions = rc.units
    .nearest(q.unit, 8)
    .filter((u) => written.some((c) => u.includes(c)) && !(q.magnitude && /^[千万亿百]/.test(u)))
    .slice(0, 3);
  const whole = q.magnitude ? `${q.magnitude}${q.unit}` : null;
  if (suggestions.length === 0 && whole && q.unitRange.end - q.unitRange.start === whole.length) {
    const withMagnitude = rc.units.nearest(whole, 8).filter((u) => u.startsWith(q.magnitude!) && u !== whole).slice(0, 3);
    if (withMagnitude.length > 0) {
      unit = whole;
      suggestions = withMagnitude;
    }
  }
  const end = q.unitRange.end;
  const start = end - unit.length;
  const data: UnknownUnitData = { unit, suggestions };
  out.push(finding('TT104', say.unknownUnit(unit, suggestions), { start: positionInField(field, start), end: positionInField(field, end) }, data));
}

// ---------------------------------------------------------------------------
// Table-wide rules

/**
 * The rules that look across the table (TT117, TT118, TT120), in document
 * order. Runs on every edit, so it walks the tree with plain loops and reuses
 * what the cache holds for unchanged fields.
 */
export function validateTable(table: Table, cache?: ValidationCache): Finding[] {
  // TT117 and TT120, in one pass over the indicators (findings come in document order)
  const perIndicator: Finding[] = [];
  const firstByName = new Map<string, Indicator>();
  let anyCategory = false;
  const level1 = new Set<string>();
  const visit = (indicator: Indicator): void => {
    const name = indicator.name.text;
    if (name !== '') {
      const first = firstByName.get(name);
      if (first) perIndicator.push(duplicateName(indicator.name, first.name.keywordRange.start.line + 1, cache));
      else firstByName.set(name, indicator);
    }
    const field = indicator.category;
    if (field && field.text !== '') {
      anyCategory = true;
      let category = cache?.categories.get(field);
      if (category === undefined) {
        category = parseCategory(field.text) ?? null;
        cache?.categories.set(field, category);
      }
      if (category) level1.add(category.level1);
      else perIndicator.push(finding('TT120', say.unknownCategory(field.text), field.textRange, undefined, 'warning'));
    }
  };
  for (const duty of table.duties) {
    for (const objective of duty.objectives) for (const indicator of objective.indicators) visit(indicator);
    for (const item of duty.items) for (const objective of item.objectives) for (const indicator of objective.indicators) visit(indicator);
  }

  // TT118 (in duty order)
  const perDuty: Finding[] = [];
  const firstByNumber = new Map<number, Duty>();
  let previous: Duty | undefined;
  for (const duty of table.duties) {
    const n = duty.number;
    if (!n) continue;
    const first = firstByNumber.get(n.value);
    if (first) perDuty.push(finding('TT118', say.duplicateDutyNumber(n.text, first.title.keywordRange.start.line + 1), n.range));
    else {
      firstByNumber.set(n.value, duty);
      if (previous && n.value < previous.number!.value) perDuty.push(finding('TT118', say.dutyNumberOutOfOrder(n.text, previous.number!.text), n.range));
    }
    previous = duty;
  }

  const top: Finding[] = [];
  const missing = anyCategory ? ['产出', '效益'].filter((l) => !level1.has(l)) : [];
  const anchor = table.department ?? table.duties[0]?.title;
  if (missing.length > 0 && anchor) top.push(finding('TT120', say.missingCategories(missing), headRange(anchor)));
  return mergeSorted(mergeSorted(perIndicator, perDuty), top);
}
