/**
 * The monitoring (绩效运行监控表) and self-evaluation (绩效自评表) reports of the lifecycle
 * example: the rows and totals (the worked example's scores), the HTML (no style attributes, for
 * the webview's CSP), Markdown, CSV and XLSX read back; the review report's target-vs-actual
 * charts and score; `ttab report --kind monitor|self-eval` as a user runs it; and no renderer
 * throwing on broken tables. The HTML in Chromium (print, hostile text): reportBrowser.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, parseRuleSettings } from '../service/index';
import { buildReportModel, lifecycleSheetLayout, lifecycleSheets, renderReport, renderReviewHtml, reviewOf, type ReportModel } from '../report/index';

const repo = path.resolve(__dirname, '..');
const FILE = 'examples/lifecycle/就业创业服务中心-2023.ttab';
const EXAMPLE = fs.readFileSync(path.join(repo, FILE), 'utf8');

function modelOf(text: string, file = FILE, rulesJson?: unknown): ReportModel {
  const settings = rulesJson ? parseRuleSettings(rulesJson).settings : undefined;
  const { parsed, findings } = analyze(text, settings ? { settings } : {});
  return buildReportModel([{ file, text, parsed, findings, ...(settings ? { settings } : {}) }]);
}

describe('绩效自评表', () => {
  const [sheet] = lifecycleSheets(modelOf(EXAMPLE), 'self-eval');

  it('one row per indicator with target, actual, completion, points and score: the worked example’s numbers', () => {
    expect(sheet!.rows.map((r) => [r.cells.indicator, r.cells.target, r.cells.actual, r.cells.rate, r.cells.points, r.cells.score])).toEqual([
      ['培训次数', '20次', '15次', '75%', '20', '15'],
      ['培训课程体系建设', '建成覆盖主要工种的培训课程体系', '建成覆盖12个工种的培训课程体系', '达成', '15', '14'],
      ['就业创业补贴平均办理时长', '≤5天', '4天', '125%', '15', '15'],
      ['带动就业人数', '300人', '240人', '80%', '30', '24'],
      ['服务对象满意度', '≥90%', '93%', '103.3%', '10', '10'],
      ['预算执行率', '100%', '95%', '95%', '10', '9.5'],
    ]);
  });

  it('the total and the grade; the duty cells merged over their indicators; missed and exceeded rows marked', () => {
    expect(sheet!.facts).toEqual([
      ['总分', '87.5'],
      ['评价等级', '良'],
    ]);
    expect(sheet!.totals[0]!.cells).toMatchObject({ indicator: '合计', points: '100', score: '87.5', deviation: '评价等级：良' });
    expect(sheet!.rows.map((r) => r.spans.duty)).toEqual([3, 0, 0, 2, 0, 1]);
    expect(sheet!.rows.map((r) => r.mark ?? '')).toEqual(['missed', '', 'exceeded', 'missed', '', 'missed']);
    expect(sheet!.rows[0]!.cells.deviation).toBe('偏差原因：经费保障：专项经费下达较晚，第四季度两期培训因场地改造取消\n改进措施：提前与财政沟通经费下达时间，培训场地提前预订');
  });

  it('the weights of .ttab/rules.json count: a 20 % deduction for far beyond → 就业创业补贴平均办理时长 12, total 84.5', () => {
    const [deducted] = lifecycleSheets(modelOf(EXAMPLE, FILE, { scoring: { exceededDeduction: 20 } }), 'self-eval');
    expect(deducted!.rows[2]!.cells.score).toBe('12');
    expect(deducted!.facts[0]).toEqual(['总分', '84.5']);
  });

  it('HTML: title, facts, rows with their lines, no style attribute (the webview allows styles by nonce only)', async () => {
    const html = (await renderReport(modelOf(EXAMPLE), 'self-eval', 'html', {})) as string;
    expect(html).toContain('<h1>就业创业服务中心部门预算整体绩效自评表（2023年度）</h1>');
    expect(html).toContain('<dt>总分</dt><dd>87.5</dd>');
    expect([...html.matchAll(/<tr data-line="(\d+)"/g)].map((m) => EXAMPLE.split('\n')[Number(m[1])]!.trim())).toEqual([
      '指标 培训次数',
      '指标 培训课程体系建设',
      '指标 就业创业补贴平均办理时长',
      '指标 带动就业人数',
      '指标 服务对象满意度',
      '指标 预算执行率',
    ]);
    expect(html).toContain('<td class="c-duty" rowspan="3">组织开展职业技能培训</td>');
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('@page { size: A4 landscape');
  });

  it('Markdown and CSV: every indicator; the CSV with a BOM, one record per indicator, readable back', async () => {
    const md = (await renderReport(modelOf(EXAMPLE), 'self-eval', 'md', {})) as string;
    expect(md).toContain('| 1 | 组织开展职业技能培训 | 培训次数 | 产出/数量 | 20次 | 15次 | 75% | 20 | 15 |');
    expect(md).toContain('|  |  | 合计 |');
    const csv = (await renderReport(modelOf(EXAMPLE), 'self-eval', 'csv', {})) as string;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parseCsv(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r['绩效指标'], r['得分']])).toEqual([
      ['培训次数', '15'],
      ['培训课程体系建设', '14'],
      ['就业创业补贴平均办理时长', '15'],
      ['带动就业人数', '24'],
      ['服务对象满意度', '10'],
      ['预算执行率', '9.5'],
    ]);
  });

  it('a cell that looks like a formula is neutralised in the CSV and the XLSX', async () => {
    const text = EXAMPLE.replace('偏差原因 推行容缺受理和网上办理，办理提速', '偏差原因 =HYPERLINK("http://x","y")');
    const csv = (await renderReport(modelOf(text), 'self-eval', 'csv', {})) as string;
    expect(csv).toContain(`偏差原因：=HYPERLINK`);
    const monitor = (await renderReport(modelOf(text.replace('改进措施 下半年每月加开两期培训', '改进措施 =1+1')), 'monitor', 'csv', {})) as string;
    expect(monitor).toContain("'=1+1");
    const bytes = (await renderReport(modelOf(text.replace('改进措施 下半年每月加开两期培训', '改进措施 =1+1')), 'monitor', 'xlsx', {})) as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    let guarded: ExcelJS.Cell | undefined;
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === '=1+1') guarded = cell;
    }));
    // kept as text in the Text format (and the quote prefix), as the official form's cells are
    expect(guarded?.numFmt).toBe('@');
  });

  it('XLSX: title, facts, header, rows and the total; duty cells merged; A4 landscape with the header frozen and repeated', async () => {
    const model = modelOf(EXAMPLE);
    const bytes = (await renderReport(model, 'self-eval', 'xlsx', {})) as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = workbook.worksheets[0]!;
    const layout = lifecycleSheetLayout(lifecycleSheets(model, 'self-eval')[0]!);
    expect(ws.getCell(1, 1).value).toBe('就业创业服务中心部门预算整体绩效自评表（2023年度）');
    expect(ws.getCell(layout.factsRow, 1).value).toBe('总分：87.5    评价等级：良');
    expect(ws.getCell(layout.headerRow, 9).value).toBe('得分');
    const scores = [0, 1, 2, 3, 4, 5].map((i) => ws.getCell(layout.bodyTop + i, 9).value);
    expect(scores).toEqual(['15', '14', '15', '24', '10', '9.5']);
    expect(ws.getCell(layout.bodyTop + 6, 9).value).toBe('87.5');
    expect(ws.model.merges).toEqual(expect.arrayContaining([`A${layout.bodyTop}:A${layout.bodyTop + 2}`, `B${layout.bodyTop + 3}:B${layout.bodyTop + 4}`]));
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: `${layout.headerRow}:${layout.headerRow}` });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: layout.headerRow });
  });
});

describe('绩效运行监控表', () => {
  const [sheet] = lifecycleSheets(modelOf(EXAMPLE), 'monitor');

  it('per indicator its latest point: date, value to date, progress against time, expected value, outlook, reason and measure', () => {
    const first = sheet!.rows[0]!;
    expect(first.cells).toMatchObject({
      indicator: '培训次数',
      asOf: '2023-07-31',
      toDate: '6次',
      progress: '30%',
      elapsed: '58.1%',
      expected: '16次',
      outlook: '有可能',
      reason: '经费保障：专项经费6月才下达，上半年的培训推迟',
      improvement: '下半年每月加开两期培训',
    });
    expect(first.mark).toBe('behind');
    expect(sheet!.rows[1]!.cells.toDate).toBe('');
  });

  it('budget execution beside the indicators (双监控), the date, the time elapsed and the points behind', () => {
    expect(sheet!.facts).toEqual([
      ['截至日期', '2023-07-31'],
      ['时间进度', '58.1%'],
      ['预算执行', '52%（年度目标 100%）'],
      ['已监控指标', '3/6'],
      ['进度滞后', '1'],
    ]);
  });

  it('the latest of several points is shown', () => {
    const text = EXAMPLE.replace('      监控 2023-07-31\n        累计完成值 6次', '      监控 2023-09-30\n        累计完成值 11次\n      监控 2023-07-31\n        累计完成值 6次');
    const [later] = lifecycleSheets(modelOf(text), 'monitor');
    expect([later!.rows[0]!.cells.asOf, later!.rows[0]!.cells.toDate, later!.rows[0]!.mark]).toEqual(['2023-09-30', '11次', undefined]);
  });

  it('HTML, Markdown and XLSX come out; a table without points lists its indicators with empty monitoring cells', async () => {
    for (const format of ['html', 'md', 'xlsx', 'csv'] as const) expect((await renderReport(modelOf(EXAMPLE), 'monitor', format, {})).length).toBeGreaterThan(100);
    const seed = fs.readFileSync(path.join(repo, 'examples', '投资促进局-2022.ttab'), 'utf8');
    const [plain] = lifecycleSheets(modelOf(seed, 'x.ttab'), 'monitor');
    expect(plain!.rows.every((r) => r.cells.toDate === '')).toBe(true);
    expect(plain!.facts[0]).toEqual(['截至日期', '—']);
  });
});

describe('the review report', () => {
  it('charts each target against its actual (and references), and shows the score per table and duty', () => {
    const model = modelOf(EXAMPLE);
    const review = reviewOf(model.tables[0]!);
    expect(review.charts.map((c) => [c.row.cells.indicator, c.bars.map((b) => `${b.key} ${b.raw}`)])).toEqual([
      ['培训次数', ['target 20次', 'actual 15次', 'lastYear 18次']],
      ['就业创业补贴平均办理时长', ['target ≤5天', 'actual 4天', 'standard 5天']],
      ['带动就业人数', ['target 300人', 'actual 240人', 'lastYear 280人']],
      ['服务对象满意度', ['target ≥90%', 'actual 93%', 'lastYear 89%']],
      ['预算执行率', ['target 100%', 'actual 95%', 'standard 100%']],
    ]);
    const html = renderReviewHtml(model, { locale: 'zh' });
    expect(html).toContain('<h3>绩效自评得分</h3>');
    expect(html).toContain('<tr><th scope="row">自评得分</th><td class="num">87.5 / 100</td></tr>');
    expect(html).toContain('<tr><td>1 组织开展职业技能培训</td><td class="num">44</td><td class="num">50</td></tr>');
    expect(html).toContain('aria-label="培训次数: 指标值 20次; 完成值 15次; 上年值 18次"');
  });
});

describe('ttab report --kind monitor|self-eval', () => {
  function ttab(cwd: string, ...args: string[]) {
    return spawnSync(process.execPath, [path.join(repo, 'bin', 'ttab.js'), 'report', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  }

  it('the self-evaluation in Markdown to stdout with the workspace’s scoring; XLSX needs -o; an existing output needs --force', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-lifecycle-report-'));
    try {
      fs.copyFileSync(path.join(repo, FILE), path.join(dir, 't.ttab'));
      const md = ttab(dir, '--kind', 'self-eval', '--format', 'md', 't.ttab');
      expect(md.status).toBe(0);
      expect(md.stdout).toContain('**总分** 87\\.5 · **评价等级** 良');
      fs.mkdirSync(path.join(dir, '.ttab'));
      fs.writeFileSync(path.join(dir, '.ttab', 'rules.json'), JSON.stringify({ scoring: { grades: { 优: 95, 良: 90, 中: 80 } } }));
      expect(ttab(dir, '--kind', 'self-eval', '--format', 'md', 't.ttab').stdout).toContain('**评价等级** 中');
      expect(ttab(dir, '--kind', 'monitor', '--format', 'xlsx', 't.ttab').status).toBe(2);
      expect(ttab(dir, '--kind', 'monitor', '--format', 'xlsx', '-o', 'm.xlsx', 't.ttab').status).toBe(0);
      const again = ttab(dir, '--kind', 'monitor', '--format', 'xlsx', '-o', 'm.xlsx', 't.ttab');
      expect([again.status, again.stderr]).toEqual([2, expect.stringContaining('--force')]);
      expect(ttab(dir, '--kind', 'yearly', 't.ttab').status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('no renderer throws on broken or random tables', () => {
  it('monitor and self-eval, every format', async () => {
    const pieces = fc.constantFrom('职责 1 甲\n', '  目标 乙\n', '    指标 丙\n', '      指标值 20次\n', '      完成值 15次\n', '      完成值 达成\n', '      分值 abc\n', '      得分 -3\n', '      监控 7月32日\n', '        累计完成值 6次\n', '        全年预计值 =1\n', '      达成情况 部分达成\n', '乱写\n', '部门 <b>\n');
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, { maxLength: 25 }), async (parts) => {
        const model = modelOf(parts.join(''), 'r.ttab');
        for (const kind of ['monitor', 'self-eval'] as const) for (const format of ['html', 'md', 'csv'] as const) await renderReport(model, kind, format, {});
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});
