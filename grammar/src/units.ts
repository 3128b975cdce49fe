/**
 * The unit catalog: every unit a value may carry, with its dimension and its
 * factor to the dimension's base unit (docs/language.md §4).
 *
 * Pure module (no node imports): bundled into the VS Code extension.
 */
import unitsJson from '../data/units.json';
import sourcesJson from '../data/sources.json';

export type Dimension = 'ratio' | 'count' | 'money' | 'time' | 'length' | 'area' | 'mass' | 'volume' | 'score';

export const dimensions: readonly Dimension[] = [
  'ratio',
  'count',
  'money',
  'time',
  'length',
  'area',
  'mass',
  'volume',
  'score',
];

export interface UnitDef {
  unit: string;
  dimension: Dimension;
  factor: number;
  currency?: string;
}

export interface UnitCatalog {
  readonly units: readonly UnitDef[];
  lookup(unit: string): UnitDef | undefined;
  /** Known units nearest to an unknown one (edit distance / shared characters), best first, at most n (default 3). */
  nearest(unit: string, n?: number): string[];
  /**
   * Base unit name of a dimension (+ currency for money): '%', '元'/'美元', '天', '米', '平方米', '吨',
   * '立方米', '分'. null for 'count' (counts of different units are different things: the base of a
   * count is the unit itself) and for a currency no catalog unit carries.
   */
  baseUnit(dimension: Dimension, currency?: string): string | null;
  /** Longest catalog unit that is a prefix of s (used by the value parser). */
  longestPrefix(s: string): UnitDef | undefined;
}

/** A dimension's name for people, zh and en (hover, completion, messages). */
export const DIMENSION_NAMES: Readonly<Record<Dimension, { zh: string; en: string }>> = {
  ratio: { zh: '比率', en: 'ratio' },
  count: { zh: '计数', en: 'count' },
  money: { zh: '金额', en: 'money' },
  time: { zh: '时间', en: 'time' },
  length: { zh: '长度', en: 'length' },
  area: { zh: '面积', en: 'area' },
  mass: { zh: '重量', en: 'mass' },
  volume: { zh: '体积', en: 'volume' },
  score: { zh: '分值', en: 'score' },
};

const fixedBase: Record<Exclude<Dimension, 'count' | 'money'>, string> = {
  ratio: '%',
  time: '天',
  length: '米',
  area: '平方米',
  mass: '吨',
  volume: '立方米',
  score: '分',
};

const builtinMoneyBase: Record<string, string> = { CNY: '元', USD: '美元' };

function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\n' || c === '\r' || c === '\u00a0';
}

function stripWs(s: string): string {
  let out = '';
  for (const c of s) if (!isWs(c)) out += c;
  return out;
}

/** Levenshtein distance over code points; the strings are short names (units, keywords). */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** Characters of a (with multiplicity) that also occur in b. */
function sharedChars(a: readonly string[], b: readonly string[]): number {
  const pool = b.slice();
  let shared = 0;
  for (const c of a) {
    const k = pool.indexOf(c);
    if (k >= 0) {
      shared++;
      pool.splice(k, 1);
    }
  }
  return shared;
}

class Catalog implements UnitCatalog {
  readonly units: readonly UnitDef[];
  private readonly byName = new Map<string, UnitDef>();
  private readonly maxLen: number;
  private readonly moneyBase = new Map<string, string | null>();

  constructor(units: readonly UnitDef[]) {
    const order: string[] = [];
    for (const u of units) {
      if (!this.byName.has(u.unit)) order.push(u.unit);
      this.byName.set(u.unit, u);
    }
    this.units = Object.freeze(order.map((name) => this.byName.get(name)!));
    let max = 0;
    for (const name of order) max = Math.max(max, name.length);
    this.maxLen = max;
  }

  lookup(unit: string): UnitDef | undefined {
    return this.byName.get(unit);
  }

  longestPrefix(s: string): UnitDef | undefined {
    for (let len = Math.min(this.maxLen, s.length); len > 0; len--) {
      const def = this.byName.get(s.slice(0, len));
      if (def) return def;
    }
    return undefined;
  }

  baseUnit(dimension: Dimension, currency?: string): string | null {
    if (dimension === 'count') return null;
    if (dimension !== 'money') return fixedBase[dimension];
    const cur = currency ?? 'CNY';
    const cached = this.moneyBase.get(cur);
    if (cached !== undefined) return cached;
    let base: string | null = null;
    const builtin = builtinMoneyBase[cur];
    if (builtin !== undefined && this.byName.get(builtin)?.currency === cur) base = builtin;
    else {
      for (const u of this.units) {
        if (u.dimension === 'money' && u.currency === cur && u.factor === 1) {
          base = u.unit;
          break;
        }
      }
    }
    this.moneyBase.set(cur, base);
    return base;
  }

  nearest(unit: string, n = 3): string[] {
    const target = Array.from(stripWs(unit));
    if (target.length === 0 || n <= 0) return [];
    const scored: { unit: string; score: number; dist: number; index: number }[] = [];
    this.units.forEach((def, index) => {
      if (def.unit === unit) return;
      const cand = Array.from(def.unit);
      const dist = editDistance(target, cand);
      const shared = sharedChars(target, cand);
      if (shared === 0 && dist > 1) return;
      scored.push({ unit: def.unit, score: dist - 0.5 * shared, dist, index });
    });
    scored.sort((a, b) => a.score - b.score || a.dist - b.dist || a.index - b.index);
    return scored.slice(0, n).map((s) => s.unit);
  }
}

/** A catalog of the built-in units plus `extra` (an extra entry with a built-in name replaces it). */
export function createUnitCatalog(extra?: readonly UnitDef[]): UnitCatalog {
  const builtin = unitsJson as readonly UnitDef[];
  return new Catalog(extra && extra.length > 0 ? [...builtin, ...extra] : builtin);
}

export const defaultUnitCatalog: UnitCatalog = createUnitCatalog();

export const defaultSources: readonly string[] = Object.freeze((sourcesJson as string[]).slice());

const allowedKeys = new Set(['unit', 'dimension', 'factor', 'currency']);

/**
 * Checks a workspace `.ttab/units.json` (already JSON-parsed). Returns the valid entries and one
 * bilingual message ("zh / en") per problem, naming the entry by its 0-based index.
 * An entry with an error is left out; an unknown key is reported but the entry is kept.
 */
export function validateUnitDefs(json: unknown): { units: UnitDef[]; errors: string[] } {
  const units: UnitDef[] = [];
  const errors: string[] = [];
  if (!Array.isArray(json)) {
    errors.push('单位目录必须是一个数组 / the unit catalog must be an array');
    return { units, errors };
  }
  const seen = new Map<string, number>();
  json.forEach((entry: unknown, i: number) => {
    const at = `第 [${i}] 项`;
    const en = `entry [${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push(`${at}不是对象 / ${en} is not an object`);
      return;
    }
    const e = entry as Record<string, unknown>;
    let ok = true;
    for (const key of Object.keys(e)) {
      if (!allowedKeys.has(key)) errors.push(`${at}：未知字段 "${key}" / ${en}: unknown key "${key}"`);
    }
    const unit = e['unit'];
    if (typeof unit !== 'string' || unit.trim() === '') {
      errors.push(`${at}："unit" 必须是非空字符串 / ${en}: "unit" must be a non-empty string`);
      ok = false;
    } else if (/\s/.test(unit)) {
      errors.push(`${at}：单位 "${unit}" 不能包含空白 / ${en}: unit "${unit}" must not contain whitespace`);
      ok = false;
    } else if (/^[0-9０-９.+\-]/.test(unit)) {
      errors.push(`${at}：单位 "${unit}" 不能以数字或符号开头 / ${en}: unit "${unit}" must not start with a digit or sign`);
      ok = false;
    }
    const dimension = e['dimension'];
    if (typeof dimension !== 'string' || !(dimensions as readonly string[]).includes(dimension)) {
      errors.push(
        `${at}："dimension" 必须是 ${dimensions.join('、')} 之一 / ${en}: "dimension" must be one of ${dimensions.join(', ')}`,
      );
      ok = false;
    }
    const factor = e['factor'];
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
      errors.push(`${at}："factor" 必须是正数 / ${en}: "factor" must be a positive number`);
      ok = false;
    }
    const currency = e['currency'];
    if (currency !== undefined && (typeof currency !== 'string' || currency.trim() === '')) {
      errors.push(`${at}："currency" 必须是非空字符串 / ${en}: "currency" must be a non-empty string`);
      ok = false;
    } else if (dimension === 'money' && currency === undefined) {
      errors.push(`${at}：货币单位必须给出 "currency"（如 CNY） / ${en}: a money unit needs a "currency" (e.g. CNY)`);
      ok = false;
    } else if (currency !== undefined && dimension !== 'money' && typeof dimension === 'string') {
      errors.push(`${at}："currency" 只用于货币单位 / ${en}: "currency" is only for money units`);
      ok = false;
    }
    if (ok && typeof unit === 'string') {
      const first = seen.get(unit);
      if (first !== undefined) {
        errors.push(
          `${at}：单位 "${unit}" 与第 [${first}] 项重复 / ${en}: unit "${unit}" repeats entry [${first}]`,
        );
        return;
      }
      seen.set(unit, i);
      const def: UnitDef = { unit, dimension: dimension as Dimension, factor: factor as number };
      if (typeof currency === 'string') def.currency = currency;
      units.push(def);
    }
  });
  return { units, errors };
}
