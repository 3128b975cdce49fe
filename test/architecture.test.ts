/**
 * The layout's invariants (ARCHITECTURE.md, "Invariants"), checked on the
 * source's own imports: which package may import which, no import circles,
 * the language service entered through its facade only, no Node API where the
 * code must also run in a browser or a web worker.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const PACKAGES = ['grammar', 'service', 'report', 'import', 'diff', 'node', 'server', 'client', 'cli', 'bench', 'scripts'] as const;
const EXTENSIONS = ['.ts', '.mts', '.mjs', '.js', '.cjs'];

interface Import {
  from: string;
  /** A repository path for relative imports, else the module name as written. */
  to: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'media') out.push(...sourceFiles(rel));
    } else if (EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) {
      out.push(rel);
    }
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function resolve(from: string, spec: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)]) {
    try {
      if (statSync(path.join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      /* not this one */
    }
  }
  return base;
}

const files = PACKAGES.flatMap((p) => sourceFiles(p));
const imports: Import[] = files.flatMap((from) => {
  const text = readFileSync(path.join(ROOT, from), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
    const relative = spec.startsWith('.');
    return { from, to: relative ? resolve(from, spec) : spec, relative };
  });
});

const packageOf = (file: string): string => file.split('/')[0]!;
const local = imports.filter((i) => i.relative);
const breaking = (rule: (i: Import) => boolean): string[] => imports.filter(rule).map((i) => `${i.from} → ${i.to}`);

describe('the layout', () => {
  it('finds the source it checks', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(local.length).toBeGreaterThan(200);
  });

  it('has no import circle', () => {
    const graph = new Map<string, string[]>();
    for (const i of local) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('grammar/ imports nothing but chevrotain and its own files', () => {
    expect(breaking((i) => packageOf(i.from) === 'grammar' && (i.relative ? packageOf(i.to) !== 'grammar' : i.to !== 'chevrotain'))).toEqual([]);
  });

  it('the language service is pure: grammar, its own files and the LSP types only', () => {
    const allowed = ['vscode-languageserver-types', 'vscode-languageserver-textdocument'];
    expect(breaking((i) => packageOf(i.from) === 'service' && (i.relative ? !['grammar', 'service'].includes(packageOf(i.to)) : !allowed.includes(i.to)))).toEqual([]);
  });

  it('outside service/, the service is entered through service/index.ts only', () => {
    expect(breaking((i) => i.relative && packageOf(i.to) === 'service' && packageOf(i.from) !== 'service' && i.to !== 'service/index.ts')).toEqual([]);
  });

  it('features never import each other', () => {
    expect(breaking((i) => i.relative && i.from.startsWith('service/features/') && i.to.startsWith('service/features/'))).toEqual([]);
  });

  it('reports, import and diff stand on the grammar and the service, not on the server, the CLI or the extension', () => {
    const standalone = ['report', 'import', 'diff'];
    const allowedTargets = ['grammar', 'service', ...standalone];
    expect(breaking((i) => i.relative && standalone.includes(packageOf(i.from)) && !allowedTargets.includes(packageOf(i.to)))).toEqual([]);
    // HTML escaping is the one thing diff takes from report
    expect(breaking((i) => i.relative && packageOf(i.from) === 'diff' && packageOf(i.to) === 'report' && i.to !== 'report/escape.ts')).toEqual([]);
  });

  it('no Node API in the grammar, the service, reports, import and diff, or the server outside server/src/node/', () => {
    const pure = (file: string) => ['grammar', 'service', 'report', 'import', 'diff'].includes(packageOf(file)) || (file.startsWith('server/') && !file.startsWith('server/src/node/'));
    expect(breaking((i) => pure(i.from) && !i.relative && (i.to.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'child_process'].includes(i.to)))).toEqual([]);
    expect(breaking((i) => pure(i.from) && !i.relative && i.to === 'vscode-languageserver/node')).toEqual([]);
  });

  it('the shared Node layer depends on no entry: not on server/, cli/ or client/', () => {
    expect(breaking((i) => i.relative && packageOf(i.from) === 'node' && ['server', 'cli', 'client'].includes(packageOf(i.to)))).toEqual([]);
  });

  it('cli/ and client/ never import each other; only the CLI entry imports cli/main.ts', () => {
    expect(breaking((i) => i.relative && ((packageOf(i.from) === 'cli' && packageOf(i.to) === 'client') || (packageOf(i.from) === 'client' && packageOf(i.to) === 'cli')))).toEqual([]);
    expect(breaking((i) => i.relative && i.to === 'cli/main.ts' && i.from !== 'cli/index.ts')).toEqual([]);
  });

  it('the browser entries reach nothing that needs Node: no Node module, no Node transport, nothing of node/', () => {
    const entries = ['client/src/browser/extension.ts', 'server/src/browser/main.ts'];
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const i of local) if (i.from === file) visit(i.to);
    };
    for (const entry of entries) visit(entry);
    // what the browser loads: the entries, the shared client and server code, the service, reports, import, diff
    expect([...reached]).toEqual(expect.arrayContaining([...entries, 'client/src/extension.ts', 'client/src/report.ts', 'server/src/server.ts', 'service/index.ts', 'import/index.ts']));
    const nodeOnly = (i: Import): boolean =>
      i.relative
        ? packageOf(i.to) === 'node' || i.to.split('/').includes('node')
        : i.to.startsWith('node:') || builtinModules.includes(i.to) || i.to.endsWith('/node');
    expect(breaking((i) => reached.has(i.from) && nodeOnly(i))).toEqual([]);
  });

  it('each transport is imported by its own entry only', () => {
    const only = (module: string, allowed: (file: string) => boolean) => breaking((i) => i.to === module && !allowed(i.from));
    expect(only('vscode-languageserver/browser', (f) => f === 'server/src/browser/main.ts')).toEqual([]);
    expect(only('vscode-languageserver/node', (f) => f === 'server/src/node/main.ts')).toEqual([]);
    expect(only('vscode-languageclient/browser', (f) => f.startsWith('client/src/browser/'))).toEqual([]);
    expect(only('vscode-languageclient/node', (f) => f.startsWith('client/src/node/'))).toEqual([]);
  });

  it('the client takes from the server only the protocol they share', () => {
    expect(breaking((i) => i.relative && packageOf(i.from) === 'client' && packageOf(i.to) === 'server' && i.to !== 'server/src/protocol.ts')).toEqual([]);
  });
});
