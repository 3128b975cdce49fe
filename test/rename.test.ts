import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, WorkspaceEdit } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { MAX_NAME_LENGTH, prepareRename, references, rename, renameMessages, renameNotAllowed } from '../service/index';
import { withCursor } from './support/cursor';
import { at, describeLocation, TABLE_A, TABLE_B, TABLE_EXAMPLE, URI_A, URI_B, URI_EXAMPLE, WORKSPACE_FILES, workspaceOf } from './support/workspace';

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * Where the cursor sits (in `uri`, whose text is `input` with a `|`), in the
 * workspace with that text — or, with `staleIndex`, an index that still holds
 * the file as it was before the editor changed it.
 */
function setup(uri: string, input: string, staleIndex = false) {
  const { document, position } = withCursor(input, uri);
  const files = { ...WORKSPACE_FILES, [uri]: document.getText() };
  const ws = workspaceOf(staleIndex ? WORKSPACE_FILES : files);
  return { ...ws, files, document, position, parsed: parse(document.getText()) };
}

function referencesAt(files: Record<string, string>, uri: string, position: Position): string[] {
  const ws = workspaceOf(files);
  const document = ws.documents.get(uri)!;
  return references(document, ws.parsed.get(uri)!, position, ws.ctx, true).map((l) => `${fileName(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`);
}

/**
 * Renames at the cursor, applies the edit to every file and checks: the lines
 * that changed (`file:line new line text`, nothing else may change), no new
 * parse errors, and the new name is found exactly where the old one was.
 */
function assertRename(uri: string, input: string, newName: string, changedLines: string[], staleIndex = false): void {
  const { files, ctx, document, position, parsed } = setup(uri, input, staleIndex);
  const edit = rename(document, parsed, position, newName, ctx);
  if ('error' in edit) throw new Error(`refused: ${edit.error.en}`);
  const renamed = applyEdit(files, edit);
  const changed: string[] = [];
  for (const [file, before] of Object.entries(files)) {
    const after = renamed[file]!;
    const beforeLines = before.split('\n');
    const afterLines = after.split('\n');
    expect(afterLines.length).toBe(beforeLines.length);
    afterLines.forEach((line, i) => {
      if (line !== beforeLines[i]) changed.push(`${fileName(file)}:${i + 1} ${line.trim()}`);
    });
    expect(parse(after).errors).toEqual(parse(before).errors);
  }
  expect(changed).toEqual(changedLines);
  // From the start of the name: the cursor's column may lie past the end of a shorter new name.
  const prepared = prepareRename(document, parsed, position, ctx);
  if (!prepared || !('range' in prepared)) throw new Error('no name at the cursor');
  const start = prepared.range.start;
  expect(referencesAt(renamed, uri, start)).toEqual(referencesAt(files, uri, start));
}

function applyEdit(files: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const out = { ...files };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'target-table', 1, files[uri]!), edits);
  }
  return out;
}

function assertRefused(uri: string, input: string, newName: string, error: { zh: string; en: string }): void {
  const { ctx, document, position, parsed } = setup(uri, input);
  expect(rename(document, parsed, position, newName, ctx)).toEqual({ error });
}

/** prepareRename's range shown as the text it covers, with the placeholder. */
function assertPrepare(uri: string, input: string, expected: { text: string; placeholder: string } | { error: { zh: string; en: string } } | null): void {
  const { ctx, document, position, parsed, documents } = setup(uri, input);
  const result = prepareRename(document, parsed, position, ctx);
  if (result && 'range' in result) {
    expect({ text: describeLocation(documents, { uri, range: result.range }), placeholder: result.placeholder }).toEqual(expected);
  } else {
    expect(result).toEqual(expected);
  }
}

describe('rename', () => {
  it('renames a budget project in every file, and only the project (not an activity of the same text)', () => {
    assertRename(URI_A, at(TABLE_A, '预算项目 双招|双引'), '招商引资专项', [
      'a.ttab:6 预算项目 招商引资专项',
      'b.ttab:12 预算项目 招商引资专项',
      '投资促进局-2022.ttab:6 预算项目 招商引资专项',
      '投资促进局-2022.ttab:45 预算项目 招商引资专项',
      '投资促进局-2022.ttab:59 预算项目 招商引资专项',
    ]);
  });

  it('renames an office from a file of examples/', () => {
    assertRename(URI_EXAMPLE, at(TABLE_EXAMPLE, '科室 综合|科'), '综合办公室', [
      'a.ttab:5 科室 综合办公室',
      'b.ttab:13 科室 综合办公室',
      '投资促进局-2022.ttab:73 科室 综合办公室',
    ]);
  });

  it('renames a source in both 标准来源 and 历史来源', () => {
    assertRename(URI_B, at(TABLE_B, '标准来源 内部统|计'), '统计台账', [
      'a.ttab:13 历史来源 统计台账',
      'b.ttab:9 标准来源 统计台账',
      '投资促进局-2022.ttab:43 历史来源 统计台账',
      '投资促进局-2022.ttab:57 历史来源 统计台账',
      '投资促进局-2022.ttab:70 历史来源 统计台账',
      '投资促进局-2022.ttab:97 历史来源 统计台账',
    ]);
  });

  it('trims the new name and keeps the rest of the line', () => {
    assertRename(URI_A, at(TABLE_A, '科室 招商联络|科'), ' \t招商服务科　 ', ['a.ttab:19 科室 招商服务科', '投资促进局-2022.ttab:7 科室 招商服务科']);
  });

  it('renames in the document as it is being edited, not as the index last saw it', () => {
    const edited = TABLE_A.replace('职责 1 招商\n', '职责 1 招商\n  # 新增一行\n');
    assertRename(URI_A, at(edited, '科室 招商联络|科'), '招商服务科', ['a.ttab:20 科室 招商服务科', '投资促进局-2022.ttab:7 科室 招商服务科'], true);
  });

  it('refuses an empty name, a line break, and a leading # or +', () => {
    const input = at(TABLE_A, '科室 综|合科');
    assertRefused(URI_A, input, '', renameMessages.empty);
    assertRefused(URI_A, input, ' \t　', renameMessages.empty);
    assertRefused(URI_A, input, '综合\n科', renameMessages.lineBreak);
    assertRefused(URI_A, input, '综合\r科', renameMessages.lineBreak);
    assertRefused(URI_A, input, '# 综合科', renameMessages.structure);
    assertRefused(URI_A, input, ' + 综合科', renameMessages.structure);
  });

  it('refuses control characters, text-direction marks, broken UTF-16 and an overlong name; accepts every real name', () => {
    const input = at(TABLE_A, '科室 综|合科');
    for (const name of ['\u0000'.repeat(100_000), '综合\u0000科', '综合\t科', '综合\u0007科', '综合\u007f科', '综合\u009b科', '综合\u202e科', '综合\u2067科', '综合\ud800科', '综合\udc00科']) {
      assertRefused(URI_A, input, name, renameMessages.control);
    }
    assertRefused(URI_A, input, '综'.repeat(MAX_NAME_LENGTH + 1), renameMessages.tooLong);
    // the longest names of the seed tables, an emoji (a surrogate pair) and full-width punctuation stay renamable
    const longest = '根据商务部投资促进事务局和临沂经济技术开发区管委会签署的《投资促进合作协议》选派人员分别赴北京商务部、上海基地参加学习工作';
    for (const name of [longest, '综'.repeat(MAX_NAME_LENGTH), '综合科😀', '综合科（一）', '综合科 A·B']) {
      const { ctx, document, position, parsed } = setup(URI_A, input);
      expect(rename(document, parsed, position, name, ctx), name).not.toHaveProperty('error');
    }
  });

  it('refuses a name that continues on + lines', () => {
    assertRefused(URI_B, at(TABLE_B, '活动 走访|企业'), '走访', renameMessages.multiLine);
  });

  it('refuses away from a name', () => {
    assertRefused(URI_A, at(TABLE_A, '科|室 综合科'), '甲', renameNotAllowed);
    assertRefused(URI_A, at(TABLE_A, '指标值 3|次'), '甲', renameNotAllowed);
    assertRefused(URI_A, at(TABLE_A, '指标 推介|次数'), '甲', renameNotAllowed);
  });
});

describe('prepareRename', () => {
  it('offers the name with its exact range', () => {
    assertPrepare(URI_A, at(TABLE_A, '科室 综|合科'), { text: 'a.ttab:5:6 综合科', placeholder: '综合科' });
    assertPrepare(URI_A, at(TABLE_A, '预算项目 双招双引|'), { text: 'a.ttab:6:8 双招双引', placeholder: '双招双引' });
    assertPrepare(URI_A, at(TABLE_A, '历史来源 |内部统计'), { text: 'a.ttab:13:12 内部统计', placeholder: '内部统计' });
    assertPrepare(URI_A, at(TABLE_A, '活动 双招|双引'), { text: 'a.ttab:18:10 双招双引', placeholder: '双招双引' });
  });

  it('says up front why a multi-line name cannot be renamed', () => {
    assertPrepare(URI_B, at(TABLE_B, '活动 走访|企业'), { error: renameMessages.multiLine });
  });

  it('offers nothing on a keyword, a value, a title or past the end', () => {
    assertPrepare(URI_A, at(TABLE_A, '预算|项目 双招双引'), null);
    assertPrepare(URI_A, at(TABLE_A, '标准值 3|次'), null);
    assertPrepare(URI_A, at(TABLE_A, '目标 推介|开发区'), null);
    assertPrepare(URI_A, at(TABLE_A, '部门 甲|局'), null);
    assertPrepare(URI_A, `${TABLE_A}|`, null);
    const { ctx, document, parsed } = setup(URI_A, `|${TABLE_A}`);
    expect(prepareRename(document, parsed, { line: 500, character: 3 }, ctx)).toBeNull();
  });
});
