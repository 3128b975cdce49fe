/**
 * Hover: the official meaning of a keyword; a value read and normalized, and
 * a target compared with its plan, standard and history; a unit's dimension;
 * a summary of a duty, 事项 or objective; the effective 活动/预算项目/科室 of an
 * indicator; where an office, budget project or source is used across the
 * workspace. Markdown, in the user's language.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import {
  DIMENSION_NAMES,
  dutyName,
  dutyObjectives,
  hasQuantifiedTarget,
  inherited,
  INHERITED_KEYS,
  KEYWORD_BY_KEY,
  formatNormalized,
  comparable,
  parseValue,
  sameAmount,
  type Comparator,
  type Dimension,
  type Duty,
  type Field,
  type AnyFieldKey,
  type FieldKey,
  type Indicator,
  type InheritedKey,
  type Item,
  type Objective,
  type ParseResult,
  type Quantity,
  type Value,
  type ValueField,
  type ValueKey,
} from '../../grammar/src/index';
import { localize, type Locale, type ServiceContext } from '../context';
import { locate, type Location } from '../locate';
import type { Finding } from '../validation/index';
import { quantityDelta } from '../delta';
import { contains, within } from '../ranges';
import { COMPARATOR_MEANING, COMPARISON_ORDER, dimensionLabel, indicatorCount } from '../wording';
import { findingsOnLines, RULES } from '../validation/index';
import { stageExplanation } from '../scoreWords';
import { nameSightings, type NameSighting } from '../names';
import { textOffsetAt, textSpanRanges } from '../spans';
import { oneLine } from '../symbols';
import { fileName } from '../uris';
import { nameParts, type NameKind } from '../workspaceIndex';

type Text = { zh: string; en: string };


/** One line per field: what the column asks for, beyond its heading. */
const KEYWORD_EXPLANATION: Record<FieldKey, Text> = {
  department: { zh: '编制本表的部门，写在表头。', en: 'The department the table belongs to, shown in the title of the form.' },
  year: { zh: '预算年度（四位数字），写在表头。', en: 'The budget year (four digits), shown in the title of the form.' },
  duty: { zh: '部门的一项职责；职责序号（可选）写在最前，如「职责 3 招引人才」。', en: 'One duty of the department; its optional number comes first, e.g. "duty 3 招引人才".' },
  item: { zh: '职责下的具体事项（部门职责的第二列），其下写目标。', en: 'A sub-duty of the duty (second column of 部门职责); objectives go under it.' },
  objective: { zh: '职责或事项要达成的目标，其下写绩效指标。', en: 'What the duty or sub-duty is to achieve; its indicators go under it.' },
  indicator: { zh: '衡量目标完成情况的绩效指标的名称。', en: 'The name of a performance indicator that measures the objective.' },
  number: { zh: '本行的职责序号：部门职责合并于上行、本行另有序号时，写在事项、目标或指标上；职责本身的序号写在职责行上。', en: "These rows' own duty number, when the duty cell is merged with the row above but the rows are numbered apart; written on an item, objective or indicator (a duty's own number goes on its 职责 line)." },
  category: { zh: '一级为产出、效益或满意度，二级如数量、质量、时效、成本、经济、社会、生态、可持续影响。', en: 'Output, outcome or satisfaction, with a second level such as quantity, quality, timeliness, cost, economic, social.' },
  explanation: { zh: '指标的含义与统计口径；比率指标应说明如何计算。', en: 'What the indicator means and how it is counted; for a rate, how it is computed.' },
  target: { zh: '本年度要达到的值：数量、比率、金额等，可带比较符（≥95%、1000份以上）。', en: 'The value to reach this year: a count, rate, amount…, optionally with a comparator (≥95%, 1000份以上).' },
  plan: { zh: '规划目标确定的值，是标准值的一种。', en: 'The value set by a plan; one kind of standard value.' },
  standard: { zh: '当年的标准值：来自规划目标、行业标准或其他明确标准。', en: "This year's standard: from a plan, an industry standard or another explicit standard." },
  standardSource: { zh: '标准值的出处，如年度工作计划、行业标准。', en: 'Where the standard value comes from, e.g. 年度工作计划 (annual work plan), 行业标准 (industry standard).' },
  historyAverage: { zh: '前三年实际值的平均数（历史值）。', en: 'The average of the actual values of the previous three years (history).' },
  lastYear: { zh: '上一年度的实际值（历史值）。', en: "Last year's actual value (history)." },
  historySource: { zh: '历史值的出处：统计年鉴、统计公报、内部统计或其他需明确的来源。', en: 'Where the history values come from: statistical yearbook, statistical bulletin, internal statistics or another stated source.' },
  remark: { zh: '标准值和历史值都没有时，必须在此说明原因；也可写其他需要说明的问题。', en: 'When there is neither a standard nor a history value, say why here; other notes too.' },
  activity: { zh: '为达成目标开展的工作活动；写在职责、事项或目标上时，其下的指标都继承。', en: 'The work activities; written on a duty, sub-duty or objective, every indicator below inherits them.' },
  project: { zh: '对应的预算项目；写在职责、事项或目标上时，其下的指标都继承。', en: 'The budget project(s); written on a duty, sub-duty or objective, every indicator below inherits them.' },
  office: { zh: '负责的科室；写在职责、事项或目标上时，其下的指标都继承。', en: 'The responsible office(s); written on a duty, sub-duty or objective, every indicator below inherits them.' },
};

const VALUE_KIND_NAMES: Record<Value['kind'], Text> = {
  quantity: { zh: '定量值', en: 'quantity' },
  qualitative: { zh: '定性值', en: 'qualitative' },
  composite: { zh: '组合值', en: 'composite' },
  none: { zh: '无', en: 'none' },
  malformed: { zh: '格式错误', en: 'malformed' },
};

const INHERITED_FROM: Record<'indicator' | 'objective' | 'item' | 'duty', Text> = {
  indicator: { zh: '本指标', en: 'this indicator' },
  objective: { zh: '继承自目标', en: 'inherited from the objective' },
  item: { zh: '继承自事项', en: 'inherited from the sub-duty' },
  duty: { zh: '继承自职责', en: 'inherited from duty' },
};

// ---------------------------------------------------------------------------
// Formatting helpers


/** Escapes the Markdown characters of user text (names, titles), which is shown as written. */
function md(text: string): string {
  return text.replace(/\n/g, ' ').replace(/[\\`*_[\]<>|#]/g, '\\$&');
}

function colon(locale: Locale): string {
  return locale === 'zh' ? '：' : ': ';
}

function paren(text: string, locale: Locale): string {
  return locale === 'zh' ? `（${text}）` : ` (${text})`;
}

function markdown(lines: readonly string[], range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range };
}

function appendLines(hover: Hover, lines: readonly string[]): Hover {
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { contents: { kind: MarkupKind.Markdown, value: [value, ...lines].join('\n') }, range: hover.range };
}


// ---------------------------------------------------------------------------
// Keyword

function keywordHover(field: Field, locale: Locale): Hover {
  const info = KEYWORD_BY_KEY[field.key];
  const english = field.keyword === info.en;
  // the other form of the keyword: the Chinese one for an English alias; the English alias only in English
  const other = english ? ` · \`${info.zh}\`` : locale === 'zh' ? '' : ` · \`${info.en}\``;
  const heading = locale === 'zh' ? info.column.zh : `${info.column.zh} — ${info.column.en}`;
  // The later stages' fields carry their explanation in the keyword table.
  const explanation = info.help ?? KEYWORD_EXPLANATION[field.key as FieldKey];
  return markdown([`**${field.keyword}**${other}`, '', heading, '', localize(explanation, locale)], field.keywordRange);
}

// ---------------------------------------------------------------------------
// Values

/** The quantity as written, compactly: '≥12万元', '约50场'. */
function writtenQuantity(q: Quantity): string {
  const comparator = q.comparator === '=' ? '' : q.comparator;
  return `${comparator}${q.approximate ? '约' : ''}${q.numberText}${q.magnitude ?? ''}${q.unit ?? ''}`;
}

function normalizedText(q: Quantity): string {
  return `${formatNormalized(q)}${q.baseUnit ? ` ${q.baseUnit}` : ''}`;
}

/** What a unit (or a bare magnitude) is: '金额（CNY）', '未知单位，最接近的已知单位：…'. */
function unitDescription(q: Quantity, ctx: ServiceContext): string {
  if (q.unit === null) return localize({ zh: '数量级，无单位', en: 'magnitude, no unit' }, ctx.locale);
  if (!q.unitKnown || q.dimension === null) {
    const nearest = ctx.units.nearest(q.unit);
    const hint = nearest.length ? localize({ zh: `，最接近的已知单位：${nearest.join('、')}`, en: `; nearest known units: ${nearest.join(', ')}` }, ctx.locale) : '';
    return localize({ zh: '未知单位', en: 'unknown unit' }, ctx.locale) + hint;
  }
  return dimensionLabel(q.dimension, q.currency, ctx.locale);
}

function quantityLines(q: Quantity, ctx: ServiceContext): string[] {
  const { locale } = ctx;
  const lines: string[] = [];
  if (q.comparatorText !== null) {
    const written = q.comparatorText === q.comparator ? q.comparator : `${q.comparatorText} → ${q.comparator}`;
    lines.push(`- ${localize({ zh: '比较符', en: 'comparator' }, locale)}${colon(locale)}${written}${paren(localize(COMPARATOR_MEANING[q.comparator], locale), locale)}`);
  }
  const written = `${q.numberText}${q.magnitude ?? ''}${q.unit ?? ''}`;
  const normalized = normalizedText(q);
  // '12次' needs no '= 12 次'; '1000份' none either ('1,000 份' only adds grouping).
  const number = normalized.replace(/[ ,]/g, '') === written ? written : `${written} = ${normalized}`;
  lines.push(`- ${localize({ zh: '数值', en: 'number' }, locale)}${colon(locale)}${number}`);
  if (q.unit !== null || q.magnitude !== null) {
    lines.push(`- ${localize({ zh: '单位', en: 'unit' }, locale)}${colon(locale)}${md(`${q.magnitude ?? ''}${q.unit ?? ''}`)} · ${unitDescription(q, ctx)}`);
  }
  if (q.approximate) lines.push(`- ${localize({ zh: '约数：近似值，难以考核', en: 'approximate: hard to assess' }, locale)}`);
  return lines;
}

/**
 * The target against one reference, naming the reference's value: `+12 次 (+9.1%) vs last year 132次`,
 * `较上年值 132次：+12 次（+9.1%）`; the same amount: `equal to standard 20份`, `与标准值 20份 相同`.
 */
function difference(target: Quantity, reference: Quantity, label: Text, locale: Locale): string {
  const written = writtenQuantity(reference);
  if (sameAmount(target, reference)) return localize({ zh: `与${label.zh} ${written} 相同`, en: `equal to ${label.en} ${written}` }, locale);
  const delta = quantityDelta(reference, target);
  return localize({ zh: `较${label.zh} ${written}：${delta.zh}`, en: `${delta.en} vs ${label.en} ${written}` }, locale);
}

function comparisonLines(target: Quantity, indicator: Indicator, locale: Locale): string[] {
  const lines: string[] = [];
  for (const key of COMPARISON_ORDER) {
    const label = KEYWORD_BY_KEY[key].label;
    const reference = indicator[key]?.value;
    if (!reference || reference.kind !== 'quantity') continue;
    if (comparable(target, reference)) lines.push(`- ${difference(target, reference, label, locale)}`);
    else lines.push(`- ${localize({ zh: `${label.zh}：量纲或单位不同，不作比较`, en: `${label.en}: different dimension or unit, not compared` }, locale)}`);
  }
  return lines.length ? ['', localize({ zh: '对比：', en: 'Compared:' }, locale), ...lines] : [];
}

function valueHover(field: ValueField, indicator: Indicator | undefined, ctx: ServiceContext): Hover {
  const { locale } = ctx;
  const value = field.value;
  const lines = [`**${field.keyword}**${colon(locale)}${localize(VALUE_KIND_NAMES[value.kind], locale)}`, ''];
  switch (value.kind) {
    case 'quantity':
      lines.push(...quantityLines(value, ctx));
      if (field.key === 'target' && indicator) lines.push(...comparisonLines(value, indicator, locale));
      break;
    case 'composite':
      for (const part of value.parts) {
        const dimension = part.quantity.dimension ? ` · ${dimensionLabel(part.quantity.dimension, part.quantity.currency, locale)}` : '';
        const label = part.label ? `${md(part.label)}${colon(locale)}` : '';
        lines.push(`- ${label}${writtenQuantity(part.quantity)} = ${normalizedText(part.quantity)}${dimension}`);
      }
      break;
    case 'qualitative':
      lines.push(localize({ zh: '文字描述，不能与其他值比较。', en: 'A description in words; it cannot be compared with other values.' }, locale));
      break;
    case 'none':
      lines.push(localize({ zh: '未填写（/、无）。', en: 'Not given (/, 无).' }, locale));
      break;
    case 'malformed':
      lines.push(`${localize({ zh: '原因', en: 'reason' }, locale)}${colon(locale)}${localize(value.reason, locale)}`);
      break;
  }
  return markdown(lines, { start: field.textRange.start, end: field.range.end });
}

/** Offset in the field's text (continuations joined with '\n') of a position on its text, or -1. */
function textOffset(field: Field, position: Position): number {
  const lines = field.text.split('\n');
  const ranges = [field.textRange, ...field.continuationRanges];
  let offset = 0;
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.start.line === position.line) return within(range, position) ? offset + position.character - range.start.character : -1;
    offset += (lines[i]?.length ?? 0) + 1;
  }
  return -1;
}

/** Range of offsets [start, end) of the field text, when they lie on one line. */
function rangeOfOffsets(field: Field, start: number, end: number): Range | null {
  const lines = field.text.split('\n');
  const ranges = [field.textRange, ...field.continuationRanges];
  let lineStart = 0;
  for (let i = 0; i < ranges.length; i++) {
    const length = lines[i]?.length ?? 0;
    if (start >= lineStart && end <= lineStart + length) {
      const base = ranges[i]!.start;
      return { start: { line: base.line, character: base.character + start - lineStart }, end: { line: base.line, character: base.character + end - lineStart } };
    }
    lineStart += length + 1;
  }
  return null;
}

function quantities(value: Value): Quantity[] {
  if (value.kind === 'quantity') return [value];
  if (value.kind === 'composite') return value.parts.map((p) => p.quantity);
  return [];
}

function unitHover(field: ValueField, offset: number, ctx: ServiceContext): Hover | null {
  const q = quantities(field.value).find((x) => x.unitRange && x.unitRange.start <= offset && offset < x.unitRange.end);
  if (!q || !q.unitRange) return null;
  const range = rangeOfOffsets(field, q.unitRange.start, q.unitRange.end);
  if (!range) return null;
  const { locale } = ctx;
  const written = `${q.magnitude ?? ''}${q.unit ?? ''}`;
  const lines = [`**${md(written)}**${colon(locale)}${unitDescription(q, ctx)}`];
  const one = parseValue(`1${written}`, ctx.units);
  if (one.kind === 'quantity' && (one.baseUnit !== written || one.normalized !== 1) && (q.dimension !== 'count' || q.magnitude !== null)) {
    lines.push('', `1 ${written} = ${normalizedText(one)}`);
  }
  if (q.dimension === 'count') {
    lines.push('', localize({ zh: '计数只与同一单位的计数比较。', en: 'A count is compared only with counts of the same unit.' }, locale));
  }
  return markdown(lines, range);
}

// ---------------------------------------------------------------------------
// Levels

function findingsLine(block: { range: Range }, findings: readonly Finding[], locale: Locale): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findingsOnLines(findings, block.range.start.line, block.range.end.line)) counts[f.severity]++;
  return localize(
    {
      zh: `问题：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`,
      en: `Findings: ${counts.error} ${counts.error === 1 ? 'error' : 'errors'}, ${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}, ${counts.info} info`,
    },
    locale,
  );
}

function blockIndicators(block: Duty | Item | Objective): Indicator[] {
  if (block.kind === 'objective') return block.indicators;
  if (block.kind === 'item') return block.objectives.flatMap((o) => o.indicators);
  return [...dutyObjectives(block)].flatMap(({ objective }) => objective.indicators);
}

function summaryHover(block: Duty | Item | Objective, findings: readonly Finding[] | undefined, locale: Locale): Hover {
  const indicators = blockIndicators(block);
  const quantified = indicators.filter(hasQuantifiedTarget).length;
  const share = indicators.length ? Math.round((quantified / indicators.length) * 100) : 0;
  const number = block.kind === 'duty' && block.number ? ` ${block.number.text}` : '';
  const lines = [`**${block.title.keyword}${number}** ${md(block.title.text)}`, ''];
  lines.push(
    indicators.length === 0
      ? localize({ zh: '没有指标', en: 'No indicators' }, locale)
      : localize(
          {
            zh: `指标 ${indicators.length} 个，量化目标 ${quantified} 个（${share}%）`,
            en: `${indicators.length} ${indicators.length === 1 ? 'indicator' : 'indicators'}, ${quantified} with a quantified target (${share}%)`,
          },
          locale,
        ),
  );
  if (findings) lines.push('', findingsLine(block, findings, locale));
  const start = block.kind === 'duty' && block.number ? block.number.range.start : block.title.textRange.start;
  return markdown(lines, { start, end: block.title.textRange.end });
}

function indicatorHover(location: Location & { duty: Duty; objective: Objective; indicator: Indicator }, locale: Locale): Hover {
  const { duty, item, objective, indicator } = location;
  const lines = [`**${indicator.name.keyword}** ${md(indicator.name.text)}`, ''];
  for (const key of INHERITED_KEYS) {
    const { fields, from } = inherited({ duty, item, objective, indicator }, key);
    const name = locale === 'zh' ? KEYWORD_BY_KEY[key].zh : KEYWORD_BY_KEY[key].en;
    const texts = fields.map((f) => md(f.text)).join(locale === 'zh' ? '、' : '; ');
    const origin = from ? paren(localize(INHERITED_FROM[from], locale) + (from === 'duty' && duty.number ? ` ${duty.number.text}` : ''), locale) : '';
    lines.push(`- ${name}${colon(locale)}${from ? texts + origin : localize({ zh: '（未填写）', en: '(none)' }, locale)}`);
  }
  return markdown(lines, indicator.name.textRange);
}

// ---------------------------------------------------------------------------
// Names: offices, budget projects, sources

const NAME_FIELDS: Partial<Record<AnyFieldKey, { kind: NameKind; label: Text }>> = {
  office: { kind: 'office', label: { zh: '科室', en: 'office' } },
  project: { kind: 'project', label: { zh: '预算项目', en: 'budget project' } },
  standardSource: { kind: 'source', label: { zh: '来源', en: 'source' } },
  historySource: { kind: 'source', label: { zh: '来源', en: 'source' } },
};
/** Other tables listed by name; the rest are counted. */
const LISTED_TABLES = 8;

/** A duty without a number is named by the start of its text. */
function shortened(text: string, length = 12): string {
  const line = oneLine(text);
  return line.length > length ? `${line.slice(0, length)}…` : line;
}

/** Where the name is used in this table: its indicators, and the duties they belong to. */
function usedHere(here: readonly NameSighting[], locale: Locale): string {
  const total = here.reduce((n, s) => n + s.indicators, 0);
  const sep = locale === 'zh' ? '、' : ', ';
  const duties = here.map((s) => `${localize({ zh: '职责', en: 'duty' }, locale)} ${md(s.duty!.number?.text ?? shortened(dutyName(s.duty!)))}`);
  const listed = duties.length > 3 ? `${duties.slice(0, 3).join(sep)}…` : duties.join(sep);
  return `${localize({ zh: '本表', en: 'This table' }, locale)}${colon(locale)}${indicatorCount(total, locale)}${paren(listed, locale)}`;
}

/** Where else in the workspace: how many tables and indicators, which departments, and the tables by name. */
function usedElsewhere(elsewhere: readonly NameSighting[], locale: Locale): string[] {
  if (elsewhere.length === 0) return [localize({ zh: '工作区的其他目标表没有用到', en: 'No other table of the workspace uses it' }, locale)];
  const total = elsewhere.reduce((n, s) => n + s.indicators, 0);
  const tables = elsewhere.length;
  const lines = [
    localize({ zh: `其他目标表：${tables} 个，${indicatorCount(total, locale)}`, en: `Other tables: ${tables}, ${indicatorCount(total, locale)}` }, locale),
  ];
  const byName = [...elsewhere].sort((a, b) => b.indicators - a.indicators || fileName(a.uri).localeCompare(fileName(b.uri), 'zh'));
  for (const s of byName.slice(0, LISTED_TABLES)) lines.push(`- ${md(fileName(s.uri))}${colon(locale)}${indicatorCount(s.indicators, locale)}`);
  if (tables > LISTED_TABLES) lines.push(`- ${localize({ zh: `…另有 ${tables - LISTED_TABLES} 个`, en: `… and ${tables - LISTED_TABLES} more` }, locale)}`);
  return lines;
}

/**
 * Over an office, a budget project or a source (one name of a listing cell): where it is used —
 * this table's indicators and duties, the other tables of the workspace — and by which departments.
 */
function nameHover(document: TextDocument, parsed: ParseResult, field: Field, position: Position, ctx: ServiceContext): Hover | null {
  const nameField = NAME_FIELDS[field.key];
  const offset = nameField ? textOffsetAt(field, position) : null;
  if (!nameField || offset === null) return null;
  const part = nameParts(nameField.kind, field.text).find((p) => p.start <= offset && offset <= p.end);
  if (!part) return null;
  const { locale } = ctx;
  const sightings = nameSightings(document, parsed, nameField.kind, ctx, { name: part.name });
  const here = sightings.filter((s) => s.uri === document.uri);
  const elsewhere = sightings.filter((s) => s.uri !== document.uri);
  const departments = [...new Set(sightings.map((s) => s.department).filter((d): d is string => d !== null))].sort((a, b) => a.localeCompare(b, 'zh'));
  const lines = [`**${md(part.name)}** · ${localize(nameField.label, locale)}`, ''];
  if (here.length > 0) lines.push(usedHere(here, locale), '');
  lines.push(...usedElsewhere(elsewhere, locale));
  if (departments.length > 0) {
    lines.push('', `${localize({ zh: '部门', en: departments.length === 1 ? 'Department' : 'Departments' }, locale)}${colon(locale)}${departments.map(md).join(locale === 'zh' ? '、' : ', ')}`);
  }
  return markdown(lines, textSpanRanges(field, part.start, part.end)[0] ?? field.textRange);
}

// ---------------------------------------------------------------------------

export function hover(document: TextDocument, parsed: ParseResult, position: Position, ctx: ServiceContext, findings?: Finding[]): Hover | null {
  try {
    return withExplanations(hoverUnsafe(document, parsed, position, ctx, findings), position, ctx, findings);
  } catch {
    return null;
  }
}


/**
 * Over a problem, the hover also says why the rule exists and what to do —
 * the explanation of docs/rules.md (VS Code shows the message itself).
 */
function withExplanations(base: Hover | null, position: Position, ctx: ServiceContext, findings: readonly Finding[] | undefined): Hover | null {
  // Findings lie on one line (a field's head, its text or a unit): those starting on this line.
  const here = findingsOnLines(findings ?? [], position.line, position.line).filter((f) => contains(f.range, position));
  const codes = [...new Set(here.map((f) => f.code))].filter((code) => RULES[code]);
  if (codes.length === 0) return base;
  const notes = codes.map((code) => {
    const rule = RULES[code]!;
    return `**${code}** ${localize(rule.title, ctx.locale)} — ${localize(rule.explanation, ctx.locale)}`;
  });
  const previous = base && typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
  const value = previous ? `${previous}\n\n---\n\n${notes.join('\n\n')}` : notes.join('\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: base?.range ?? here[0]!.range };
}

function hoverUnsafe(document: TextDocument, parsed: ParseResult, position: Position, ctx: ServiceContext, findings: Finding[] | undefined): Hover | null {
  const location = locate(parsed, position);
  const at = location.field;
  if (!at) return null;
  const { field } = at;
  if (at.part === 'keyword') return keywordHover(field, ctx.locale);

  // The later stages' fields: how the score or the progress is computed (scoreWords.ts).
  const stage = location.indicator ? stageExplanation(field, location.indicator, location.monitor, parsed.ast, ctx.settings, ctx.locale) : undefined;
  if (KEYWORD_BY_KEY[field.key].isValue) {
    const offset = textOffset(field, position);
    if (offset < 0) return null;
    const valueField = field as ValueField;
    const unit = unitHover(valueField, offset, ctx);
    if (unit) return unit;
    const value = valueHover(valueField, location.indicator, ctx);
    return stage ? appendLines(value, stage) : value;
  }
  if (NAME_FIELDS[field.key]) return nameHover(document, parsed, field, position, ctx);
  if (at.part !== 'text') return null;
  if (stage) return markdown([`**${field.keyword}** ${md(field.text)}`, ...stage], { start: field.textRange.start, end: field.range.end });
  const { duty, item, objective, indicator } = location;
  if (field.key === 'indicator' && duty && objective && indicator) {
    return within(indicator.name.textRange, position) ? indicatorHover({ ...location, duty, objective, indicator }, ctx.locale) : null;
  }
  const block = field.key === 'duty' ? duty : field.key === 'item' ? item : field.key === 'objective' ? objective : undefined;
  if (!block) return null;
  const start = block.kind === 'duty' && block.number ? block.number.range.start : block.title.textRange.start;
  if (!within({ start, end: block.title.textRange.end }, position)) return null;
  return summaryHover(block, findings, ctx.locale);
}
