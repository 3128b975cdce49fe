/**
 * What completion keeps between requests gives, after any run of changes, what a fresh start gives:
 * the index's usage without the document being edited.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { generateTable, mulberry32 } from '../bench/generate';
import { WorkspaceIndex } from '../service/index';

const KINDS = ['source', 'office', 'project', 'activity'] as const;

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
