/**
 * The semantic diff as a reviewer relies on it: indicators matched across versions (moved,
 * renumbered, renamed), targets with their delta and their standing against history, effective
 * offices and projects, text edits — and the text, Markdown, JSON and HTML renderings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import {
  canonicalText,
  diffTables,
  diffTexts,
  hasChanges,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderText,
  similarity,
  type BlockChange,
  type IndicatorChange,
  type Place,
  type TableDiff,
} from '../diff/index';

// ---------------------------------------------------------------------------
// A compact view of a diff, one line per change, for data-driven assertions

function where(place: Place): string {
  return [place.dutyNumber ? `#${place.dutyNumber}` : place.duty, place.item, place.objective].filter(Boolean).join('/');
}

function indicatorChange(c: IndicatorChange): string {
  switch (c.kind) {
    case 'renamed':
      return `renamed ${c.old} → ${c.new}`;
    case 'moved':
      return `moved ${where(c.old)} → ${where(c.new)}`;
    case 'value':
      return `${c.key} ${c.old ?? '∅'} → ${c.new ?? '∅'}${c.equivalent ? ' (same)' : ''}${c.delta ? ` (${c.delta.en})` : ''}`;
    case 'relation':
      return `vs ${c.key} ${c.old} → ${c.new}${c.better === null ? '' : c.better ? ' (better)' : ' (worse)'}`;
    case 'text':
      return `${c.key} ${c.old ?? '∅'} → ${c.new ?? '∅'}`;
    case 'inherited':
      return `${c.key} ${c.old.join('+') || '∅'} → ${c.new.join('+') || '∅'}`;
  }
}

function blockChange(c: BlockChange): string {
  if (c.kind === 'moved') return `moved ${where(c.old)} → ${where(c.new)}`;
  return `${c.kind} ${c.old ?? '∅'} → ${c.new ?? '∅'}`;
}

function compact(diff: TableDiff): string[] {
  const out: string[] = [];
  for (const h of diff.header) out.push(`header ${h.key} ${h.old ?? '∅'} → ${h.new ?? '∅'}`);
  for (const b of diff.blocks) {
    out.push(`${b.status} ${b.level} ${b.number ? `${b.number} ` : ''}${b.title}${b.status === 'changed' ? '' : ` [${b.indicators}]`}`);
    for (const c of b.changes) out.push(`  ${blockChange(c)}`);
  }
  for (const i of diff.indicators) {
    out.push(`${i.status} ${i.name}${i.status === 'changed' ? '' : ` @${where(i.place)}`}`);
    for (const c of i.changes) out.push(`  ${indicatorChange(c)}`);
  }
  return out;
}

function assertDiff(oldText: string, newText: string, expected: string[]): TableDiff {
  const { diff } = diffTexts(oldText, newText);
  expect(compact(diff)).toEqual(expected);
  return diff;
}

// ---------------------------------------------------------------------------

const BASE = `部门 投资促进局
年度 2022

职责 1 组织开展重大招商引资活动
  科室 招商联络科
  预算项目 双招双引
  目标 对外推介开发区
    指标 重大活动举办次数
      解释 全区计划举办招商推介会次数
      指标值 4次
      标准值 4次
      标准来源 年度工作计划
    指标 签约项目履约率
      解释 履约项目数/签约项目数×100%
      指标值 ≥95%
      上年值 93%
      历史来源 内部统计
  目标 服务企业
    指标 企业满意度
      解释 满意企业数/调查企业数×100%
      指标值 ≥90%
      标准值 90%
      标准来源 行业标准

职责 2 服务联络
  科室 服务联络科
  目标 驻外办招商联络
    指标 驻外办事处个数
      解释 全年驻外办事处数
      指标值 2处
      上年值 2处
      历史来源 内部统计
`;

/** BASE with the listed replacements applied, each of which must occur. */
function edit(text: string, ...replacements: [string, string][]): string {
  for (const [from, to] of replacements) {
    expect(text, `the fixture contains ${from}`).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

describe('no change', () => {
  it('the same table', () => {
    expect(hasChanges(assertDiff(BASE, BASE, []))).toBe(false);
  });

  it('layout, comments, field order and English keywords change nothing', () => {
    const relaid = edit(
      BASE,
      ['部门 投资促进局', '# 2022 版\ndepartment 投资促进局'],
      ['      指标值 4次\n      标准值 4次\n', '    standard 4次\n        target 4次\n'],
      ['    指标 企业满意度', '\n\n  indicator    企业满意度'],
    );
    assertDiff(BASE, relaid, []);
  });

  it('an inherited field moved to another level with the same value changes nothing', () => {
    const pushedDown = edit(BASE, ['  科室 服务联络科\n  目标 驻外办招商联络\n', '  目标 驻外办招商联络\n    科室 服务联络科\n']);
    assertDiff(BASE, pushedDown, []);
  });
});

describe('targets and references', () => {
  const cases: [string, [string, string][], string[]][] = [
    ['a rate: the delta in points', [['指标值 ≥95%', '指标值 ≥98%']], ['changed 签约项目履约率', '  target ≥95% → ≥98% (+3.0 pts)']],
    ['a count: the delta and the relative change', [['指标值 4次', '指标值 6次']], ['changed 重大活动举办次数', '  target 4次 → 6次 (+2 次 (+50.0%))', '  vs standard equal → above (better)']],
    ['money in 万元: the delta in the unit as written', [['指标值 2处', '指标值 2处\n      规划值 28000万元'], ['规划值 28000万元', '规划值 28871.96万元']], ['changed 驻外办事处个数', '  plan ∅ → 28871.96万元']],
    ['a comparator added changes the meaning', [['指标值 4次', '指标值 4次以上'], ['标准值 4次', '标准值 ≥4次']], ['changed 重大活动举办次数', '  target 4次 → 4次以上', '  standard 4次 → ≥4次']],
    ['the same meaning written differently', [['指标值 ≥95%', '指标值 不低于95%']], ['changed 签约项目履约率', '  target ≥95% → 不低于95% (same)']],
    ['a target in another unit: no delta', [['指标值 4次', '指标值 1000份以上']], ['changed 重大活动举办次数', '  target 4次 → 1000份以上']],
    ['a reference value and its source', [['上年值 93%', '上年值 96%'], ['历史来源 内部统计', '历史来源 统计公报']], [
      'changed 签约项目履约率',
      '  vs lastYear above → below (worse)',
      '  lastYear 93% → 96% (+3.0 pts)',
      '  historySource 内部统计 → 统计公报',
    ]],
    ['a target removed', [['      指标值 2处\n', '']], ['changed 驻外办事处个数', '  target 2处 → ∅']],
  ];
  it.each(cases)('%s', (_name, replacements, expected) => {
    assertDiff(BASE, edit(BASE, ...replacements), expected);
  });

  it('rewritten with the same meaning is flagged as such', () => {
    const { diff } = diffTexts(BASE, edit(BASE, ['指标值 4次', '指标值 4次以上'], ['指标值 ≥95%', '指标值 不低于95%']));
    const values = diff.indicators.flatMap((i) => i.changes).filter((c) => c.kind === 'value');
    expect(values.map((c) => c.kind === 'value' && [c.new, c.equivalent, c.delta])).toEqual([
      ['4次以上', false, null],
      ['不低于95%', true, null],
    ]);
  });

  it('a money delta is given in the unit as written', () => {
    const before = edit(BASE, ['指标值 2处', '指标值 28000万元']).replace('上年值 2处', '上年值 28000万元');
    const after = before.replace('指标值 28000万元', '指标值 28871.96万元');
    assertDiff(before, after, ['changed 驻外办事处个数', '  target 28000万元 → 28871.96万元 (+871.96 万元 (+3.1%))', '  vs lastYear equal → above (better)']);
  });

  it('the target against history: from above last year to below', () => {
    const above = edit(BASE, ['上年值 93%', '上年值 93%\n      前三年均值 90%']);
    const below = above.replace('指标值 ≥95%', '指标值 ≥92%');
    assertDiff(above, below, ['changed 签约项目履约率', '  target ≥95% → ≥92% (-3.0 pts)', '  vs lastYear above → below (worse)']);
  });

  it('for an indicator where less is better, going below history is better', () => {
    const before = edit(BASE, ['指标 签约项目履约率', '指标 投诉率'], ['指标值 ≥95%', '指标值 5%'], ['上年值 93%', '上年值 4%']);
    assertDiff(before, before.replace('指标值 5%', '指标值 3%'), ['changed 投诉率', '  target 5% → 3% (-2.0 pts)', '  vs lastYear above → below (better)']);
  });
});

describe('matching indicators across versions', () => {
  it('an indicator moved to another duty is moved, with the office and project it now inherits', () => {
    const satisfaction = '    指标 企业满意度\n      解释 满意企业数/调查企业数×100%\n      指标值 ≥90%\n      标准值 90%\n      标准来源 行业标准\n';
    const moved = edit(BASE, [satisfaction, ''], ['      上年值 2处\n      历史来源 内部统计\n', `      上年值 2处\n      历史来源 内部统计\n${satisfaction}`]);
    assertDiff(BASE, moved, [
      'changed 企业满意度',
      '  moved #1/服务企业 → #2/驻外办招商联络',
      '  project 双招双引 → ∅',
      '  office 招商联络科 → 服务联络科',
    ]);
  });

  it('duties renumbered and reordered: only the numbers change', () => {
    const duty1 = BASE.slice(BASE.indexOf('职责 1'), BASE.indexOf('职责 2'));
    const duty2 = BASE.slice(BASE.indexOf('职责 2'));
    const swapped = `部门 投资促进局\n年度 2022\n\n${duty2.replace('职责 2', '职责 1')}\n${duty1.replace('职责 1', '职责 2')}`;
    assertDiff(BASE, swapped, ['changed duty 1 服务联络', '  renumbered 2 → 1', 'changed duty 2 组织开展重大招商引资活动', '  renumbered 1 → 2']);
  });

  it('a renamed indicator with the same target is renamed', () => {
    assertDiff(BASE, edit(BASE, ['指标 重大活动举办次数', '指标 重大招商活动举办次数']), ['changed 重大招商活动举办次数', '  renamed 重大活动举办次数 → 重大招商活动举办次数']);
  });

  it('a renamed indicator with a new target and explanation is another indicator', () => {
    const replaced = edit(BASE, ['指标 重大活动举办次数', '指标 重大活动参与人数'], ['解释 全区计划举办招商推介会次数', '解释 参会人数'], ['指标值 4次', '指标值 400人']);
    assertDiff(BASE, replaced, ['added 重大活动参与人数 @#1/对外推介开发区', 'removed 重大活动举办次数 @#1/对外推介开发区']);
  });

  it('indicators of the same name in different duties keep their own counterparts', () => {
    const twice = edit(BASE, ['    指标 驻外办事处个数', '    指标 企业满意度\n      指标值 ≥85%\n    指标 驻外办事处个数']);
    assertDiff(twice, twice.replace('指标值 ≥85%', '指标值 ≥88%'), ['changed 企业满意度', '  target ≥85% → ≥88% (+3.0 pts)']);
  });

  it('added and removed indicators, duties and objectives', () => {
    const grown = `${edit(BASE, ['    指标 驻外办事处个数', '    指标 新设办事处数\n      指标值 1处\n    指标 驻外办事处个数'])}\n职责 3 招引人才\n  目标 完成人才指标\n    指标 人才指标完成率\n      指标值 100%\n`;
    assertDiff(BASE, grown, [
      'added duty 3 招引人才 [1]',
      'added objective 完成人才指标 [1]',
      'added 新设办事处数 @#2/驻外办招商联络',
      'added 人才指标完成率 @#3/完成人才指标',
    ]);
    assertDiff(grown, BASE, [
      'removed duty 3 招引人才 [1]',
      'removed objective 完成人才指标 [1]',
      'removed 新设办事处数 @#2/驻外办招商联络',
      'removed 人才指标完成率 @#3/完成人才指标',
    ]);
  });

  it('a renamed objective and duty are renamed, their indicators unchanged', () => {
    assertDiff(BASE, edit(BASE, ['目标 对外推介开发区', '目标 对外推介开发区形象'], ['职责 2 服务联络', '职责 2 服务联络工作']), [
      'changed objective 对外推介开发区形象',
      '  renamed 对外推介开发区 → 对外推介开发区形象',
      'changed duty 2 服务联络工作',
      '  renamed 服务联络 → 服务联络工作',
    ]);
  });

  it('similarity is the Dice coefficient of character bigrams, ignoring spaces', () => {
    expect(similarity('重大活动举办次数', '重大活动 举办次数')).toBe(1);
    expect(similarity('满意度', '满意度调查')).toBeCloseTo(4 / 6);
    expect(similarity('甲乙', '丙丁')).toBe(0);
  });
});

describe('offices, budget projects and activities', () => {
  it('an office reassigned on the duty changes every indicator that inherits it', () => {
    assertDiff(BASE, edit(BASE, ['  科室 服务联络科', '  科室 综合科']), ['changed 驻外办事处个数', '  office 服务联络科 → 综合科']);
  });

  it('an indicator given its own office overrides the inherited one', () => {
    assertDiff(BASE, edit(BASE, ['      标准来源 行业标准\n', '      标准来源 行业标准\n      科室 综合科\n      科室 招商联络科\n']), [
      'changed 企业满意度',
      '  office 招商联络科 → 综合科+招商联络科',
    ]);
  });

  it('a budget project and an activity added', () => {
    assertDiff(BASE, edit(BASE, ['  科室 服务联络科', '  科室 服务联络科\n  预算项目 驻外办经费\n  活动 驻京联络']), [
      'changed 驻外办事处个数',
      '  activity ∅ → 驻京联络',
      '  project ∅ → 驻外办经费',
    ]);
  });
});

describe('other fields', () => {
  it('explanation, category, remark and the header', () => {
    assertDiff(BASE, edit(BASE, ['年度 2022', '年度 2023'], ['解释 全年驻外办事处数', '解释 全年设立的驻外办事处数\n      类别 产出/数量\n      备注 新设一处']), [
      'header year 2022 → 2023',
      'changed 驻外办事处个数',
      '  category ∅ → 产出/数量',
      '  explanation 全年驻外办事处数 → 全年设立的驻外办事处数',
      '  remark ∅ → 新设一处',
    ]);
  });
});

describe('tables with syntax errors', () => {
  it('the diff covers what parsed, and the errors are listed with their side', () => {
    const broken = edit(BASE, ['指标值 ≥95%', '指标值 ≥98%'], ['      标准来源 行业标准\n', '      这一行坏了\n']);
    const diff = assertDiff(BASE, broken, ['changed 签约项目履约率', '  target ≥95% → ≥98% (+3.0 pts)', 'changed 企业满意度', '  standardSource 行业标准 → ∅']);
    expect(diff.errors.map((e) => [e.side, e.line, e.code])).toEqual([['new', 23, 'TT002']]);
  });

  it('an empty or unreadable side is a table with nothing in it', () => {
    const { diff } = diffTexts('', '\u0000\u0001 乱码');
    expect(hasChanges(diff)).toBe(false);
    expect(diffTexts('', BASE).diff.summary).toMatchObject({ added: 4, removed: 0, unchanged: 0 });
  });
});

// ---------------------------------------------------------------------------
// Renderings

const EDITED = edit(
  BASE,
  ['指标值 ≥95%', '指标值 ≥98%'],
  ['  科室 服务联络科', '  科室 综合科'],
  ['指标 重大活动举办次数', '指标 重大招商活动举办次数'],
  ['职责 2 服务联络', '职责 3 服务联络'],
);

function files(oldText = BASE, newText = EDITED) {
  return [{ old: 'HEAD:a.ttab', new: 'a.ttab', diff: diffTexts(oldText, newText).diff }];
}

describe('text output', () => {
  it('in English', () => {
    expect(renderText(files(), 'en')).toBe(
      [
        '投资促进局 2022 · HEAD:a.ttab → a.ttab',
        'indicators: 3 changed (1 renamed), 0 added, 0 removed, 1 unchanged',
        '',
        'Duties, sub-duties and objectives:',
        '  ~ changed duty 3 服务联络  line 25',
        '      number: 2 → 3',
        '',
        'Indicators:',
        '  ~ changed 重大招商活动举办次数 〔duty 1 组织开展重大招商引资活动 › 对外推介开发区〕  line 8',
        '      renamed: 重大活动举办次数 → 重大招商活动举办次数',
        '  ~ changed 签约项目履约率 〔duty 1 组织开展重大招商引资活动 › 对外推介开发区〕  line 13',
        '      target: ≥95% → ≥98%, +3.0 pts',
        '  ~ changed 驻外办事处个数 〔duty 3 服务联络 › 驻外办招商联络〕  line 28',
        '      office: 服务联络科 → 综合科',
        '',
      ].join('\n'),
    );
  });

  it('in Chinese', () => {
    const text = renderText(files(), 'zh');
    expect(text).toContain('指标：修改 3（改名 1），新增 0，删除 0，未变 1');
    expect(text).toContain('  ~ 修改 职责 3 服务联络  第 25 行\n      序号：2 → 3');
    expect(text).toContain('      指标值：≥95% → ≥98%，+3.0 个百分点');
    expect(text).toContain('      科室：服务联络科 → 综合科');
  });

  it('no semantic changes, and long texts as − / + lines', () => {
    expect(renderText(files(BASE, BASE), 'en')).toBe('投资促进局 2022 · HEAD:a.ttab → a.ttab\nno semantic changes\n');
    const long = edit(BASE, ['解释 全年驻外办事处数', '解释 全年驻外办事处数\n        + 含驻北京、上海两地的招商联络处，按年末实有数统计']);
    expect(renderText(files(BASE, long), 'en')).toContain(
      '      explanation:\n        - 全年驻外办事处数\n        + 全年驻外办事处数\n        + 含驻北京、上海两地的招商联络处，按年末实有数统计\n',
    );
  });

  it('a side with syntax errors is named, with its first error', () => {
    const text = renderText(files(BASE, `${BASE}乱写一行\n`), 'en');
    expect(text).toContain("! a.ttab has 1 syntax error (the first on line 33: TT002 Unknown line '乱写一行'");
    expect(text).toContain('the diff covers what could be read');
  });
});

describe('Markdown output', () => {
  it('a pull-request comment: heading, summary, one bullet per change', () => {
    const md = renderMarkdown(files(), 'en');
    expect(md.split('\n').slice(0, 6)).toEqual([
      '## Semantic diff of the target tables',
      '',
      '### 投资促进局 2022 · `HEAD:a.ttab` → `a.ttab`',
      '',
      '**indicators: 3 changed (1 renamed), 0 added, 0 removed, 1 unchanged**',
      '',
    ]);
    expect(md).toContain('- **changed** **签约项目履约率** · duty 1 组织开展重大招商引资活动 › 对外推介开发区 _(line 13)_\n  - target: `≥95%` → `≥98%`, +3.0 pts\n');
    expect(md).toContain('  - office: `服务联络科` → `综合科`');
  });

  it('table text never becomes markup or HTML', () => {
    const hostile = edit(BASE, ['指标 驻外办事处个数', '指标 <img src=x onerror=alert(1)> *粗* | 列'], ['指标值 2处', '指标值 3处']);
    const md = renderMarkdown(files(BASE, hostile), 'en');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\*粗\\* \\| 列');
    expect(md).not.toContain('<img');
  });
});

describe('JSON output', () => {
  it('every change with both languages, and whether anything changed', () => {
    const json = JSON.parse(renderJson(files()));
    expect(json.changed).toBe(true);
    expect(json.files[0]).toMatchObject({ oldFile: 'HEAD:a.ttab', newFile: 'a.ttab', changed: true, summary: { changed: 3, renamed: 1 } });
    const rate = json.files[0].indicators.find((i: { name: string }) => i.name === '签约项目履约率');
    expect(rate).toMatchObject({
      status: 'changed',
      lines: { old: 13, new: 13 },
      changes: [{ kind: 'value', key: 'target', old: '≥95%', new: '≥98%', equivalent: false, delta: { zh: '+3.0 个百分点', en: '+3.0 pts' } }],
    });
    expect(JSON.parse(renderJson(files(BASE, BASE))).changed).toBe(false);
  });
});

describe('HTML output (the webview)', () => {
  it('escapes every piece of table text and links changes to their lines', () => {
    const hostile = edit(BASE, ['指标 驻外办事处个数', '指标 <script>alert("x")</script>'], ['指标值 2处', '指标值 3处']);
    const html = renderHtml(files(BASE, hostile)[0]!, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<a class="reveal" href="#" data-side="new" data-line="28">line 28</a>');
    expect(html).toContain('<a class="reveal" href="#" data-side="old" data-line="28">old line 28</a>');
    expect(renderHtml(files()[0]!, 'en')).toContain('<li>target: <code>≥95%</code> → <code>≥98%</code>, +3.0 pts</li>');
  });
});

describe('canonical view (git textconv)', () => {
  it('is the same for tables that differ only in layout, comments, field order and inheritance level', () => {
    const relaid = edit(BASE, ['部门 投资促进局', '# 注释\ndepartment 投资促进局'], ['      指标值 4次\n      标准值 4次\n', '    standard 4次\n        target 4次\n'], [
      '  科室 服务联络科\n  目标 驻外办招商联络\n',
      '  目标 驻外办招商联络\n    科室 服务联络科\n',
    ]);
    expect(canonicalText(parse(relaid))).toBe(canonicalText(parse(BASE)));
  });

  it('gives every indicator its effective fields in the form order', () => {
    const lines = canonicalText(parse(BASE)).split('\n');
    const at = lines.indexOf('    指标 驻外办事处个数');
    expect(lines.slice(at, at + 6)).toEqual(['    指标 驻外办事处个数', '      解释 全年驻外办事处数', '      指标值 2处', '      上年值 2处', '      历史来源 内部统计', '      科室 服务联络科']);
  });

  it('lists syntax errors first and still shows what parsed', () => {
    const text = canonicalText(parse('部门 甲\n乱写\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 1次\n'));
    expect(text.split('\n')[0]).toMatch(/^# TT002 第 2 行 \/ line 2: /);
    expect(text).toContain('    指标 丁\n      指标值 1次\n');
  });
});

// ---------------------------------------------------------------------------
// The real tables

const examples = readdirSync(path.join(__dirname, '..', 'examples'))
  .filter((f) => f.endsWith('.ttab'))
  .map((f) => readFileSync(path.join(__dirname, '..', 'examples', f), 'utf8'));

describe('on the example tables', () => {
  it('each table against itself has no change; against another, the counts add up', () => {
    for (const [i, text] of examples.entries()) {
      expect(hasChanges(diffTexts(text, text).diff)).toBe(false);
      const other = examples[(i + 1) % examples.length]!;
      const { diff } = diffTexts(text, other);
      const s = diff.summary;
      expect(s.unchanged + s.changed + s.removed).toBe(diff.old.indicators);
      expect(s.unchanged + s.changed + s.added).toBe(diff.new.indicators);
    }
  });

  it('never throws on random edits, and is deterministic', () => {
    const lines = (t: string) => t.split('\n');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: examples.length - 1 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        (which, deletions, swaps) => {
          const before = lines(examples[which]!);
          const after = [...before];
          for (const d of deletions) if (after.length) after.splice(d % after.length, 1);
          for (const [a, b] of swaps) {
            if (!after.length) break;
            const x = a % after.length;
            const y = b % after.length;
            [after[x], after[y]] = [after[y]!, after[x]!];
          }
          const oldParsed = parse(before.join('\n'));
          const newParsed = parse(after.join('\n'));
          const diff = diffTables(oldParsed, newParsed);
          expect(JSON.stringify(diffTables(oldParsed, newParsed))).toBe(JSON.stringify(diff));
          const s = diff.summary;
          expect(s.unchanged + s.changed + s.removed).toBe(diff.old.indicators);
          expect(s.unchanged + s.changed + s.added).toBe(diff.new.indicators);
          renderText([{ old: 'a', new: 'b', diff }], 'zh');
          renderMarkdown([{ old: 'a', new: 'b', diff }], 'en');
          renderHtml({ old: 'a', new: 'b', diff }, 'en');
        },
      ),
      { numRuns: 150 },
    );
  });
});
