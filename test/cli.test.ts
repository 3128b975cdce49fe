/**
 * The `ttab` CLI as a user runs it: the built bundle (dist/cli.js through
 * bin/ttab.js) in a child process, on files in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'bin', 'ttab.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function ttab(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const GOOD = '部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 5次\n      标准值 5次\n      标准来源 年度工作计划\n';
const BROKEN = '部门 甲\n职责 1 乙\n  这一行坏了\n  目标 丙\n  指标值 5次\n';

describe('ttab check', () => {
  it('exits 0 and prints nothing for a table without errors', () => {
    write('good.ttab', GOOD);
    expect(ttab(['check', 'good.ttab'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    write('bad.ttab', BROKEN);
    const r = ttab(['check', 'bad.ttab']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^bad\.ttab:3:3 error TT002 Unknown line '这一行坏了'/);
    expect(lines[1]).toMatch(/^bad\.ttab:4:3 warning TT119 The objective has no indicator/);
    expect(lines[2]).toMatch(/^bad\.ttab:5:3 error TT003 Field '指标值' belongs to an indicator/);
  });

  it('speaks Chinese with --lang zh or a zh locale', () => {
    write('bad.ttab', BROKEN);
    expect(ttab(['check', '--lang', 'zh', 'bad.ttab']).stdout).toContain('无法识别的行');
    expect(ttab(['check', 'bad.ttab'], { LANG: 'zh_CN.UTF-8' }).stdout).toContain('无法识别的行');
  });

  it('recurses into folders for *.ttab only', () => {
    write('a/one.ttab', GOOD);
    write('a/b/two.ttab', BROKEN);
    write('a/notes.txt', '乱写');
    const r = ttab(['check', 'a']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(path.join('a', 'b', 'two.ttab'));
    expect(r.stdout).not.toContain('notes.txt');
  });

  it('--format json gives every finding with positions and both languages', () => {
    write('bad.ttab', BROKEN);
    const r = ttab(['check', '--format', 'json', 'bad.ttab']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toHaveLength(1);
    expect(json[0].file).toBe('bad.ttab');
    expect(json[0].findings.map((f: { code: string; line: number; column: number }) => [f.code, f.line, f.column])).toEqual([
      ['TT002', 3, 3],
      ['TT119', 4, 3],
      ['TT003', 5, 3],
    ]);
    expect(json[0].findings[0].message.zh).toContain('无法识别的行');
  });

  it('--format github prints workflow annotations', () => {
    write('bad.ttab', BROKEN);
    const r = ttab(['check', '--format', 'github', 'bad.ttab']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^::error file=bad\.ttab,line=3,col=3,endLine=3,endColumn=8,title=TT002::TT002 Unknown line/);
  });

  it('a missing path is a usage error: exit 2, bilingual message, no stack trace', () => {
    const r = ttab(['check', 'nope.ttab']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('找不到路径 nope.ttab');
    expect(r.stderr).toContain('no such file or folder: nope.ttab');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a binary file is reported, other files are still checked, exit 2', () => {
    write('bin.ttab', Buffer.from([0x00, 0xff, 0x10, 0x00]));
    write('bad.ttab', BROKEN);
    const r = ttab(['check', 'bin.ttab', 'bad.ttab']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bin.ttab is not a text file');
    expect(r.stdout).toContain('bad.ttab:3:3 error TT002');
  });

  it.each([
    [['frobnicate'], 'unknown command frobnicate'],
    [['check'], 'check needs at least one path'],
    [['check', '--format', 'xml', 'x.ttab'], '--format must be text, json or github'],
    [['check', '--bogus', 'x.ttab'], 'bad arguments'],
    [['export', 'a.ttab'], 'export needs --format json'],
  ])('usage error %j → exit 2 with a clear message', (args, message) => {
    const r = ttab(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('reads extra units from the workspace .ttab/units.json', () => {
    write('.git/HEAD', 'ref: refs/heads/main\n');
    write('ws/.ttab/units.json', JSON.stringify([{ unit: '艘次', dimension: 'count', factor: 1 }]));
    write('ws/t.ttab', '职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 30艘次\n      上年值 28艘次\n      历史来源 内部统计\n');
    const r = ttab(['export', '--format', 'json', 'ws/t.ttab']);
    expect(r.status).toBe(0);
    const target = JSON.parse(r.stdout).duties[0].objectives[0].indicators[0].target;
    expect(target).toMatchObject({ kind: 'quantity', unit: '艘次', unitKnown: true });
    const without = write('other/t.ttab', '职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 30艘次\n      上年值 28艘次\n      历史来源 内部统计\n');
    const r2 = ttab(['export', '--format', 'json', path.relative(dir, without)]);
    expect(JSON.parse(r2.stdout).duties[0].objectives[0].indicators[0].target.unitKnown).toBe(false);
    expect(r2.status).toBe(1); // TT104 unknown unit, an error
  });

  it('applies rule severities from the workspace .ttab/rules.json, like the editor settings', () => {
    write('.git/HEAD', 'ref: refs/heads/main\n');
    const table = '职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 有效加强\n      标准值 有效加强\n      标准来源 年度工作计划\n';
    write('plain/t.ttab', table);
    expect(ttab(['check', 'plain/t.ttab']).stdout).toContain('warning TT109');
    write('ws/.ttab/rules.json', JSON.stringify({ TT109: 'off' }));
    write('ws/t.ttab', table);
    expect(ttab(['check', 'ws/t.ttab']).stdout).not.toContain('TT109');
    write('ws2/.ttab/rules.json', JSON.stringify({ TT109: 'error' }));
    write('ws2/t.ttab', table);
    const r = ttab(['check', 'ws2/t.ttab']);
    expect(r.stdout).toContain('error TT109');
    expect(r.status).toBe(1);
  });

  it('a malformed workspace units file is a clear error naming the file', () => {
    write('.git/HEAD', 'ref: refs/heads/main\n');
    write('ws/.ttab/units.json', '{ not json');
    write('ws/t.ttab', GOOD);
    const r = ttab(['check', 'ws/t.ttab']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(path.join('.ttab', 'units.json'));
    expect(r.stderr).toContain('is not valid JSON');
  });
});

describe('ttab fmt', () => {
  const MESSY = '部门 甲\n年度 2022\n职责 1 乙\n目标 丙\n指标 丁\n指标值   5次   \n';
  const TIDY = '部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 5次\n';

  it('rewrites a file in place, canonical, and says so', () => {
    const file = write('t.ttab', MESSY);
    const r = ttab(['fmt', 't.ttab']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('formatted t.ttab');
    expect(fs.readFileSync(file, 'utf8')).toBe(TIDY);
    expect(fs.readdirSync(dir)).toEqual(['t.ttab']); // no temporary file left behind
  });

  it('leaves a formatted file alone', () => {
    const file = write('t.ttab', TIDY);
    const before = fs.statSync(file).mtimeMs;
    const r = ttab(['fmt', 't.ttab']);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('--check lists unformatted files, exits 1 and writes nothing', () => {
    write('a.ttab', MESSY);
    write('b.ttab', TIDY);
    const r = ttab(['fmt', '--check', '.']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('a.ttab\n');
    expect(fs.readFileSync(path.join(dir, 'a.ttab'), 'utf8')).toBe(MESSY);
  });

  it('refuses a file with syntax errors and leaves it untouched', () => {
    const file = write('bad.ttab', BROKEN);
    const r = ttab(['fmt', 'bad.ttab']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.ttab has syntax errors; not formatted (file left untouched)');
    expect(r.stderr).toContain('bad.ttab:3:3 error TT002');
    expect(fs.readFileSync(file, 'utf8')).toBe(BROKEN);
  });
});

describe('ttab export', () => {
  it('prints the model with every field, raw and normalized values, inheritance resolved', () => {
    write(
      't.ttab',
      '部门 甲\n年度 2022\n职责 1 乙\n  科室 综合科\n  目标 丙\n    指标 丁\n      类别 产出/数量\n      指标值 1000份以上\n      上年值 ≥1000份\n      历史来源 内部统计\n',
    );
    const r = ttab(['export', '--format', 'json', 't.ttab']);
    expect(r.status).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model).toMatchObject({ format: 'ttab-export', department: '甲', year: 2022 });
    expect(model.findings.map((f: { code: string }) => f.code)).toEqual(['TT120', 'TT132']); // categories given, no 效益 and no 满意度 indicator (info)
    const indicator = model.duties[0].objectives[0].indicators[0];
    expect(indicator).toMatchObject({
      name: '丁',
      line: 6,
      category: { raw: '产出/数量', level1: '产出', level2: '数量' },
      historySource: '内部统计',
      offices: [],
      effective: { offices: ['综合科'], activities: [], projects: [] },
    });
    expect(indicator.target).toMatchObject({ raw: '1000份以上', kind: 'quantity', normalized: { comparator: '≥', value: 1000, unit: '份' } });
    expect(indicator.target.normalized).toEqual(indicator.lastYear.normalized);
  });

  it('a table with errors still exports what was read, lists the errors, exits 1', () => {
    write('bad.ttab', BROKEN);
    const r = ttab(['export', '--format', 'json', 'bad.ttab']);
    expect(r.status).toBe(1);
    const model = JSON.parse(r.stdout);
    expect(model.duties[0].objectives[0].text).toBe('丙');
    expect(model.findings.map((f: { code: string }) => f.code)).toEqual(['TT002', 'TT119', 'TT003']);
  });
});
