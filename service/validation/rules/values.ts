/**
 * Each value read on its own: it parses, its unit is known, it is exact,
 * a rate stays within 0–100%.
 */
import type { Quantity, ValueField } from '../../../grammar/src/index';
import { isQuantity, KEYWORD_BY_KEY, VALUE_KEYS, type Message, type ValueKey } from '../../../grammar/src/index';
import { indicatorRule, type Report, type RuleContext } from '../define';
import { isPercent } from '../facts';
import { replaceFix, type FixProposal, type ReplaceData } from '../fix';
import { excerpt, q, qe } from '../phrases';
import { positionInField } from '../places';

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

export const VALUES = [
  indicatorRule({
    code: 'TT103',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '无法识别的数值', en: 'Malformed value' },
    explanation: {
      zh: '这个值以数字或比较符开头，却无法读作数量（如 1.2.3次、≥ 次），因而不能比较或汇总。请改正数字或比较符。',
      en: 'The value starts like a number or a comparator but does not read as a quantity (1.2.3次, ≥ 次), so it cannot be compared or summed. Correct the number or the comparator.',
    },
    messages: {
      malformed: (keyword: string, raw: string, reason: Message) => ({
        zh: `${keyword}${q(excerpt(raw))}无法识别：${reason.zh}`,
        en: `${keyword} ${qe(excerpt(raw))} cannot be read: ${reason.en}`,
      }),
    },
    check({ indicator }, report, say) {
      for (const key of VALUE_KEYS) {
        const field = indicator[key];
        const value = field?.value;
        if (field && value?.kind === 'malformed') report(field.textRange, say.malformed(field.keyword, value.raw, value.reason));
      }
    },
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
      zh: '「约50场」「50场左右」在考核时无法判断是否完成。请给出确定的数值；若是区间，用 ≥ 或 ≤ 表示。',
      en: 'With 约50场 or 50场左右 (about 50) nobody can say at the end of the year whether the target was met. Give an exact number; for a bound, write ≥ or ≤.',
    },
    messages: {
      approximate: (raw: string) => ({
        zh: `指标值${q(excerpt(raw))}是约数，无法考核：请给出确定的数值（区间用 ≥、≤ 表示）`,
        en: `The target ${qe(excerpt(raw))} is approximate and cannot be assessed: give an exact number (≥ or ≤ for a bound)`,
      }),
    },
    check({ indicator }, report, say) {
      const target = indicator.target;
      const t = target?.value;
      if (!target || !t) return;
      if ((t.kind === 'quantity' && t.approximate) || (t.kind === 'composite' && t.parts.some((p) => p.quantity.approximate))) {
        report(target.textRange, say.approximate(t.raw));
      }
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
    check({ indicator, target: t, growth }, report, say) {
      const target = indicator.target;
      if (!t || !target || growth) return;
      if (isPercent(t) && t.comparator === '≥' && t.normalized === 100 && !target.text.includes('\n')) {
        report(target.textRange, say.atLeastHundred(t.raw), { data: { replacement: '=100%' } satisfies ReplaceData });
      }
    },
    fixes: replaceFix,
  }),
];
