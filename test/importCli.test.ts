/**
 * `ttab import` as a user runs it: the built CLI on files in a temporary folder — one .ttab per
 * table named <部门>-<年度>.ttab, a summary, no overwriting without --force, and a clear message
 * with exit code 2 (nothing written) for what cannot be imported.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'bin', 'ttab.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-import-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function ttab(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const table = (department: string) =>
  [
    `# ${department}部门预算整体绩效目标表（2022年度）`,
    '职责序号\t部门职责\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
    '\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
    '1\t职责\t目标\t指标\t解释\t5次\t\t5次\t年度工作计划\t\t\t\t\t活动\t项目\t综合科',
  ].join('\n');

const files = () => fs.readdirSync(dir).sort();

describe('ttab import', () => {
  it('writes one .ttab per table beside the input, named <部门>-<年度>.ttab, and prints a summary', () => {
    fs.writeFileSync(path.join(dir, 'two.txt'), `${table('甲局')}\n\n${table('乙局')}\n`);
    const r = ttab(['import', 'two.txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files()).toEqual(['two.txt', '乙局-2022.ttab', '甲局-2022.ttab']);
    expect(r.stdout).toContain('甲局-2022.ttab: 1 职责 duties, 1 指标 indicators');
    expect(r.stdout).toMatch(/合计 \/ total: 2 表 tables, 2 职责 duties, 2 指标 indicators, \d+ 格已放置 cells placed, 0 格待核对 cells for review/);
    expect(fs.readFileSync(path.join(dir, '甲局-2022.ttab'), 'utf8')).toContain('部门 甲局\n年度 2022\n');
    // what ttab check and ttab fmt say of it
    expect(ttab(['fmt', '--check', '甲局-2022.ttab']).status).toBe(0);
  });

  it('-o OUT.ttab for one table, -o DIR for several', () => {
    fs.writeFileSync(path.join(dir, 'one.tsv'), table('甲局'));
    expect(ttab(['import', 'one.tsv', '-o', 'mine.ttab']).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'mine.ttab'))).toBe(true);
    fs.writeFileSync(path.join(dir, 'two.txt'), `${table('甲局')}\n${table('乙局')}\n`);
    expect(ttab(['import', 'two.txt', '-o', 'out']).status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['乙局-2022.ttab', '甲局-2022.ttab']);
    const r = ttab(['import', 'two.txt', '-o', 'x.ttab']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/-o must name a folder/);
  });

  it('never overwrites an existing file without --force, and then writes nothing at all', () => {
    fs.writeFileSync(path.join(dir, 'two.txt'), `${table('甲局')}\n${table('乙局')}\n`);
    fs.writeFileSync(path.join(dir, '乙局-2022.ttab'), 'mine\n');
    const r = ttab(['import', 'two.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/already exists: 乙局-2022\.ttab \(use --force/);
    expect(files()).toEqual(['two.txt', '乙局-2022.ttab']);
    expect(fs.readFileSync(path.join(dir, '乙局-2022.ttab'), 'utf8')).toBe('mine\n');
    expect(ttab(['import', 'two.txt', '--force']).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, '乙局-2022.ttab'), 'utf8')).toContain('部门 乙局');
  });

  it.each([
    ['empty.tsv', '', /empty\.tsv:1: .*the file is empty/],
    ['binary.txt', Buffer.from([0x31, 0x0a, 0x00, 0x01, 0x02]), /binary\.txt:2: .*not a text file/],
    ['noheader.txt', '# 甲局部门预算整体绩效目标表（2022年度）\n1\t职责\t目标\t指标\n', /noheader\.txt:2: .*no header row/],
    ['broken.xlsx', 'PK\u0003\u0004 not a zip', /broken\.xlsx: .*cannot read the XLSX workbook/],
  ])('%s: a clear message naming the file and the line, exit 2, nothing written', (name, content, message) => {
    fs.writeFileSync(path.join(dir, name), content);
    const r = ttab(['import', name]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(files()).toEqual([name]);
  });

  it('a workbook with one cell at XFD1048576 (issue 14): exit 2 at once, naming the cell, nothing written', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('S').getCell('XFD1048576').value = 'x';
    book.worksheets[0]!.getCell('A1').value = '甲局部门预算整体绩效目标表（2022年度）';
    fs.writeFileSync(path.join(dir, 'far.xlsx'), new Uint8Array(await book.xlsx.writeBuffer()));
    const r = ttab(['import', 'far.xlsx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'ttab: 无法导入，未写入任何文件 / cannot import; nothing was written\n' +
        'far.xlsx:1048576: 工作表 S，第 1048576 行：单元格 XFD1048576 超出导入范围（最多 100,000 行、1,000 列）；请删除表格以外的内容后再导入 / ' +
        'sheet S, line 1048576: cell XFD1048576 lies outside the import limits (at most 100,000 rows and 1,000 columns); delete what lies outside the table and import again\n',
    );
    expect(files()).toEqual(['far.xlsx']);
  });

  it('an input over the size limit, and one that is not a regular file, are not read at all', () => {
    // 1 GB on disk but sparse: reading it would take seconds and a gigabyte; the size alone refuses it
    fs.writeFileSync(path.join(dir, 'huge.csv'), '');
    fs.truncateSync(path.join(dir, 'huge.csv'), 1024 * 1024 * 1024);
    const huge = ttab(['import', 'huge.csv']);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toContain('huge.csv: 文件过大（1024 MB），导入上限为 32 MB / the file is too large (1024 MB); the import limit is 32 MB\n');
    const zero = ttab(['import', '/dev/zero']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('/dev/zero: 不是普通文件（设备、FIFO 或文件夹），无法导入 / not a regular file (a device, a FIFO or a folder); cannot import it\n');
    expect(files()).toEqual(['huge.csv']);
  });

  it('a missing input file', () => {
    const r = ttab(['import', 'nope.xlsx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read nope\.xlsx \(ENOENT\)/);
  });
});
