/**
 * The format of the later stages (docs/language.md §8): the self-evaluation's fields on an
 * indicator, monitoring points (监控) with their own fields, how a point ends, the English and
 * Chinese aliases, the errors of misplaced or repeated fields, the canonical layout, and the
 * incremental reparse of tables that have points.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { indicatorsOf, parse, reparse, type Indicator, type Range } from '../grammar/src/index';
import { formatTable } from '../service/index';
import { ChunkedTextDocument } from '../server/src/textDocument';

const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '..', 'examples', 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8');

function only(text: string): { indicator: Indicator; codes: string[] } {
  const parsed = parse(text);
  const [first] = indicatorsOf(parsed.ast);
  return { indicator: first!.indicator, codes: parsed.errors.map((e) => `${e.range.start.line + 1} ${e.code}`) };
}

const head = '职责 1 甲\n  目标 乙\n    指标 培训次数\n      指标值 20次\n';

describe('self-evaluation fields', () => {
  it('完成值 (or 实际完成值, actual), 分值, 得分, 达成情况, 偏差原因, 改进措施 are fields of the indicator', () => {
    const { indicator, codes } = only(`${head}      实际完成值 15次\n      分值 20\n      得分 15\n      达成情况 部分达成\n      偏差原因 经费下达晚\n      改进措施 提前沟通\n`);
    expect(codes).toEqual([]);
    expect(indicator.actual?.value).toMatchObject({ kind: 'quantity', normalized: 15, unit: '次' });
    expect([indicator.points?.text, indicator.score?.text, indicator.attainment?.text, indicator.deviationReason?.text, indicator.improvement?.text]).toEqual([
      '20',
      '15',
      '部分达成',
      '经费下达晚',
      '提前沟通',
    ]);
  });

  it('English aliases mean the same', () => {
    const { indicator, codes } = only(`${head}      actual 15次\n      points 20\n      score 15\n      attainment achieved\n      deviation-reason late funds\n      improvement earlier\n      monitoring 2022-07-31\n        to-date 6次\n        expected 16次\n        outlook possible\n`);
    expect(codes).toEqual([]);
    expect([indicator.actual?.text, indicator.points?.text, indicator.monitors[0]?.toDate?.text, indicator.monitors[0]?.outlook?.text]).toEqual(['15次', '20', '6次', 'possible']);
  });

  it('a second 完成值 is TT010, the first counts', () => {
    const { indicator, codes } = only(`${head}      完成值 15次\n      完成值 16次\n`);
    expect([indicator.actual?.text, codes]).toEqual(['15次', ['6 TT010']]);
  });
});

describe('monitoring points', () => {
  const twoPoints = `${head}      监控 2022-06-30\n        累计完成值 8次\n        全年预计值 18次\n      监控 2022-07-31\n        累计完成值 10次\n        偏差原因 经费保障：经费下达晚\n        改进措施 加开培训\n      完成值 15次\n      偏差原因 场地改造\n`;

  it('several points in one indicator, each with its own fields', () => {
    const { indicator, codes } = only(twoPoints);
    expect(codes).toEqual([]);
    expect(indicator.monitors.map((p) => [p.title.text, p.toDate?.text, p.expected?.text ?? null, p.deviationReason?.text ?? null])).toEqual([
      ['2022-06-30', '8次', '18次', null],
      ['2022-07-31', '10次', null, '经费保障：经费下达晚'],
    ]);
  });

  it('a field a point does not hold ends it: 完成值 and the 偏差原因 after it are the indicator’s', () => {
    const { indicator } = only(twoPoints);
    expect([indicator.actual?.text, indicator.deviationReason?.text]).toEqual(['15次', '场地改造']);
    expect(indicator.monitors[1]!.range.end.line).toBe(10);
  });

  it('every line of the points is among the indicator’s fields (what walks the lines sees them)', () => {
    const { indicator } = only(twoPoints);
    expect(indicator.fields.map((f) => f.key)).toEqual(['target', 'monitor', 'toDate', 'expected', 'monitor', 'toDate', 'deviationReason', 'improvement', 'actual', 'deviationReason']);
  });

  it('累计完成值 without a 监控 line above it is TT003, and is left out of the tree', () => {
    const { indicator, codes } = only(`${head}      累计完成值 8次\n      完成值 15次\n`);
    expect(codes).toEqual(['5 TT003']);
    expect(indicator.fields.map((f) => f.key)).toEqual(['target', 'actual']);
  });

  it('累计完成值 after a field that ended the point is TT003 too', () => {
    expect(only(`${head}      监控 7月31日\n      完成值 15次\n      累计完成值 8次\n`).codes).toEqual(['7 TT003']);
  });

  it('a point’s field twice in one point is TT010; in two points it is not', () => {
    expect(only(`${head}      监控 1-7月\n        累计完成值 8次\n        累计完成值 9次\n`).codes).toEqual(['7 TT010']);
    expect(only(twoPoints).codes).toEqual([]);
  });

  it('监控 under an objective, with no indicator, is TT003', () => {
    const parsed = parse('职责 1 甲\n  目标 乙\n    监控 2022-07-31\n');
    expect(parsed.errors.map((e) => e.code)).toEqual(['TT003']);
  });
});

describe('layout', () => {
  it('the formatter puts a point’s fields one level below its 监控 line, and keeps the example as it is', () => {
    const scrambled = twoPointsFlat();
    const formatted = formatTable(scrambled, parse(scrambled));
    expect(formatted.ok && formatted.text).toBe(
      `${head}      监控 2022-07-31\n        累计完成值 10次\n        偏差原因 经费下达晚\n      完成值 15次\n      偏差原因 场地改造\n`,
    );
    expect(formatTable(EXAMPLE, parse(EXAMPLE))).toEqual({ ok: true, text: EXAMPLE, changed: false });
  });
});

function twoPointsFlat(): string {
  return `${head}监控 2022-07-31\n累计完成值 10次\n 偏差原因 经费下达晚\n完成值 15次\n偏差原因 场地改造\n`;
}

describe('incremental reparse of a table with points', () => {
  it.each([
    ['a line added above the points', '      分值 20\n', (t: string) => t.indexOf('      监控 2023-07-31')],
    ['a point’s field edited', '7次', (t: string) => t.indexOf('6次')],
    ['a new point inserted', '      监控 2023-06-30\n        累计完成值 4次\n', (t: string) => t.indexOf('      完成值 15次')],
  ])('%s gives what a full parse gives', (_name, insert, at) => {
    const start = at(EXAMPLE);
    const end = insert.endsWith('\n') ? start : start + insert.length;
    const before = TextDocument.create('file:///t.ttab', 'target-table', 1, EXAMPLE);
    const range: Range = { start: before.positionAt(start), end: before.positionAt(end) };
    const after = new ChunkedTextDocument('file:///t.ttab', 'target-table', 1, EXAMPLE);
    after.update([{ range, text: insert }], 2);
    const incremental = reparse({ previous: parse(EXAMPLE), edit: { range }, text: after });
    expect(JSON.parse(JSON.stringify(incremental.ast))).toEqual(JSON.parse(JSON.stringify(parse(after.getText()).ast)));
  });
});
