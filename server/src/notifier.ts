/** Messages for the user: warnings, and configuration problems shown once each. */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { localize, type Locale } from '../../service/index';
import { RESULT_LIMIT_NOTIFICATION, type ResultLimitReached } from './protocol';
import type { Logger } from './runner';

export class Notifier {
  private readonly shown = new Set<string>();
  /** The documents and features whose cut results were told of (`uri feature`), until the document closes. */
  private readonly limitsTold = new Set<string>();

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

  /** An outline or folding ranges cut at their limit: said once per document and feature while it is open. */
  resultLimitReached(uri: string, feature: ResultLimitReached['feature'], limit: number, locale: Locale): void {
    const key = `${uri} ${feature}`;
    if (this.limitsTold.has(key)) return;
    this.limitsTold.add(key);
    // The file's name: the last part of its path (`untitled:Untitled-1` has no folder).
    const name = decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:/i, '').split('/').pop() ?? uri);
    const what = feature === 'outline' ? { zh: '大纲项', en: 'outline items' } : { zh: '折叠区域', en: 'folding regions' };
    const message = localize(
      {
        zh: `${name}：为保证编辑流畅，只计算 ${limit} 个${what.zh}（外层优先）。上限可在设置 targetTable.maxItemsComputed 中修改。`,
        en: `${name}: for performance, only ${limit} ${what.en} are computed (the outer levels first). The setting targetTable.maxItemsComputed changes the limit.`,
      },
      locale,
    );
    const params: ResultLimitReached = { uri, feature, limit, message };
    void this.connection.sendNotification(RESULT_LIMIT_NOTIFICATION, params);
  }

  /** A document closed: its cut results will be told of again when it opens. */
  forgetLimits(uri: string): void {
    for (const feature of ['outline', 'folding']) this.limitsTold.delete(`${uri} ${feature}`);
  }
}
