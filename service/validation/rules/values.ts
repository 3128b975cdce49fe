/**
 * Each value read on its own: it parses, its unit is known, it is exact,
 * a rate stays within 0–100%.
 */
import type { Quantity, Value, ValueField } from '../../../grammar/src/index';
import { isQuantity, KEYWORD_BY_KEY, VALUE_KEYS, type Message, type ValueKey } from '../../../grammar/src/index';
import { indicatorRule, type Report, type RuleContext } from '../define';
import { includesAny, isPercent, unitInsertion, type IndicatorFacts } from '../facts';
import { insertTextFix, keywordFor, replaceFix, type FixProposal, type InsertTextData, type ReplaceData } from '../fix';
import { excerpt, q, qe, SUBJECT_EN } from '../phrases';
import { positionInField } from '../places';
import { AGREEMENT_WORDS, DIMENSIONLESS_WORDS, UNIT_OF_NAME } from '../words';

/** TT104: the unknown unit as written and the nearest catalog units, best first. */
export interface UnknownUnitData {
  unit: string;
  suggestions: string[];
}

function isUnknownUnitData(x: unknown): x is UnknownUnitData {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  return typeof d.unit === 'string' && Array.isArray(d.suggestions) && d.suggestions.every((s) => typeof s === 'string');
}

/**
 * TT104 on a quantity with a unit no catalog knows. Range = the unit as
 * written (after the magnitude). When no catalog unit is near the unit alone
 * but one is near magnitude + unit with the same magnitude ('12万圆' → 万元),
 * the range covers both and the suggestions replace both.
 */
function checkUnit(field: ValueField, v: Quantity, rc: RuleContext, report: Report, message: (unit: string, suggestions: readonly string[]) => Message): void {
  if (v.unitKnown || v.unit === null || !v.unitRange) return;
  // A suggestion shares a character with the unit as written (for a one-character unit every
  // other one-character unit is one edit away, which helps nobody), and after a magnitude
  // ('3万平米') it must not start with one ('万元' would double it).
  const written = Array.from(v.unit);
  let unit = v.unit;
  let suggestions = rc.units
    .nearest(v.unit, 8)
    .filter((u) => written.some((c) => u.includes(c)) && !(v.magnitude && /^[千万亿百]/.test(u)))
    .slice(0, 3);
  const whole = v.magnitude ? `${v.magnitude}${v.unit}` : null;
  if (suggestions.length === 0 && whole && v.unitRange.end - v.unitRange.start === whole.length) {
    const withMagnitude = rc.units.nearest(whole, 8).filter((u) => u.startsWith(v.magnitude!) && u !== whole).slice(0, 3);
    if (withMagnitude.length > 0) {
      unit = whole;
      suggestions = withMagnitude;
    }
  }
  const end = v.unitRange.end;
  const start = end - unit.length;
  const data: UnknownUnitData = { unit, suggestions };
  report({ start: positionInField(field, start), end: positionInField(field, end) }, message(unit, suggestions), { data });
}

const APPROXIMATE_NUMBER = /[0-9０-９一二两三四五六七八九十百千]/;

/** 约 before a number anywhere in a text (not in 签约, 节约 …), or 左右 just after one. */
function approximateText(text: string): boolean {
  for (let i = text.indexOf('约'); i >= 0; i = text.indexOf('约', i + 1)) {
    if (i > 0 && AGREEMENT_WORDS.includes(text.slice(i - 1, i + 1))) continue;
    let next = i + 1;
    while (next < i + 4 && /[为合计在\s]/.test(text.charAt(next))) next++;
    if (APPROXIMATE_NUMBER.test(text.charAt(next))) return true;
  }
  return /[0-9０-９%％][^0-9０-９，。；,;\s]{0,4}左右/.test(text);
}

/** A value that is only about so much: a quantity, a part, a labelled quantity, or 约 anywhere in a text. */
function isApproximate(v: Value): boolean {
  switch (v.kind) {
    case 'quantity':
      return v.approximate;
    case 'composite':
      return v.parts.some((p) => p.quantity.approximate);
    case 'qualitative':
      return v.labelled?.quantity.approximate === true || approximateText(v.text);
    default:
      return false;
  }
}

/** The unit a target without one should carry: the references' (facts.expectedUnit), else the one its name counts in (培训人数 → 人). */
function unitForTarget(facts: IndicatorFacts, target: Quantity): { text: string; at: number } | null {
  const fromName = UNIT_OF_NAME.find(([word]) => facts.name.includes(word));
  const expected = facts.expectedUnit ?? (fromName ? { unit: fromName[1], magnitude: null, from: 'target' as const } : undefined);
  return expected ? unitInsertion(target, expected, facts.rc.units) : null;
}

/** Insertion data for a one-line value field; undefined when the value runs over several lines. */
function onFirstLine(field: ValueField, insertion: { text: string; at: number } | null): InsertTextData | undefined {
  if (!insertion) return undefined;
  const firstLine = field.text.split('\n')[0]!;
  return insertion.at <= firstLine.length ? insertion : undefined;
}

/** TT126: what the fix needs: the quantity alone, and where the label goes (after the 解释, or a new 解释 line above the target). */
export interface LabelData {
  quantity: string;
  label: string;
  /** End of the 解释 text, its line counted from the finding's line; null: there is no 解释. */
  explanationEnd: { lineDelta: number; character: number } | null;
  keyword: string;
}

function isLabelData(x: unknown): x is LabelData {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  const end = d.explanationEnd as Record<string, unknown> | null;
  return (
    typeof d.quantity === 'string' &&
    typeof d.label === 'string' &&
    typeof d.keyword === 'string' &&
    (end === null || (typeof end === 'object' && end !== undefined && typeof end.lineDelta === 'number' && typeof end.character === 'number'))
  );
}

export const VALUES = [
  indicatorRule({
    code: 'TT103',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '无法识别的数值', en: 'Malformed value' },
    explanation: {
      zh: '这个值像是数量，却无法读作数量（如 1.2.3次、≥ 次、100人x、一百人），因而不能比较或汇总，对它的各项数值检查也都无从进行。请改正数字、比较符或多余的字符，数字用阿拉伯数字书写（快速修复会给出可读的写法）。',
      en: 'The value looks like a quantity but does not read as one (1.2.3次, ≥ 次, 100人x, 一百人), so it cannot be compared or summed and no numeric check can run on it. Correct the number, the comparator or the stray characters, and write numbers in digits (the quick fix offers a form that reads).',
    },
    messages: {
      malformed: (keyword: string, raw: string, reason: Message, suggestion: string | undefined) => ({
        zh: `${keyword}${q(excerpt(raw))}无法识别：${reason.zh}${suggestion === undefined ? '' : `；应为${q(suggestion)}`}`,
        en: `${keyword} ${qe(excerpt(raw))} cannot be read: ${reason.en}${suggestion === undefined ? '' : `; write ${qe(suggestion)}`}`,
      }),
    },
    check({ indicator }, report, say) {
      for (const key of VALUE_KEYS) {
        const field = indicator[key];
        const value = field?.value;
        if (!field || value?.kind !== 'malformed') continue;
        // The suggestion replaces the text of a one-line value.
        const fix = value.suggestion !== undefined && !field.text.includes('\n') ? { data: { replacement: value.suggestion } satisfies ReplaceData } : undefined;
        report(field.textRange, say.malformed(field.keyword, value.raw, value.reason, value.suggestion), fix);
      }
    },
    fixes: replaceFix,
  }),

  indicatorRule({
    code: 'TT104',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '未知的单位', en: 'Unknown unit' },
    explanation: {
      zh: '单位不在单位目录中，数值的量纲未知，无法与标准值、历史值比较。请改用目录中的单位（快速修复会给出最接近的），或在 .ttab/units.json 中补充该单位。',
      en: 'The unit is in no catalog, so the dimension of the value is unknown and it cannot be compared with standard or history values. Use a catalog unit (the quick fix offers the nearest) or add the unit to .ttab/units.json.',
    },
    messages: {
      unknownUnit: (unit: string, suggestions: readonly string[]) => ({
        zh: `未知的单位${q(unit)}${suggestions.length ? `，是否应为 ${suggestions.map(q).join('、')}？` : ''}`,
        en: `Unknown unit ${qe(unit)}${suggestions.length ? `; did you mean ${suggestions.map(qe).join(', ')}?` : ''}`,
      }),
    },
    check({ indicator, rc }, report, say) {
      for (const key of VALUE_KEYS) {
        const field = indicator[key];
        if (!field) continue;
        const value = field.value;
        if (value.kind === 'quantity') checkUnit(field, value, rc, report, say.unknownUnit);
        else if (value.kind === 'composite') for (const part of value.parts) checkUnit(field, part.quantity, rc, report, say.unknownUnit);
      }
    },
    fixes(data, site): FixProposal[] {
      if (!isUnknownUnitData(data)) return [];
      return data.suggestions.map((s, i) => ({
        title: { zh: `将单位「${data.unit}」改为「${s}」`, en: `Change unit '${data.unit}' to '${s}'` },
        edits: [{ range: site.range, newText: s }],
        preferred: i === 0,
      }));
    },
  }),

  indicatorRule({
    code: 'TT110',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值为约数', en: 'Approximate target' },
    explanation: {
      zh: '「约50场」「50场左右」「办件量同比增长约15%」在考核时无法判断是否完成。请给出确定的数值；若是区间，用 ≥ 或 ≤ 表示。',
      en: 'With 约50场, 50场左右 or 办件量同比增长约15% (about …) nobody can say at the end of the year whether the target was met. Give an exact number; for a bound, write ≥ or ≤.',
    },
    messages: {
      approximate: (raw: string) => ({
        zh: `指标值${q(excerpt(raw))}是约数，无法考核：请给出确定的数值（区间用 ≥、≤ 表示）`,
        en: `The target ${qe(excerpt(raw))} is approximate and cannot be assessed: give an exact number (≥ or ≤ for a bound)`,
      }),
    },
    check({ indicator }, report, say) {
      const target = indicator.target;
      if (target && isApproximate(target.value)) report(target.textRange, say.approximate(target.value.raw));
    },
  }),

  indicatorRule({
    code: 'TT114',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '比率超出 0–100%', en: 'Rate outside 0–100%' },
    explanation: {
      zh: '完成率、满意度等比率只能在 0 到 100% 之间。请核对数值（增长率、增速、增幅不在此列）。',
      en: 'A rate such as a completion rate or a satisfaction level lies between 0 and 100%. Check the value (growth rates are exempt).',
    },
    messages: {
      rateOutOfRange: (key: ValueKey, raw: string) => ({
        zh: `比率 ${excerpt(raw)}（${KEYWORD_BY_KEY[key].zh}）超出 0–100% 的范围`,
        en: `The rate ${excerpt(raw)} (${KEYWORD_BY_KEY[key].label.en}) lies outside 0–100%`,
      }),
    },
    check({ indicator, growth }, report, say) {
      if (growth) return;
      for (const key of VALUE_KEYS) {
        const v = indicator[key]?.value;
        if (isQuantity(v) && isPercent(v) && (v.normalized < 0 || v.normalized > 100)) {
          report(indicator[key]!.textRange, say.rateOutOfRange(key, v.raw));
        }
      }
    },
  }),

  indicatorRule({
    code: 'TT121',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '比率指标值为 ≥100%', en: 'Rate target of ≥100%' },
    explanation: {
      zh: '比率不可能超过 100%，「≥100%」「不低于100%」「100%以上」实际只能是 =100%。请直接写 =100%（或 100%）。',
      en: 'A rate cannot exceed 100%, so ≥100% (不低于100%, 100%以上) can only mean exactly 100%. Write =100% (or 100%).',
    },
    messages: {
      atLeastHundred: (raw: string) => ({
        zh: `比率不会超过 100%，指标值${q(excerpt(raw))}实际只能是 =100%`,
        en: `A rate cannot exceed 100%, so the target ${qe(excerpt(raw))} can only mean =100%`,
      }),
    },
    check({ indicator, target: t, targetReading, growth }, report, say) {
      const target = indicator.target;
      if (!t || !target || growth || targetReading !== 'quantity') return;
      if (isPercent(t) && t.comparator === '≥' && t.normalized === 100 && !target.text.includes('\n')) {
        report(target.textRange, say.atLeastHundred(t.raw), { data: { replacement: '=100%' } satisfies ReplaceData });
      }
    },
    fixes: replaceFix,
  }),
  indicatorRule({
    code: 'TT122',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '参考值缺少单位', en: 'Reference value without a unit' },
    explanation: {
      zh: '参考值只写了数字（如 上年值 28），看不出是 28家、28万元还是 28%，审核时无法与指标值对照。检查按指标值的单位读它并照常比较，同时提示补上单位（快速修复会补上指标值的单位）。',
      en: 'A reference written as a bare number (上年值 28) does not say whether it is 28家, 28万元 or 28%, so a reviewer cannot set it against the target. The checker reads it in the target’s unit and compares as usual, and asks for the unit (the quick fix adds the target’s unit).',
    },
    messages: {
      noUnit: (key: ValueKey, raw: string, assumed: string, from: ValueKey) => ({
        zh: `${KEYWORD_BY_KEY[key].zh}${q(excerpt(raw))}没有单位，按${KEYWORD_BY_KEY[from].zh}的单位读作 ${assumed}：请写明单位，如 ${assumed}`,
        en: `${SUBJECT_EN[key]} ${qe(excerpt(raw))} has no unit and is read in the unit of ${KEYWORD_BY_KEY[from].label.en === 'target' ? 'the target' : KEYWORD_BY_KEY[from].zh} as ${assumed}: write the unit, e.g. ${assumed}`,
      }),
    },
    check({ references, expectedUnit, rc }, report, say) {
      if (!expectedUnit) return;
      for (const ref of references) {
        if (!ref.assumedUnit) continue;
        const written = ref.field.value as Quantity;
        const message = say.noUnit(ref.key, written.raw, ref.value.raw.trim(), expectedUnit.from);
        report(ref.field.textRange, message, { data: onFirstLine(ref.field, unitInsertion(written, expectedUnit, rc.units)) });
      }
    },
    fixes: insertTextFix((unit) => ({ zh: `添加单位「${unit}」`, en: `Add the unit '${unit}'` })),
  }),

  indicatorRule({
    code: 'TT123',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '参考值为约数', en: 'Approximate reference value' },
    explanation: {
      zh: '「约3千件」「约0.6万人次」这样的参考值不是统计得到的确切数，不能作为考核的参照。请填写统计资料中的确切数值；确实没有时在备注中说明。',
      en: 'A reference such as 约3千件 or 约0.6万人次 (about …) is no counted figure, so the target cannot be assessed against it. Give the exact figure from the statistics, or say in 备注 why there is none.',
    },
    messages: {
      approximate: (key: ValueKey, raw: string) => ({
        zh: `${KEYWORD_BY_KEY[key].zh}${q(excerpt(raw))}是约数，不能作为考核参照：请填写统计得到的确切数值`,
        en: `${SUBJECT_EN[key]} ${qe(excerpt(raw))} is approximate and no basis to assess against: give the exact figure`,
      }),
    },
    check({ indicator }, report, say) {
      for (const key of VALUE_KEYS) {
        const field = indicator[key];
        if (key !== 'target' && field && isApproximate(field.value)) report(field.textRange, say.approximate(key, field.value.raw));
      }
    },
  }),

  indicatorRule({
    code: 'TT124',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值缺少单位', en: 'Target without a unit' },
    explanation: {
      zh: '指标值只写了数字（如 300、3万），看不出计的是人、次还是万元，年底无法按它考核。请写明单位，如 300人、3万人次（快速修复会补上参考值的单位，或指标名称所计的单位）。',
      en: 'A target written as a bare number (300, 3万) does not say whether it counts people, events or 万元, so it cannot be assessed. Write the unit, e.g. 300人 or 3万人次 (the quick fix adds the references’ unit, or the one the name counts in).',
    },
    messages: {
      noUnit: (raw: string, suggestion: string | null) => ({
        zh: `指标值${q(excerpt(raw))}没有单位：请写明计量单位${suggestion ? `，如 ${suggestion}` : '（人、次、万元……）'}`,
        en: `The target ${qe(excerpt(raw))} has no unit: write what it counts${suggestion ? `, e.g. ${suggestion}` : ' (人, 次, 万元 …)'}`,
      }),
    },
    check(facts, report, say) {
      const target = facts.indicator.target;
      const t = target?.value;
      if (!target || t?.kind !== 'quantity' || t.unit !== null || includesAny(facts.name, DIMENSIONLESS_WORDS)) return;
      const insertion = unitForTarget(facts, t);
      const suggestion = insertion ? `${t.raw.slice(0, insertion.at)}${insertion.text}${t.raw.slice(insertion.at)}`.trim() : null;
      report(target.textRange, say.noUnit(t.raw, suggestion), { data: onFirstLine(target, insertion) });
    },
    fixes: insertTextFix((unit) => ({ zh: `添加单位「${unit}」`, en: `Add the unit '${unit}'` })),
  }),

  indicatorRule({
    code: 'TT126',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '指标值夹带文字', en: 'Target with words around its quantity' },
    explanation: {
      zh: '「资金支付进度≥60%」把说明和数值写在一格里。检查会读出其中的数量照常比较，但指标值一栏应只写数值，文字说明写进指标解释（快速修复会把文字移到「解释」，指标值只留 ≥60%）。',
      en: 'In 资金支付进度≥60% the words and the value share one cell. The checker reads the quantity and compares it as usual, but the target column holds the value alone and the words belong in the explanation (the quick fix moves them to 解释 and leaves ≥60%).',
    },
    messages: {
      labelled: (label: string, quantity: string) => ({
        zh: `指标值夹带文字${q(excerpt(label))}：指标值只写 ${quantity}，文字说明写入「解释」`,
        en: `The target has the words ${qe(excerpt(label))} before its value: write ${quantity} alone and move the words to the explanation (解释)`,
      }),
    },
    check({ indicator }, report, say) {
      const target = indicator.target;
      const t = target?.value;
      if (!target || t?.kind !== 'qualitative' || !t.labelled) return;
      const quantity = t.labelled.quantity.raw;
      const explanation = indicator.explanation;
      const line = target.textRange.start.line;
      const data: LabelData | undefined = target.text.includes('\n')
        ? undefined
        : {
            quantity,
            label: t.labelled.label,
            explanationEnd: explanation && explanation.text !== '' ? { lineDelta: explanation.range.end.line - line, character: explanation.range.end.character } : null,
            keyword: keywordFor(indicator, 'explanation'),
          };
      report(target.textRange, say.labelled(t.labelled.label, quantity), { data });
    },
    fixes(data, site): FixProposal[] {
      if (!isLabelData(data)) return [];
      const line = site.range.start.line;
      const moveLabel = data.explanationEnd
        ? (() => {
            const at = { line: line + data.explanationEnd.lineDelta, character: data.explanationEnd.character };
            return { range: { start: at, end: at }, newText: `；${data.label}` };
          })()
        : site.insertLine(line, `${site.indentation(line)}${data.keyword} ${data.label}`);
      return [
        {
          title: { zh: `指标值只留「${data.quantity}」，文字移到解释`, en: `Keep '${data.quantity}' as the target, move the words to the explanation` },
          edits: [{ range: site.range, newText: data.quantity }, moveLabel],
          preferred: true,
        },
      ];
    },
  }),
];
