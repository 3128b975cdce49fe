/**
 * A small workspace for the cross-file features (references, rename): two
 * in-memory tables and a real one from examples/, parsed and indexed.
 */
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { parse, type ParseResult } from '../../grammar/src/index';
import { createContext, type ServiceContext, WorkspaceIndex } from '../../service/index';

export const URI_A = 'file:///ws/a.ttab';
export const URI_B = 'file:///ws/b.ttab';
export const URI_EXAMPLE = 'file:///ws/投资促进局-2022.ttab';

export const TABLE_A = `部门 甲局
年度 2022

职责 1 招商
  科室 综合科
  预算项目 双招双引
  目标 推介开发区
    指标 推介次数
      指标值 3次
      标准值 3次
      标准来源 年度工作计划
      上年值 2次
      历史来源 内部统计
    指标 签约项目数
      指标值 5个
      上年值 4个
      历史来源 年度工作计划
      活动 双招双引
      科室 招商联络科
`;

export const TABLE_B = `部门 乙局
年度 2022

职责 1 服务企业
  目标 走访服务
    指标 走访企业数
      指标值 20家
      标准值 20家
      标准来源 内部统计
      活动 走访企业
        + 解决企业诉求
      预算项目 双招双引
      科室 综合科
`;

export const TABLE_EXAMPLE = readFileSync(new URL('../../examples/投资促进局-2022.ttab', import.meta.url), 'utf8');

export const WORKSPACE_FILES: Readonly<Record<string, string>> = { [URI_A]: TABLE_A, [URI_B]: TABLE_B, [URI_EXAMPLE]: TABLE_EXAMPLE };

export interface TestWorkspace {
  ctx: ServiceContext;
  documents: Map<string, TextDocument>;
  parsed: Map<string, ParseResult>;
}

/** Parses every file and fills a WorkspaceIndex with them, as the server does. */
export function workspaceOf(files: Readonly<Record<string, string>> = WORKSPACE_FILES): TestWorkspace {
  const index = new WorkspaceIndex();
  const documents = new Map<string, TextDocument>();
  const parsed = new Map<string, ParseResult>();
  for (const [uri, text] of Object.entries(files)) {
    const result = parse(text);
    index.update(uri, result.ast);
    documents.set(uri, TextDocument.create(uri, 'target-table', 1, text));
    parsed.set(uri, result);
  }
  return { ctx: createContext({ workspace: index }), documents, parsed };
}

/**
 * `text` with the `|` cursor placed as in `marked`, a fragment of one line of
 * `text` with a `|` in it: at(TABLE_A, '科室 综|合科').
 */
export function at(text: string, marked: string): string {
  const plain = marked.replace('|', '');
  const offset = text.indexOf(plain);
  if (offset < 0) throw new Error(`"${plain}" is not in the table`);
  return text.slice(0, offset) + marked + text.slice(offset + plain.length);
}

/** `a.ttab:5:3 综合科`: file name, 1-based line and column, and the text the range covers. */
export function describeLocation(documents: ReadonlyMap<string, TextDocument>, location: Location): string {
  const document = documents.get(location.uri);
  const text = document ? document.getText(location.range) : '?';
  const file = decodeURIComponent(location.uri.slice(location.uri.lastIndexOf('/') + 1));
  return `${file}:${location.range.start.line + 1}:${location.range.start.character + 1} ${text}`;
}
