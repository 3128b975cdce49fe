import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { entrySymbols } from '../service/workspaceIndex';
import { createContext, type Locale, summarize, WORKSPACE_SYMBOL_LIMIT, WorkspaceIndex, workspaceSymbols } from '../service/index';

const KIND_NAMES: Partial<Record<SymbolKind, string>> = {
  [SymbolKind.Module]: 'duty',
  [SymbolKind.Package]: 'item',
  [SymbolKind.Class]: 'objective',
  [SymbolKind.Field]: 'indicator',
};

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.update(uri, parse(text).ast);
  return index;
}

/** `kind name ← container @ uri:line`. */
function show(symbols: WorkspaceSymbol[]): string[] {
  return symbols.map((s) => {
    const line = 'range' in s.location ? `:${s.location.range.start.line}` : '';
    return `${KIND_NAMES[s.kind] ?? s.kind} ${s.name}${s.containerName ? ` ← ${s.containerName}` : ''} @ ${s.location.uri}${line}`;
  });
}

function assertWorkspaceSymbols(files: Record<string, string>, query: string, expected: string[], locale: Locale = 'en'): void {
  expect(show(workspaceSymbols(query, createContext({ locale, workspace: indexOf(files) })))).toEqual(expected);
}

const A = '部门 甲\n职责 1 招商引资\n  事项 推介会\n    目标 对外推介\n      指标 推介会次数\n        指标值 3次\n';
const B = '部门 乙\n职责 1 财政管理\n  目标 预算公开\n    指标 公开率\n    指标 推介材料数\n';

describe('workspace symbols', () => {
  const cases: [string, Record<string, string>, string, string[], Locale?][] = [
    [
      'finds duties, 事项, objectives and indicators in every file by a part of the name, with their container',
      { 'file:///a.ttab': A, 'file:///b.ttab': B },
      '推介',
      ['item 推介会 ← 1 招商引资 @ file:///a.ttab:2', 'objective 对外推介 ← 1 招商引资 @ file:///a.ttab:3', 'indicator 推介会次数 ← 对外推介 @ file:///a.ttab:4', 'indicator 推介材料数 ← 预算公开 @ file:///b.ttab:4'],
    ],
    ['a duty is found by its number and text, and has no container', { 'file:///b.ttab': B }, '1 财政', ['duty 1 财政管理 @ file:///b.ttab:1']],
    ['English names match case-insensitively', { 'file:///c.ttab': 'duty 1 Investment\nobjective Promote\n' }, 'invest', ['duty 1 Investment @ file:///c.ttab:0']],
    ['unnamed symbols show a placeholder', { 'file:///d.ttab': '职责\n目标\n' }, '', ['duty （未命名职责） @ file:///d.ttab:0', 'objective （未命名目标） ← （未命名职责） @ file:///d.ttab:1'], 'zh'],
    ['nothing matches', { 'file:///a.ttab': A }, '不存在', []],
  ];
  it.each(cases)('%s', (_name, files, query, expected, locale) => assertWorkspaceSymbols(files, query, expected, locale));

  it('points at the title line, not the whole block', () => {
    const [duty] = workspaceSymbols('招商', createContext({ workspace: indexOf({ 'file:///a.ttab': A }) }));
    expect(duty!.location).toEqual({ uri: 'file:///a.ttab', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } } });
  });

  it('lists a table in written order: the duty, its own objectives, then each 事项 with its objectives (what a limited list keeps)', () => {
    const text = '职责 1 甲\n  目标 直属目标\n    指标 直属指标\n  事项 乙\n    目标 乙目标\n      指标 乙指标\n  事项 丙\n    目标 丙目标\n';
    expect(show(workspaceSymbols('', createContext({ workspace: indexOf({ 'file:///w.ttab': text }) })))).toEqual([
      'duty 1 甲 @ file:///w.ttab:0',
      'objective 直属目标 ← 1 甲 @ file:///w.ttab:1',
      'indicator 直属指标 ← 直属目标 @ file:///w.ttab:2',
      'item 乙 ← 1 甲 @ file:///w.ttab:3',
      'objective 乙目标 ← 1 甲 @ file:///w.ttab:4',
      'indicator 乙指标 ← 乙目标 @ file:///w.ttab:5',
      'item 丙 ← 1 甲 @ file:///w.ttab:6',
      'objective 丙目标 ← 1 甲 @ file:///w.ttab:7',
    ]);
  });

  it('stops at the limit on a large workspace (all nine examples, every symbol)', () => {
    const dir = path.resolve(__dirname, '..', 'examples');
    const files = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.ttab')).map((f) => [`file:///${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]));
    const all = Object.entries(files).reduce((n, [uri, text]) => n + [...entrySymbols(summarize(uri, parse(text).ast))].length, 0);
    expect(all).toBeGreaterThan(WORKSPACE_SYMBOL_LIMIT);
    expect(workspaceSymbols('', createContext({ workspace: indexOf(files) }))).toHaveLength(WORKSPACE_SYMBOL_LIMIT);
  });
});
