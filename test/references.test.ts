import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { nameAt, references } from '../service/index';
import { withCursor } from './support/cursor';
import { at, describeLocation, TABLE_A, TABLE_B, TABLE_EXAMPLE, URI_A, URI_B, URI_EXAMPLE, WORKSPACE_FILES, workspaceOf } from './support/workspace';

/**
 * References from the cursor in `uri` (whose text is `input` with a `|`), in
 * the workspace of `files`; each expected location as `file:line:column text`.
 */
function assertReferences(uri: string, input: string, expected: string[], options: { includeDeclaration?: boolean; files?: Record<string, string> } = {}): void {
  const { ctx, documents } = workspaceOf(options.files ?? WORKSPACE_FILES);
  const { document, position } = withCursor(input, uri);
  documents.set(uri, document);
  const found = references(document, parse(document.getText()), position, ctx, options.includeDeclaration ?? true);
  expect(found.map((l) => describeLocation(documents, l))).toEqual(expected);
}

function assertNameAt(input: string, expected: { kind: string; text: string } | null): void {
  const { document, position } = withCursor(input);
  const name = nameAt(document, parse(document.getText()), position);
  expect(name && { kind: name.kind, text: name.text }).toEqual(expected);
}

const OFFICE_综合科 = ['a.ttab:5:6 综合科', 'b.ttab:13:10 综合科', '投资促进局-2022.ttab:73:10 综合科'];
const PROJECT_双招双引 = [
  'a.ttab:6:8 双招双引',
  'b.ttab:12:12 双招双引',
  '投资促进局-2022.ttab:6:8 双招双引',
  '投资促进局-2022.ttab:45:14 双招双引',
  '投资促进局-2022.ttab:59:14 双招双引',
];
const SOURCE_内部统计 = [
  'a.ttab:13:12 内部统计',
  'b.ttab:9:12 内部统计',
  '投资促进局-2022.ttab:43:14 内部统计',
  '投资促进局-2022.ttab:57:14 内部统计',
  '投资促进局-2022.ttab:70:12 内部统计',
  '投资促进局-2022.ttab:97:14 内部统计',
];

describe('references', () => {
  it('finds an office in every file of the workspace, sorted by file then position', () => {
    assertReferences(URI_A, at(TABLE_A, '科室 综|合科'), OFFICE_综合科);
  });

  it('gives the same answer from any occurrence, in any file', () => {
    assertReferences(URI_B, at(TABLE_B, '科室 综合|科'), OFFICE_综合科);
    assertReferences(URI_EXAMPLE, at(TABLE_EXAMPLE, '科室 |综合科'), OFFICE_综合科);
  });

  it('finds a budget project, and not an activity with the same text', () => {
    assertReferences(URI_B, at(TABLE_B, '预算项目 双招|双引'), PROJECT_双招双引);
  });

  it('treats 标准来源 and 历史来源 as one kind of name: the source', () => {
    assertReferences(URI_A, at(TABLE_A, '历史来源 内部|统计'), SOURCE_内部统计);
    assertReferences(URI_B, at(TABLE_B, '标准来源 内部|统计'), SOURCE_内部统计);
  });

  it('finds a source in both fields of one file', () => {
    const found = workspaceOf();
    const { document, position } = withCursor(at(TABLE_A, '标准来源 年度|工作计划'), URI_A);
    const all = references(document, parse(document.getText()), position, found.ctx, true).map((l) => describeLocation(found.documents, l));
    expect(all.filter((l) => l.startsWith('a.ttab'))).toEqual(['a.ttab:11:12 年度工作计划', 'a.ttab:17:12 年度工作计划']);
    expect(all.filter((l) => l.startsWith('投资促进局'))).toHaveLength(9);
  });

  it('finds an activity; a multi-line one by its whole text, at its first line', () => {
    assertReferences(URI_A, at(TABLE_A, '活动 双招|双引'), ['a.ttab:18:10 双招双引']);
    assertReferences(URI_B, at(TABLE_B, '活动 走访|企业'), ['b.ttab:10:10 走访企业']);
  });

  it('counts the cursor on the first and right after the last character of the name', () => {
    assertReferences(URI_A, at(TABLE_A, '科室 |综合科'), OFFICE_综合科);
    assertReferences(URI_A, at(TABLE_A, '科室 综合科|'), OFFICE_综合科);
  });

  it('leaves out the occurrence under the cursor when the declaration is not wanted', () => {
    assertReferences(URI_B, at(TABLE_B, '科室 综|合科'), ['a.ttab:5:6 综合科', '投资促进局-2022.ttab:73:10 综合科'], { includeDeclaration: false });
  });

  it('reads the document being edited, not its older copy in the index', () => {
    // The index still has TABLE_A; in the editor two lines were inserted above the office.
    const edited = TABLE_A.replace('职责 1 招商\n', '职责 1 招商\n  科室 综合科\n  # 新增\n');
    assertReferences(URI_A, at(edited, '科室 综|合科'), ['a.ttab:5:6 综合科', 'a.ttab:7:6 综合科', 'b.ttab:13:10 综合科', '投资促进局-2022.ttab:73:10 综合科']);
  });

  it('works in a new document that is not in the index yet', () => {
    assertReferences('file:///ws/new.ttab', '职责 1 新\n  科室 综合|科\n', ['a.ttab:5:6 综合科', 'b.ttab:13:10 综合科', 'new.ttab:2:6 综合科', '投资促进局-2022.ttab:73:10 综合科']);
  });

  it('matches the whole name exactly', () => {
    assertReferences('file:///ws/new.ttab', '职责 1 新\n  科室 综合|科室\n', ['new.ttab:2:6 综合科室']);
  });

  it('finds nothing away from a name', () => {
    for (const input of [
      at(TABLE_A, '科|室 综合科'),
      at(TABLE_A, '科室| 综合科'),
      at(TABLE_A, '指标值 3|次'),
      at(TABLE_A, '指标 推介|次数'),
      at(TABLE_A, '部门 甲|局'),
      `|${TABLE_A}`,
      `${TABLE_A}|`,
    ]) {
      assertReferences(URI_A, input, []);
    }
  });

  it('finds nothing for a position past the end or on a broken table', () => {
    const { ctx } = workspaceOf();
    const { document } = withCursor(`|${TABLE_A}`, URI_A);
    const parsed = parse(document.getText());
    expect(references(document, parsed, { line: 999, character: 0 }, ctx, true)).toEqual([]);
    expect(references(document, parsed, { line: 4, character: 999 }, ctx, true)).toEqual([]);
    assertReferences(URI_A, '科室 综|合科\n乱写\n指标值 ≥\n', []);
  });
});

describe('nameAt', () => {
  const cases: [string, string, { kind: string; text: string } | null][] = [
    ['an office', '职责 1 甲\n  科室 综合|科\n', { kind: 'office', text: '综合科' }],
    ['a budget project', '职责 1 甲\n  project 双招|双引\n', { kind: 'project', text: '双招双引' }],
    ['a standard source', '职责 1 甲\n目标 乙\n指标 丙\n标准来源 年度|工作计划\n', { kind: 'source', text: '年度工作计划' }],
    ['a history source', '职责 1 甲\n目标 乙\n指标 丙\nhistory-source 内部|统计\n', { kind: 'source', text: '内部统计' }],
    ['an activity, with its continuation lines', '职责 1 甲\n  活动 一|、培训\n  + 二、报销\n', { kind: 'activity', text: '一、培训\n二、报销' }],
    ['the keyword is not the name', '职责 1 甲\n  科|室 综合科\n', null],
    ['an empty office has no name', '职责 1 甲\n  科室 |\n', null],
    ['a value is not a name', '职责 1 甲\n目标 乙\n指标 丙\n指标值 1|次\n', null],
    ['an explanation is not a name', '职责 1 甲\n目标 乙\n指标 丙\n解释 综合|科\n', null],
    ['a comment is not a name', '# 科室 综合|科\n', null],
  ];
  for (const [name, input, expected] of cases) it(name, () => assertNameAt(input, expected));
});
