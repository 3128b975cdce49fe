/**
 * `ttab diff` and the git integration as a user runs them: real git repositories in temporary
 * folders, the built CLI (bin/ttab.js → dist/cli.js; `npm run build` first), the diff drivers
 * (scripts/git/ttab-textconv, ttab-diff) through `git diff` / `git log -p`, and the pre-commit hook.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const project = path.resolve(__dirname, '..');
const bin = path.join(project, 'bin', 'ttab.js');
const textconv = path.join(project, 'scripts', 'git', 'ttab-textconv');
const externalDiff = path.join(project, 'scripts', 'git', 'ttab-diff');
const preCommit = path.join(project, 'scripts', 'git', 'pre-commit');

/** No user or system git configuration leaks into the tests. */
const ENV = { PATH: process.env.PATH ?? '', LANG: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: os.tmpdir() };
const IDENTITY = ['-c', 'user.email=analyst@example.com', '-c', 'user.name=Analyst', '-c', 'commit.gpgsign=false'];

let repo: string;
beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-diff-git-'));
  git('init', '-q', '-b', 'main');
});
afterEach(() => {
  fs.rmSync(repo, { recursive: true, force: true });
});

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd = repo): Result {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(...args: string[]): string {
  const r = run('git', args);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function commit(message: string): void {
  git('add', '-A');
  git(...IDENTITY, 'commit', '-q', '-m', message);
}

function ttab(...args: string[]): Result {
  return run(process.execPath, [bin, ...args]);
}

function write(name: string, content: string): void {
  const file = path.join(repo, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const V1 = `部门 投资促进局
年度 2022

职责 1 组织开展重大招商引资活动
  科室 招商联络科
  目标 对外推介开发区
    指标 重大活动举办次数
      解释 全区计划举办招商推介会次数
      指标值 4次
      标准值 4次
      标准来源 年度工作计划
    指标 签约项目履约率
      解释 履约项目数/签约项目数×100%
      指标值 ≥95%
      上年值 96%
      历史来源 内部统计
    指标 驻外办事处个数
      解释 全年驻外办事处数
      指标值 2处
      上年值 2处
      历史来源 内部统计

职责 2 招引人才
  科室 项目信息科
  目标 完成全局人才指标任务
    指标 人才指标完成率
      解释 完成人数/任务人数×100%
      指标值 100%
      标准值 100%
      标准来源 年度工作计划
`;

/**
 * A new duty 1 (so the others are renumbered) takes 驻外办事处个数 (moved; its office follows);
 * 重大活动举办次数 renamed; the target of 签约项目履约率 raised above last year; 招引人才 goes to 综合科.
 */
const V2 = `部门 投资促进局
年度 2022

职责 1 服务联络
  科室 服务联络科
  目标 驻外办招商联络
    指标 驻外办事处个数
      解释 全年驻外办事处数
      指标值 2处
      上年值 2处
      历史来源 内部统计

职责 2 组织开展重大招商引资活动
  科室 招商联络科
  目标 对外推介开发区
    指标 重大招商推介活动举办次数
      解释 全区计划举办招商推介会次数
      指标值 4次
      标准值 4次
      标准来源 年度工作计划
    指标 签约项目履约率
      解释 履约项目数/签约项目数×100%
      指标值 ≥98%
      上年值 96%
      历史来源 内部统计

职责 3 招引人才
  科室 综合科
  目标 完成全局人才指标任务
    指标 人才指标完成率
      解释 完成人数/任务人数×100%
      指标值 100%
      标准值 100%
      标准来源 年度工作计划
`;

/** V2 re-laid out: comments, English keywords, other indentation and field order, 科室 pushed down. */
const V2_RELAID = V2.replace('部门 投资促进局', '# 2022 年预算\ndepartment 投资促进局')
  .replace('      指标值 4次\n      标准值 4次\n', '        standard 4次\n        target 4次\n')
  .replace('  科室 综合科\n  目标 完成全局人才指标任务\n', '  目标 完成全局人才指标任务\n      科室 综合科\n');

/** Two commits: V1, then V2. */
function history(file = 'tables/投资促进局.ttab'): void {
  write(file, V1);
  write('.gitattributes', '*.ttab diff=ttab\n');
  commit('2022 first version');
  write(file, V2);
  commit('move, rename, renumber, retarget, reassign');
}

const EXPECTED_V1_V2 = [
  '投资促进局 2022 · HEAD~1:tables/投资促进局.ttab → HEAD:tables/投资促进局.ttab',
  'indicators: 4 changed (1 renamed, 1 moved), 0 added, 0 removed, 0 unchanged',
  '',
  'Duties, sub-duties and objectives:',
  '  + added duty 1 服务联络 (1 indicator)  line 4',
  '  + added objective 驻外办招商联络 (1 indicator) 〔duty 1 服务联络〕  line 6',
  '  ~ changed duty 2 组织开展重大招商引资活动  line 4 → 13',
  '      number: 1 → 2',
  '  ~ changed duty 3 招引人才  line 23 → 27',
  '      number: 2 → 3',
  '',
  'Indicators:',
  '  ~ changed 驻外办事处个数 〔duty 1 服务联络 › 驻外办招商联络〕  line 17 → 7',
  '      moved: duty 1 组织开展重大招商引资活动 › 对外推介开发区 → duty 1 服务联络 › 驻外办招商联络',
  '      office: 招商联络科 → 服务联络科',
  '  ~ changed 重大招商推介活动举办次数 〔duty 2 组织开展重大招商引资活动 › 对外推介开发区〕  line 7 → 16',
  '      renamed: 重大活动举办次数 → 重大招商推介活动举办次数',
  '  ~ changed 签约项目履约率 〔duty 2 组织开展重大招商引资活动 › 对外推介开发区〕  line 12 → 21',
  '      target: ≥95% → ≥98%, +3.0 pts',
  "      target vs last year: was below, now above (better)",
  '  ~ changed 人才指标完成率 〔duty 3 招引人才 › 完成全局人才指标任务〕  line 26 → 30',
  '      office: 项目信息科 → 综合科',
  '',
].join('\n');

describe('ttab diff --git', () => {
  it('REV..REV2: moved, renamed, renumbered, retargeted and reassigned, as text', () => {
    history();
    const r = ttab('diff', '--git', 'HEAD~1..HEAD');
    expect(r).toEqual({ status: 0, stdout: EXPECTED_V1_V2, stderr: '' });
  });

  it('in Chinese', () => {
    history();
    const r = ttab('diff', '--lang', 'zh', '--git', 'HEAD~1..HEAD');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('指标：修改 4（改名 1，移动 1），新增 0，删除 0，未变 0');
    expect(r.stdout).toContain('      指标值：≥95% → ≥98%，+3.0 个百分点\n      指标值相对上年值：由低于变为高于（变好）\n');
    expect(r.stdout).toContain('      科室：项目信息科 → 综合科\n');
  });

  it('as Markdown for a pull-request comment', () => {
    history();
    const r = ttab('diff', '--format', 'md', '--git', 'HEAD~1..HEAD');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^## Semantic diff of the target tables\n\n### 投资促进局 2022 · `HEAD~1:tables\/投资促进局\.ttab` → `HEAD:tables\/投资促进局\.ttab`\n/);
    expect(r.stdout).toContain('- **changed** **签约项目履约率** · duty 2 组织开展重大招商引资活动 › 对外推介开发区 _(line 12 → 21)_\n  - target: `≥95%` → `≥98%`, +3.0 pts\n');
    expect(r.stdout).toContain('  - renamed: **重大活动举办次数** → **重大招商推介活动举办次数**\n');
  });

  it('as JSON', () => {
    history();
    const r = ttab('diff', '--format', 'json', '--git', 'HEAD~1..HEAD');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.changed).toBe(true);
    expect(json.files).toHaveLength(1);
    const [file] = json.files;
    expect(file).toMatchObject({ oldFile: 'HEAD~1:tables/投资促进局.ttab', newFile: 'HEAD:tables/投资促进局.ttab', summary: { changed: 4, renamed: 1, moved: 1, added: 0, removed: 0 } });
    const moved = file.indicators.find((i: { name: string }) => i.name === '驻外办事处个数');
    expect(moved.changes).toEqual([
      { kind: 'moved', old: { dutyNumber: '1', duty: '组织开展重大招商引资活动', item: null, objective: '对外推介开发区' }, new: { dutyNumber: '1', duty: '服务联络', item: null, objective: '驻外办招商联络' } },
      { kind: 'inherited', key: 'office', old: ['招商联络科'], new: ['服务联络科'] },
    ]);
  });

  it('REV alone: the working tree against a revision; --exit-code says whether anything changed', () => {
    history();
    expect(ttab('diff', '--exit-code', '--git', 'HEAD')).toEqual({ status: 0, stdout: 'no .ttab files changed\n', stderr: '' });
    write('tables/投资促进局.ttab', V2.replace('指标值 ≥98%', '指标值 ≥99%'));
    const r = ttab('diff', '--git', 'HEAD');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`投资促进局 2022 · HEAD:tables/投资促进局.ttab → ${path.join('tables', '投资促进局.ttab')}\n`);
    expect(r.stdout).toContain('      target: ≥98% → ≥99%, +1.0 pts\n');
    expect(ttab('diff', '--exit-code', '--git', 'HEAD').status).toBe(1);
  });

  it('a change of layout only is a change git sees but no semantic change', () => {
    history();
    write('tables/投资促进局.ttab', V2_RELAID);
    const r = ttab('diff', '--exit-code', '--git', 'HEAD');
    expect(r).toEqual({ status: 0, stdout: '投资促进局 2022 · HEAD:tables/投资促进局.ttab → tables/投资促进局.ttab\nno semantic changes\n', stderr: '' });
  });

  it('PATHs restrict the tables compared, relative to the current folder', () => {
    history();
    write('other/园区建设局.ttab', V1.replace('投资促进局', '园区建设局'));
    commit('another table');
    write('other/园区建设局.ttab', V1.replace('投资促进局', '园区建设局').replace('指标值 4次', '指标值 5次'));
    write('tables/投资促进局.ttab', V1);
    expect(ttab('diff', '--git', 'HEAD').stdout).toMatch(/园区建设局[\s\S]*投资促进局|投资促进局[\s\S]*园区建设局/);
    const only = ttab('diff', '--git', 'HEAD', 'other');
    expect(only.status).toBe(0);
    expect(only.stdout).toContain('园区建设局 2022 · HEAD:other/园区建设局.ttab');
    expect(only.stdout).not.toContain('投资促进局');
    const fromSubfolder = run(process.execPath, [bin, 'diff', '--git', 'HEAD', '园区建设局.ttab'], path.join(repo, 'other'));
    expect(fromSubfolder.stdout).toContain('target: 4次 → 5次, +1 次 (+25.0%)');
    // without PATHs, every table of the repository, as git diff; named relative to the current folder
    const wholeRepository = run(process.execPath, [bin, 'diff', '--git', 'HEAD'], path.join(repo, 'other'));
    expect(wholeRepository.stdout).toContain(`→ ${path.join('..', 'tables', '投资促进局.ttab')}\n`);
    expect(wholeRepository.stdout).toContain(`→ 园区建设局.ttab\n`);
  });

  it('a renamed file is compared with its old name; a deleted table shows every indicator removed', () => {
    history();
    git('mv', 'tables/投资促进局.ttab', 'tables/投资促进局-2022.ttab');
    commit('rename the file');
    const renamed = ttab('diff', '--git', 'HEAD~1..HEAD');
    expect(renamed.stdout).toBe('投资促进局 2022 · HEAD~1:tables/投资促进局.ttab → HEAD:tables/投资促进局-2022.ttab\n! renamed from tables/投资促进局.ttab\nno semantic changes\n');
    fs.rmSync(path.join(repo, 'tables', '投资促进局-2022.ttab'));
    const deleted = ttab('diff', '--git', 'HEAD');
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toContain('→ /dev/null\n! a deleted table (not in the working tree)\nindicators: 0 changed, 0 added, 4 removed, 0 unchanged\n');
  });

  it('a revision that does not exist: a clear message, exit 2', () => {
    history();
    for (const spec of ['nosuchrev', 'HEAD~1..nosuchrev', 'HEAD~9']) {
      const r = ttab('diff', '--git', spec);
      expect(r.status, spec).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^ttab: git 中没有修订版本「.+」 \/ there is no revision '.+' in git\n$/);
    }
    // a revision never reaches git as an option
    const option = ttab('diff', '--git=--output=/tmp/x');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("there is no revision '--output=/tmp/x' in git");
  });

  it('a table not in the revision is shown as new; a path that exists nowhere is reported after the rest (exit 2)', () => {
    history();
    write('tables/新表.ttab', V1.replace('投资促进局', '新部门'));
    write('tables/投资促进局.ttab', V2.replace('指标值 ≥98%', '指标值 ≥99%'));
    const r = ttab('diff', '--git', 'HEAD', 'tables/新表.ttab', 'tables/投资促进局.ttab', 'tables/没有.ttab');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('新部门 2022 · /dev/null → tables/新表.ttab\n! tables/新表.ttab is not in HEAD: shown as a new table\nindicators: 0 changed, 4 added, 0 removed, 0 unchanged\n');
    expect(r.stdout).toContain('target: ≥98% → ≥99%, +1.0 pts');
    expect(r.stderr).toBe('ttab: tables/没有.ttab 既不在 HEAD 中，也不在工作区中 / tables/没有.ttab is neither in HEAD nor in the working tree\n');
  });

  it('a side with syntax errors: a note, and the diff of what could be parsed', () => {
    history();
    write('tables/投资促进局.ttab', V2.replace('指标值 ≥98%', '指标值 ≥99%').replace('      标准来源 年度工作计划\n', '      标准来源 年度工作计划\n      这一行写错了\n'));
    const r = ttab('diff', '--git', 'HEAD');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("! tables/投资促进局.ttab has 1 syntax error (the first on line 21: TT002 Unknown line '这一行写错了'");
    expect(r.stdout).toContain('target: ≥98% → ≥99%, +1.0 pts');
  });

  it('outside a git repository, and with bad arguments: exit 2 with a message', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-no-git-'));
    try {
      const r = run(process.execPath, [bin, 'diff', '--git', 'HEAD'], outside);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/不在 git 仓库中 \/ .* is not in a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    expect(ttab('diff', 'one.ttab').stderr).toContain('diff needs two files (old, new), or --git REV');
    expect(ttab('diff', '--format', 'html', 'a', 'b').stderr).toContain('--format must be text, md or json, not html');
    expect(ttab('diff', '--git', 'HEAD...HEAD~1').stderr).toContain("'...' is not supported");
  });
});

describe('ttab diff OLD NEW', () => {
  it('compares two files; --label names them; --exit-code', () => {
    write('old.ttab', V1);
    write('new.ttab', V2);
    const r = ttab('diff', 'old.ttab', 'new.ttab');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(EXPECTED_V1_V2.replace('HEAD~1:tables/投资促进局.ttab → HEAD:tables/投资促进局.ttab', 'old.ttab → new.ttab'));
    expect(ttab('diff', '--label', 'a/x.ttab', '--label', 'b/x.ttab', 'old.ttab', 'new.ttab').stdout.split('\n')[0]).toBe('投资促进局 2022 · a/x.ttab → b/x.ttab');
    expect(ttab('diff', '--exit-code', 'old.ttab', 'new.ttab').status).toBe(1);
    expect(ttab('diff', '--exit-code', 'old.ttab', 'old.ttab').status).toBe(0);
  });

  it('a missing file is an I/O error (exit 2)', () => {
    write('old.ttab', V1);
    const r = ttab('diff', 'old.ttab', 'missing.ttab');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read missing.ttab (ENOENT)');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('git diff driver: textconv', () => {
  const withTextconv = ['-c', `diff.ttab.textconv=${textconv}`, '-c', 'diff.ttab.xfuncname=^[[:space:]]*((职责|事项|目标|指标)[[:space:]].*)$'];

  it('git diff shows the changed fields with the indicator in the hunk header', () => {
    history();
    const out = git(...withTextconv, 'diff', 'HEAD~1', 'HEAD');
    expect(out).toContain('-      指标值 ≥95%\n+      指标值 ≥98%\n');
    expect(out).toContain('-      科室 项目信息科\n+      科室 综合科\n');
    expect(out).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@ 指标 重大活动举办次数$/m);
  });

  it('git log -p: a commit that only re-lays out the table shows no change', () => {
    history();
    write('tables/投资促进局.ttab', V2_RELAID);
    commit('layout only');
    const log = git(...withTextconv, 'log', '-p', '--format=commit %s');
    const commits = log.split(/^commit /m).filter(Boolean);
    expect(commits.map((c) => c.split('\n')[0])).toEqual(['layout only', 'move, rename, renumber, retarget, reassign', '2022 first version']);
    expect(commits[0]).not.toMatch(/^[-+] /m);
    expect(commits[0]).not.toContain('@@');
    expect(commits[1]).toContain('+      指标值 ≥98%');
    // without the driver, git sees every re-laid line
    expect(git('log', '-p', '-1', '--format=%s')).toContain('+department 投资促进局');
  });

  it('a table with syntax errors still shows, with the errors listed', () => {
    history();
    write('tables/投资促进局.ttab', `${V2}乱写一行\n`);
    const out = git(...withTextconv, 'diff');
    expect(out).toMatch(/^\+# TT002 第 35 行 \/ line 35: 无法识别的行.*「乱写一行」/m);
    expect(out).toContain(' 部门 投资促进局\n');
  });
});

describe('git diff driver: external diff', () => {
  it('git diff prints the semantic diff; git log -p with --ext-diff too', () => {
    history();
    const withCommand = ['-c', `diff.ttab.command=${externalDiff}`];
    const out = git(...withCommand, 'diff', 'HEAD~1', 'HEAD');
    expect(out).toBe(EXPECTED_V1_V2.replace('HEAD~1:tables/投资促进局.ttab → HEAD:tables/投资促进局.ttab', 'a/tables/投资促进局.ttab → b/tables/投资促进局.ttab'));
    const log = git(...withCommand, 'log', '-p', '--ext-diff', '--format=commit %s');
    const first = log.slice(log.indexOf('commit 2022 first version'));
    expect(first).toContain('投资促进局 2022 · a/tables/投资促进局.ttab → b/tables/投资促进局.ttab\nindicators: 0 changed, 4 added, 0 removed, 0 unchanged\n');
    expect(log.indexOf('commit move, rename')).toBeLessThan(log.indexOf('target: ≥95% → ≥98%, +3.0 pts'));
  });
});

describe('pre-commit hook', () => {
  function tryCommit(): Result {
    return run('git', [...IDENTITY, '-c', `core.hooksPath=${path.dirname(preCommit)}`, 'commit', '-q', '-m', 'change']);
  }

  it('lets formatted tables without errors through', () => {
    write('a.ttab', V1);
    git('add', '-A');
    const r = tryCommit();
    expect(r.status, r.stderr).toBe(0);
  });

  it('stops a commit of an unformatted table or one with errors, and says why', () => {
    write('a.ttab', V1.replace('    指标 签约项目履约率', '        指标 签约项目履约率'));
    git('add', '-A');
    const unformatted = tryCommit();
    expect(unformatted.status).toBe(1);
    // git shows a hook's output on stderr
    expect(unformatted.stderr).toMatch(/^a\.ttab$/m);
    expect(unformatted.stderr).toContain('the files above are not formatted');
    write('a.ttab', V1.replace('      指标值 4次\n', ''));
    git('add', '-A');
    const errors = tryCommit();
    expect(errors.status).toBe(1);
    expect(errors.stderr).toMatch(/^a\.ttab:7:5 error TT102 /m);
    expect(errors.stderr).toContain('commit aborted; git commit --no-verify skips this check');
  });

  it('checks what is staged, not the working tree', () => {
    write('a.ttab', V1);
    git('add', '-A');
    write('a.ttab', '乱写\n');
    expect(tryCommit().status).toBe(0);
    write('a.ttab', '乱写\n');
    git('add', '-A');
    write('a.ttab', V1);
    expect(tryCommit().status).toBe(1);
  });
});

describe('any file name git can hold: the drivers and the hook installed in the repository', () => {
  // A leading '-' (read as an option by a driver that passes paths without `--`), spaces, quotes, a
  // line break, non-ASCII: each must reach ttab as the file it is.
  const NAMES = ['--help.ttab', '-o.ttab', 'with space.ttab', 'it\'s "quoted".ttab', 'line\nbreak.ttab', '预算 表（二）.ttab', 'tables/-v.ttab'];

  function install(): void {
    git('config', 'diff.ttab.textconv', textconv);
    git('config', 'diff.ttab.xfuncname', '^[[:space:]]*((职责|事项|目标|指标)[[:space:]].*)$');
    git('config', 'core.hooksPath', path.dirname(preCommit));
    write('.gitattributes', '*.ttab diff=ttab\n');
  }

  function tryCommit(): Result {
    return run('git', [...IDENTITY, 'commit', '-q', '-m', 'change']);
  }

  it('git diff through the textconv driver shows every table’s semantic view', () => {
    install();
    for (const name of NAMES) write(name, V1);
    git('add', '-A');
    expect(tryCommit().status).toBe(0);
    for (const name of NAMES) write(name, V1.replace('指标值 ≥95%', '指标值 ≥98%'));
    const out = run('git', ['diff']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    // one hunk per table, each with the changed target: no name was taken for an option
    expect(out.stdout.match(/^-      指标值 ≥95%\n\+      指标值 ≥98%$/gm)).toHaveLength(NAMES.length);
    expect(out.stdout).not.toContain('用法 / usage');
  });

  it('git diff through the external diff driver: the semantic diff of every table, none lost', () => {
    install();
    git('config', 'diff.ttab.command', externalDiff);
    for (const name of NAMES) write(name, V1);
    git('add', '-A');
    expect(tryCommit().status).toBe(0);
    for (const name of NAMES) write(name, V1.replace('指标值 ≥95%', '指标值 ≥98%'));
    const out = run('git', ['diff']);
    expect(out.stderr).not.toContain('external diff died');
    expect(out.status).toBe(0);
    for (const name of NAMES) expect(out.stdout).toContain(`投资促进局 2022 · a/${name} → b/${name}\n`);
    expect(out.stdout.match(/target: ≥95% → ≥98%, \+3\.0 pts/g)).toHaveLength(NAMES.length);
  });

  it('the pre-commit hook checks tables of any name: lets good ones through, stops one with errors and names it', () => {
    install();
    for (const name of NAMES) write(name, V1);
    git('add', '-A');
    const good = tryCommit();
    expect(good.stderr).not.toMatch(/Unknown option|usage/);
    expect(good.status).toBe(0);
    // every table was checked (each has the same warning), each under its own name
    for (const name of NAMES) expect(good.stderr).toContain(`${name}:14:11 warning TT111 `);
    write('--help.ttab', V1.replace('      指标值 4次\n', ''));
    write('line\nbreak.ttab', V1.replace('    指标 签约项目履约率', '        指标 签约项目履约率'));
    git('add', '-A');
    const bad = tryCommit();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^--help\.ttab:7:5 error TT102 /m);
    expect(bad.stderr).toContain('line\nbreak.ttab\n'); // listed as not formatted
    expect(bad.stderr).toContain('commit aborted');
    expect(bad.stderr).not.toContain('用法 / usage');
  });
});
