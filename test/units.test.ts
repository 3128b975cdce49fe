import { describe, expect, it } from 'vitest';
import unitsJson from '../grammar/data/units.json';
import sourcesJson from '../grammar/data/sources.json';
import {
  createUnitCatalog,
  defaultSources,
  defaultUnitCatalog,
  validateUnitDefs,
  type Dimension,
} from '../grammar/src/units';

describe('the built-in catalog', () => {
  it('is valid and has no duplicate unit', () => {
    const { units, errors } = validateUnitDefs(unitsJson);
    expect(errors).toEqual([]);
    expect(units).toHaveLength(unitsJson.length);
  });

  it('has a base unit of factor 1 for every dimension', () => {
    const rows: [Dimension, string | undefined, string | null][] = [
      ['ratio', undefined, '%'],
      ['count', undefined, null],
      ['money', 'CNY', '元'],
      ['money', 'USD', '美元'],
      ['money', undefined, '元'],
      ['money', 'JPY', null],
      ['time', undefined, '天'],
      ['length', undefined, '米'],
      ['area', undefined, '平方米'],
      ['mass', undefined, '吨'],
      ['volume', undefined, '立方米'],
      ['score', undefined, '分'],
    ];
    for (const [dimension, currency, base] of rows) {
      expect(defaultUnitCatalog.baseUnit(dimension, currency)).toBe(base);
      if (base !== null) {
        expect(defaultUnitCatalog.lookup(base)).toMatchObject({ dimension, factor: 1 });
      }
    }
  });

  const lookups: [string, Dimension, number, string | undefined][] = [
    ['%', 'ratio', 1, undefined],
    ['‰', 'ratio', 0.1, undefined],
    ['个百分点', 'ratio', 1, undefined],
    ['人次', 'count', 1, undefined],
    ['场次', 'count', 1, undefined],
    ['天次', 'count', 1, undefined],
    ['元', 'money', 1, 'CNY'],
    ['万元', 'money', 1e4, 'CNY'],
    ['亿元', 'money', 1e8, 'CNY'],
    ['美元', 'money', 1, 'USD'],
    ['万美元', 'money', 1e4, 'USD'],
    ['亿美元', 'money', 1e8, 'USD'],
    ['小时', 'time', 1 / 24, undefined],
    ['工作日', 'time', 1, undefined],
    ['周', 'time', 7, undefined],
    ['个月', 'time', 30, undefined],
    ['年', 'time', 365, undefined],
    ['公里', 'length', 1000, undefined],
    ['㎡', 'area', 1, undefined],
    ['公顷', 'area', 10000, undefined],
    ['万平方米', 'area', 10000, undefined],
    ['公斤', 'mass', 0.001, undefined],
    ['方', 'volume', 1, undefined],
  ];
  it.each(lookups)('lookup(%s)', (unit, dimension, factor, currency) => {
    const def = defaultUnitCatalog.lookup(unit);
    expect(def).toBeDefined();
    expect(def!.dimension).toBe(dimension);
    expect(def!.factor).toBeCloseTo(factor, 12);
    expect(def!.currency).toBe(currency);
  });

  it('does not know made-up units', () => {
    expect(defaultUnitCatalog.lookup('万圆')).toBeUndefined();
    expect(defaultUnitCatalog.lookup('人 次')).toBeUndefined();
    expect(defaultUnitCatalog.lookup('')).toBeUndefined();
  });

  it('finds the longest unit at the start of a text', () => {
    const rows: [string, string | undefined][] = [
      ['万元以上', '万元'],
      ['万美元', '万美元'],
      ['人次以上', '人次'],
      ['个百分点', '个百分点'],
      ['个月份', '个月'],
      ['平方米', '平方米'],
      ['未开展', undefined],
    ];
    for (const [s, unit] of rows) expect(defaultUnitCatalog.longestPrefix(s)?.unit).toBe(unit);
  });
});

describe('nearest', () => {
  const rows: [string, string][] = [
    ['万圆', '万元'],
    ['人 次', '人次'],
    ['亿美圆', '亿美元'],
    ['个月份', '个月'],
    ['公 里', '公里'],
    ['小 时', '小时'],
  ];
  it.each(rows)('nearest(%s) starts with %s', (unknown, best) => {
    const found = defaultUnitCatalog.nearest(unknown);
    expect(found[0]).toBe(best);
    expect(found.length).toBeLessThanOrEqual(3);
  });

  it('respects n and offers nothing for unrelated text', () => {
    expect(defaultUnitCatalog.nearest('万圆', 1)).toEqual(['万元']);
    expect(defaultUnitCatalog.nearest('万圆', 5)).toHaveLength(5);
    expect(defaultUnitCatalog.nearest('XYZW')).toEqual([]);
    expect(defaultUnitCatalog.nearest('')).toEqual([]);
  });
});

describe('createUnitCatalog', () => {
  it('adds and overrides units', () => {
    const catalog = createUnitCatalog([
      { unit: '辆次', dimension: 'count', factor: 1 },
      { unit: '港元', dimension: 'money', factor: 1, currency: 'HKD' },
      { unit: '亩', dimension: 'area', factor: 667 },
    ]);
    expect(catalog.lookup('辆次')).toEqual({ unit: '辆次', dimension: 'count', factor: 1 });
    expect(catalog.lookup('亩')?.factor).toBe(667);
    expect(catalog.baseUnit('money', 'HKD')).toBe('港元');
    expect(catalog.units.filter((u) => u.unit === '亩')).toHaveLength(1);
    expect(catalog.units.length).toBe(defaultUnitCatalog.units.length + 2);
    // the default catalog is untouched
    expect(defaultUnitCatalog.lookup('辆次')).toBeUndefined();
    expect(defaultUnitCatalog.lookup('亩')?.factor).toBeCloseTo(666.6667, 3);
  });
});

describe('validateUnitDefs', () => {
  const bad: [string, unknown, RegExp][] = [
    ['not an array', { unit: '个' }, /must be an array/],
    ['entry not an object', ['个'], /entry \[0\] is not an object/],
    ['missing unit', [{ dimension: 'count', factor: 1 }], /entry \[0\]: "unit" must be a non-empty string/],
    ['unit with a space', [{ unit: '人 次', dimension: 'count', factor: 1 }], /must not contain whitespace/],
    ['unit starting with a digit', [{ unit: '2人', dimension: 'count', factor: 1 }], /must not start with a digit/],
    ['unknown dimension', [{ unit: '度', dimension: 'energy', factor: 1 }], /"dimension" must be one of/],
    ['zero factor', [{ unit: '件', dimension: 'count', factor: 0 }], /"factor" must be a positive number/],
    ['factor as text', [{ unit: '件', dimension: 'count', factor: '1' }], /"factor" must be a positive number/],
    ['money without currency', [{ unit: '港元', dimension: 'money', factor: 1 }], /needs a "currency"/],
    ['currency on a count', [{ unit: '件', dimension: 'count', factor: 1, currency: 'CNY' }], /only for money units/],
  ];
  it.each(bad)('rejects %s', (_name, json, message) => {
    const { units, errors } = validateUnitDefs(json);
    expect(units).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(errors[0]).toMatch(/[\u4e00-\u9fff].* \/ .*[a-z]/);
  });

  it('keeps the good entries and names the bad ones by index', () => {
    const { units, errors } = validateUnitDefs([
      { unit: '架次', dimension: 'count', factor: 1 },
      { unit: '港元', dimension: 'money', factor: 1, currency: 'HKD' },
      { unit: '架次', dimension: 'count', factor: 1 },
      { unit: '', dimension: 'count', factor: 1 },
      { unit: '株次', dimension: 'count', factor: 1, note: 'trees' },
    ]);
    expect(units.map((u) => u.unit)).toEqual(['架次', '港元', '株次']);
    expect(errors).toEqual([
      '第 [2] 项：单位 "架次" 与第 [0] 项重复 / entry [2]: unit "架次" repeats entry [0]',
      '第 [3] 项："unit" 必须是非空字符串 / entry [3]: "unit" must be a non-empty string',
      '第 [4] 项：未知字段 "note" / entry [4]: unknown key "note"',
    ]);
  });
});

describe('sources', () => {
  it('holds the usual sources, each once', () => {
    for (const s of ['年度工作计划', '内部统计', '规划目标', '行业标准', '上级文件要求', '统计年鉴', '统计公报']) {
      expect(defaultSources).toContain(s);
    }
    expect(new Set(defaultSources).size).toBe(defaultSources.length);
    expect(defaultSources).toEqual(sourcesJson);
  });
});
