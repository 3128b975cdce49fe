/**
 * What completion keeps between requests — this table's name totals per document (moved by the
 * duties an edit changed), the other tables' names per index state, the index's usage without the
 * document being edited — gives, after any run of edits, what a fresh parse of the same text gives.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { defaultUnitCatalog, parse } from '../grammar/src/index';
import { generateTable, mulberry32 } from '../bench/generate';
import { complete, createContext, DEFAULT_SETTINGS, prepareNearestNames, WorkspaceIndex, type ServiceContext } from '../service/index';
import { DocumentStore } from '../server/src/documents';

const KINDS = ['source', 'office', 'project', 'activity'] as const;
const NAME_LINE = /^(\s+(?:标准来源|历史来源|科室|预算项目|活动) )/;

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.update(uri, parse(text).ast);
  return index;
}

describe('the workspace usage without one table', () => {
  it('equals the usage of an index that never had it, across updates and removals of it and the others', () => {
    const texts = [1, 2, 3, 4].map((seed) => generateTable({ indicators: 60, seed }).text);
    const files: Record<string, string> = { 'file:///a.ttab': texts[0]!, 'file:///b.ttab': texts[1]!, 'file:///c.ttab': texts[2]! };
    const index = indexOf(files);
    const rand = mulberry32(5);
    for (let step = 0; step < 60; step++) {
      const uri = ['file:///a.ttab', 'file:///b.ttab', 'file:///c.ttab', 'file:///d.ttab'][Math.floor(rand() * 4)]!;
      if (rand() < 0.2) {
        delete files[uri];
        index.remove(uri);
      } else {
        files[uri] = texts[Math.floor(rand() * texts.length)]!;
        index.update(uri, parse(files[uri]!).ast);
      }
      for (const except of ['file:///a.ttab', 'file:///b.ttab', 'file:///d.ttab']) {
        const fresh = indexOf(Object.fromEntries(Object.entries(files).filter(([u]) => u !== except)));
        for (const kind of KINDS) expect([...index.usage(kind, except)], `${kind} without ${except} after step ${step}`).toEqual([...fresh.usage(kind)]);
      }
      for (const kind of KINDS) expect([...index.usage(kind)]).toEqual([...indexOf(files).usage(kind)]);
    }
  });
});

describe('completion of names after edits', () => {
  it('equals completion on a fresh parse of the same text, with a fresh index', () => {
    const uri = 'file:///dept-2025.ttab';
    const table = generateTable({ indicators: 300, seed: 7 }).text;
    const department = /^部门 (.*)$/m.exec(table)![1]!;
    // The department's table of another year, and another department's.
    const others: Record<string, string> = {
      'file:///dept-2024.ttab': generateTable({ indicators: 80, seed: 8 }).text.replace(/^部门 .*$/m, `部门 ${department}`).replace(/^年度 .*$/m, '年度 2024'),
      'file:///other.ttab': generateTable({ indicators: 80, seed: 9 }).text,
    };
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    const index = indexOf(others);
    const ctx: ServiceContext = createContext({ locale: 'zh', workspace: index });
    let open = store.open(uri, 'target-table', 1, table);
    index.update(uri, open.parsed.ast);
    prepareNearestNames(open.document, open.parsed, index);

    const rand = mulberry32(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const names = ['综合科', '、办公室', '新项目经费', '《规划》', '1', ''];
    let version = 1;
    let checked = 0;
    for (let step = 0; step < 300; step++) {
      const lines = open.document.getText().split('\n');
      const line = Math.floor(rand() * lines.length);
      const end = { line, character: lines[line]!.length };
      const r = rand();
      // Typing at the end of a line, removing a line, copying a line elsewhere (a name moves to another duty), a new duty, the department changed.
      const change =
        r < 0.5
          ? { range: { start: end, end }, text: pick(names) }
          : r < 0.7
            ? { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }
            : r < 0.9
              ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${pick(lines)}\n` }
              : r < 0.95
                ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `职责 ${step} 新职责\n  科室 ${pick(['综合科', '新闻科'])}\n  目标 目标\n    指标 指标\n` }
                : { range: { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]!.length } }, text: pick([`部门 ${department}`, '部门 别的部门']) };
      open = store.change(uri, ++version, [change])!;
      // As in the server, the index and the prepared totals follow the document, though not after every edit.
      if (rand() < 0.5) index.update(uri, open.parsed.ast, true);
      if (rand() < 0.3) prepareNearestNames(open.document, open.parsed, index);
      if (rand() < 0.1) {
        const other = pick(Object.keys(others));
        others[other] = generateTable({ indicators: 80, seed: 100 + step }).text.replace(/^部门 .*$/m, other.includes('dept') ? `部门 ${department}` : '部门 别处');
        index.update(other, parse(others[other]!).ast);
      }

      // Completion after some of the edits only: the totals are then moved over several versions at once.
      if (rand() < 0.6) continue;
      const text = open.document.getText();
      const fresh = { document: TextDocument.create(uri, 'target-table', version, text), parsed: parse(text), ctx: createContext({ locale: 'zh', workspace: indexOf(others) }) };
      const nameLines = text.split('\n').flatMap((l, i) => (NAME_LINE.test(l) ? [{ text: l, line: i }] : []));
      for (let k = 0; k < 4 && nameLines.length > 0; k++) {
        const at = pick(nameLines);
        const position = { line: at.line, character: Math.min(at.text.length, NAME_LINE.exec(at.text)![1]!.length + Math.floor(rand() * 3)) };
        expect(complete(open.document, open.parsed, position, ctx), `step ${step} at ${at.line + 1}: ${at.text}`).toEqual(complete(fresh.document, fresh.parsed, position, fresh.ctx));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  }, 120_000);
});
