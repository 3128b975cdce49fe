/**
 * What the e2e suites share: finding the workspace and the extension, waiting, the run's display
 * language and the extension's own words in it, the launcher's screenshot and UI hand-shakes, and a
 * small runner that logs PASS/FAIL per test.
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
// The run's display language: the launcher writes it to .e2e/language (en, or zh-cn through an
// empty language pack); the suite checks that VS Code runs in it and that the extension speaks it.

let runLanguage: string | undefined;

export async function language(): Promise<string> {
  runLanguage ??= (await exists(workspaceUri('.e2e', 'language'))) ? await readWorkspaceFile('.e2e', 'language') : 'en';
  return runLanguage;
}

export async function inChinese(): Promise<boolean> {
  return (await language()).startsWith('zh');
}

let chineseBundle: Record<string, string> | undefined;

/**
 * A message of the extension as this run shows it: the English source text, or its translation
 * from the extension's own l10n bundle in the Chinese run (`{0}`… filled in).
 */
export async function says(message: string, ...args: (string | number)[]): Promise<string> {
  let text = message;
  if (await inChinese()) {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    chineseBundle ??= JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'l10n', 'bundle.l10n.zh-cn.json')))) as Record<string, string>;
    text = chineseBundle[message] ?? message;
  }
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

/** Words of English in a text shown to a Chinese user (file names, rule codes, currency codes and icons aside). */
export function englishWords(text: string): string[] {
  return text.replace(/[\w.-]*\.ttab\b|TT\d{3}|\b[A-Z]{3}\b|\$\([a-z~-]+\)/g, '').match(/[A-Za-z]{2,}/g) ?? [];
}

/** The extension's manifest strings (package.nls.json, or package.nls.zh-cn.json in the Chinese run). */
export async function manifestStrings(): Promise<Record<string, string>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const file = (await inChinese()) ? 'package.nls.zh-cn.json' : 'package.nls.json';
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, file)))) as Record<string, string>;
}

// ---------------------------------------------------------------------------
// Screenshots: the code-server launcher asks for them by creating .e2e/screenshots in the
// workspace; for each one the suite sets the scene, names it in the log, and waits until the
// launcher has written the picture (.e2e/<name>.done). Pictures of the Chinese run are named zh-cn.<name>.

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
  const language = (await inChinese()) ? 'zh-cn.' : '';
  const file = `${language}${name}`;
  console.log(`${SCREENSHOT_MARK} ${file} ${selector}`);
  await waitFor(`the launcher to take screenshot ${file}`, () => exists(workspaceUri('.e2e', `${file}.done`)), 30_000);
  const result = await readWorkspaceFile('.e2e', `${file}.done`);
  const ok = /^ok (\d+)(?:\n([\s\S]*))?$/.exec(result);
  if (!ok) throw new Error(`screenshot ${file}: ${result}`);
  return { count: Number(ok[1]), text: ok[2] ?? '' };
}

// ---------------------------------------------------------------------------
// The UI hand-shake: a launcher that can drive the workbench (code-server + Playwright) creates
// .e2e/ui. The suite names a step in the log; the launcher does it in the browser and writes the
// result to .e2e/<name>.done (test/e2e/run-code-server.js, driveUi).

const UI_MARK = '[ttab-e2e] ui';

export interface UiStep {
  /** Click the button labelled `button` of the notification showing `toast`. */
  click?: { toast: string; button: string };
  /** Keys to press (Playwright names: 'F1', 'Control+P', 'Escape'), then text to type. */
  press?: string[];
  type?: string;
  /** Wait until an element matching this selector is visible. */
  waitFor?: string;
  /** Read the texts of the elements matching this selector. */
  read?: string;
  /** Expect the step to start a browser download. */
  download?: boolean;
  /** Afterwards, check the workbench still answers: F1 opens the command palette, Ctrl+P quick open. */
  probe?: boolean;
  /** How long a click, wait or read waits for its element (default 15 s). */
  timeoutMs?: number;
}

export interface UiResult {
  ok: boolean;
  error?: string;
  texts?: string[];
  /** The file name of the download the step started. */
  download?: string;
  /** The keys the workbench answered in the probe. */
  answered?: string[];
  /** Browser tabs or windows the step opened (their URLs). */
  popups?: string[];
}

export function uiDriven(): Promise<boolean> {
  return exists(workspaceUri('.e2e', 'ui'));
}

let uiSteps = 0;

/** Has the launcher do `step` in the workbench; rejects when it could not. */
export async function ui(what: string, step: UiStep): Promise<UiResult> {
  const name = `ui-${++uiSteps}`;
  console.log(`${UI_MARK} ${name} ${JSON.stringify(step)}`);
  await waitFor(`the launcher to ${what}`, () => exists(workspaceUri('.e2e', `${name}.done`)), 60_000);
  const result = JSON.parse(await readWorkspaceFile('.e2e', `${name}.done`)) as UiResult;
  if (!result.ok) throw new Error(`${what}: ${result.error}`);
  return result;
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
