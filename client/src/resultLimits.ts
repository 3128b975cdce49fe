/**
 * The server cut a table's outline or folding ranges at targetTable.maxItemsComputed: the user is
 * told once per table and feature, with the way to the setting, and may silence it for good (as
 * VS Code's JSON extension does for json.maxItemsComputed).
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, type ResultLimitReached } from './ids';

const SILENCED_KEY = 'targetTable.resultLimitSilenced';

export class ResultLimits {
  /** The messages received, newest last (what the e2e suite reads). */
  readonly received: ResultLimitReached[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  async show(reached: ResultLimitReached): Promise<void> {
    this.received.push(reached);
    if (this.context.globalState.get<boolean>(SILENCED_KEY) === true) return;
    const openSettings = vscode.l10n.t('Open Settings');
    const neverAgain = vscode.l10n.t("Don't Show Again");
    const picked = await vscode.window.showInformationMessage(reached.message, openSettings, neverAgain);
    if (picked === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.maxItemsComputed`);
    else if (picked === neverAgain) await this.context.globalState.update(SILENCED_KEY, true);
  }
}
