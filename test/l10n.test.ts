/**
 * The extension's Chinese: every message the client shows through `vscode.l10n.t` has a
 * translation in l10n/bundle.l10n.zh-cn.json with the same placeholders, the bundle keeps no
 * message the client no longer shows, and the manifest's strings (package.nls*.json) match.
 * (The Chinese e2e pass checks the same strings on screen, in a real VS Code.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const json = (file: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/**
 * The first arguments of every `l10n.t('…')` call in client/src and below (string literals only), and of
 * every `t('…')`: the pure helpers take `vscode.l10n.t` as a parameter named `t`.
 */
function shownMessages(): Set<string> {
  const messages = new Set<string>();
  const folder = path.join(root, 'client', 'src');
  // client/src and its entries' folders (node/, browser/)
  const names = (readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  for (const name of names) {
    const source = ts.createSourceFile(name, readFileSync(path.join(folder, name), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const callee = ts.isCallExpression(node) ? node.expression.getText(source) : '';
      if (ts.isCallExpression(node) && (callee.endsWith('l10n.t') || callee === 't')) {
        const [first] = node.arguments;
        if (first && ts.isStringLiteralLike(first)) messages.add(first.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return messages;
}

const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('the extension in Chinese', () => {
  const shown = shownMessages();
  const zh = json('l10n/bundle.l10n.zh-cn.json');

  it('every message has a translation with the same placeholders', () => {
    expect(shown.size).toBeGreaterThan(50);
    const missing = [...shown].filter((m) => !(m in zh));
    expect(missing).toEqual([]);
    for (const m of shown) expect(placeholders(zh[m]!), m).toEqual(placeholders(m));
  });

  it('the bundle keeps no message the extension no longer shows', () => {
    expect(Object.keys(zh).filter((k) => !shown.has(k))).toEqual([]);
  });

  it('the manifest has a Chinese string for each of its own', () => {
    expect(Object.keys(json('package.nls.zh-cn.json')).sort()).toEqual(Object.keys(json('package.nls.json')).sort());
  });
});
