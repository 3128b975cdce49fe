/**
 * A table as committed in HEAD, read with the git program (execFile, no shell): what Compare with
 * HEAD falls back to when the built-in git extension's API cannot tell. Node only — the browser's
 * extension host runs no programs, so there the command relies on the git extension alone.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { notInHead, type CommittedText } from '../platform';
import { displayPath } from '../tableAnalyzer';

function runGit(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error((stderr || error.message).trim().split('\n')[0]));
      else resolve(stdout);
    });
  });
}

function inHead(cwd: string, file: string): Promise<boolean> {
  return runGit(['cat-file', '-e', `HEAD:${file}`], cwd).then(
    () => true,
    () => false,
  );
}

/** The table at `uri` (a file on this machine) as committed in HEAD; why not, otherwise. */
export async function readCommittedWithGit(uri: vscode.Uri): Promise<CommittedText> {
  const cwd = path.dirname(uri.fsPath);
  const file = `./${path.basename(uri.fsPath)}`;
  try {
    await runGit(['rev-parse', '--is-inside-work-tree'], cwd);
  } catch {
    return { error: vscode.l10n.t('{0} is not in a git repository.', displayPath(uri)) };
  }
  try {
    return { text: await runGit(['cat-file', 'blob', `HEAD:${file}`], cwd) };
  } catch (error) {
    if (!(await inHead(cwd, file))) return notInHead(displayPath(uri));
    return { error: vscode.l10n.t('Cannot read {0} from HEAD: {1}', displayPath(uri), (error as Error).message) };
  }
}
