/**
 * Small file helpers shared by the commands that write next to the user's tables, and by whatever
 * reads the workspace through VS Code's file system (so remote and virtual folders work, and the
 * browser, which has no other way to the files).
 */
import { isAbsolute } from 'pathe';
import * as vscode from 'vscode';

/** Whether something exists at `uri` (through VS Code's file system, so remote and virtual folders work). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text of a table as the user sees it: the editor's (saved or not), else the file's. */
export async function tableText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** A file's text (UTF-8); undefined when there is no such file; throws when it exists but cannot be read. */
export async function readTextIfExists(uri: vscode.Uri): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    // file systems differ in the errors they give for a missing file: ask whether it is there
    if (!(await exists(uri))) return undefined;
    throw error;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Replaces `target` through VS Code's file system only with a completely written new file: a
 * temporary file beside it, renamed into place (removed again when the rename fails).
 */
export async function writeThroughWorkspaceFs(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const scratch = target.with({ path: `${target.path}.${Date.now().toString(36)}.tmp` });
  await vscode.workspace.fs.writeFile(scratch, bytes);
  await vscode.workspace.fs.rename(scratch, target, { overwrite: true }).then(undefined, async (error: unknown) => {
    await vscode.workspace.fs.delete(scratch).then(undefined, () => undefined);
    throw error;
  });
}

/** `file` relative to `folder`, or an absolute path on the folder's own file system (a remote or virtual one in the browser). */
export function resolveInFolder(folder: vscode.Uri, file: string): vscode.Uri {
  if (!isAbsolute(file)) return vscode.Uri.joinPath(folder, file);
  const absolute = vscode.Uri.file(file);
  return folder.scheme === 'file' ? absolute : folder.with({ path: absolute.path });
}

/**
 * A command's argument as its request: from the explorer or the editor title the table's Uri,
 * from a caller (a code lens, another extension, the e2e tests) the request itself.
 */
export function commandRequest<T extends { uri?: vscode.Uri }>(arg: unknown): T {
  if (arg instanceof vscode.Uri) return { uri: arg } as T;
  return (typeof arg === 'object' && arg !== null ? arg : {}) as T;
}
