/**
 * The editor features of the later stages, on the lifecycle example and small tables (`|` marks
 * the cursor): inlay hints after actuals and monitoring values, code lenses on the table and its
 * duties (and none on the nine examples), hover on an actual explaining its score, completion of
 * the new fields and of the band, outlook and as-of words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, Hover, TextEdit } from 'vscode-languageserver-types';
import { defaultUnitCatalog, parse } from '../grammar/src/index';
import { DocumentStore } from '../server/src/documents';
import { codeLenses, complete, createContext, DEFAULT_SETTINGS, hover, inlayHints, parseRuleSettings, type Locale } from '../service/index';
import { documentOf, withCursor } from './support/cursor';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const EXAMPLE = fs.readFileSync(path.join(examplesDir, 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8');
const SEEDS = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8'));
const zh = createContext({ locale: 'zh' });
const en = createContext({ locale: 'en' });

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the text`);
  return text.slice(0, at).split('\n').length - 1;
}

function hintsOf(text: string, locale: Locale): Map<number, string> {
  const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  const hints = inlayHints(documentOf(text), parse(text), whole, locale === 'zh' ? zh : en);
  return new Map(hints.map((h) => [h.position.line, String(h.label)]));
}

describe('inlay hints', () => {
  it('after each actual: its completion and its score of the points (zh)', () => {
    const hints = hintsOf(EXAMPLE, 'zh');
    expect(hints.get(lineOf(EXAMPLE, '完成值 15次'))).toBe('完成率 75% · 15/20 分');
    expect(hints.get(lineOf(EXAMPLE, '完成值 4天'))).toBe('完成率 125% · 超额较多 · 15/15 分');
    expect(hints.get(lineOf(EXAMPLE, '完成值 240人'))).toBe('完成率 80% · 24/30 分');
    expect(hints.get(lineOf(EXAMPLE, '完成值 95%'))).toBe('执行率 95% · 9.5/10 分');
    expect(hints.get(lineOf(EXAMPLE, '达成情况 达成'))).toBe('达成 · 14/15 分');
  });

  it('after a 累计完成值: progress against the time elapsed (en)', () => {
    const hints = hintsOf(EXAMPLE, 'en');
    expect(hints.get(lineOf(EXAMPLE, '累计完成值 6次'))).toBe('30% done, 58.1% of the year, behind');
    expect(hints.get(lineOf(EXAMPLE, '累计完成值 150人'))).toBe('50% done, 58.1% of the year');
    expect(hints.get(lineOf(EXAMPLE, '累计完成值 52%'))).toBe('52% done, 58.1% of the year');
  });

  it('only for the requested range', () => {
    const line = lineOf(EXAMPLE, '完成值 240人');
    const hints = inlayHints(documentOf(EXAMPLE), parse(EXAMPLE), { start: { line, character: 0 }, end: { line, character: 40 } }, zh);
    expect(hints.map((h) => h.position.line)).toEqual([line]);
  });

  it('none on the nine examples (no actuals)', () => {
    for (const text of SEEDS) expect(hintsOf(text, 'zh').size).toBe(0);
  });
});

describe('code lenses', () => {
  it('the table: score, grade, nothing missing; each duty: its score of its points (zh)', () => {
    const lenses = codeLenses(documentOf(EXAMPLE), parse(EXAMPLE), zh, { reportCommand: 'targetTable.generateReport' });
    expect(lenses.map((l) => [l.range.start.line, l.command?.title])).toEqual([
      [lineOf(EXAMPLE, '部门 '), '自评得分 87.5 · 良 · 6 个指标均已评分'],
      [lineOf(EXAMPLE, '职责 1'), '得分 44/50'],
      [lineOf(EXAMPLE, '职责 2'), '得分 34/40'],
      [lineOf(EXAMPLE, '职责 3'), '得分 9.5/10'],
    ]);
    expect(lenses[0]!.command).toMatchObject({ command: 'targetTable.generateReport', arguments: [{ kind: 'self-eval' }] });
    expect(lenses[1]!.command?.command).toBe('');
  });

  it('missing actuals are counted, in English too', () => {
    const text = EXAMPLE.replace('      完成值 240人\n', '');
    const lenses = codeLenses(documentOf(text), parse(text), en);
    expect(lenses.map((l) => l.command?.title)).toEqual(['self-evaluation 63.5 · fair (中) · 1 without actual', 'score 44/50', 'score 10/40 · 1 without actual', 'score 9.5/10']);
  });

  it('during the year, before any actual: the monitoring date and the points behind', () => {
    const midYear = EXAMPLE.split('\n').filter((l) => !/^ {6}(完成值|分值|得分|达成情况|偏差原因|改进措施) /.test(l)).join('\n');
    const lenses = codeLenses(documentOf(midYear), parse(midYear), zh);
    expect(lenses.map((l) => l.command?.title)).toEqual(['监控 2023-07-31：3 个监控点，进度滞后 1', '监控 2023-07-31：1 个监控点，进度滞后 1', '监控 2023-07-31：1 个监控点', '监控 2023-07-31：1 个监控点']);
  });

  it('kept per duty across edits: after each, the lenses are those of the text opened afresh (scores, year, scoring settings)', () => {
    const midYear = EXAMPLE.split('\n').filter((l) => !/^ {6}(完成值|分值|得分|达成情况|偏差原因|改进措施) /.test(l)).join('\n');
    // As-of dates without a year take the table's.
    const noYear = midYear.replaceAll('监控 2023-07-31', '监控 7月31日');
    const deducting = createContext({ locale: 'zh', settings: parseRuleSettings({ scoring: { exceededAt: 100, exceededDeduction: 50 } }).settings });
    const lenient = createContext({ locale: 'zh', settings: parseRuleSettings({ scoring: { monitoringLag: 60 } }).settings });
    // Each step: the text to find, what replaces it, and the context asked with.
    const steps: [string, string, string, typeof zh][] = [
      [EXAMPLE, '      完成值 240人\n', '', zh],
      [EXAMPLE, '职责 3', '# 新增\n职责 3', zh],
      [EXAMPLE, '年度 2023', '年度 2023', deducting],
      [noYear, '年度 2023', '年度 未定', zh],
      [midYear, '年度 2023', '年度 2023', lenient],
    ];
    const lensesOf = (document: Parameters<typeof codeLenses>[0], parsed: Parameters<typeof codeLenses>[1], ctx: typeof zh) => codeLenses(document, parsed, ctx).map((l) => [l.range.start.line, l.command?.title]);
    for (const [text, find, replace, ctx] of steps) {
      const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
      const uri = 'file:///lens.ttab';
      let open = store.open(uri, 'target-table', 1, text);
      const before = lensesOf(open.document, open.parsed, zh);
      const start = open.document.positionAt(text.indexOf(find));
      const end = open.document.positionAt(text.indexOf(find) + find.length);
      open = store.change(uri, 2, [{ range: { start, end }, text: replace }])!;
      const after = lensesOf(open.document, open.parsed, ctx);
      const fresh = open.document.getText();
      expect(after).toEqual(lensesOf(documentOf(fresh), parse(fresh), ctx));
      expect(after).not.toEqual(before);
    }
  });

  it('none on the nine examples', () => {
    for (const text of SEEDS) expect(codeLenses(documentOf(text), parse(text), zh)).toEqual([]);
  });
});

function hoverText(input: string, locale: Locale = 'zh', rulesJson?: unknown): string {
  const { text, position, document } = withCursor(input);
  const ctx = createContext({ locale, ...(rulesJson ? { settings: parseRuleSettings(rulesJson).settings } : {}) });
  const h = hover(document, parse(text), position, ctx) as Hover | null;
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

describe('hover', () => {
  const cursorAt = (needle: string, offset = 1) => {
    const at = EXAMPLE.indexOf(needle) + needle.indexOf(' ') + 1 + offset;
    return EXAMPLE.slice(0, at) + '|' + EXAMPLE.slice(at);
  };

  it('on an actual: the value, the completion and the formula of its score', () => {
    const text = hoverText(cursorAt('完成值 240人'));
    expect(text).toContain('计分方法：越大越好');
    expect(text).toContain('完成率：80%');
    expect(text).toContain('得分：30 × 80% = **24**');
  });

  it('less is better and exceeded, in English', () => {
    const text = hoverText(cursorAt('完成值 4天', 0), 'en');
    expect(text).toContain('method: less is better');
    expect(text).toContain('completion: 125%');
    expect(text).toContain('at least 120 % of the target: it was probably set too low');
    expect(text).toContain('score: 15 × 100% = **15**');
  });

  it('a deduction set in .ttab/rules.json shows in the formula', () => {
    const text = hoverText(cursorAt('完成值 4天', 0), 'zh', { scoring: { exceededDeduction: 20 } });
    expect(text).toContain('扣分值的 20%');
    expect(text).toContain('得分：15 × 80% = **12**');
  });

  it('on 达成情况 and 得分 of a qualitative indicator: the band', () => {
    expect(hoverText(cursorAt('达成情况 达成', 0))).toContain('达成情况：达成 → 分值的 80–100%');
    expect(hoverText(cursorAt('得分 14', 0))).toContain('得分 14（评价人在分档内确定）');
  });

  it('on a 累计完成值: progress against the time elapsed', () => {
    const text = hoverText(cursorAt('累计完成值 6次', 0));
    expect(text).toContain('时间进度：58.1%');
    expect(text).toContain('完成进度：30%');
    expect(text).toContain('落后时间进度超过 20 个百分点');
  });

  it('on the keywords: what the field asks for', () => {
    expect(hoverText(EXAMPLE.replace('      分值 20', '      分|值 20'), 'en')).toContain('The points of a category add up to its weight');
    expect(hoverText(EXAMPLE.replace('      监控 2023-07-31\n        累计完成值 6次', '      监|控 2023-07-31\n        累计完成值 6次'), 'zh')).toContain('一个监控点');
  });
});

function labels(input: string): CompletionItem[] {
  const { text, position, document } = withCursor(input);
  return complete(document, parse(text), position, zh).items;
}

function applied(input: string, label: string): string {
  const { text } = withCursor(input);
  const item = labels(input).find((i) => i.label === label);
  if (!item) throw new Error(`no completion ${label}: ${labels(input).map((i) => i.label).join(' ')}`);
  const edit = item.textEdit as TextEdit;
  const document = documentOf(text);
  return text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
}

describe('completion', () => {
  const head = '部门 甲\n年度 2023\n\n职责 1 乙\n  目标 丙\n    指标 培训次数\n      指标值 20次\n';

  it('the self-evaluation fields and 监控 in an indicator; the point’s own fields only below a 监控', () => {
    const inIndicator = labels(`${head}      |`).map((i) => i.label);
    expect(inIndicator).toEqual(expect.arrayContaining(['完成值', '分值', '得分', '达成情况', '偏差原因', '改进措施', '监控']));
    expect(inIndicator).not.toContain('累计完成值');
    const inPoint = labels(`${head}      监控 2023-07-31\n        累计完成值 6次\n        |`).map((i) => i.label);
    expect(inPoint).toEqual(expect.arrayContaining(['全年预计值', '完成可能性', '偏差原因', '改进措施', '完成值']));
    expect(inPoint).not.toContain('累计完成值');
  });

  it('a field given already is not offered again (the point’s 偏差原因 is its own)', () => {
    const text = `${head}      完成值 15次\n      偏差原因 经费\n      监控 2023-07-31\n        |`;
    const offered = labels(text).map((i) => i.label);
    expect(offered).toContain('偏差原因');
    expect(offered).not.toContain('完成值');
  });

  it('the band words after 达成情况, the official phrase too', () => {
    expect(applied(`${head}      达成情况 部|`, '部分达成').endsWith('达成情况 部分达成')).toBe(true);
    expect(labels(`${head}      达成情况 |`).map((i) => i.label)).toEqual(expect.arrayContaining(['达成', '部分达成', '未达成', '达成年度指标', '未达成年度指标且效果较差']));
  });

  it('the outlooks after 完成可能性, the reason categories after 偏差原因, the usual dates after 监控', () => {
    expect(labels(`${head}      监控 2023-07-31\n        完成可能性 |`).map((i) => i.label)).toEqual(['确定能', '有可能', '完全不可能']);
    expect(labels(`${head}      偏差原因 |`).map((i) => i.label)).toEqual(expect.arrayContaining(['经费保障：', '人员保障：']));
    expect(labels(`${head}      监控 |`).map((i) => i.label)).toEqual(['2023-06-30', '2023-07-31', '2023-09-30']);
  });

  it('units after the number of a 完成值, as after a 指标值', () => {
    expect(labels(`${head}      完成值 15|`).map((i) => i.label)).toContain('次');
  });
});
