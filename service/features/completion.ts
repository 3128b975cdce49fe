/**
 * Completion, by what the line holds before the cursor:
 *  - only a partial word: the keywords that may stand on this line (and the
 *    "new duty" / "new indicator" snippets);
 *  - a value keyword (指标值 …): comparators at the start of the value, units
 *    and 以上/以内/以下 after a number;
 *  - 标准来源 / 历史来源, 科室 / 预算项目 / 活动: the names used in this duty,
 *    this table, the department's other tables, then the rest of the workspace
 *    (each name of a listing cell on its own, placeholders left out), saying
 *    where each comes from; catalog sources last; 类别: the categories.
 * Every item's edit replaces what was typed of it, so `指标` → `指标值` works.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import {
  ALL_KEYWORDS,
  BAND_PHRASES,
  BANDS,
  categoryLevels,
  DEVIATION_CATEGORIES,
  dutyObjectives,
  formatAsOf,
  KEY_BY_KEYWORD,
  KEYWORD_BY_KEY,
  KEYWORDS,
  MONITORING_POINT_KEYS,
  OUTLOOKS,
  type AnyFieldKey,
  type Comparator,
  type Dimension,
  type Field,
  type FieldKey,
  type Indicator,
  type KeywordInfo,
  type ParseResult,
  type Quantity,
  type Table,
  type Value,
} from '../../grammar/src/index';
import { localize, type Locale, type ServiceContext } from '../context';
import { INDENT } from '../formatter';
import { COMPARATOR_MEANING, dimensionLabel, indicatorCount } from '../wording';
import { locate, locateBefore, type Location } from '../locate';
import { nearestNames, type NearestName } from '../names';
import type { NameKind } from '../workspaceIndex';

type Text = { zh: string; en: string };

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

const SPACE = '[ \\t\\u3000]';
/** Leading whitespace of a line (a BOM counts, as in the lexer). */
const LEADING = /^[ \t\u3000\uFEFF]*/;
const KEYWORD_LINE = new RegExp(`^[ \\t\\u3000\\uFEFF]*(\\S+)${SPACE}+`);
const CONTINUATION_LINE = new RegExp(`^[ \\t\\u3000\\uFEFF]*\\+${SPACE}*`);

function sortKey(group: number, index: number): string {
  return `${group}${String(index).padStart(4, '0')}`;
}

function replaceRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

// ---------------------------------------------------------------------------
// Keywords

type KeywordStyle = 'zh' | 'en';
const styleCache = new WeakMap<Table, KeywordStyle>();

function* allFields(table: Table): Generator<Field> {
  yield* table.fields;
  for (const duty of table.duties) {
    yield duty.title;
    yield* duty.fields;
    for (const item of duty.items) {
      yield item.title;
      yield* item.fields;
    }
    for (const { objective } of dutyObjectives(duty)) {
      yield objective.title;
      yield* objective.fields;
      for (const indicator of objective.indicators) {
        yield indicator.name;
        yield* indicator.fields;
      }
    }
  }
}

/** Enough keywords to tell the file's style; counting them all would cost each keystroke on a large table. */
const STYLE_SAMPLE = 1000;

/** English when most keywords of the file are English aliases: completion then writes the same form. */
function keywordStyle(table: Table): KeywordStyle {
  const cached = styleCache.get(table);
  if (cached) return cached;
  let english = 0;
  let chinese = 0;
  for (const field of allFields(table)) {
    if (field.keyword === KEYWORD_BY_KEY[field.key].en) english++;
    else chinese++;
    if (english + chinese >= STYLE_SAMPLE) break;
  }
  const style: KeywordStyle = english > chinese ? 'en' : 'zh';
  styleCache.set(table, style);
  return style;
}

function keywordIn(info: KeywordInfo, style: KeywordStyle): string {
  return style === 'en' ? info.en : info.zh;
}

const POINT_KEYS: ReadonlySet<AnyFieldKey> = new Set(MONITORING_POINT_KEYS);

/** The indicator's own field lines, without those of its monitoring points. */
function indicatorOwnFields(indicator: Indicator): readonly Field[] {
  if (indicator.monitors.length === 0) return indicator.fields;
  const inPoints = new Set(indicator.monitors.flatMap((p) => [p.title, ...p.fields]));
  return indicator.fields.filter((f) => !inPoints.has(f));
}

/** Whether a single-valued field is given in `fields` on another line than the one being typed. */
function givenElsewhere(fields: readonly Field[], key: AnyFieldKey, line: number): boolean {
  return fields.some((f) => f.key === key && f.keywordRange.start.line !== line);
}

/** The keys that may start this line, given the blocks open above it. */
function allowedKeys(table: Table, before: Location, line: number): AnyFieldKey[] {
  const keys: AnyFieldKey[] = [];
  const point = before.monitor;
  for (const info of ALL_KEYWORDS) {
    const key = info.key;
    switch (info.role) {
      case 'header': {
        const existing = table[key as 'department' | 'year'];
        if (before.level === 'table' && (!existing || existing.range.start.line === line)) keys.push(key);
        break;
      }
      case 'level':
        if (key === 'duty' || ((key === 'item' || key === 'objective') && before.duty) || (key === 'indicator' && before.objective)) keys.push(key);
        break;
      case 'inherited':
        if (before.level !== 'table') keys.push(key);
        break;
      case 'indicator':
        // Single-valued: not again in the same indicator (the line being typed does not count); in a
        // monitoring point, 偏差原因 and 改进措施 are the point's own.
        if (point && POINT_KEYS.has(key)) {
          if (!givenElsewhere(point.fields, key, line)) keys.push(key);
        } else if (before.indicator && !givenElsewhere(indicatorOwnFields(before.indicator), key, line)) keys.push(key);
        break;
      case 'monitor':
        if (before.indicator) keys.push(key);
        break;
      case 'monitoring':
        if (point && !givenElsewhere(point.fields, key, line)) keys.push(key);
        break;
      case 'number': {
        // 序号: once on the innermost open 事项, 目标 or 指标 (never on the duty itself)
        const block = before.level === 'indicator' ? before.indicator : before.level === 'objective' ? before.objective : before.level === 'item' ? before.item : undefined;
        if (block && !block.fields.some((f) => f.key === key && f.keywordRange.start.line !== line)) keys.push(key);
        break;
      }
    }
  }
  return keys;
}

function keywordItems(table: Table, before: Location, line: number, range: Range, ctx: ServiceContext): CompletionItem[] {
  const style = keywordStyle(table);
  return allowedKeys(table, before, line).map((key) => {
    const info = KEYWORD_BY_KEY[key];
    const label = keywordIn(info, style);
    const other = style === 'en' ? info.zh : info.en;
    return {
      label,
      kind: CompletionItemKind.Keyword,
      detail: `${other} · ${localize(info.column, ctx.locale)}`,
      // Both forms, so typing either finds the keyword; the file's own form is inserted.
      filterText: `${label} ${other}`,
      sortText: sortKey(0, ALL_KEYWORDS.indexOf(info)),
      insertText: `${label} `,
      textEdit: { range, newText: `${label} ` },
    };
  });
}

// ---------------------------------------------------------------------------
// Snippets

function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

const PLACEHOLDERS: Record<'duty' | 'objective' | 'indicator', Text> = {
  duty: { zh: '职责内容', en: 'duty' },
  objective: { zh: '职责目标', en: 'objective' },
  indicator: { zh: '指标名称', en: 'indicator name' },
};

/** Lines of an indicator at `depth`, its fields one level deeper; tab stops numbered from `firstStop`. */
function indicatorLines(depth: number, fieldKeys: readonly FieldKey[], style: KeywordStyle, firstStop: number, locale: Locale): string[] {
  const kw = (key: FieldKey) => keywordIn(KEYWORD_BY_KEY[key], style);
  const lines = [`${INDENT.repeat(depth)}${kw('indicator')} \${${firstStop}:${snippetText(localize(PLACEHOLDERS.indicator, locale))}}`];
  fieldKeys.forEach((key, i) => lines.push(`${INDENT.repeat(depth + 1)}${kw(key)} \$${firstStop + 1 + i}`));
  return lines;
}

const DUTY_SNIPPET_FIELDS: readonly FieldKey[] = ['category', 'explanation', 'target', 'standard', 'standardSource'];
/** Every column of the form an indicator has, in the form's order. */
const INDICATOR_SNIPPET_FIELDS: readonly FieldKey[] = KEYWORDS.filter((k) => k.role === 'indicator').map((k) => k.key);

function snippetItems(document: TextDocument, table: Table, before: Location, line: number, range: Range, ctx: ServiceContext): CompletionItem[] {
  const style = keywordStyle(table);
  const kw = (key: FieldKey) => keywordIn(KEYWORD_BY_KEY[key], style);
  const { locale } = ctx;
  const items: CompletionItem[] = [];

  const previous = before.duty;
  const dutiesAbove = previous ? table.duties.indexOf(previous) + 1 : 0;
  const nextNumber = previous?.number ? previous.number.value + 1 : dutiesAbove + 1;
  // The formatter puts a blank line before every duty.
  const lineAbove = line > 0 ? document.getText(replaceRange(line - 1, 0, Number.MAX_SAFE_INTEGER)) : '';
  const blank = lineAbove.trim() !== '' ? '\n' : '';
  const duty = [
    `${blank}${kw('duty')} \${1:${nextNumber}} \${2:${snippetText(localize(PLACEHOLDERS.duty, locale))}}`,
    `${INDENT}${kw('objective')} \${3:${snippetText(localize(PLACEHOLDERS.objective, locale))}}`,
    ...indicatorLines(2, DUTY_SNIPPET_FIELDS, style, 4, locale),
  ];
  const dutyLabel = localize({ zh: '新建职责', en: 'new duty' }, locale);
  items.push({
    label: dutyLabel,
    kind: CompletionItemKind.Snippet,
    detail: `${kw('duty')} + ${kw('objective')} + ${kw('indicator')}`,
    filterText: `${kw('duty')} ${dutyLabel}`,
    sortText: sortKey(1, 0),
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: duty.join('\n') },
  });

  if (before.objective) {
    const objectiveDepth = before.item ? 2 : 1;
    const indicatorLabel = localize({ zh: '新建指标', en: 'new indicator' }, locale);
    items.push({
      label: indicatorLabel,
      kind: CompletionItemKind.Snippet,
      detail: localize({ zh: `${kw('indicator')}，含表中各列`, en: `${kw('indicator')} with every column of the form` }, locale),
      filterText: `${kw('indicator')} ${indicatorLabel}`,
      sortText: sortKey(1, 1),
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range, newText: indicatorLines(objectiveDepth + 1, INDICATOR_SNIPPET_FIELDS, style, 1, locale).join('\n') },
    });
  }
  return items;
}

// ---------------------------------------------------------------------------
// Values

const COMPARATOR_WORDS: readonly { text: string; comparator: Comparator }[] = [
  { text: '≥', comparator: '≥' },
  { text: '≤', comparator: '≤' },
  { text: '>', comparator: '>' },
  { text: '<', comparator: '<' },
  { text: '=', comparator: '=' },
  { text: '不低于', comparator: '≥' },
  { text: '不少于', comparator: '≥' },
  { text: '至少', comparator: '≥' },
  { text: '不超过', comparator: '≤' },
  { text: '不高于', comparator: '≤' },
  { text: '不多于', comparator: '≤' },
  { text: '超过', comparator: '>' },
  { text: '高于', comparator: '>' },
  { text: '低于', comparator: '<' },
  { text: '少于', comparator: '<' },
  { text: '不满', comparator: '<' },
];

const SUFFIX_WORDS: readonly { text: string; comparator: Comparator }[] = [
  { text: '以上', comparator: '≥' },
  { text: '以内', comparator: '≤' },
  { text: '以下', comparator: '≤' },
];

const MAGNITUDES = ['万亿', '百万', '千万', '千', '万', '亿'];
/** Magnitudes written before a money unit of a currency's base (万港元 when a workspace adds 港元). */
const MONEY_MAGNITUDES = ['万', '亿'];
/** Dimensions where 万/亿 before a unit make sense (万人次, 万吨); not ratios, times or scores. */
const SCALABLE: ReadonlySet<Dimension> = new Set(['count', 'money', 'length', 'area', 'mass', 'volume']);

/** A number, then what has been typed of its unit: `12`, `12万`, `1.5 人`. */
const AFTER_NUMBER = /[0-9０-９][ \t\u3000]*([^\s0-9０-９.,;；，、：:（）()]*)$/;
/** The start of a value or of a composite part's quantity (after `label：`), with what has been typed of a comparator. */
const VALUE_START = /(?:^|[:：])[ \t\u3000]*([^\s0-9０-９:：]*)$/;

function comparatorItems(partial: string, range: Range, locale: Locale): CompletionItem[] {
  if (partial && !COMPARATOR_WORDS.some((w) => w.text.startsWith(partial))) return [];
  return COMPARATOR_WORDS.map((word, i) => ({
    label: word.text,
    kind: CompletionItemKind.Operator,
    detail: `${word.comparator} ${localize(COMPARATOR_MEANING[word.comparator], locale)}`,
    sortText: sortKey(0, i),
    textEdit: { range, newText: word.text },
  }));
}

function quantitiesOf(value: Value | undefined): Quantity[] {
  if (!value) return [];
  if (value.kind === 'quantity') return [value];
  if (value.kind === 'composite') return value.parts.map((p) => p.quantity);
  return [];
}

/** Units written in the indicator's other values (with and without their magnitude): offered first. */
function unitsUsedElsewhere(indicator: Indicator | undefined, line: number): Set<string> {
  const used = new Set<string>();
  if (!indicator) return used;
  for (const field of indicator.fields) {
    if (field.range.start.line <= line && line <= field.range.end.line) continue;
    if (!KEYWORD_BY_KEY[field.key].isValue) continue;
    for (const q of quantitiesOf((field as Field & { value?: Value }).value)) {
      if (q.unit === null) continue;
      used.add(q.unit);
      if (q.magnitude) used.add(`${q.magnitude}${q.unit}`);
    }
  }
  return used;
}

interface UnitCandidate {
  label: string;
  dimension: Dimension;
  currency: string | null;
}

function unitCandidates(tail: string, ctx: ServiceContext): UnitCandidate[] {
  const out: UnitCandidate[] = [];
  const seen = new Set<string>();
  const add = (label: string, dimension: Dimension, currency: string | undefined) => {
    if (seen.has(label)) return;
    seen.add(label);
    out.push({ label, dimension, currency: currency ?? null });
  };
  for (const def of ctx.units.units) add(def.unit, def.dimension, def.currency);
  for (const def of ctx.units.units) {
    if (def.dimension !== 'money' || def.factor !== 1) continue;
    for (const m of MONEY_MAGNITUDES) add(`${m}${def.unit}`, def.dimension, def.currency);
  }
  // `12万` typed: the units after that magnitude (万人次, 万吨), replacing the 万 so the filter still matches.
  const magnitude = MAGNITUDES.find((m) => tail.startsWith(m));
  if (magnitude) {
    for (const def of ctx.units.units) {
      if (!SCALABLE.has(def.dimension) || MAGNITUDES.some((m) => def.unit.startsWith(m))) continue;
      add(`${magnitude}${def.unit}`, def.dimension, def.currency);
    }
  }
  return out;
}

/** The tail is a whole unit (or magnitude): 以上/以内/以下 may follow it. */
function isCompleteUnit(tail: string, ctx: ServiceContext): boolean {
  if (tail === '' || ctx.units.lookup(tail)) return true;
  const magnitude = MAGNITUDES.find((m) => tail.startsWith(m));
  return magnitude !== undefined && (tail === magnitude || ctx.units.lookup(tail.slice(magnitude.length)) !== undefined);
}

function unitItems(tail: string, range: Range, location: Location, line: number, ctx: ServiceContext): CompletionItem[] {
  const used = unitsUsedElsewhere(location.indicator, line);
  const items: CompletionItem[] = unitCandidates(tail, ctx).map((unit, i) => ({
    label: unit.label,
    kind: CompletionItemKind.Unit,
    detail: dimensionLabel(unit.dimension, unit.currency, ctx.locale),
    // Only what continues the typed text: after `2万`, 万人次 before a bare 人次.
    sortText: sortKey(used.has(unit.label) && unit.label.startsWith(tail) ? 0 : 1, i),
    textEdit: { range, newText: unit.label },
  }));
  if (isCompleteUnit(tail, ctx)) {
    SUFFIX_WORDS.forEach((word, i) =>
      items.push({
        label: word.text,
        kind: CompletionItemKind.Operator,
        detail: `${word.comparator} ${localize(COMPARATOR_MEANING[word.comparator], ctx.locale)}`,
        // The edit keeps the unit typed so far and appends the word.
        filterText: `${tail}${word.text}`,
        sortText: sortKey(2, i),
        textEdit: { range, newText: `${tail}${word.text}` },
      }),
    );
  }
  return items;
}

function valueItems(valueText: string, cursor: number, line: number, location: Location, ctx: ServiceContext): CompletionItem[] {
  const number = AFTER_NUMBER.exec(valueText);
  if (number) {
    const tail = number[1]!;
    return unitItems(tail, replaceRange(line, cursor - tail.length, cursor), location, line, ctx);
  }
  const start = VALUE_START.exec(valueText);
  if (start) {
    const partial = start[1]!;
    return comparatorItems(partial, replaceRange(line, cursor - partial.length, cursor), ctx.locale);
  }
  return [];
}

// ---------------------------------------------------------------------------
// Names: sources, offices, budget projects, activities, categories

interface NameCandidate {
  text: string;
  /** Where it comes from, in a few words: shown beside the label. */
  origin?: string;
  detail: string;
}

/** Where completion is asked for: the table being edited, the cursor's duty, the line being typed. */
interface NameScope {
  document: TextDocument;
  parsed: ParseResult;
  location: Location;
  line: number;
}

function listed(items: readonly string[], locale: Locale, most = 2): string {
  const shown = items.slice(0, most).join(locale === 'zh' ? '、' : ', ');
  if (items.length <= most) return shown;
  return localize({ zh: `${shown} 等 ${items.length} 个部门`, en: `${shown} +${items.length - most} more` }, locale);
}

function originText({ proximity, years, departments }: NearestName, locale: Locale): string {
  switch (proximity) {
    case 'duty':
      return localize({ zh: '本职责', en: 'this duty' }, locale);
    case 'table':
      return localize({ zh: '本表', en: 'this table' }, locale);
    case 'department':
      return years.length
        ? localize({ zh: `本部门 ${years.join('、')} 年`, en: `this department, ${years.join(', ')}` }, locale)
        : localize({ zh: '本部门其他表', en: 'this department, other tables' }, locale);
    case 'workspace':
      return departments.length ? listed(departments, locale) : localize({ zh: '其他目标表', en: 'other tables' }, locale);
  }
}

/**
 * The names of a kind, nearest first: those of the cursor's duty, of this table, of the
 * department's other tables (other years), then of the rest of the workspace; within each, those
 * applying to more indicators first. Each says where it comes from.
 */
function nameCandidates(kind: NameKind, scope: NameScope, ctx: ServiceContext): NameCandidate[] {
  return nearestNames(scope.document, scope.parsed, kind, ctx, { duty: scope.location.duty, skipLine: scope.line }).map((n) => {
    const origin = originText(n, ctx.locale);
    return { text: n.name, origin, detail: n.indicators > 0 ? `${origin} · ${indicatorCount(n.indicators, ctx.locale)}` : origin };
  });
}

function sourceCandidates(scope: NameScope, ctx: ServiceContext): NameCandidate[] {
  const used = nameCandidates('source', scope, ctx);
  const usedTexts = new Set(used.map((u) => u.text));
  const catalog = localize({ zh: '常用来源', en: 'catalog' }, ctx.locale);
  return [...used, ...ctx.sources.filter((s) => !usedTexts.has(s)).map((s) => ({ text: s, origin: catalog, detail: catalog }))];
}

const CATEGORY_EN: Record<string, string> = {
  产出: 'output',
  效益: 'outcome',
  满意度: 'satisfaction',
  数量: 'quantity',
  质量: 'quality',
  时效: 'timeliness',
  成本: 'cost',
  经济: 'economic',
  社会: 'social',
  生态: 'ecological',
  可持续影响: 'sustainability',
  服务对象满意度: 'service recipients',
};

function categoryCandidates(locale: Locale): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const [level1, level2s] of Object.entries(categoryLevels)) {
    for (const level2 of level2s) {
      const text = level1 === '满意度' ? level1 : `${level1}/${level2}`;
      out.push({ text, detail: localize({ zh: `${level1}指标 · ${level2}`, en: `${CATEGORY_EN[level1]} / ${CATEGORY_EN[level2]}` }, locale) });
    }
  }
  return out;
}

/**
 * Names replace the whole text typed on the line. A name of several lines
 * (an activity) goes on in continuation lines, one level deeper.
 */
function nameItems(candidates: readonly NameCandidate[], typed: string, range: Range, lineIndent: string): CompletionItem[] {
  return candidates
    .filter((c) => c.text !== typed)
    .map((c, i) => {
      const label = c.text.replace(/\n/g, ' ⏎ ');
      return {
        label,
        kind: CompletionItemKind.Value,
        detail: c.detail,
        ...(c.origin ? { labelDetails: { description: c.origin } } : {}),
        // No filterText: the editor filters by the label when there is none.
        sortText: sortKey(0, i),
        textEdit: { range, newText: c.text.replace(/\n/g, `\n${lineIndent}${INDENT}+ `) },
      };
    });
}

const NAME_KIND: Partial<Record<AnyFieldKey, NameKind>> = { office: 'office', project: 'project', activity: 'activity' };

const BAND_DETAIL: Record<(typeof BANDS)[number], Text> = {
  达成: { zh: '分值的 100–80%', en: 'achieved: 100–80 % of the points' },
  部分达成: { zh: '分值的 80–60%', en: 'partly achieved: 80–60 % of the points' },
  未达成: { zh: '分值的 60–0%', en: 'not achieved: 60–0 % of the points' },
};

const OUTLOOK_DETAIL: Record<(typeof OUTLOOKS)[number], Text> = {
  确定能: { zh: '确定能完成年度目标', en: 'the annual target will certainly be met' },
  有可能: { zh: '有可能完成年度目标', en: 'the annual target may be met' },
  完全不可能: { zh: '完全不可能完成年度目标', en: 'the annual target cannot be met' },
};

/** The words of the later stages: bands, outlooks, reason categories, the usual as-of dates of the table's year. */
function stageCandidates(key: AnyFieldKey, table: Table, locale: Locale): NameCandidate[] | undefined {
  switch (key) {
    case 'attainment':
      return BANDS.flatMap((band) => [band, BAND_PHRASES[band][0]!].map((text) => ({ text, detail: localize(BAND_DETAIL[band], locale) })));
    case 'outlook':
      return OUTLOOKS.map((text) => ({ text, detail: localize(OUTLOOK_DETAIL[text], locale) }));
    case 'deviationReason':
      return DEVIATION_CATEGORIES.map((text) => ({ text: `${text}：`, detail: localize({ zh: '偏差原因类别', en: 'category of the reason' }, locale) }));
    case 'monitor': {
      const year = /^\d{4}$/.test(table.year?.text ?? '') ? Number(table.year!.text) : null;
      const ends: [number, number, Text][] = [
        [6, 30, { zh: '上半年', en: 'first half-year' }],
        [7, 31, { zh: '1–7 月', en: 'January–July' }],
        [9, 30, { zh: '前三季度', en: 'first three quarters' }],
      ];
      return ends.map(([month, day, label]) => ({ text: formatAsOf({ year, month, day }), detail: localize(label, locale) }));
    }
    default:
      return undefined;
  }
}

function fieldTextItems(key: AnyFieldKey, typed: string, cursor: number, lineText: string, scope: NameScope, ctx: ServiceContext): CompletionItem[] {
  const { line, location } = scope;
  if (KEYWORD_BY_KEY[key].isValue) return valueItems(typed, cursor, line, location, ctx);
  const range = replaceRange(line, cursor - typed.length, cursor);
  const indent = LEADING.exec(lineText)![0];
  if (key === 'standardSource' || key === 'historySource') return nameItems(sourceCandidates(scope, ctx), typed, range, indent);
  if (key === 'category') return nameItems(categoryCandidates(ctx.locale), typed, range, indent);
  const words = stageCandidates(key, scope.parsed.ast, ctx.locale);
  if (words) return nameItems(words, typed, range, indent);
  const kind = NAME_KIND[key];
  return kind ? nameItems(nameCandidates(kind, scope, ctx), typed, range, indent) : [];
}

// ---------------------------------------------------------------------------

export function complete(document: TextDocument, parsed: ParseResult, position: Position, ctx: ServiceContext): CompletionList {
  try {
    const items = completeUnsafe(document, parsed, position, ctx);
    return items.length ? { isIncomplete: false, items } : EMPTY;
  } catch {
    return EMPTY;
  }
}

function completeUnsafe(document: TextDocument, parsed: ParseResult, position: Position, ctx: ServiceContext): CompletionItem[] {
  const line = position.line;
  if (line < 0 || line >= document.lineCount || position.character < 0) return [];
  const lineText = document.getText(replaceRange(line, 0, Number.MAX_SAFE_INTEGER));
  const cursor = Math.min(position.character, lineText.length);
  const textBefore = lineText.slice(0, cursor);
  const indent = LEADING.exec(textBefore)![0];
  const typed = textBefore.slice(indent.length);

  if (typed.startsWith('#')) return [];

  // Only a partial word: a keyword (or a snippet) starts this line.
  if (!/\s/.test(typed) && !typed.startsWith('+')) {
    const before = locateBefore(parsed, line);
    const items = keywordItems(parsed.ast, before, line, replaceRange(line, indent.length, cursor), ctx);
    // Snippets span several lines: only on a line with nothing after the cursor.
    if (lineText.slice(cursor).trim() === '') items.push(...snippetItems(document, parsed.ast, before, line, replaceRange(line, 0, cursor), ctx));
    return items;
  }

  const location = locate(parsed, position);
  const scope: NameScope = { document, parsed, location, line };
  const keywordLine = KEYWORD_LINE.exec(textBefore);
  const key = keywordLine ? KEY_BY_KEYWORD.get(keywordLine[1]!) : undefined;
  if (key) return fieldTextItems(key, textBefore.slice(keywordLine![0].length), cursor, lineText, scope, ctx);

  // A continuation line goes on with the text of the field above it.
  const continuation = CONTINUATION_LINE.exec(textBefore);
  if (continuation && location.field?.part === 'continuation') {
    return fieldTextItems(location.field.field.key, textBefore.slice(continuation[0].length), cursor, lineText, scope, ctx);
  }
  return [];
}
