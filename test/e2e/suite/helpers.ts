/**
 * What the e2e suites share: finding the workspace and the extension, waiting, the launcher's
 * screenshot hand-shake, and a small runner that logs PASS/FAIL per test.
 */
import * as vscode from 'vscode';
import type { TargetTableApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'target-table.target-table';
const TEST_TIMEOUT_MS = 45_000;

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run needs a workspace folder (test/e2e/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls until `probe` gives a value other than undefined/false. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function readWorkspaceFile(...path: string[]): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(...path))).trim();
}

export async function apiOf(): Promise<TargetTableApi> {
  const extension = vscode.extensions.getExtension<TargetTableApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

// ---------------------------------------------------------------------------
// Screenshots: the code-server launcher asks for them by creating .e2e/screenshots in the
// workspace; for each one the suite sets the scene, names it in the log, and waits until the
// launcher has written the picture (.e2e/<name>.done).

const SCREENSHOT_MARK = '[ttab-e2e] screenshot';

export function screenshotsRequested(): Promise<boolean> {
  return exists(workspaceUri('.e2e', 'screenshots'));
}

/** Asks the launcher for a picture once `selector` is visible; returns how many elements match it. */
export async function screenshot(name: string, selector: string): Promise<number> {
  return (await screenshotOf(name, selector)).count;
}

/** The same, returning the text the first element shows (what the workbench says, read from its page). */
export async function screenshotText(name: string, selector: string): Promise<string> {
  return (await screenshotOf(name, selector)).text;
}

async function screenshotOf(name: string, selector: string): Promise<{ count: number; text: string }> {
  console.log(`${SCREENSHOT_MARK} ${name} ${selector}`);
  await waitFor(`the launcher to take screenshot ${name}`, () => exists(workspaceUri('.e2e', `${name}.done`)), 30_000);
  const result = await readWorkspaceFile('.e2e', `${name}.done`);
  const ok = /^ok (\d+)(?:\n([\s\S]*))?$/.exec(result);
  if (!ok) throw new Error(`screenshot ${name}: ${result}`);
  return { count: Number(ok[1]), text: ok[2] ?? '' };
}

// ---------------------------------------------------------------------------

export interface Test {
  name: string;
  run: () => Promise<void>;
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the tests in order; logs PASS/FAIL and a closing count; rejects when one failed. */
export async function runAll(suite: string, tests: readonly Test[]): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.run(), t.timeoutMs ?? TEST_TIMEOUT_MS, t.name);
      passed++;
      console.log(`PASS ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${t.name}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} e2e test(s) failed`);
}
