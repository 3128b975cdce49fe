/**
 * The value model (docs/language.md §4): the text of 指标值 / 规划值 / 标准值 / 前三年均值 / 上年值
 * read as a quantity, a qualitative text, a composite of labelled quantities, none, or malformed.
 *
 * Pure module (no node imports). parseValue is called for every value field of large files,
 * so it is a small hand-written scanner: no regexes with backtracking, no per-call tables.
 */
import { defaultUnitCatalog, type Dimension, type UnitCatalog, type UnitDef } from './units';

export type Comparator = '≥' | '≤' | '>' | '<' | '=';
/** 千 10³, 万 10⁴, 亿 10⁸, and the compounds 百万 10⁶, 千万 10⁷, 万亿 10¹². */
export type Magnitude = '千' | '万' | '亿' | '百万' | '千万' | '万亿';

export interface Quantity {
  kind: 'quantity';
  /** For a top-level value, the whole field text; for a composite part, the part's quantity text. */
  raw: string;
  /** '=' when none written. */
  comparator: Comparator;
  /** As written: '≥', '>=', '不低于', '以上' …; both forms joined by '…' when a prefix and a suffix say the same ('≥…以上'). */
  comparatorText: string | null;
  /** 约 / 大约 / 近 / 将近 / 接近 before the number, or 左右 / 上下 after it. */
  approximate: boolean;
  /** As written, after removing thousands separators / full-width digits. */
  number: number;
  numberText: string;
  magnitude: Magnitude | null;
  /** Unit as written, without magnitude (a catalog unit is preferred: '12万元' has unit '万元', magnitude null). */
  unit: string | null;
  /** false when a unit is written that no catalog knows. */
  unitKnown: boolean;
  /** null for no unit or an unknown unit. */
  dimension: Dimension | null;
  currency: string | null;
  /** number × magnitude × unit factor, in baseUnit (for '%': percent points, 95% → 95). */
  normalized: number;
  /** Base unit of the dimension; for a count or an unknown unit, the unit itself; null without unit. */
  baseUnit: string | null;
  /**
   * Offsets (UTF-16, end exclusive) in the top-level Value's raw of the magnitude and unit as written
   * ('万元', '万 元', '万圆', '%'); null when neither is written. Used to replace an unknown unit.
   */
  unitRange: { start: number; end: number } | null;
  /**
   * A per-period unit ('100万元/年', '20个/月'): the period after '/'. The unit is the whole
   * ('万元/年'); dimension, factor and currency are those of the part before '/'.
   */
  per?: string;
}

/** Text that ends in a quantity: `资金支付进度≥60%` is the label 资金支付进度 and the quantity ≥60%. */
export interface LabelledQuantity {
  label: string;
  /** Its offsets (unitRange) are in the whole value's raw, like a composite part's. */
  quantity: Quantity;
  /** Where the quantity starts in the value's raw. */
  start: number;
}

export interface Qualitative {
  kind: 'qualitative';
  raw: string;
  /** The text, trimmed. */
  text: string;
  /** When the text is a label followed by a quantity (with a unit): both, so the quantity can be checked. */
  labelled?: LabelledQuantity;
}

export interface CompositePart {
  label: string;
  quantity: Quantity;
}

export interface Composite {
  kind: 'composite';
  raw: string;
  parts: CompositePart[];
}

export interface NoneValue {
  kind: 'none';
  raw: string;
}

export interface Malformed {
  kind: 'malformed';
  raw: string;
  reason: { zh: string; en: string };
  /** The value as it was most likely meant ('100人' for '100人x' or '一百人'), when one reads as a quantity. */
  suggestion?: string;
}

export type Value = Quantity | Qualitative | Composite | NoneValue | Malformed;

export function isQuantity(v: Value | undefined): v is Quantity {
  return v !== undefined && v.kind === 'quantity';
}

// ---------------------------------------------------------------------------
// Word tables (built once)

interface WordEntry<T> {
  text: string;
  value: T;
}

/** Entries grouped by first character, longest first within a group. */
function wordTable<T>(entries: readonly WordEntry<T>[]): Map<string, WordEntry<T>[]> {
  const table = new Map<string, WordEntry<T>[]>();
  for (const e of entries) {
    const list = table.get(e.text[0]!) ?? [];
    list.push(e);
    table.set(e.text[0]!, list);
  }
  for (const list of table.values()) list.sort((a, b) => b.text.length - a.text.length);
  return table;
}

function matchAt<T>(table: Map<string, WordEntry<T>[]>, s: string, i: number, end: number): WordEntry<T> | undefined {
  const list = table.get(s[i]!);
  if (!list) return undefined;
  for (const e of list) {
    if (i + e.text.length <= end && s.startsWith(e.text, i)) return e;
  }
  return undefined;
}

const symbolComparators = wordTable<Comparator>([
  { text: '>=', value: '≥' },
  { text: '<=', value: '≤' },
  { text: '＞＝', value: '≥' },
  { text: '＜＝', value: '≤' },
  { text: '≥', value: '≥' },
  { text: '≧', value: '≥' },
  { text: '⩾', value: '≥' },
  { text: '≤', value: '≤' },
  { text: '≦', value: '≤' },
  { text: '⩽', value: '≤' },
  { text: '>', value: '>' },
  { text: '＞', value: '>' },
  { text: '<', value: '<' },
  { text: '＜', value: '<' },
  { text: '=', value: '=' },
  { text: '＝', value: '=' },
]);

/** Comparator words written before the number (Civil Code art. 1259 reading). */
const prefixWords = wordTable<Comparator>([
  { text: '大于等于', value: '≥' },
  { text: '大于或等于', value: '≥' },
  { text: '小于等于', value: '≤' },
  { text: '小于或等于', value: '≤' },
  { text: '不低于', value: '≥' },
  { text: '不少于', value: '≥' },
  { text: '不小于', value: '≥' },
  { text: '至少', value: '≥' },
  { text: '不超过', value: '≤' },
  { text: '不高于', value: '≤' },
  { text: '不多于', value: '≤' },
  { text: '不大于', value: '≤' },
  { text: '超过', value: '>' },
  { text: '高于', value: '>' },
  { text: '大于', value: '>' },
  { text: '多于', value: '>' },
  { text: '不满', value: '<' },
  { text: '低于', value: '<' },
  { text: '少于', value: '<' },
  { text: '小于', value: '<' },
]);

/** Comparator words written after the quantity; the number itself is included. */
const suffixWords: readonly WordEntry<Comparator>[] = [
  { text: '及以上', value: '≥' },
  { text: '及以下', value: '≤' },
  { text: '以上', value: '≥' },
  { text: '以内', value: '≤' },
  { text: '以下', value: '≤' },
  { text: '内', value: '≤' },
];

const approxPrefixes = wordTable<true>([
  { text: '大约', value: true },
  { text: '将近', value: true },
  { text: '接近', value: true },
  { text: '约', value: true },
  { text: '近', value: true },
]);

const approxSuffixes: readonly string[] = ['左右', '上下'];

const magnitudes: readonly { text: Magnitude; factor: number }[] = [
  // single characters first: '千万元' reads as 千 × 万元 (the longest catalog unit wins)
  { text: '千', factor: 1e3 },
  { text: '万', factor: 1e4 },
  { text: '亿', factor: 1e8 },
  { text: '百万', factor: 1e6 },
  { text: '千万', factor: 1e7 },
  { text: '万亿', factor: 1e12 },
];
/** Longest first, for units no catalog knows. */
const magnitudesLongestFirst = [...magnitudes].sort((a, b) => b.text.length - a.text.length);

const noneForms = new Set(['/', '／', '无', '-', '－', '—', '——', '–', 'N/A', 'n/a', 'N/a', 'n/A']);

/** A cell that says "nothing here" (`/`, `无`, `—`, `N/A`): the none value, and no name in a name field either. */
export function isNoneText(text: string): boolean {
  return noneForms.has(text.trim());
}

// ---------------------------------------------------------------------------
// Characters

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function hasDigit(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (digitAt(s, i) >= 0) return true;
  return false;
}

function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isCjk(s.charCodeAt(i))) return true;
  return false;
}

function skipWs(s: string, i: number, end: number): number {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

function trimEndAt(s: string, start: number, end: number): number {
  while (end > start && isWs(s.charCodeAt(end - 1))) end--;
  return end;
}

function isDecimalPoint(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x2e || c === 0xff0e;
}

// ---------------------------------------------------------------------------
// Units

interface ResolvedUnit {
  magnitude: WordEntryMagnitude | null;
  unit: string | null;
  def: UnitDef | undefined;
  per?: string;
}

/** The periods of a per-period unit ('万元/年', '个/月'). */
const periods = new Set(['年', '半年', '季度', '季', '月', '周', '日', '天']);

/** 'X/年': the unit X (with its magnitude) per a period; null when the text is not of that form. */
function resolvePerPeriod(m: string, catalog: UnitCatalog): ResolvedUnit | null {
  const slash = Math.max(m.lastIndexOf('/'), m.lastIndexOf('／'));
  if (slash <= 0) return null;
  const period = m.slice(skipWs(m, slash + 1, m.length), trimEndAt(m, slash + 1, m.length));
  if (!periods.has(period)) return null;
  const left = resolveUnit(m.slice(0, trimEndAt(m, 0, slash)), catalog);
  if (!left || left.unit === null || left.def === undefined || left.per !== undefined) return null;
  return { magnitude: left.magnitude, unit: `${left.unit}/${period}`, def: left.def, per: period };
}
type WordEntryMagnitude = (typeof magnitudes)[number];

/** 1–4 letters or CJK characters; no digits, punctuation or spaces. */
function unitLike(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 4) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isCjk(c) && !isLetter(c)) return false;
  }
  return true;
}

/** The whole of s is a sequence of catalog units (吨公里, 个月份, 人日). */
function segmentable(s: string, catalog: UnitCatalog): boolean {
  if (s === '') return true;
  for (let len = s.length; len > 0; len--) {
    if (catalog.lookup(s.slice(0, len)) && segmentable(s.slice(len), catalog)) return true;
  }
  return false;
}

/**
 * An unknown unit: short and unit-like, and either sharing no prefix with a catalog unit or made
 * only of catalog units (so '年未开展', '个项目' are text after a unit, not a unit).
 */
function unknownUnitOk(s: string, catalog: UnitCatalog): boolean {
  if (!unitLike(s)) return false;
  if (catalog.longestPrefix(s) === undefined) return true;
  return segmentable(s, catalog);
}

/** Magnitude and unit of the text between the number and the suffix words (trimmed, non-empty). */
function resolveUnit(m: string, catalog: UnitCatalog): ResolvedUnit | null {
  const whole = catalog.lookup(m);
  if (whole) return { magnitude: null, unit: m, def: whole };
  if (m.includes('/') || m.includes('／')) return resolvePerPeriod(m, catalog);
  for (const mag of magnitudes) {
    if (!m.startsWith(mag.text)) continue;
    const rest = skipWs(m, mag.text.length, m.length);
    if (rest === m.length) return { magnitude: mag, unit: null, def: undefined };
    const def = catalog.lookup(m.slice(rest));
    if (def) return { magnitude: mag, unit: def.unit, def };
  }
  for (const mag of magnitudesLongestFirst) {
    if (!m.startsWith(mag.text)) continue;
    const rest = skipWs(m, mag.text.length, m.length);
    const unit = m.slice(rest);
    if (unknownUnitOk(unit, catalog)) return { magnitude: mag, unit, def: undefined };
    return null; // after a magnitude, the whole text must be a unit
  }
  if (unknownUnitOk(m, catalog)) return { magnitude: null, unit: m, def: undefined };
  return null;
}

// ---------------------------------------------------------------------------
// Quantity scanner

type Failure =
  /** Does not start like a quantity (text, or a comparator word not followed by a number). */
  | { fail: 'text' }
  /** A comparator symbol with no number after it; rest = what follows. */
  | { fail: 'noNumber'; comparator: string; rest: string }
  /** 1.2.3 / 12..5 / 12. ; number = the digit run as written, rest = what follows it. */
  | { fail: 'badNumber'; number: string; rest: string }
  /** Something after the number that is neither a unit nor a suffix word. */
  | { fail: 'tail'; tail: string }
  | { fail: 'conflict'; first: string; second: string }
  /** A number beyond what can be computed with (it would become Infinity). */
  | { fail: 'tooLarge'; number: string };

const pow10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** A number of more than 15 digits, from its text (sign, full-width digits and ',' removed). */
function longNumber(text: string): number {
  let t = '';
  for (let k = 0; k < text.length; k++) {
    const d = digitAt(text, k);
    if (d >= 0) t += d;
    else if (isDecimalPoint(text, k)) t += '.';
  }
  return Number(t);
}

/**
 * number × factor without binary noise: with an integer factor (or the inverse of one),
 * (mantissa × factor) / 10^scale is one correctly rounded division (28871.96 × 10⁴ = 288719600,
 * 12 × 1/24 = 0.5 exactly); otherwise the product is rounded to 15 significant digits.
 */
function normalize(number: number, mantissa: number, nDigits: number, scale: number, negative: boolean, factor: number): number {
  if (factor === 1) return number === 0 ? 0 : number;
  let x: number;
  const inverse = Math.round(1 / factor);
  if (nDigits <= 15 && Number.isInteger(factor) && Number.isSafeInteger(mantissa * factor)) {
    x = (mantissa * factor) / pow10[scale]!;
    if (negative) x = -x;
  } else if (nDigits <= 15 && factor < 1 && Math.abs(inverse * factor - 1) < 1e-12 && Number.isSafeInteger(inverse * pow10[scale]!)) {
    // 1/24 天, 1/1000 吨, 1/10 %: one division by an exact integer
    x = mantissa / (inverse * pow10[scale]!);
    if (negative) x = -x;
  } else {
    x = number * factor;
    if (x !== 0 && Number.isFinite(x)) x = Number(x.toPrecision(15));
  }
  return x === 0 ? 0 : x;
}

/** The words before the number: a comparator (symbol or word) and 约, in either order. */
interface Prefix {
  comparator: WordEntry<Comparator> | undefined;
  isSymbol: boolean;
  approximate: boolean;
  /** Where the number (or its sign) starts. */
  next: number;
}

function readPrefix(s: string, i: number, e: number): Prefix {
  let comparator: WordEntry<Comparator> | undefined;
  let isSymbol = false;
  let approximate = false;
  for (let pass = 0; pass < 2; pass++) {
    if (!comparator) {
      const sym = matchAt(symbolComparators, s, i, e);
      if (sym) {
        comparator = sym;
        isSymbol = true;
        i = skipWs(s, i + sym.text.length, e);
        continue;
      }
      const word = matchAt(prefixWords, s, i, e);
      if (word) {
        comparator = word;
        i = skipWs(s, i + word.text.length, e);
        continue;
      }
    }
    if (!approximate) {
      const approx = matchAt(approxPrefixes, s, i, e);
      if (approx) {
        approximate = true;
        i = skipWs(s, i + approx.text.length, e);
        continue;
      }
    }
    break;
  }
  return { comparator, isSymbol, approximate, next: i };
}

/** A number as written: its text, its value, and the exact digits normalize() computes with. */
interface NumberRead {
  text: string;
  value: number;
  /** All digits as an integer (exact up to 15 digits). */
  mantissa: number;
  nDigits: number;
  /** Digits after the point. */
  scale: number;
  negative: boolean;
  end: number;
}

/** A signed number at i: digits, thousands groups ',ddd', a fraction; null when no digit starts there. */
function readNumber(s: string, i: number, e: number): NumberRead | Failure | null {
  let negative = false;
  const sc = s.charCodeAt(i);
  if ((sc === 0x2b || sc === 0xff0b) && digitAt(s, i + 1) >= 0) i++;
  else if ((sc === 0x2d || sc === 0xff0d || sc === 0x2212) && digitAt(s, i + 1) >= 0) {
    negative = true;
    i++;
  }
  if (digitAt(s, i) < 0) return null;
  const numStart = sc === 0x2b || sc === 0xff0b || negative ? i - 1 : i;
  let mantissa = 0;
  let nDigits = 0;
  let scale = 0;
  let group = 0;
  let firstGroup = true;
  while (i < e) {
    const d = digitAt(s, i);
    if (d >= 0) {
      mantissa = mantissa * 10 + d;
      nDigits++;
      group++;
      i++;
      continue;
    }
    if (
      s.charCodeAt(i) === 0x2c &&
      (firstGroup ? group >= 1 && group <= 3 : group === 3) &&
      digitAt(s, i + 1) >= 0 &&
      digitAt(s, i + 2) >= 0 &&
      digitAt(s, i + 3) >= 0 &&
      digitAt(s, i + 4) < 0
    ) {
      firstGroup = false;
      group = 0;
      i++;
      continue;
    }
    break;
  }
  if (isDecimalPoint(s, i) && digitAt(s, i + 1) >= 0) {
    i++;
    while (i < e && digitAt(s, i) >= 0) {
      mantissa = mantissa * 10 + digitAt(s, i++);
      nDigits++;
      scale++;
    }
  }
  if (isDecimalPoint(s, i) || digitAt(s, i) >= 0) {
    // a second point, a trailing point, or '12..5'
    let j = i;
    while (j < e && (digitAt(s, j) >= 0 || isDecimalPoint(s, j))) j++;
    return { fail: 'badNumber', number: s.slice(numStart, j), rest: s.slice(skipWs(s, j, e), e) };
  }
  const text = s.slice(numStart, i);
  const value = (negative ? -1 : 1) * (nDigits <= 15 ? mantissa / pow10[scale]! : longNumber(text));
  return { text, value, mantissa, nDigits, scale, negative, end: i };
}

/** The words at the end: 以上 / 以内 / 以下 … and 左右; `end` is where the unit ends. */
function readSuffix(s: string, afterNumber: number, e: number): { comparator: WordEntry<Comparator> | undefined; approximate: boolean; end: number } {
  let comparator: WordEntry<Comparator> | undefined;
  let approximate = false;
  for (let pass = 0; pass < 2; pass++) {
    let matched = false;
    if (!approximate) {
      for (const w of approxSuffixes) {
        if (e - w.length >= afterNumber && s.startsWith(w, e - w.length)) {
          approximate = true;
          e = trimEndAt(s, afterNumber, e - w.length);
          matched = true;
          break;
        }
      }
    }
    if (!matched && !comparator) {
      for (const w of suffixWords) {
        if (e - w.text.length >= afterNumber && s.startsWith(w.text, e - w.text.length)) {
          comparator = w;
          e = trimEndAt(s, afterNumber, e - w.text.length);
          matched = true;
          break;
        }
      }
    }
    if (!matched) break;
  }
  return { comparator, approximate, end: e };
}

/** One comparator from the words before and after the number (which must agree). */
function joinComparators(prefix: WordEntry<Comparator> | undefined, suffix: WordEntry<Comparator> | undefined): { comparator: Comparator; text: string | null } | Failure {
  if (prefix && suffix) {
    if (prefix.value !== suffix.value) return { fail: 'conflict', first: prefix.text, second: suffix.text };
    return { comparator: prefix.value, text: `${prefix.text}…${suffix.text}` };
  }
  const w = prefix ?? suffix;
  return w ? { comparator: w.value, text: w.text } : { comparator: '=', text: null };
}

/** Magnitude and unit between the number and the suffix words, with what the unit means. */
interface UnitRead {
  magnitude: WordEntryMagnitude | null;
  unit: string | null;
  def: UnitDef | undefined;
  unitRange: { start: number; end: number } | null;
  per?: string;
}

function readUnit(s: string, start: number, end: number, catalog: UnitCatalog): UnitRead | Failure {
  if (start >= end) return { magnitude: null, unit: null, def: undefined, unitRange: null };
  const middle = s.slice(start, end);
  const r = resolveUnit(middle, catalog);
  if (!r) return { fail: 'tail', tail: middle };
  const read: UnitRead = { magnitude: r.magnitude, unit: r.unit, def: r.def, unitRange: { start, end } };
  if (r.per !== undefined) read.per = r.per;
  return read;
}

function failed<T extends object>(r: T | Failure): r is Failure {
  return 'fail' in r;
}

/** Reads s[start, end) (trimmed by the caller or not) as exactly one quantity: prefix, number, suffix, then magnitude and unit. */
function readQuantity(s: string, start: number, end: number, catalog: UnitCatalog): Quantity | Failure {
  const qStart = skipWs(s, start, end);
  const qEnd = trimEndAt(s, qStart, end);
  if (qStart >= qEnd) return { fail: 'text' };

  const prefix = readPrefix(s, qStart, qEnd);
  const num = readNumber(s, prefix.next, qEnd);
  if (num === null) {
    if (prefix.isSymbol) return { fail: 'noNumber', comparator: prefix.comparator!.text, rest: s.slice(prefix.next, qEnd) };
    return { fail: 'text' };
  }
  if (failed(num)) return num;

  const afterNumber = skipWs(s, num.end, qEnd);
  const suffix = readSuffix(s, afterNumber, qEnd);
  const comparator = joinComparators(prefix.comparator, suffix.comparator);
  if (failed(comparator)) return comparator;

  const unit = readUnit(s, afterNumber, suffix.end, catalog);
  if (failed(unit)) return unit;
  const { magnitude, def } = unit;
  const factor = (magnitude ? magnitude.factor : 1) * (def ? def.factor : 1);
  let baseUnit: string | null = null;
  let dimension: Dimension | null = null;
  let currency: string | null = null;
  if (def) {
    dimension = def.dimension;
    currency = def.currency ?? null;
    baseUnit = dimension === 'count' ? def.unit : catalog.baseUnit(dimension, def.currency);
  } else if (unit.unit !== null) {
    baseUnit = unit.unit;
  }

  const normalized = normalize(num.value, num.mantissa, num.nDigits, num.scale, num.negative, factor);
  if (!Number.isFinite(num.value) || !Number.isFinite(normalized)) return { fail: 'tooLarge', number: num.text };
  const quantity: Quantity = {
    kind: 'quantity',
    raw: s.slice(qStart, qEnd),
    comparator: comparator.comparator,
    comparatorText: comparator.text,
    approximate: prefix.approximate || suffix.approximate,
    number: num.value,
    numberText: num.text,
    magnitude: magnitude ? magnitude.text : null,
    unit: unit.unit,
    unitKnown: unit.unit === null || def !== undefined,
    dimension,
    currency,
    normalized,
    baseUnit,
    unitRange: unit.unitRange,
  };
  if (unit.per !== undefined) quantity.per = unit.per;
  return quantity;
}

function isQ(r: Quantity | Failure): r is Quantity {
  return (r as Quantity).kind === 'quantity';
}

// ---------------------------------------------------------------------------
// Composite

function isSeparator(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 0x3b || c === 0xff1b || c === 0xff0c || c === 0x3001 || c === 0x0a || c === 0x0d) return true;
  if (c === 0x2c) {
    // ',' inside '1,200' is a thousands separator
    return !(
      digitAt(s, i - 1) >= 0 &&
      digitAt(s, i + 1) >= 0 &&
      digitAt(s, i + 2) >= 0 &&
      digitAt(s, i + 3) >= 0 &&
      digitAt(s, i + 4) < 0
    );
  }
  return false;
}

function isColon(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x3a || c === 0xff1a;
}

function validLabel(s: string, a: number, b: number): string | null {
  a = skipWs(s, a, b);
  b = trimEndAt(s, a, b);
  if (a >= b) return null;
  const c = s.charCodeAt(a);
  if (digitAt(s, a) >= 0 || c === 0x2b || c === 0x2d || c === 0xff0b || c === 0xff0d) return null;
  if (matchAt(symbolComparators, s, a, b)) return null;
  return s.slice(a, b);
}

/** Last run of whitespace strictly inside [a, b) (trimmed): [wsStart, wsEnd), or null. */
function lastWsRun(s: string, a: number, b: number): [number, number] | null {
  a = skipWs(s, a, b);
  b = trimEndAt(s, a, b);
  for (let j = b - 1; j > a; j--) {
    if (isWs(s.charCodeAt(j))) {
      let k = j;
      while (k > a && isWs(s.charCodeAt(k - 1))) k--;
      return [k, j + 1];
    }
  }
  return null;
}

/** Parts of one separator-delimited segment; null when it is not made of (labelled) quantities. */
function readPart(
  s: string,
  a: number,
  b: number,
  catalog: UnitCatalog,
  out: CompositePart[],
): { labelled: number; colon: boolean } | null {
  // colons: label：quantity [ws label：quantity]*
  let firstColon = -1;
  for (let j = a; j < b; j++) {
    if (isColon(s, j)) {
      firstColon = j;
      break;
    }
  }
  if (firstColon >= 0) {
    let label = validLabel(s, a, firstColon);
    if (label === null) return null;
    let labelled = 0;
    let segStart = firstColon + 1;
    while (true) {
      let next = -1;
      for (let j = segStart; j < b; j++) {
        if (isColon(s, j)) {
          next = j;
          break;
        }
      }
      if (next < 0) {
        const q = readQuantity(s, segStart, b, catalog);
        if (!isQ(q)) return null;
        out.push({ label, quantity: q });
        return { labelled: labelled + 1, colon: true };
      }
      const ws = lastWsRun(s, segStart, next);
      if (!ws) return null;
      const q = readQuantity(s, segStart, ws[0], catalog);
      if (!isQ(q)) return null;
      out.push({ label, quantity: q });
      labelled++;
      const nextLabel = validLabel(s, ws[1], next);
      if (nextLabel === null) return null;
      label = nextLabel;
      segStart = next + 1;
    }
  }
  // no colon: a bare quantity, or 'label quantity' split at a whitespace run
  const whole = readQuantity(s, a, b, catalog);
  if (isQ(whole)) {
    if (whole.unit === null && whole.magnitude === null) return null; // '1、' list numbering, not a part
    out.push({ label: '', quantity: whole });
    return { labelled: 0, colon: false };
  }
  const ta = skipWs(s, a, b);
  const tb = trimEndAt(s, ta, b);
  for (let j = ta + 1; j < tb; j++) {
    if (!isWs(s.charCodeAt(j))) continue;
    let k = j;
    while (k < tb && isWs(s.charCodeAt(k))) k++;
    const label = validLabel(s, ta, j);
    if (label !== null) {
      const q = readQuantity(s, k, tb, catalog);
      if (isQ(q)) {
        out.push({ label, quantity: q });
        return { labelled: 1, colon: false };
      }
    }
    j = k;
  }
  return null;
}

function readComposite(s: string, a: number, b: number, catalog: UnitCatalog): CompositePart[] | null {
  let anySeparatorOrColon = false;
  for (let j = a; j < b; j++) {
    if (isSeparator(s, j) || isColon(s, j)) {
      anySeparatorOrColon = true;
      break;
    }
  }
  if (!anySeparatorOrColon) return null;
  const parts: CompositePart[] = [];
  let labelled = 0;
  let segments = 0;
  let colon = false;
  let segStart = a;
  for (let j = a; j <= b; j++) {
    if (j < b && !isSeparator(s, j)) continue;
    if (skipWs(s, segStart, j) < j) {
      const r = readPart(s, segStart, j, catalog, parts);
      if (!r) return null;
      segments++;
      labelled += r.labelled;
      colon ||= r.colon;
    }
    segStart = j + 1;
  }
  if (labelled === 0) return null;
  if (segments === 1 && !colon) return null;
  return parts;
}

// ---------------------------------------------------------------------------
// parseValue

function malformed(raw: string, zh: string, en: string): Malformed {
  return { kind: 'malformed', raw, reason: { zh, en } };
}

/** Text after a broken number or a lone comparator: malformed unless it reads as words. */
function restIsWords(rest: string, catalog: UnitCatalog): boolean {
  const t = rest.trim();
  if (t === '' || !hasCjk(t)) return false;
  const r = resolveUnit(t, catalog);
  return !(r && (r.unit === null || r.def !== undefined));
}

// ---------------------------------------------------------------------------
// Near-quantities: a quantity but for a slip, or a quantity behind a label

/** At most this many stray characters around a quantity are taken for a slip. */
const MAX_JUNK = 4;
/** A quantity is short: the search for one at the end of a text looks at this many characters. */
const MAX_QUANTITY_LENGTH = 40;

/** A character that ends (or starts) a value by mistake: Latin letters and punctuation ('100人x', '95%。'). */
function isJunk(c: number): boolean {
  if (isCjk(c) || isWs(c) || (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return false;
  // unit symbols, comparators and signs are part of a quantity
  return !'%％‰㎡≥≤≧≦⩾⩽<>=＜＞＝+-－−'.includes(String.fromCharCode(c));
}

/** The quantity left when the fewest stray characters at the end (else at the start) are dropped. */
function withoutJunk(s: string, a: number, b: number, catalog: UnitCatalog): { quantity: Quantity; junk: string; text: string } | null {
  for (let n = 1; n <= MAX_JUNK && b - n > a && isJunk(s.charCodeAt(b - n)); n++) {
    const q = readQuantity(s, a, b - n, catalog);
    if (isQ(q)) return { quantity: q, junk: s.slice(b - n, b), text: s.slice(a, trimEndAt(s, a, b - n)) };
  }
  for (let n = 1; n <= MAX_JUNK && a + n < b && isJunk(s.charCodeAt(a + n - 1)); n++) {
    const q = readQuantity(s, a + n, b, catalog);
    if (isQ(q)) return { quantity: q, junk: s.slice(a, a + n), text: s.slice(skipWs(s, a + n, b), b) };
  }
  return null;
}

const cnDigits: ReadonlyMap<string, number> = new Map([['零', 0], ['〇', 0], ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9]]);
const cnTens: ReadonlyMap<string, number> = new Map([['十', 10], ['百', 100], ['千', 1000]]);

/** A run of Chinese numerals below 10,000 ('一百二十', '十二', '两千', '一百零五'); null when it does not read as one number. */
function chineseNumber(run: string): number | null {
  let total = 0;
  let digit = -1;
  let lastTen = Infinity;
  for (const ch of run) {
    const d = cnDigits.get(ch);
    if (d !== undefined) {
      if (digit > 0) return null; // 一二
      digit = d;
      continue;
    }
    const ten = cnTens.get(ch)!;
    if (ten >= lastTen) return null; // 十百
    total += (digit < 0 ? 1 : digit) * ten;
    lastTen = ten;
    digit = -1;
  }
  return digit > 0 ? total + digit : total > 0 || digit === 0 ? total : null;
}

/**
 * The text with its number in Chinese numerals written in digits ('一百人' → '100人',
 * '百分之九十五' → '95%', '约三千人' → '约3000人'); null when it has none. 万 and 亿 stay magnitudes.
 */
function withDigits(text: string): string | null {
  // Such values are short ('约三千人次'); a long text is words.
  if (text.length > MAX_QUANTITY_LENGTH) return null;
  let i = 0;
  while (i < text.length && !cnDigits.has(text[i]!) && !cnTens.has(text[i]!)) i++;
  if (i === text.length) return null;
  const percent = text.startsWith('百分之', i);
  const start = percent ? i + 3 : i;
  let end = start;
  while (end < text.length && (cnDigits.has(text[end]!) || cnTens.has(text[end]!))) end++;
  const n = end > start ? chineseNumber(text.slice(start, end)) : null;
  if (n === null) return null;
  return `${text.slice(0, i)}${n}${percent ? '%' : ''}${text.slice(end)}`;
}

/** A quantity with a unit or magnitude, ending the text, after a label of words ('资金支付进度≥60%', '宣传2次'). */
function readLabelled(s: string, a: number, b: number, catalog: UnitCatalog): LabelledQuantity | null {
  for (let p = Math.max(a + 1, b - MAX_QUANTITY_LENGTH); p < b; p++) {
    if (digitAt(s, p - 1) >= 0 || isDecimalPoint(s, p - 1)) continue; // inside a number
    const starts =
      digitAt(s, p) >= 0 || matchAt(symbolComparators, s, p, b) || matchAt(prefixWords, s, p, b) || matchAt(approxPrefixes, s, p, b);
    if (!starts) continue;
    const q = readQuantity(s, p, b, catalog);
    if (!isQ(q) || (q.unit === null && q.magnitude === null)) continue;
    const label = s.slice(a, trimEndAt(s, a, p)).replace(/[:：]$/, '').trim();
    if (!hasCjk(label)) continue;
    // A label is one phrase: '公众号300期，抖音156条' is no label and a quantity.
    for (let i = a; i < p; i++) if (s.charCodeAt(i) !== 0x20 && isSeparator(s, i)) return null;
    return { label, quantity: q, start: skipWs(s, p, b) };
  }
  return null;
}

/** Text, with the quantity it ends in when it is a label and a quantity (also before a stray character). */
function qualitative(raw: string, text: string, a: number, b: number, catalog: UnitCatalog): Qualitative {
  const value: Qualitative = { kind: 'qualitative', raw, text };
  let labelled = readLabelled(raw, a, b, catalog);
  for (let n = 1; !labelled && n <= MAX_JUNK && b - n > a && isJunk(raw.charCodeAt(b - n)); n++) labelled = readLabelled(raw, a, b - n, catalog);
  if (labelled) value.labelled = labelled;
  return value;
}

/** Reads a value field's text (docs/language.md §4). Never throws. */
export function parseValue(raw: string, catalog: UnitCatalog = defaultUnitCatalog): Value {
  const a = skipWs(raw, 0, raw.length);
  const b = trimEndAt(raw, a, raw.length);
  if (a >= b) return { kind: 'none', raw };
  const len = b - a;
  if (len <= 3 && noneForms.has(a === 0 && b === raw.length ? raw : raw.slice(a, b))) return { kind: 'none', raw };

  const text = a === 0 && b === raw.length ? raw : raw.slice(a, b);
  if (!hasDigit(raw, a, b)) {
    const sym = matchAt(symbolComparators, raw, a, b);
    if (sym && !restIsWords(raw.slice(a + sym.text.length, b), catalog)) {
      return malformed(raw, `比较符「${sym.text}」后缺少数值`, `comparator "${sym.text}" without a number`);
    }
    const meant = withDigits(text);
    const q = meant === null ? null : readQuantity(meant, 0, meant.length, catalog);
    if (q && isQ(q) && q.unit !== null && q.unitKnown) {
      return { ...malformed(raw, '数字应写作阿拉伯数字', 'the number is to be written in digits'), suggestion: meant! };
    }
    return { kind: 'qualitative', raw, text };
  }

  const r = readQuantity(raw, a, b, catalog);
  if (isQ(r)) {
    r.raw = raw;
    return r;
  }
  const parts = readComposite(raw, a, b, catalog);
  if (parts) return { kind: 'composite', raw, parts };
  const slip = r.fail === 'tail' || r.fail === 'text' ? withoutJunk(raw, a, b, catalog) : null;
  if (slip) return { ...malformed(raw, `多余的字符「${slip.junk}」`, `stray "${slip.junk}"`), suggestion: slip.text };

  switch (r.fail) {
    case 'text':
      return qualitative(raw, text, a, b, catalog);
    case 'noNumber':
      if (restIsWords(r.rest, catalog)) return qualitative(raw, text, a, b, catalog);
      return malformed(raw, `比较符「${r.comparator}」后缺少数值`, `comparator "${r.comparator}" without a number`);
    case 'badNumber':
      if (restIsWords(r.rest, catalog)) return qualitative(raw, text, a, b, catalog);
      return malformed(raw, `数字「${r.number}」格式错误`, `malformed number "${r.number}"`);
    case 'conflict':
      return malformed(
        raw,
        `比较符矛盾：「${r.first}」与「${r.second}」`,
        `conflicting comparators "${r.first}" and "${r.second}"`,
      );
    case 'tooLarge':
      return malformed(raw, `数字「${r.number.length > 20 ? `${r.number.slice(0, 20)}…` : r.number}」过大，无法计算`, `the number "${r.number.length > 20 ? `${r.number.slice(0, 20)}…` : r.number}" is too large to compute with`);
    case 'tail':
      if (hasCjk(r.tail)) return qualitative(raw, text, a, b, catalog);
      return malformed(raw, `无法识别数字后的「${r.tail}」`, `cannot read "${r.tail}" after the number`);
  }
}

// ---------------------------------------------------------------------------
// Comparison

/** Can the two be compared (same dimension, same currency, or both dimensionless; count units only when the same unit)? */
export function comparable(a: Quantity, b: Quantity): boolean {
  // '万元/年' and '万元' are the same in a yearly table; '个/月' is not '个'.
  if ((a.per === '年' ? undefined : a.per) !== (b.per === '年' ? undefined : b.per)) return false;
  if (a.dimension === null || b.dimension === null) {
    if (a.dimension !== b.dimension) return false;
    // both dimensionless, or both the same unknown unit
    return a.unit === b.unit;
  }
  if (a.dimension !== b.dimension) return false;
  if (a.dimension === 'money') return a.currency === b.currency;
  if (a.dimension === 'count') return a.baseUnit === b.baseUnit;
  return true;
}

function nearlyEqual(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

/** The same amount, whatever the comparators: `20份` and `≥20份`, `0.5万元` and `5000元`. */
export function sameAmount(a: Quantity, b: Quantity): boolean {
  return comparable(a, b) && nearlyEqual(a.normalized, b.normalized);
}

/** Same meaning? `1000份以上` and `≥1000份` → true; `12小时以内` and `≤12小时` → true. */
export function sameQuantity(a: Quantity, b: Quantity): boolean {
  return (
    comparable(a, b) &&
    a.comparator === b.comparator &&
    a.approximate === b.approximate &&
    nearlyEqual(a.normalized, b.normalized)
  );
}

const normalizedFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: true });

/** '288,719,600' style display of a normalized number (up to 4 decimals, grouping). */
export function formatNormalized(q: Quantity): string {
  const x = q.normalized === 0 ? 0 : q.normalized; // no '-0'
  return normalizedFormat.format(x);
}
