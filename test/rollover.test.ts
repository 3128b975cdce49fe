/**
 * Next year's table (`ttab rollover`, service/features/rollover.ts, node/history.ts): the
 * lifecycle example gives a 2024 table free of syntax errors with the 2023 actuals as 上年值, the
 * self-evaluation and monitoring dropped and each target marked for review; with two earlier
 * years in a temporary git repository (or beside it in the workspace) 前三年均值 is their
 * average with this year's actual, and 历史来源 says where each came from; the CLI as a user runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorsOf, parse, type Indicator } from '../grammar/src/index';
import { rolloverTable, validate, type HistoryTable } from '../service/index';
import { findHistory } from '../node/history';

const repo = path.resolve(__dirname, '..');
const EXAMPLE = fs.readFileSync(path.join(repo, 'examples', 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8');

/** The example as an earlier year's table: its year, and some actuals changed. */
function yearOf(year: number, actuals: Record<string, string>): string {
  let text = EXAMPLE.replace('年度 2023', `年度 ${year}`).replace('（2023年度）', `（${year}年度）`);
  for (const [from, to] of Object.entries(actuals)) text = text.replace(`完成值 ${from}`, `完成值 ${to}`);
  return text;
}

function indicators(text: string): Map<string, Indicator> {
  return new Map([...indicatorsOf(parse(text).ast)].map(({ indicator }) => [indicator.name.text, indicator]));
}

function rolled(history: HistoryTable[] = []) {
  const result = rolloverTable(EXAMPLE, parse(EXAMPLE), { source: '就业创业服务中心-2023.ttab', history });
  if (!result.ok) throw new Error(result.error.en);
  return result;
}

describe('rolloverTable', () => {
  it('gives the 2024 table, free of syntax errors, with the 2023 actuals as 上年值', () => {
    const { text, summary } = rolled();
    const parsed = parse(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ast.year?.text).toBe('2024');
    expect(text.split('\n')[0]).toBe('# 就业创业服务中心部门预算整体绩效目标表（2024年度）');
    const byName = indicators(text);
    expect([...byName.values()].map((i) => [i.name.text, i.lastYear?.text])).toEqual([
      ['培训次数', '15次'],
      ['培训课程体系建设', '建成覆盖12个工种的培训课程体系'],
      ['就业创业补贴平均办理时长', '4天'],
      ['带动就业人数', '240人'],
      ['服务对象满意度', '93%'],
      ['预算执行率', '95%'],
    ]);
    expect(summary).toMatchObject({ year: 2023, nextYear: 2024, indicators: 6, carried: 6, lastYears: 6, withoutActual: [] });
  });

  it('drops actuals, points, scores, bands, reasons and monitoring points; keeps targets, marked for review', () => {
    const { text } = rolled();
    for (const word of ['完成值', '分值', '得分', '达成情况', '偏差原因', '改进措施', '监控', '累计完成值', '全年预计值', '完成可能性']) {
      expect(text, word).not.toMatch(new RegExp(`^\\s*${word} `, 'm'));
    }
    const training = indicators(text).get('培训次数')!;
    expect(training.target?.text).toBe('20次');
    expect(text).toContain('      # ttab-carried 2023 指标值 20次\n      指标值 20次\n');
    // the TT208 mark is a finding until the target changes
    expect(validate(parse(text)).filter((f) => f.code === 'TT208')).toHaveLength(6);
    const changed = text.replace('      指标值 20次', '      指标值 22次');
    expect(validate(parse(changed)).filter((f) => f.code === 'TT208')).toHaveLength(5);
  });

  it('with this table alone: 前三年均值 of the two years it knows (its 上年值 and its actual), and says 2021 was not found', () => {
    const training = indicators(rolled().text).get('培训次数')!;
    expect(training.historyAverage?.text).toBe('16.5次'); // (18 + 15) / 2
    expect(training.historySource?.text).toBe('上年值：2023年完成值（就业创业服务中心-2023.ttab）；前三年均值：2022—2023年完成值的平均（2022年：就业创业服务中心-2023.ttab 上年值），未找到2021年');
  });

  it('with the tables of 2021 and 2022: the average of the three actuals, each year’s origin named', () => {
    const history: HistoryTable[] = [
      { year: 2022, table: parse(yearOf(2022, { '15次': '16次', '240人': '270人' })).ast, origin: '就业创业服务中心-2022.ttab' },
      { year: 2021, table: parse(yearOf(2021, { '15次': '11次', '240人': '255人' })).ast, origin: 'git 1234567:就业创业服务中心.ttab' },
    ];
    const { text, summary } = rolled(history);
    const byName = indicators(text);
    expect(byName.get('培训次数')!.historyAverage?.text).toBe('14次'); // (11 + 16 + 15) / 3
    expect(byName.get('带动就业人数')!.historyAverage?.text).toBe('255人'); // (255 + 270 + 240) / 3
    expect(byName.get('培训次数')!.historySource?.text).toBe(
      '上年值：2023年完成值（就业创业服务中心-2023.ttab）；前三年均值：2021—2023年完成值的平均（2021年：git 1234567:就业创业服务中心.ttab；2022年：就业创业服务中心-2022.ttab）',
    );
    expect(summary.years.map((y) => y.year)).toEqual([2021, 2022, 2023]);
  });

  it('refuses a table with syntax errors or without a year', () => {
    expect(rolloverTable('乱写\n', parse('乱写\n'), { source: 'x' }).ok).toBe(false);
    const noYear = '部门 甲\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 1次\n';
    const result = rolloverTable(noYear, parse(noYear), { source: 'x' });
    expect(result.ok ? '' : result.error.en).toContain('no 年度');
  });

  it('English keywords stay English', () => {
    const english = 'department X\nyear 2023\nduty 1 a\n  objective b\n    indicator c\n      target 20次\n      actual 15次\n      points 20\n';
    const result = rolloverTable(english, parse(english), { source: 'x.ttab' });
    expect(result.ok && result.text).toContain('      last-year 15次\n      history-source ');
  });
});

describe('findHistory and ttab rollover', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-rollover-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const gitIn = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], { cwd: dir, encoding: 'utf8' });
  const ttab = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin', 'ttab.js'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'zh_CN.UTF-8' } });

  it('two earlier years in the git history of the file: 前三年均值 is their average with the actual', () => {
    gitIn('init', '-q');
    const file = path.join(dir, '就业创业服务中心.ttab');
    fs.writeFileSync(file, yearOf(2021, { '15次': '11次' }));
    gitIn('add', '.');
    gitIn('commit', '-qm', '2021');
    fs.writeFileSync(file, yearOf(2022, { '15次': '16次' }));
    gitIn('commit', '-qam', '2022');
    fs.writeFileSync(file, EXAMPLE);
    gitIn('commit', '-qam', '2023');

    const found = findHistory(file, '就业创业服务中心', 2023);
    expect(found.map((h) => [h.year, h.origin.replace(/[0-9a-f]{7}/, 'SHA')])).toEqual([
      [2022, 'git SHA:就业创业服务中心.ttab'],
      [2021, 'git SHA:就业创业服务中心.ttab'],
    ]);

    const run = ttab('rollover', '就业创业服务中心.ttab', '-o', 'next.ttab');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/前三年均值：\d 个，按 2021年（git [0-9a-f]{7}:就业创业服务中心\.ttab）、2022年（git [0-9a-f]{7}:就业创业服务中心\.ttab）、2023年（就业创业服务中心\.ttab） 的完成值计算/);
    const next = fs.readFileSync(path.join(dir, 'next.ttab'), 'utf8');
    expect(parse(next).errors).toEqual([]);
    expect(indicators(next).get('培训次数')!.historyAverage?.text).toBe('14次'); // (11 + 16 + 15) / 3
    expect(indicators(next).get('培训次数')!.lastYear?.text).toBe('15次');
    expect(run.stdout).not.toContain('未找到');
  });

  it('earlier years as files of the workspace, the default output beside the table, --force to replace it', () => {
    fs.writeFileSync(path.join(dir, '就业创业服务中心-2021.ttab'), yearOf(2021, { '240人': '210人' }));
    fs.writeFileSync(path.join(dir, '就业创业服务中心-2022.ttab'), yearOf(2022, { '240人': '300人' }));
    fs.writeFileSync(path.join(dir, '其他部门-2022.ttab'), yearOf(2022, { '240人': '999人' }).replace('部门 就业创业服务中心', '部门 其他部门'));
    fs.writeFileSync(path.join(dir, '就业创业服务中心-2023.ttab'), EXAMPLE);
    const first = ttab('rollover', '就业创业服务中心-2023.ttab');
    expect(first.status, first.stderr).toBe(0);
    const next = fs.readFileSync(path.join(dir, '就业创业服务中心-2024.ttab'), 'utf8');
    expect(indicators(next).get('带动就业人数')!.historyAverage?.text).toBe('250人'); // (210 + 300 + 240) / 3
    expect(indicators(next).get('带动就业人数')!.historySource?.text).toContain('2021年：就业创业服务中心-2021.ttab；2022年：就业创业服务中心-2022.ttab');

    const again = ttab('rollover', '就业创业服务中心-2023.ttab');
    expect([again.status, again.stderr]).toEqual([2, expect.stringContaining('--force')]);
    expect(ttab('rollover', '就业创业服务中心-2023.ttab', '--force').status).toBe(0);
  });

  it('a table with syntax errors: exit 1, the errors listed, nothing written; no file: exit 2', () => {
    fs.writeFileSync(path.join(dir, 'bad-2023.ttab'), '部门 甲\n年度 2023\n乱写一行\n');
    const bad = ttab('rollover', 'bad-2023.ttab');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('TT002');
    expect(fs.existsSync(path.join(dir, 'bad-2024.ttab'))).toBe(false);
    expect(ttab('rollover', 'missing.ttab').status).toBe(2);
    expect(ttab('rollover').status).toBe(2);
  });
});
