/**
 * The bad-server-bundle suite: the launchers run it against a copy of the extension whose
 * dist/server.js is missing or throws at once (.e2e/scenario says which). The user must get one
 * clear notification with a way forward, and a status bar item that says the server is stopped.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiOf, openFile, readWorkspaceFile, runAll, screenshot, screenshotsRequested, waitFor, type Test } from './helpers';

export async function run(): Promise<void> {
  const scenario = await readWorkspaceFile('.e2e', 'scenario');
  assert.ok(scenario === 'missing' || scenario === 'broken', `.e2e/scenario is missing or broken, not '${scenario}'`);
  const expectedStatus = scenario === 'missing' ? 'missing' : 'stopped';
  const countNotifications = await screenshotsRequested();

  const tests: Test[] = [
    {
      name: `a ${scenario} server bundle gives one notification and a stopped status`,
      run: async () => {
        const api = await apiOf();
        await openFile('faulty.ttab');
        await waitFor(`the server status '${expectedStatus}'`, () => api.serverStatus() === expectedStatus);
        const text = await waitFor('the status bar item', () => api.statusBarText());
        assert.ok(text.includes('$(warning)'), `the status bar says the server is stopped: '${text}'`);
        if (countNotifications) {
          const toasts = await screenshot(`${scenario}-bundle`, '.notification-toast');
          assert.equal(toasts, 1, 'exactly one notification');
        }
      },
    },
    {
      name: `Restart with the ${scenario} bundle still there keeps the server stopped`,
      run: async () => {
        const api = await apiOf();
        await vscode.commands.executeCommand('targetTable.restartServer');
        await waitFor(`the server status '${expectedStatus}' again`, () => api.serverStatus() === expectedStatus);
      },
    },
  ];
  await runAll(`e2e (${scenario} server bundle)`, tests);
}
