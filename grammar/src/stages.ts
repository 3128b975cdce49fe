/**
 * The words of the later stages of the year (docs/language.md §8): the as-of date of a
 * monitoring point, the band of a qualitative indicator (达成情况), the outlook of a monitoring
 * point (完成可能性) and a number of points (分值, 得分). Pure module (no node imports).
 */
import { parseValue } from './values';

// ---------------------------------------------------------------------------
// As-of date

export interface AsOfDate {
  /** null when the text gives no year (the table's 年度 is meant). */
  year: number | null;
  month: number;
  day: number;
}

const FULL_WIDTH_DIGITS = /[０-９]/g;
const toAscii = (s: string): string => s.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number | null, month: number): number {
  if (month === 2) return year !== null && isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Periods analysts name instead of a date: the date each ends on. */
const PERIOD_ENDS: readonly (readonly [RegExp, number, number])[] = [
  [/^(?:上半年|半年|(?:第)?二季度(?:末)?|(?:前|上)两个?季度)$/, 6, 30],
  [/^(?:前三季度|(?:第)?三季度(?:末)?)$/, 9, 30],
  [/^(?:(?:第)?一季度(?:末)?)$/, 3, 31],
  [/^(?:全年|年底|年末|(?:第)?四季度(?:末)?)$/, 12, 31],
];

/**
 * The as-of date of a 监控 line: `2022-07-31`, `2022/7/31`, `2022.7.31`, `2022年7月31日`,
 * `7-31`, `7月31日`, `1-7月` (the end of July), `7月底`, `上半年`, `前三季度` …, with an optional
 * 截至/截止 before and 止 after. undefined when the text is no such date.
 */
export function parseAsOf(text: string): AsOfDate | undefined {
  const t = toAscii(text.trim())
    .replace(/^(?:截至|截止|截止到|截至到|截止至|as of)\s*/i, '')
    .replace(/\s*(?:止|为止)$/, '')
    .replace(/\s+/g, '');
  if (t === '') return undefined;
  let m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:[-/.]|月)(\d{1,2})[日号]?$/.exec(t);
  if (m) return checked(null, Number(m[1]), Number(m[2]));
  // `1-7月`, `1—7月`, `1至7月`: January to July, i.e. up to the end of July
  m = /^(?:(\d{4})年)?1(?:[-—–~～至到])(\d{1,2})月(?:份)?(?:底|末)?$/.exec(t);
  if (m) return endOfMonth(m[1] ? Number(m[1]) : null, Number(m[2]));
  m = /^(?:(\d{4})年)?(\d{1,2})月(?:底|末|份)$/.exec(t);
  if (m) return endOfMonth(m[1] ? Number(m[1]) : null, Number(m[2]));
  const year = /^(\d{4})年?/.exec(t);
  const rest = year ? t.slice(year[0].length) : t;
  for (const [pattern, month, day] of PERIOD_ENDS) if (pattern.test(rest)) return { year: year ? Number(year[1]) : null, month, day };
  return undefined;
}

function checked(year: number | null, month: number, day: number): AsOfDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function endOfMonth(year: number | null, month: number): AsOfDate | undefined {
  if (month < 1 || month > 12) return undefined;
  return { year, month, day: daysInMonth(year, month) };
}

/** The share of the year passed at the end of the as-of day (7-31: 212/365 ≈ 58 %), 0–1. */
export function yearElapsed(date: AsOfDate, tableYear: number | null): number {
  const year = date.year ?? tableYear;
  let day = date.day;
  for (let m = 1; m < date.month; m++) day += daysInMonth(year, m);
  return day / (year !== null && isLeap(year) ? 366 : 365);
}

/** `2022-07-31` (or `07-31` without a year). */
export function formatAsOf(date: AsOfDate, tableYear: number | null = null): string {
  const year = date.year ?? tableYear;
  const md = `${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  return year === null ? md : `${year}-${md}`;
}

// ---------------------------------------------------------------------------
// Bands and outlooks

/** The bands of a qualitative indicator, best first. */
export const BANDS = ['达成', '部分达成', '未达成'] as const;
export type Band = (typeof BANDS)[number];

/** The words of each band as analysts write them (the official phrases first). */
export const BAND_PHRASES: Readonly<Record<Band, readonly string[]>> = {
  达成: ['达成年度指标', '已达成', '全部达成', '完全达成', 'achieved'],
  部分达成: ['部分达成年度指标并具有一定效果', '基本达成', 'partly achieved', 'partially achieved'],
  未达成: ['未达成年度指标且效果较差', '没有达成', '未能达成', 'not achieved'],
};

function squeeze(text: string): string {
  return text.trim().toLowerCase().replace(/[\s，,。.；;、:：]+/g, ' ').trim();
}

function startsWithAny(t: string, words: readonly string[]): boolean {
  return words.some((w) => t.startsWith(w));
}

/** The band of a 达成情况 (or of a qualitative 完成值 that names one); undefined otherwise. */
export function parseBand(text: string): Band | undefined {
  const t = squeeze(text);
  // Longest phrases first: 未达成 and 部分达成 both contain 达成.
  if (startsWithAny(t, ['未达成', ...BAND_PHRASES.未达成])) return '未达成';
  if (startsWithAny(t, ['部分达成', ...BAND_PHRASES.部分达成])) return '部分达成';
  if (startsWithAny(t, ['达成', ...BAND_PHRASES.达成])) return '达成';
  return undefined;
}

/** 完成可能性, as the monitoring form names it. */
export const OUTLOOKS = ['确定能', '有可能', '完全不可能'] as const;
export type Outlook = (typeof OUTLOOKS)[number];

export function parseOutlook(text: string): Outlook | undefined {
  const t = squeeze(text);
  if (startsWithAny(t, ['完全不可能', '不可能', '无法完成', '不能完成', 'impossible', 'unlikely'])) return '完全不可能';
  if (startsWithAny(t, ['确定能', '确定', '能完成', '肯定', 'certain'])) return '确定能';
  if (startsWithAny(t, ['有可能', '可能', 'possible', 'likely'])) return '有可能';
  return undefined;
}

/** The usual categories of a deviation's reason on the monitoring form. */
export const DEVIATION_CATEGORIES: readonly string[] = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'];

// ---------------------------------------------------------------------------
// Points

/** A number of points (`20`, `20分`, `9.5`); undefined when the text is none, or negative. */
export function parsePoints(text: string): number | undefined {
  const value = parseValue(text);
  if (value.kind !== 'quantity' || value.comparator !== '=' || value.approximate || value.magnitude !== null) return undefined;
  if (value.unit !== null && value.dimension !== 'score') return undefined;
  return value.normalized >= 0 ? value.normalized : undefined;
}
