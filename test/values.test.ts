import { describe, expect, it } from 'vitest';
import {
  comparable,
  formatNormalized,
  isQuantity,
  parseValue,
  sameQuantity,
  type Quantity,
  type Value,
} from '../grammar/src/values';
import { createUnitCatalog } from '../grammar/src/units';

function quantity(raw: string): Quantity {
  const v = parseValue(raw);
  if (!isQuantity(v)) throw new Error(`${raw} is ${v.kind}, not a quantity`);
  return v;
}

type Q = Partial<Omit<Quantity, 'kind' | 'raw'>>;

describe('parseValue: quantities', () => {
  const cases: [string, Q][] = [
    // plain numbers, units, magnitudes
    ['100%', { comparator: '=', comparatorText: null, number: 100, unit: '%', dimension: 'ratio', normalized: 100, baseUnit: '%' }],
    ['95％', { number: 95, unit: '％', dimension: 'ratio', normalized: 95, baseUnit: '%' }],
    ['5‰', { number: 5, unit: '‰', dimension: 'ratio', normalized: 0.5, baseUnit: '%' }],
    ['3个百分点', { unit: '个百分点', dimension: 'ratio', normalized: 3, baseUnit: '%' }],
    ['1次', { number: 1, unit: '次', dimension: 'count', normalized: 1, baseUnit: '次' }],
    ['700', { number: 700, unit: null, unitKnown: true, dimension: null, normalized: 700, baseUnit: null, magnitude: null }],
    ['0', { number: 0, normalized: 0, unit: null }],
    ['1,200', { number: 1200, numberText: '1,200', normalized: 1200 }],
    ['12,000,000元', { number: 12000000, unit: '元', normalized: 12000000, currency: 'CNY' }],
    ['１２次', { number: 12, numberText: '１２', unit: '次', normalized: 12 }],
    ['１２．５%', { number: 12.5, unit: '%', normalized: 12.5 }],
    ['+5%', { number: 5, numberText: '+5', normalized: 5 }],
    ['-3%', { number: -3, normalized: -3, unit: '%' }],
    ['28871.96万', { number: 28871.96, magnitude: '万', unit: null, dimension: null, normalized: 288719600, baseUnit: null }],
    ['3万', { magnitude: '万', unit: null, normalized: 30000 }],
    ['4千', { magnitude: '千', unit: null, normalized: 4000 }],
    ['2亿', { magnitude: '亿', unit: null, normalized: 200000000 }],
    ['1.5千万', { magnitude: '千万', unit: null, normalized: 15000000 }],
    // 万元 is a catalog unit: it wins over 万 + 元
    ['12万元', { number: 12, magnitude: null, unit: '万元', dimension: 'money', currency: 'CNY', normalized: 120000, baseUnit: '元' }],
    ['0.35亿元', { magnitude: null, unit: '亿元', normalized: 35000000, baseUnit: '元' }],
    ['921万元', { unit: '万元', normalized: 9210000 }],
    ['1.2亿美元', { unit: '亿美元', currency: 'USD', normalized: 120000000, baseUnit: '美元' }],
    ['156万美元', { unit: '万美元', currency: 'USD', normalized: 1560000, baseUnit: '美元' }],
    ['3千万元', { magnitude: '千', unit: '万元', normalized: 30000000 }],
    ['≥12万 元', { comparator: '≥', magnitude: '万', unit: '元', normalized: 120000, baseUnit: '元' }],
    ['5万人次', { magnitude: '万', unit: '人次', dimension: 'count', normalized: 50000, baseUnit: '人次' }],
    ['15万平方米', { magnitude: null, unit: '万平方米', dimension: 'area', normalized: 150000, baseUnit: '平方米' }],
    ['2万亩', { magnitude: '万', unit: '亩', dimension: 'area' }],
    ['8公里', { unit: '公里', dimension: 'length', normalized: 8000, baseUnit: '米' }],
    ['12小时', { unit: '小时', dimension: 'time', normalized: 0.5, baseUnit: '天' }],
    ['2周', { unit: '周', normalized: 14, baseUnit: '天' }],
    ['3个月', { unit: '个月', dimension: 'time', normalized: 90 }],
    ['1年', { unit: '年', dimension: 'time', normalized: 365 }],
    ['3.5千克', { unit: '千克', dimension: 'mass', normalized: 0.0035, baseUnit: '吨' }],
    ['20立方米', { unit: '立方米', dimension: 'volume', normalized: 20, baseUnit: '立方米' }],
    ['90分', { unit: '分', dimension: 'score', normalized: 90, baseUnit: '分' }],
    // comparator symbols
    ['≥95%', { comparator: '≥', comparatorText: '≥', normalized: 95 }],
    ['≤3亿美元', { comparator: '≤', comparatorText: '≤', normalized: 300000000, currency: 'USD' }],
    ['>40场', { comparator: '>', comparatorText: '>', unit: '场' }],
    ['<5天', { comparator: '<', comparatorText: '<', unit: '天' }],
    ['=100%', { comparator: '=', comparatorText: '=' }],
    ['>=95%', { comparator: '≥', comparatorText: '>=' }],
    ['<=12小时', { comparator: '≤', comparatorText: '<=' }],
    ['≧90分', { comparator: '≥', comparatorText: '≧' }],
    ['≦3次', { comparator: '≤', comparatorText: '≦' }],
    ['＞40场', { comparator: '>', comparatorText: '＞' }],
    ['＜1%', { comparator: '<', comparatorText: '＜' }],
    ['＝1次', { comparator: '=', comparatorText: '＝' }],
    ['⩾1次', { comparator: '≥', comparatorText: '⩾' }],
    ['⩽2次', { comparator: '≤', comparatorText: '⩽' }],
    ['≥ 95 %', { comparator: '≥', number: 95, unit: '%', normalized: 95 }],
    // comparator words before the number
    ['不低于95%', { comparator: '≥', comparatorText: '不低于' }],
    ['不少于10期', { comparator: '≥', comparatorText: '不少于' }],
    ['至少 3 次', { comparator: '≥', comparatorText: '至少', number: 3, unit: '次' }],
    ['大于等于90分', { comparator: '≥', comparatorText: '大于等于' }],
    ['小于等于5天', { comparator: '≤', comparatorText: '小于等于' }],
    ['不超过12万元', { comparator: '≤', comparatorText: '不超过' }],
    ['不高于5%', { comparator: '≤', comparatorText: '不高于' }],
    ['不多于3次', { comparator: '≤', comparatorText: '不多于' }],
    ['超过50场', { comparator: '>', comparatorText: '超过' }],
    ['高于90%', { comparator: '>', comparatorText: '高于' }],
    ['大于1次', { comparator: '>', comparatorText: '大于' }],
    ['多于2人', { comparator: '>', comparatorText: '多于' }],
    ['不满18人', { comparator: '<', comparatorText: '不满' }],
    ['低于1%', { comparator: '<', comparatorText: '低于' }],
    ['少于3次', { comparator: '<', comparatorText: '少于' }],
    ['小于5天', { comparator: '<', comparatorText: '小于' }],
    // comparator words after the quantity
    ['1000份以上', { comparator: '≥', comparatorText: '以上', number: 1000, unit: '份', normalized: 1000 }],
    ['12小时以内', { comparator: '≤', comparatorText: '以内', unit: '小时', normalized: 0.5 }],
    ['5次以下', { comparator: '≤', comparatorText: '以下' }],
    ['95%及以上', { comparator: '≥', comparatorText: '及以上', unit: '%' }],
    ['3天内', { comparator: '≤', comparatorText: '内', unit: '天' }],
    ['1000份 以上', { comparator: '≥', unit: '份' }],
    ['≥95%以上', { comparator: '≥', comparatorText: '≥…以上', normalized: 95 }],
    // approximate
    ['约50场', { approximate: true, comparator: '=', number: 50, unit: '场' }],
    ['大约 20 人', { approximate: true, number: 20 }],
    ['近3年', { approximate: true, unit: '年', normalized: 1095 }],
    ['50场左右', { approximate: true, unit: '场', number: 50 }],
    ['约3万人次', { approximate: true, magnitude: '万', unit: '人次', normalized: 30000 }],
    ['不低于约95%', { approximate: true, comparator: '≥' }],
    // unknown units: short unit-like text after the number
    ['12个月份', { unit: '个月份', unitKnown: false, dimension: null, normalized: 12, baseUnit: '个月份' }],
    ['3吨公里', { unit: '吨公里', unitKnown: false, dimension: null, normalized: 3 }],
    ['6辆次', { unit: '辆次', unitKnown: false }],
    ['3人日', { unit: '人日', unitKnown: false }],
    ['5瓦', { unit: '瓦', unitKnown: false }],
    ['12万圆', { magnitude: '万', unit: '圆', unitKnown: false, normalized: 120000 }],
    ['5 kg', { unit: 'kg', unitKnown: false }],
  ];
  it.each(cases)('%s', (raw, expected) => {
    const v = parseValue(raw);
    expect(v.kind).toBe('quantity');
    expect(v).toMatchObject({ raw, ...expected });
  });

  it('reports where the magnitude and unit are written', () => {
    const rows: [string, string | null][] = [
      ['≥12万 元', '万 元'],
      ['12万圆', '万圆'],
      ['1000份以上', '份'],
      ['  95 % ', '%'],
      ['700', null],
    ];
    for (const [raw, written] of rows) {
      const q = quantity(raw);
      expect(q.unitRange && raw.slice(q.unitRange.start, q.unitRange.end)).toBe(written);
    }
  });

  it('reads units of a workspace catalog', () => {
    const catalog = createUnitCatalog([
      { unit: '辆次', dimension: 'count', factor: 1 },
      { unit: '港元', dimension: 'money', factor: 1, currency: 'HKD' },
    ]);
    expect(parseValue('6辆次', catalog)).toMatchObject({ unitKnown: true, dimension: 'count' });
    expect(parseValue('3万港元', catalog)).toMatchObject({
      magnitude: '万',
      unit: '港元',
      currency: 'HKD',
      normalized: 30000,
      baseUnit: '港元',
    });
  });
});

describe('parseValue: other kinds', () => {
  const cases: [string, Value['kind']][] = [
    ['', 'none'],
    ['   ', 'none'],
    ['/', 'none'],
    ['／', 'none'],
    ['无', 'none'],
    ['-', 'none'],
    ['—', 'none'],
    ['——', 'none'],
    ['N/A', 'none'],
    ['有效加强', 'qualitative'],
    ['完成', 'qualitative'],
    ['多评合一,有效优化审批流程', 'qualitative'],
    ['有效整改', 'qualitative'],
    ['2021年未开展', 'qualitative'],
    ['2021年未开 展', 'qualitative'],
    ['2022年度', 'qualitative'],
    ['3个重点项目全部完成', 'qualitative'],
    ['10家企业', 'qualitative'],
    ['10KV金利液压费用', 'qualitative'],
    ['1、全区财务人员业务培训4次；\n2、规范财务人员报销程序', 'qualitative'],
    ['1、培训 4次；2、宣传 3次', 'qualitative'],
    ['不低于上年', 'qualitative'],
    ['≥上年水平', 'qualitative'],
    ['全区财务人员业务培训4次', 'qualitative'],
    ['培训次数 4次', 'qualitative'],
    ['1.全区培训', 'qualitative'],
    ['1.2.3次', 'malformed'],
    ['≥', 'malformed'],
    ['≥ 次', 'malformed'],
    ['95%%', 'malformed'],
    ['12..5%', 'malformed'],
    ['5.', 'malformed'],
    ['1,20', 'malformed'],
    ['12%)', 'malformed'],
    ['95%，98%', 'malformed'],
    ['≥95%以下', 'malformed'],
  ];
  it.each(cases)('%j is %s', (raw, kind) => {
    const v = parseValue(raw);
    expect(v.kind).toBe(kind);
    expect(v.raw).toBe(raw);
    if (v.kind === 'qualitative') expect(v.text).toBe(raw.trim());
    if (v.kind === 'malformed') {
      expect(v.reason.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(v.reason.en).toMatch(/[a-z]/);
    }
  });

  it('names the broken part in a malformed reason', () => {
    expect(parseValue('1.2.3次')).toMatchObject({ reason: { en: 'malformed number "1.2.3"' } });
    expect(parseValue('95%%')).toMatchObject({ reason: { en: 'cannot read "%%" after the number' } });
    expect(parseValue('≥95%以下')).toMatchObject({ reason: { en: 'conflicting comparators "≥" and "以下"' } });
  });
});

describe('parseValue: composites', () => {
  const cases: [string, [string, number, string | null][]][] = [
    ['公众号：300期；抖音：156条；快手：36条', [['公众号', 300, '期'], ['抖音', 156, '条'], ['快手', 36, '条']]],
    ['公众号 300期; 抖音 156条; 快手 36条', [['公众号', 300, '期'], ['抖音', 156, '条'], ['快手', 36, '条']]],
    ['电视播放时长：6500小时；专题片：3个', [['电视播放时长', 6500, '小时'], ['专题片', 3, '个']]],
    ['公众号：300期 抖音：156条； 快手：36条', [['公众号', 300, '期'], ['抖音', 156, '条'], ['快手', 36, '条']]],
    ['收入：1,200万元，支出：3万元', [['收入', 1200, '万元'], ['支出', 3, '万元']]],
    ['培训:4次\n宣传:≥3次', [['培训', 4, '次'], ['宣传', 3, '次']]],
    ['专题片：3个、短视频：20个', [['专题片', 3, '个'], ['短视频', 20, '个']]],
    ['完成率：95%', [['完成率', 95, '%']]],
  ];
  it.each(cases)('%j', (raw, parts) => {
    const v = parseValue(raw);
    expect(v.kind).toBe('composite');
    if (v.kind !== 'composite') return;
    expect(v.raw).toBe(raw);
    expect(v.parts.map((p) => [p.label, p.quantity.number, p.quantity.unit])).toEqual(parts);
  });

  it('keeps the comparator and the unit range of each part', () => {
    const raw = '培训:4次\n宣传:≥3次';
    const v = parseValue(raw);
    if (v.kind !== 'composite') throw new Error(v.kind);
    expect(v.parts[1]!.quantity.comparator).toBe('≥');
    const r = v.parts[1]!.quantity.unitRange!;
    expect(raw.slice(r.start, r.end)).toBe('次');
    expect(r.start).toBe(raw.length - 1);
  });

  it('is qualitative when a part is not a quantity', () => {
    expect(parseValue('公众号：300期；抖音：很多').kind).toBe('qualitative');
    expect(parseValue('专题片、原创短视频：20个').kind).toBe('qualitative');
  });
});

describe('sameQuantity', () => {
  const pairs: [string, string, boolean][] = [
    ['1000份以上', '≥1000份', true],
    ['12小时以内', '≤12小时', true],
    ['不低于95%', '≥95%', true],
    ['12万元', '120000元', true],
    ['12万元', '≥12万 元', false],
    ['0.35亿元', '3500万元', true],
    ['28871.96万', '288719600', true],
    ['12小时', '0.5天', true],
    ['1周', '7天', true],
    ['约50场', '50场左右', true],
    ['约50场', '50场', false],
    ['95%', '0.95', false],
    ['1.2亿美元', '1.2亿元', false],
    ['3个', '3项', false],
    ['1次', '1次', true],
  ];
  it.each(pairs)('%s ≡ %s → %s', (a, b, same) => {
    expect(sameQuantity(quantity(a), quantity(b))).toBe(same);
    expect(sameQuantity(quantity(b), quantity(a))).toBe(same);
  });
});

describe('comparable', () => {
  const pairs: [string, string, boolean][] = [
    ['95%', '≥98%', true],
    ['5‰', '3个百分点', true],
    ['34次', '100%', false],
    ['12万元', '0.35亿元', true],
    ['1.2亿美元', '921万元', false],
    ['156万美元', '1.2亿美元', true],
    ['3个', '4个', true],
    ['3个', '4项', false],
    ['5万人次', '400人次', true],
    ['5万人次', '400人', false],
    ['12小时', '3天', true],
    ['8公里', '15万平方米', false],
    ['3万', '700', true],
    ['3万', '30000元', false],
    ['12个月份', '6个月份', true],
    ['12个月份', '6个月', false],
  ];
  it.each(pairs)('%s ~ %s → %s', (a, b, expected) => {
    expect(comparable(quantity(a), quantity(b))).toBe(expected);
    expect(comparable(quantity(b), quantity(a))).toBe(expected);
  });
});

describe('formatNormalized', () => {
  const rows: [string, string][] = [
    ['28871.96万', '288,719,600'],
    ['0.35亿元', '35,000,000'],
    ['1,200', '1,200'],
    ['12小时', '0.5'],
    ['6500小时', '270.8333'],
    ['95%', '95'],
    ['-3%', '-3'],
    ['0', '0'],
  ];
  it.each(rows)('%s → %s', (raw, shown) => {
    expect(formatNormalized(quantity(raw))).toBe(shown);
  });
});

describe('isQuantity', () => {
  it('tells quantities from the other kinds', () => {
    expect(isQuantity(parseValue('3次'))).toBe(true);
    expect(isQuantity(parseValue('完成'))).toBe(false);
    expect(isQuantity(parseValue('/'))).toBe(false);
    expect(isQuantity(undefined)).toBe(false);
  });
});

describe('parseValue: near-quantities (issue 13)', () => {
  it.each<[string, Q]>([
    ['100万元/年', { unit: '万元/年', per: '年', dimension: 'money', currency: 'CNY', normalized: 1000000 }],
    ['20个/月', { unit: '个/月', per: '月', dimension: 'count', normalized: 20 }],
    ['≥3万人次/季度', { comparator: '≥', magnitude: '万', unit: '人次/季度', per: '季度', normalized: 30000 }],
  ])('a per-period unit: %s', (raw, expected) => {
    expect(quantity(raw)).toMatchObject(expected);
  });

  it('compares per the same period; per year as without one', () => {
    expect(comparable(quantity('100万元/年'), quantity('90万元'))).toBe(true);
    expect(comparable(quantity('20个/月'), quantity('20个/月'))).toBe(true);
    expect(comparable(quantity('20个/月'), quantity('200个'))).toBe(false);
  });

  it.each<[string, string, string]>([
    ['资金支付进度≥60%', '资金支付进度', '≥60%'],
    ['按实际需要采购完成率≥25%', '按实际需要采购完成率', '≥25%'],
    ['依据合同约定支付率≥40%', '依据合同约定支付率', '≥40%'],
    ['办件量同比增长约15%', '办件量同比增长', '约15%'],
    ['完成法制宣传活动3次', '完成法制宣传活动', '3次'],
    ['满意度不低于90%', '满意度', '不低于90%'],
    ['公众号 300期', '公众号', '300期'],
    ['资金支付进度：≥60%。', '资金支付进度', '≥60%'],
  ])('a labelled quantity: %s', (raw, label, quantityText) => {
    const v = parseValue(raw);
    expect(v.kind).toBe('qualitative');
    const labelled = v.kind === 'qualitative' ? v.labelled : undefined;
    expect(labelled?.label).toBe(label);
    expect(labelled?.quantity.raw).toBe(quantityText);
    expect(raw.slice(labelled!.start)).toMatch(new RegExp(`^${quantityText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each(['2022年底前完成', '3个工作日内办结', '完成3次以上的宣传', '公众号300期，抖音156条', '排名前10', '有效加强'])('no labelled quantity in %s', (raw) => {
    const v = parseValue(raw);
    expect(v.kind).toBe('qualitative');
    expect(v.kind === 'qualitative' && v.labelled).toBeFalsy();
  });

  it.each<[string, string]>([
    ['100人x', '100人'],
    ['100人以上x', '100人以上'],
    ['95%。', '95%'],
    ['x100人', '100人'],
    ['一百人', '100人'],
    ['两场', '2场'],
    ['十二期', '12期'],
    ['一百零五人', '105人'],
    ['约三千人', '约3000人'],
    ['两千万元', '2000万元'],
    ['百分之九十五', '95%'],
  ])('malformed with the form it most likely meant: %s → %s', (raw, suggestion) => {
    expect(parseValue(raw)).toMatchObject({ kind: 'malformed', suggestion });
  });

  it.each(['一次性', '十佳', '一流', '三公经费', '第一次', '一二三'])('words that begin with a numeral stay text: %s', (raw) => {
    expect(parseValue(raw).kind).toBe('qualitative');
  });
});
