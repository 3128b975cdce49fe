/**
 * `ttab report` as a user runs it: the built bundle (bin/ttab.js) in a child
 * process, on files in a temporary folder — outputs to stdout or a file,
 * several tables in one report, an existing output replaced only with --force
 * and only whole, unwritable paths and bad arguments (exit 2, both languages),
 * a table with errors still reported (exit 1).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'bin', 'ttab.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-report-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function ttab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'report', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const GOOD = '部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 5次\n      标准值 5次\n      标准来源 年度工作计划\n';
const OTHER = GOOD.replace('部门 甲', '部门 戊');
const BROKEN = '部门 坏\n年度 2022\n职责 1 乙\n  目标 丙\n    指标 丁\n      备注 暂无\n';

describe('ttab report', () => {
  it('writes the HTML form to stdout by default and exits 0 for a table without errors', () => {
    write('t/a.ttab', GOOD);
    const r = ttab('t/a.ttab');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain('<h1>甲部门预算整体绩效目标表（2022年度）</h1>');
    expect(r.stdout).toContain('<tr data-line="5">');
  });

  it('a folder gives one report with a section per table', () => {
    write('t/a.ttab', GOOD);
    write('t/sub/b.ttab', OTHER);
    const r = ttab('--format', 'md', 't');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('## 甲部门预算整体绩效目标表（2022年度）');
    expect(r.stdout).toContain('## 戊部门预算整体绩效目标表（2022年度）');
  });

  it('CSV to stdout: BOM, header, a record per indicator', () => {
    write('a.ttab', GOOD);
    const r = ttab('--format', 'csv', 'a.ttab');
    expect(r.stdout.startsWith('\ufeff部门,年度,职责序号')).toBe(true);
    const records: string[][] = parseCsv(r.stdout, { bom: true });
    expect(records).toHaveLength(2);
    expect(records[1]!.slice(0, 7)).toEqual(['甲', '2022', '1', '乙', '', '丙', '丁']);
  });

  it('XLSX needs -o; with it, one sheet per table', async () => {
    write('a.ttab', GOOD);
    write('b.ttab', OTHER);
    const refused = ttab('--format', 'xlsx', 'a.ttab');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('XLSX 报表需要用 -o 指定输出文件 / an XLSX report needs an output file: -o OUT');
    const r = ttab('--format', 'xlsx', '-o', 'out/form.xlsx', 'a.ttab', 'b.ttab');
    expect(r.status).toBe(2); // the folder out/ does not exist
    expect(r.stderr).toContain('cannot write out/form.xlsx');
    fs.mkdirSync(path.join(dir, 'out'));
    const ok = ttab('--format', 'xlsx', '-o', 'out/form.xlsx', 'a.ttab', 'b.ttab');
    expect(ok).toMatchObject({ status: 0, stdout: '已生成 / wrote out/form.xlsx\n' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'out/form.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['甲2022', '戊2022']);
  });

  it('an existing output is replaced only with --force, completely, leaving no temporary file', () => {
    write('a.ttab', GOOD);
    write('report.html', 'keep me');
    const refused = ttab('-o', 'report.html', 'a.ttab');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('report.html 已存在；加 --force 覆盖 / report.html already exists; add --force to replace it');
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe('keep me');
    expect(ttab('-o', 'report.html', '--force', 'a.ttab').status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('甲部门预算整体绩效目标表');
    expect(fs.readdirSync(dir).sort()).toEqual(['a.ttab', 'report.html']);
  });

  it('a path that cannot be written: a clear message in both languages, exit 2, nothing written', () => {
    write('a.ttab', GOOD);
    const underFile = ttab('-o', 'a.ttab/report.html', 'a.ttab');
    expect(underFile.status).toBe(2);
    expect(underFile.stderr).toMatch(/^ttab: 无法写入 .*report\.html：.* \/ cannot write .*report\.html: /);
    expect(underFile.stderr).not.toContain('    at '); // no stack trace
    const folder = ttab('-o', '.', 'a.ttab');
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('. 是文件夹，请给出文件名 / . is a folder; give a file name');
  });

  it('a table with errors still gets its report, errors first, links relative to the output; exit 1', () => {
    write('t/bad.ttab', BROKEN);
    fs.mkdirSync(path.join(dir, 'out'));
    const r = ttab('--lang', 'en', '-o', 'out/r.html', 't/bad.ttab');
    expect(r.status).toBe(1);
    const html = fs.readFileSync(path.join(dir, 'out/r.html'), 'utf8');
    expect(html.indexOf('class="errors"')).toBeLessThan(html.indexOf('<table class="form">'));
    expect(html).toContain('<a href="../t/bad.ttab#L5">t/bad.ttab:5</a> <span class="severity">error</span> <code>TT102</code>');
  });

  it('the review report in Markdown; bad combinations and values are refused with exit 2', () => {
    write('a.ttab', GOOD);
    const review = ttab('--kind', 'review', '--format', 'md', '--lang', 'zh', 'a.ttab');
    expect(review.status).toBe(0);
    expect(review.stdout).toContain('# 绩效目标表审核报告');
    expect(ttab('--kind', 'review', '--format', 'xlsx', 'a.ttab')).toMatchObject({ status: 2, stderr: expect.stringContaining('the review report is html or md, not xlsx') });
    expect(ttab('--format', 'pdf', 'a.ttab')).toMatchObject({ status: 2, stderr: expect.stringContaining('--format must be html, xlsx, md or csv, not pdf') });
    expect(ttab()).toMatchObject({ status: 2, stderr: expect.stringContaining('report needs at least one path') });
    expect(ttab('missing.ttab')).toMatchObject({ status: 2, stderr: expect.stringContaining('no such file or folder: missing.ttab') });
  });
});
