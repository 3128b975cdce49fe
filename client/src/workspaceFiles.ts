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
