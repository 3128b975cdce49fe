/**
 * `ttab export --format json` against its published JSON Schema
 * (schemas/ttab-export.schema.json): every example, generated tables, broken
 * tables and every kind of value give valid exports, and the schema does
 * reject a wrong export (so these tests can fail).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { exportTable, validate } from '../service/index';
import { generateTable } from '../bench/generate';

type Json = ReturnType<typeof exportTable>;

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'schemas', 'ttab-export.schema.json'), 'utf8')) as object;
const validateExport = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The export as a consumer reads it: printed as JSON and read back. */
function exportOf(text: string, file: string | null = null): Json {
  const parsed = parse(text);
  return JSON.parse(JSON.stringify(exportTable(parsed.ast, validate(parsed), file))) as Json;
}

/** Schema errors as `instancePath keyword`, for readable failures. */
function schemaErrors(json: unknown): string[] {
  return validateExport(json) ? [] : (validateExport.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${e.message ?? ''}`);
}

function assertValid(text: string, file: string | null = null): Json {
  const json = exportOf(text, file);
  expect(schemaErrors(json)).toEqual([]);
  return json;
}

const examplesDir = path.resolve(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).sort();

/** Every value kind, the quantity variants, a category the catalog does not know, 事项 and direct objectives. */
const ALL_KINDS = `部门 测试局
年度 2022

职责 1 甲
  预算项目 项目一
  目标 直接目标
    活动 活动一
    指标 数量
      类别 产出/数量
      指标值 ≥12万元
      规划值 约3万人次
      标准值 1.2.3次
      标准来源 年度工作计划
      前三年均值 公众号：300期；抖音：156条
      上年值 /
      历史来源 内部统计
      备注 无
  事项 子事项
    科室 综合科
    目标 事项下的目标
      指标 定性
        类别 其他
        解释 第一行
          + 第二行
        指标值 有效加强
        标准值 50斤
        前三年均值 700
        上年值 12小时以内
        科室 办公室
        科室 财务科

职责 不编号的职责
  目标 乙
    指标 丙
      指标值 ≤3亿美元
`;

const valueKindsOf = (json: Json): string[] => {
  const kinds = new Set<string>();
  JSON.stringify(json, (key, value: unknown) => {
    if (value && typeof value === 'object' && 'kind' in value && typeof value.kind === 'string') kinds.add(value.kind);
    return value;
  });
  return [...kinds].sort();
};

describe('export JSON matches schemas/ttab-export.schema.json', () => {
  it.each(examples)('example %s', (name) => {
    const json = assertValid(fs.readFileSync(path.join(examplesDir, name), 'utf8'), `examples/${name}`);
    expect((json.duties as unknown[]).length).toBeGreaterThan(0);
  });

  it.each([
    [1, 200, false],
    [4, 500, false],
    [9, 150, true],
  ])('generated table, seed %i, %i indicators, English %s', (seed, indicators, english) => {
    assertValid(generateTable({ seed, indicators, english }).text);
  });

  it('every kind of value, 事项, direct objectives, continuation lines, a duty without number', () => {
    const json = assertValid(ALL_KINDS, 'all-kinds.ttab');
    expect(valueKindsOf(json)).toEqual(['composite', 'malformed', 'none', 'qualitative', 'quantity']);
  });

  it.each([
    ['an empty file', '', []],
    ['only comments and blank lines', '# 注释\n\n   \n', []],
    ['an orphan continuation, an unknown line and a misplaced field', '+ 续\n乱写一行\n指标值 95%\n职责 1 甲\n', ['TT004', 'TT002', 'TT003']],
    ['a repeated field and a header after the first duty', '职责 1 甲\n目标 乙\n指标 丙\n指标值 1次\n指标值 2次\n部门 后来的部门\n', ['TT010', 'TT012']],
    ['a year that is not a year: year is null', '部门 甲\n年度 二〇二二\n', ['TT011']],
    ['a table cut in the middle of a line', '部门 甲\n年度 2022\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 ≥', []],
    ['CRLF line endings and a byte-order mark', '\uFEFF部门 甲\r\n年度 2022\r\n职责 1 乙\r\n  目标 丙\r\n', []],
  ])('a broken or unusual table: %s', (_name, text, syntaxCodes) => {
    const json = assertValid(text);
    // The syntax errors are findings too (domain rules may add more).
    const findingCodes = (json.findings as { code: string }[]).map((f) => f.code);
    expect(parse(text).errors.map((e) => e.code)).toEqual(syntaxCodes);
    expect(findingCodes).toEqual(expect.arrayContaining(syntaxCodes));
    if (syntaxCodes.includes('TT011')) expect(json.year).toBeNull();
  });

  it('序号 (row numbers under a merged duty) are exported on their level, null elsewhere', () => {
    const json = assertValid('职责 1 甲\n  目标 乙\n    指标 丙\n  目标 丁\n    序号 2\n    指标 戊\n      序号 3\n  事项 己\n    序号 4\n') as {
      duties: { number: number; objectives: { number: string | null; indicators: { number: string | null }[] }[]; items: { number: string | null }[] }[];
    };
    const [duty] = json.duties;
    expect(duty!.number).toBe(1);
    expect(duty!.objectives.map((o) => [o.number, o.indicators.map((i) => i.number)])).toEqual([
      [null, [null]],
      ['2', ['3']],
    ]);
    expect(duty!.items.map((i) => i.number)).toEqual(['4']);
  });

  it('findings carry 1-based lines and columns', () => {
    const json = assertValid('部门 甲\n  乱写\n');
    expect(json.findings).toContainEqual(expect.objectContaining({ code: 'TT002', line: 2, column: 3, endLine: 2, endColumn: 5 }));
  });

  it.each([
    ['百万', '3百万'],
    ['千万', '3千万'],
    ['万亿', '2万亿'],
  ])('a quantity with the compound magnitude %s (values.ts reads it, the schema must allow it)', (_magnitude, value) => {
    assertValid(`职责 1 甲\n目标 乙\n指标 丙\n指标值 ${value}\n`);
  });

  it('a number too large for a double stays a valid export (no null where a number is required)', () => {
    assertValid(`职责 1 甲\n目标 乙\n指标 丙\n指标值 ${'9'.repeat(400)}次\n`);
  });

  it('any value text exports valid JSON', () => {
    const valueText = fc
      .array(fc.constantFrom(...'0123456789１２.,，%‰≥≤><=约千万亿百元美次人天小时个月斤：；、/-以上内左右不低于 '.split('')), { minLength: 1, maxLength: 14, size: 'max' })
      .map((chars) => chars.join('').trim());
    fc.assert(
      fc.property(valueText, (value) => {
        const errors = schemaErrors(exportOf(`职责 1 甲\n目标 乙\n指标 丙\n指标值 ${value}\n`));
        if (errors.length) throw new Error(`指标值 ${value}: ${errors.join('; ')}`);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});

describe('the schema rejects wrong exports', () => {
  // The mutations reach into the export by path; `any` keeps each one a one-liner.
  type Mutation = (json: any) => void;
  const firstIndicator = (json: any) => json.duties[0].objectives[0].indicators[0];
  const broken = '乱写一行\n';

  const cases: [string, string, Mutation, string][] = [
    ['no duties', ALL_KINDS, (j) => delete j.duties, "/ required must have required property 'duties'"],
    ['a wrong format name', ALL_KINDS, (j) => (j.format = 'ttab'), '/format const must be equal to constant'],
    ['year as a string', ALL_KINDS, (j) => (j.year = '2022'), '/year type must be integer,null'],
    ['a value of an unknown kind', ALL_KINDS, (j) => (firstIndicator(j).target.kind = 'number'), '/duties/0/objectives/0/indicators/0/target/kind enum'],
    ['a quantity without its normalized form', ALL_KINDS, (j) => delete firstIndicator(j).target.normalized, "/duties/0/objectives/0/indicators/0/target required must have required property 'normalized'"],
    ['a composite part without a quantity', ALL_KINDS, (j) => delete firstIndicator(j).historyAverage.parts[0].quantity, "/duties/0/objectives/0/indicators/0/historyAverage/parts/0 required must have required property 'quantity'"],
    ['an indicator field the schema does not know', ALL_KINDS, (j) => (firstIndicator(j).owner = '张三'), '/duties/0/objectives/0/indicators/0 additionalProperties must NOT have additional properties'],
    ['inherited offices as a string, not a list', ALL_KINDS, (j) => (firstIndicator(j).effective.offices = '综合科'), '/duties/0/objectives/0/indicators/0/effective/offices type must be array'],
    ['a line number 0', ALL_KINDS, (j) => (j.duties[0].line = 0), '/duties/0/line minimum must be >= 1'],
    ['a finding without its English message', broken, (j) => delete j.findings[0].message.en, "/findings/0/message required must have required property 'en'"],
    ['a finding code outside TT000–TT999', broken, (j) => (j.findings[0].code = 'E1'), '/findings/0/code pattern must match pattern "^TT[0-9]{3}$"'],
  ];
  it.each(cases)('%s', (_name, text, mutation, expected) => {
    const json = exportOf(text);
    expect(schemaErrors(json)).toEqual([]);
    mutation(json);
    expect(schemaErrors(json).some((e) => e.startsWith(expected))).toBe(true);
  });
});
