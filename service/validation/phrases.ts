/**
 * How the rules' messages name things: quoting, shortening, dimensions with
 * their currency, value fields inside an English sentence, the gap between a
 * target and a reference.
 */
import type { Message, Quantity, ValueKey } from '../../grammar/src/index';
import { DIMENSION_NAMES } from '../../grammar/src/index';

/** Quoted inside a Chinese sentence. */
export const q = (s: string): string => `「${s}」`;
/** Quoted inside an English sentence. */
export const qe = (s: string): string => `'${s}'`;

/** Shorten a text for a message. */
export function excerpt(s: string, max = 24): string {
  const line = s.split('\n')[0]!;
  return line.length > max || line.length < s.length ? `${line.slice(0, max)}…` : line;
}

const CURRENCY_NAMES: Record<string, Message> = { CNY: { zh: '人民币', en: 'CNY' }, USD: { zh: '美元', en: 'USD' } };

/** A quantity's dimension for people, with the currency for money. */
export function dimensionName(v: Quantity): Message {
  const d = DIMENSION_NAMES[v.dimension!];
  if (v.dimension !== 'money' || v.currency === null) return d;
  const c = CURRENCY_NAMES[v.currency] ?? { zh: v.currency, en: v.currency };
  return { zh: `${d.zh}·${c.zh}`, en: `${d.en}, ${c.en}` };
}

/** How a value field is named inside an English sentence ("last year's 98%"). */
export const REFERENCE_EN: Record<ValueKey, (v: string) => string> = {
  target: (v) => `the target ${v}`,
  plan: (v) => `the planned ${v}`,
  standard: (v) => `the standard ${v}`,
  historyAverage: (v) => `the 3-year average ${v}`,
  lastYear: (v) => `last year's ${v}`,
};

/** …and at the start of an English sentence. */
export const SUBJECT_EN: Record<ValueKey, string> = {
  target: 'The target',
  plan: 'The planned value',
  standard: 'The standard value',
  historyAverage: 'The 3-year average',
  lastYear: "Last year's value",
};

const MINUS = '\u2212';

/** The gap between a target and a reference: points for rates, else the relative change. */
export function formatDelta(target: Quantity, reference: Quantity): Message {
  const diff = target.normalized - reference.normalized;
  const sign = diff < 0 ? MINUS : '+';
  if (target.dimension === 'ratio') {
    const points = Math.abs(diff).toFixed(1);
    return { zh: `${sign}${points} 个百分点`, en: `${sign}${points} points` };
  }
  if (reference.normalized === 0) {
    const abs = `${sign}${Number(Math.abs(diff).toPrecision(6))}${target.baseUnit ?? ''}`;
    return { zh: abs, en: abs };
  }
  const percent = `${sign}${((Math.abs(diff) / Math.abs(reference.normalized)) * 100).toFixed(1)}%`;
  return { zh: percent, en: percent };
}
