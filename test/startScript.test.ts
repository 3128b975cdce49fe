/**
 * `npm start` (scripts/start-vscode.mjs) on a machine where `npm ci` has not run: it must say what
 * to run instead of printing Node's stack trace. Run for real, in a copy of the project without
 * node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const copy = mkdtempSync(path.join(os.tmpdir(), 'ttab-start-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm start before npm ci', () => {
  it('says to run npm ci, without a stack trace, and builds nothing', () => {
    for (const file of ['package.json', 'scripts']) cpSync(path.join(root, file), path.join(copy, file), { recursive: true });
    const result = spawnSync(process.execPath, ['scripts/start-vscode.mjs'], { cwd: copy, encoding: 'utf8', env: { ...process.env, TTAB_START: 'code-server' } });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).toMatch(/dependencies are not installed \(esbuild, .*not found\)/);
    expect(output).toMatch(/^\s+npm ci$/m);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('Cannot find package');
    expect(output).not.toContain('code-server');
  });

  it('finds every build dependency once npm ci has run', async () => {
    const script = pathToFileURL(path.join(root, 'scripts', 'start-vscode.mjs')).href;
    const { missingDependencies } = (await import(script)) as { missingDependencies: (projectRoot: string) => string[] };
    expect(missingDependencies(root)).toEqual([]);
    expect(missingDependencies(copy)).toContain('esbuild');
  });
});
