/**
 * Every string the extension shows exists in Chinese: each `vscode.l10n.t('…')` of client/src in
 * l10n/bundle.l10n.zh-cn.json (keeping its {0} placeholders), and each key of package.nls.json in
 * package.nls.zh-cn.json — what the extension shows when VS Code's display language is Chinese.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8')) as Record<string, string>;

/** The literal first arguments of vscode.l10n.t in the client's sources. */
function l10nStrings(): string[] {
  const dir = path.join(repo, 'client', 'src');
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/vscode\.l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) out.push(m[2]!.replace(/\\(['"\\])/g, '$1'));
  }
  return out;
}

describe('Chinese strings', () => {
  const bundle = read('l10n/bundle.l10n.zh-cn.json');

  it('finds the strings it checks', () => {
    expect(l10nStrings().length).toBeGreaterThan(50);
  });

  it.each(l10nStrings())('%s', (text) => {
    expect(bundle[text], 'missing from l10n/bundle.l10n.zh-cn.json').toBeDefined();
    const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    expect(placeholders(bundle[text]!)).toEqual(placeholders(text));
  });

  it('package.nls.zh-cn.json has every key of package.nls.json', () => {
    const zh = read('package.nls.zh-cn.json');
    expect(Object.keys(read('package.nls.json')).filter((k) => !(k in zh))).toEqual([]);
  });
});
