/** Messages for the user: warnings, and configuration problems shown once each. */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { Logger } from './runner';

export class Notifier {
  private readonly shown = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
  ) {}

  /** A message for the user (a notification: nothing waits for an answer). */
  warn(message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  /** A problem with the user's configuration: one message per distinct problem, never a storm. */
  showProblem(text: string): void {
    if (this.shown.has(text)) return;
    this.shown.add(text);
    this.log.warn(text);
    this.warn(text);
  }

  /** The files changed: their problems may be shown again. */
  forgetProblems(): void {
    this.shown.clear();
  }
}
