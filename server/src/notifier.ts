/** Messages for the user: warnings, and configuration problems shown once each. */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { fileName, localize, type Locale } from '../../service/index';
import { RESULT_LIMIT_NOTIFICATION, type ResultLimitReached } from './protocol';
import type { Logger } from './runner';

export class Notifier {
  private readonly shown = new Set<string>();
  /** Per document, the features whose cut results were told of, until the document closes. */
  private readonly limitsTold = new Map<string, Set<ResultLimitReached['feature']>>();

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
    const told = this.limitsTold.get(uri) ?? new Set();
    if (told.has(feature)) return;
    this.limitsTold.set(uri, told.add(feature));
    const name = fileName(uri);
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
    this.limitsTold.delete(uri);
  }
}
