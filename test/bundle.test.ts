/**
 * The extension's bundles (built by `npm run build` before the tests): activation loads
 * dist/extension.js only, so it must not carry the reports, the importer, the diff or their
 * libraries; those come in dist/features.js on first use; and the .vsix (.vscodeignore) must ship
 * every bundle the extension loads.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const bundle = (name: string) => readFileSync(path.join(root, 'dist', name), 'utf8');
/** The source files a development bundle is made of (esbuild names each in a comment). */
const sources = (text: string) => new Set([...text.matchAll(/^\/\/ (\S+\.(?:[cm]?js|ts))$/gm)].map((m) => m[1]!));

/** Whether `.vscodeignore` (everything excluded, then `!pattern` lines) lets `file` into the package. */
function shipped(file: string): boolean {
  const patterns = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  return patterns.some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(file));
}

describe('the extension bundles', () => {
  const extension = sources(bundle('extension.js'));
  const features = sources(bundle('features.js'));

  it('activation loads the language client, not the reports, the importer, the diff or the language service', () => {
    expect([...extension].some((s) => s.startsWith('node_modules/vscode-languageclient/'))).toBe(true);
    const heavy = [...extension].filter((s) => /^(node_modules\/(exceljs|csv-parse|csv-stringify|chevrotain|jszip)\/|report\/|import\/|diff\/|service\/|grammar\/)/.test(s));
    expect(heavy).toEqual([]);
  });

  it('reports, import and diff come in features.js, which extension.js requires on first use', () => {
    for (const part of ['node_modules/exceljs/', 'report/', 'import/', 'diff/', 'client/src/report.ts', 'client/src/import.ts', 'client/src/diff.ts']) {
      expect([...features].some((s) => s.startsWith(part)), part).toBe(true);
    }
    expect(bundle('extension.js')).toContain('require("./features.js")');
  });

  it('the package ships every bundle the extension loads', () => {
    const required = [...bundle('extension.js').matchAll(/require\("\.\/([^"]+)"\)/g)].map((m) => `dist/${m[1]}`);
    // the Node platform's server bundle (client/src/node/platform.ts)
    const serverBundle = /serverBundle: \["dist", "server\.js"\]/.test(bundle('extension.js')) ? ['dist/server.js'] : [];
    expect(serverBundle).toEqual(['dist/server.js']);
    for (const file of ['dist/extension.js', ...required, ...serverBundle]) expect(shipped(file), `${file} is in the .vsix`).toBe(true);
    expect(shipped('dist/extension.js.map')).toBe(false);
  });
});
