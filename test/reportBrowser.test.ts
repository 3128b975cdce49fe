/**
 * The HTML reports in a real browser (Debian's Chromium driven by
 * playwright-core, a fresh profile, every network request refused): the form's
 * header as the official form draws it, a row per indicator, the merged cells
 * of an example table (spans computed here from the tree, not from the report
 * model), hostile table text that runs no script and shows literally, printing
 * to A4 landscape with the header on every page; and the screenshots of the
 * form and of the review report shown in the README.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIndicators, indicatorsOf, inherited, type IndicatorContext, type InheritedKey } from '../grammar/src/index';
import { analyze } from '../service/index';
import { buildReportModel, renderFormHtml, renderHtml, renderReviewHtml, type ReportModel } from '../report/index';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const repo = path.resolve(__dirname, '..');
const EXAMPLE_FILE = 'examples/投资促进局-2022.ttab';
const EXAMPLE = fs.readFileSync(path.join(repo, EXAMPLE_FILE), 'utf8');

function modelOf(file: string, text: string): ReportModel {
  const { parsed, findings } = analyze(text);
  return buildReportModel([{ file, text, parsed, findings }]);
}

/**
 * The few browser types the checks below use (the project compiles without the
 * DOM library); the functions that use them run inside the page.
 */
interface BrowserCell {
  textContent: string | null;
  rowSpan: number;
  colSpan: number;
}
interface BrowserRow {
  cells: Iterable<BrowserCell>;
  dataset: Record<string, string | undefined>;
  closest(selector: string): { querySelectorAll(selector: string): { length: number } } | null;
}
declare const window: { __pwned?: number };
declare const document: {
  querySelectorAll(selector: string): { length: number };
  body: { innerText: string };
  fonts: { check(font: string, text: string): boolean };
};
declare function getComputedStyle(element: unknown): { display: string; borderTopStyle: string };

let profile: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1500, height: 1000 },
  });
  // Nothing may be fetched: a report is self-contained.
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/**
 * Load a page in a fresh document: writing into the current one would keep its
 * Content Security Policy (a preview page's nonce policy would block the next page's styles).
 */
async function show(html: string): Promise<void> {
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'load' });
}

/** Each header row as `text rowspan×colspan` cells. */
async function headerRows(): Promise<string[][]> {
  return page.$$eval('table.form thead tr', (rows) =>
    rows.map((tr) => [...(tr as unknown as BrowserRow).cells].map((c) => `${c.textContent} ${c.rowSpan}x${c.colSpan}`)),
  );
}

/** The row spans of one column's cells, top to bottom. */
async function spans(column: string): Promise<number[]> {
  return page.$$eval(`table.form tbody td.c-${column}`, (cells) => cells.map((c) => (c as unknown as BrowserCell).rowSpan));
}

/** Lengths of the runs of consecutive indicators with the same key. */
function runs(contexts: readonly IndicatorContext[], key: (c: IndicatorContext) => object): number[] {
  const out: number[] = [];
  let previous: object | undefined;
  for (const c of contexts) {
    const k = key(c);
    if (k === previous) out[out.length - 1]!++;
    else out.push(1);
    previous = k;
  }
  return out;
}

/** An inherited column spans the indicators that take it from one outer level; an indicator's own value is its own cell. */
function inheritedOwner(key: InheritedKey): (c: IndicatorContext) => object {
  return (c) => {
    const { fields, from } = inherited(c, key);
    return from === null || from === 'indicator' ? {} : fields;
  };
}

describe('the HTML form in Chromium', () => {
  beforeAll(async () => {
    await show(renderFormHtml(modelOf(EXAMPLE_FILE, EXAMPLE)));
  });

  it('has the official header: four rows, 指标参考值 over 标准值 (规划值, 当年标准值: 标准值/来源) and 历史值 (前三年均值, 上年值, 来源)', async () => {
    expect(await headerRows()).toEqual([
      [
        '职责序号 4x1',
        '部门职责 4x2',
        '职责目标 4x1',
        '绩效指标 4x1',
        '指标解释 4x1',
        '年度指标值 4x1',
        '指标参考值 1x6',
        '备注（标准值和历史值均无的原因/其他需要说明的问题） 4x1',
        '工作活动 4x1',
        '预算项目 4x1',
        '对应科室 4x1',
      ],
      ['标准值（规划目标、行业标准或其他明确标准） 1x3', '历史值（统计年鉴/统计公报/内部统计/其他需明确的来源） 1x3'],
      ['规划值 2x1', '当年标准值 1x2', '前三年均值 2x1', '上年值 2x1', '来源 2x1'],
      ['标准值 1x1', '来源 1x1'],
    ]);
  });

  it('has one body row per indicator, each carrying its 指标 line', async () => {
    const { parsed } = analyze(EXAMPLE);
    const lines = await page.$$eval('table.form tbody tr', (rows) => rows.map((r) => Number((r as unknown as BrowserRow).dataset.line)));
    expect(lines).toHaveLength(countIndicators(parsed.ast));
    expect(lines).toEqual([...indicatorsOf(parsed.ast)].map((c) => c.indicator.name.keywordRange.start.line));
  });

  it('merges the cells of a duty, 事项, objective, activity, project and office over the rows they span', async () => {
    const contexts = [...indicatorsOf(analyze(EXAMPLE).parsed.ast)];
    expect(await spans('dutyNumber')).toEqual(runs(contexts, (c) => c.duty));
    expect(await spans('duty')).toEqual(runs(contexts, (c) => c.duty));
    expect(await spans('item')).toEqual(runs(contexts, (c) => c.item ?? c.duty));
    expect(await spans('objective')).toEqual(runs(contexts, (c) => c.objective));
    for (const key of ['activity', 'project', 'office'] as const) expect(await spans(key), key).toEqual(runs(contexts, inheritedOwner(key)));
    // the example's first duty: three 事项 rows under one duty cell and one office cell
    expect((await spans('duty'))[0]).toBe(3);
    expect((await spans('office'))[0]).toBe(3);
    // every row of the rendered grid has the full width: no cell missing or extra after the spans
    const widths = await page.$$eval('table.form tbody tr', (rows) => {
      const table = (rows[0] as unknown as BrowserRow).closest('table')!;
      const grid: number[] = rows.map(() => 0);
      rows.forEach((tr, r) => {
        for (const cell of [...(tr as unknown as BrowserRow).cells]) for (let k = 0; k < cell.rowSpan; k++) grid[r + k]! += cell.colSpan;
      });
      return { grid, columns: table.querySelectorAll('col').length };
    });
    expect(new Set(widths.grid)).toEqual(new Set([widths.columns]));
  });

  it('prints on A4 landscape with the header repeated on every page', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('table.form thead', (t) => getComputedStyle(t).display)).toBe('table-header-group');
    await page.emulateMedia({ media: 'screen' });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThan(1); // the example is longer than a page
    for (const box of boxes) expect(box).toEqual([842, 595]);
  });
});

describe('the self-evaluation and monitoring forms in Chromium', () => {
  const LIFECYCLE = fs.readFileSync(path.join(repo, 'examples', 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8');

  it.each(['self-eval', 'monitor'] as const)('the %s form prints on A4 landscape with its header on every page', async (kind) => {
    await show(renderHtml(modelOf('t.ttab', LIFECYCLE), kind, {}));
    expect(await page.$$eval('table.sheet tbody tr', (rows) => rows.length)).toBe(6);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('table.sheet thead', (t) => getComputedStyle(t).display)).toBe('table-header-group');
    await page.emulateMedia({ media: 'screen' });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toEqual([842, 595]);
  });

  it('the duty cells span their indicators, as in the model', async () => {
    await show(renderHtml(modelOf('t.ttab', LIFECYCLE), 'self-eval', {}));
    expect(await page.$$eval('table.sheet tbody td.c-duty', (cells) => cells.map((c) => (c as unknown as BrowserCell).rowSpan))).toEqual([3, 2, 1]);
    const shown = await page.evaluate(() => document.body.innerText);
    expect(shown).toContain('87.5');
  });
});

describe('hostile table text in Chromium', () => {
  const XSS = [
    '<script>window.__pwned=1</script>',
    '"><img src=x onerror="window.__pwned=1">',
    '</td></table><script>window.__pwned=1;alert(1)</script>',
    'javascript:window.__pwned=1',
    "<svg onload=\"window.__pwned=1\"></svg>",
  ];
  const text = `部门 ${XSS[0]}
年度 2022
职责 1 ${XSS[1]}
  科室 ${XSS[3]}
  目标 ${XSS[2]}
    指标 ${XSS[4]}
      解释 ${XSS[0]}
      指标值 ${XSS[1]}
      上年值 5次
      历史来源 ${XSS[2]}
    指标 ${XSS[2]}
      指标值 5次
      上年值 6次
      历史来源 内部统计
      监控 2022-07-31
        累计完成值 3次
        偏差原因 ${XSS[4]}
        改进措施 ${XSS[1]}
      完成值 4次
      分值 10
      偏差原因 ${XSS[0]}
      改进措施 ${XSS[3]}
`;

  // Each page with the texts it shows: the review shows the title, the file and indicator names, not every column.
  const pages: [string, (m: ReportModel) => string, string[]][] = [
    ['form', (m) => renderFormHtml(m), XSS],
    ['form preview', (m) => renderFormHtml(m, { forPreview: { nonce: 'abc', cspSource: 'https://example.invalid' } }), XSS],
    ['review', (m) => renderReviewHtml(m), [XSS[0]!, XSS[2]!, XSS[3]!]],
    ['self-evaluation', (m) => renderHtml(m, 'self-eval', {}), XSS],
    ['monitoring preview', (m) => renderHtml(m, 'monitor', { forPreview: { nonce: 'abc', cspSource: 'https://example.invalid' } }), [XSS[0]!, XSS[1]!, XSS[2]!, XSS[4]!]],
  ];

  it.each(pages)('the %s page runs no script, opens no dialog, fetches nothing, and shows the text literally', async (_, render, texts) => {
    const before = requests.length;
    await show(render(modelOf(`${XSS[3]}.ttab`, text)));
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.slice(before)).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('script, img, iframe, object, embed, [onerror], [onload]').length)).toBe(0);
    const shown = await page.evaluate(() => document.body.innerText);
    for (const s of texts) expect(shown).toContain(s);
    // links go to the table file, never to a script
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { protocol: string }).protocol));
    for (const protocol of hrefs) expect(protocol).not.toBe('javascript:');
  });
});

describe('screenshots', () => {
  it('of the form and of the review report (out/screenshots; docs/images with UPDATE_SCREENSHOTS=1)', async () => {
    // A test run leaves the committed pictures alone unless asked to refresh them.
    const images = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repo, 'docs', 'images') : path.join(repo, 'out', 'screenshots');
    fs.mkdirSync(images, { recursive: true });
    const model = modelOf(EXAMPLE_FILE, EXAMPLE);
    await page.setViewportSize({ width: 1500, height: 900 });
    await show(renderFormHtml(model));
    // Chinese text is drawn with a CJK font, not as boxes: the installed Noto CJK covers the form.
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '部门预算整体绩效目标表'))).toBe(true);
    // …and the form's inline styles apply (the ruled cells of the paper form).
    expect(await page.$eval('table.form td', (td) => getComputedStyle(td).borderTopStyle)).toBe('solid');
    await page.screenshot({ path: path.join(images, 'report-form.png'), fullPage: true });
    await show(renderReviewHtml(model));
    await page.screenshot({ path: path.join(images, 'report-review.png'), fullPage: true });
    for (const name of ['report-form.png', 'report-review.png']) {
      const png = fs.readFileSync(path.join(images, name));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(50_000);
    }
  });
});
