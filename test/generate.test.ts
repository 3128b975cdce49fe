import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { formatTable } from '../service/index';
import type { Duty, Field, Indicator, Inherited, Item, Objective, Table } from '../grammar/src/ast';
import {
  generateTable,
  generateTableOfSize,
  INDICATOR_FIELD_KEYS,
  utf8Length,
  type GeneratedDuty,
  type GeneratedIndicator,
  type GeneratedInherited,
  type GeneratedItem,
  type GeneratedObjective,
  type GeneratedTable,
} from '../bench/generate';

function countIndicators(data: GeneratedTable): number {
  let n = 0;
  for (const d of data.duties) {
    for (const o of d.objectives) n += o.indicators.length;
    for (const i of d.items) for (const o of i.objectives) n += o.indicators.length;
  }
  return n;
}

// --- AST → the generator's data shape, to compare the two with toEqual ---

const texts = (fields: Field[]): string[] => fields.map((f) => f.text);

function inherited(level: Inherited): GeneratedInherited {
  return { activity: texts(level.activity), project: texts(level.project), office: texts(level.office) };
}

function indicatorData(ind: Indicator): GeneratedIndicator {
  const out: GeneratedIndicator = { ...inherited(ind), name: ind.name.text };
  for (const key of INDICATOR_FIELD_KEYS) {
    const f = ind[key];
    if (f) out[key] = f.text;
  }
  return out;
}

function objectiveData(o: Objective): GeneratedObjective {
  return { ...inherited(o), title: o.title.text, indicators: o.indicators.map(indicatorData) };
}

function itemData(i: Item): GeneratedItem {
  return { ...inherited(i), title: i.title.text, objectives: i.objectives.map(objectiveData) };
}

function dutyData(d: Duty): GeneratedDuty {
  const out: GeneratedDuty = { ...inherited(d), title: d.title.text, objectives: d.objectives.map(objectiveData), items: d.items.map(itemData) };
  if (d.number) out.number = d.number.text;
  return out;
}

function tableData(t: Table): GeneratedTable {
  return { department: t.department?.text ?? '', year: t.year?.text ?? '', duties: t.duties.map(dutyData) };
}

/** Key order differs between the two builders; compare as plain JSON values. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('bench/generate', () => {
  it('is deterministic: same seed, same text and data', () => {
    const a = generateTable({ indicators: 300, seed: 42 });
    const b = generateTable({ indicators: 300, seed: 42 });
    expect(a.text).toBe(b.text);
    expect(a.data).toEqual(b.data);
    expect(generateTable({ indicators: 300, seed: 43 }).text).not.toBe(a.text);
  });

  it('gives exactly the requested number of indicators', () => {
    for (const n of [0, 1, 2, 7, 50, 333, 1000]) {
      const { text, data } = generateTable({ indicators: n, seed: n + 1 });
      expect(countIndicators(data)).toBe(n);
      expect(text.match(/^ *指标 /gm)?.length ?? 0).toBe(n);
    }
  });

  it('scales: 2,000 indicators ≈ 1 MB, 10,000 ≈ 5 MB', () => {
    const small = utf8Length(generateTable({ indicators: 2000, seed: 1 }).text);
    expect(small).toBeGreaterThan(0.6e6);
    expect(small).toBeLessThan(1.6e6);
    const big = utf8Length(generateTable({ indicators: 10000, seed: 1 }).text);
    expect(big / small).toBeGreaterThan(4.5);
    expect(big / small).toBeLessThan(5.5);
  });

  it('generateTableOfSize reaches about the requested size', () => {
    for (const bytes of [20_000, 300_000, 1_000_000]) {
      const r = generateTableOfSize(bytes, 5);
      const size = utf8Length(r.text);
      expect(Math.abs(size - bytes) / bytes).toBeLessThan(0.05);
      expect(countIndicators(r.data)).toBe(r.indicators);
    }
  });

  it('writes canonical layout: LF, trailing newline, 2-space levels, a blank line before each duty only', () => {
    const { text } = generateTable({ indicators: 500, seed: 9 });
    expect(text.includes('\r')).toBe(false);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    const lines = text.slice(0, -1).split('\n');
    lines.forEach((line, i) => {
      expect(line).toBe(line.trimEnd());
      const indent = line.length - line.trimStart().length;
      expect(indent % 2).toBe(0);
      if (line === '') expect(lines[i + 1]).toMatch(/^职责 /);
      if (line.startsWith('职责 ')) expect(lines[i - 1]).toBe('');
    });
  });

  it('English keywords give the same data', () => {
    const zh = generateTable({ indicators: 200, seed: 3 });
    const en = generateTable({ indicators: 200, seed: 3, english: true });
    expect(en.data).toEqual(zh.data);
    expect(en.text).toMatch(/^ *indicator /m);
    expect(en.text).not.toMatch(/^ *指标 /m);
  });

  it('exercises the realistic forms: 事项, continuations, comments, overrides, value forms', () => {
    const { text } = generateTable({ indicators: 2000, seed: 1 });
    for (const re of [/^ {2}事项 /m, /^ +\+ /m, /^ +# /m, /^ {8}活动 /m, /^ +科室 .*\n +科室 /m, /^ +备注 /m, /^ +备注$/m]) expect(text).toMatch(re);
    for (const v of [/指标值 100%$/m, /指标值 ≥\d+%$/m, /指标值 \d+次$/m, /指标值 \d+份以上$/m, /万元?$/m, /指标值 [\d.]+亿元$/m, /指标值 ≤\d+小时$/m, /公众号：\d+期；抖音：\d+条/, / \/$/m, /指标值 有效加强$/m]) {
      expect(text).toMatch(v);
    }
  });
});

describe('generated tables parse', () => {
  it.each([
    ['zh', 1, false],
    ['zh', 2, false],
    ['en', 3, true],
  ] as const)('%s, seed %i: zero errors, AST equals data', (_name, seed, english) => {
    const { text, data } = generateTable({ indicators: 1500, seed, english });
    const { ast, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(plain(tableData(ast))).toEqual(plain(data));
  });

  it.each([
    [5, false],
    [6, true],
  ] as const)('seed %i (english %s): formatting is a no-op', (seed, english) => {
    const { text } = generateTable({ indicators: 800, seed, english });
    const result = formatTable(text, parse(text));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text).toBe(text);
  });

  it('values read as intended: every kind, no malformed value, no unknown unit', () => {
    const { text } = generateTable({ indicators: 2000, seed: 1 });
    const { ast } = parse(text);
    const kinds = new Set<string>();
    const problems: string[] = [];
    for (const d of ast.duties) {
      for (const o of [...d.objectives, ...d.items.flatMap((i) => i.objectives)]) {
        for (const ind of o.indicators) {
          for (const key of ['target', 'plan', 'standard', 'historyAverage', 'lastYear'] as const) {
            const v = ind[key]?.value;
            if (!v) continue;
            kinds.add(v.kind === 'quantity' ? `quantity/${v.dimension ?? 'dimensionless'}` : v.kind);
            if (v.kind === 'malformed') problems.push(`malformed: ${v.raw}`);
            if (v.kind === 'quantity' && !v.unitKnown) problems.push(`unknown unit: ${v.raw}`);
            if (v.kind === 'composite') for (const p of v.parts) if (!p.quantity.unitKnown) problems.push(`unknown unit: ${v.raw}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...kinds].sort()).toEqual(
      ['composite', 'none', 'qualitative', 'quantity/area', 'quantity/count', 'quantity/dimensionless', 'quantity/length', 'quantity/money', 'quantity/ratio', 'quantity/time'].sort(),
    );
  });

  it('a ~5 MB table parses with zero errors and all its indicators', () => {
    const { text, data, indicators } = generateTableOfSize(5_000_000, 1);
    const { ast, errors } = parse(text);
    expect(errors).toEqual([]);
    let n = 0;
    for (const d of ast.duties) {
      for (const o of d.objectives) n += o.indicators.length;
      for (const i of d.items) for (const o of i.objectives) n += o.indicators.length;
    }
    expect(n).toBe(indicators);
    expect(ast.duties.length).toBe(data.duties.length);
  }, 60_000);
});
