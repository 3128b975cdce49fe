/** Small file helpers shared by the commands that write next to the user's tables. */
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

/**
 * A command's argument as its request: from the explorer or the editor title the table's Uri,
 * from a caller (a code lens, another extension, the e2e tests) the request itself.
 */
export function commandRequest<T extends { uri?: vscode.Uri }>(arg: unknown): T {
  if (arg instanceof vscode.Uri) return { uri: arg } as T;
  return (typeof arg === 'object' && arg !== null ? arg : {}) as T;
}
