/**
 * The requests about an open document (completion, hover, outline, …): each
 * reads the current model of its document through the safe runner, with
 * positions past the end clamped so a stale request still gets a sensible
 * answer. Refusals (rename, formatting) reach the user as messages.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Position, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-types';
import {
  codeActions,
  codeLenses,
  complete,
  documentSymbols,
  foldingRanges,
  formatDocumentEdits,
  formatRangeEdits,
  formatRefusal,
  hover,
  inlayHints,
  localize,
  prepareRename,
  references,
  rename,
  renameNotAllowed,
  sameRange,
  selectionRanges,
  placedTokens,
  placedTokensData,
  semanticTokensDelta,
  semanticTokensRange,
  workspaceSymbols,
  type Locale,
  type PlacedTokens,
  type ServiceContext,
} from '../../service/index';
import type { DocumentStore, OpenDocument } from './documents';
import { GENERATE_REPORT_COMMAND } from './protocol';
import type { Notifier } from './notifier';
import type { SafeRunner } from './runner';

export interface RequestDeps {
  store: DocumentStore;
  runner: SafeRunner;
  notifier: Notifier;
  /** The context of the moment (settings and catalogs change). */
  context(): ServiceContext;
  /** Whether the client takes one edit range for all completion items (LSP 3.17 `completionList.itemDefaults`). */
  completionEditRangeDefault(): boolean;
  /**
   * The most outline symbols and folding ranges to give for one document (targetTable.maxItemsComputed;
   * for folding, the client's rangeLimit too): the editor asks for both after every keystroke, and
   * a table of 10,000 indicators has 13,000 of each.
   */
  itemLimits(): { symbols: number; folding: number };
}

/** Positions past the end are clamped, so a stale request still gets a sensible answer. */
const clamp = (document: TextDocument, position: Position): Position => document.positionAt(document.offsetAt(position));

/**
 * The list with the edit range its items share said once (`itemDefaults.editRange`), for a client
 * that takes it: a list of 300 budget projects is half the size without 300 copies of one range,
 * and it is written, sent and read on every completion request.
 */
export function withEditRangeDefault(list: CompletionList | null): CompletionList | null {
  const first = list?.items[0]?.textEdit;
  if (!list || !first || !('range' in first) || list.itemDefaults?.editRange) return list;
  const range = first.range;
  if (!list.items.every((item) => item.textEdit && 'range' in item.textEdit && sameRange(item.textEdit.range, range))) return list;
  const items = list.items.map(({ textEdit, ...item }): CompletionItem => {
    // Without a textEdit the client inserts textEditText, else insertText, else the label.
    return textEdit!.newText === item.label && item.insertText === undefined ? item : { ...item, textEditText: textEdit!.newText };
  });
  return { ...list, itemDefaults: { ...list.itemDefaults, editRange: range }, items };
}

export function registerRequests(connection: Connection, { store, runner, notifier, context, completionEditRangeDefault, itemLimits }: RequestDeps): void {
  const withDocument = <T>(name: string, uri: string, token: { isCancellationRequested: boolean } | undefined, fallback: T, work: (open: OpenDocument, document: TextDocument) => T): T =>
    runner.run(name, token, fallback, () => {
      const open = store.get(uri);
      return open ? work(open, open.document) : fallback;
    });

  connection.onCompletion((params, token) =>
    withDocument('completion', params.textDocument.uri, token, null, (open, document) => {
      const list = complete(document, open.parsed, clamp(document, params.position), context());
      return completionEditRangeDefault() ? withEditRangeDefault(list) : list;
    }),
  );

  connection.onHover((params, token) =>
    withDocument('hover', params.textDocument.uri, token, null, (open, document) => hover(document, open.parsed, clamp(document, params.position), context(), store.findings(open))),
  );

  connection.onDocumentSymbol((params, token) =>
    withDocument('documentSymbol', params.textDocument.uri, token, [], (open, document) => {
      const ctx = context();
      const resultLimit = itemLimits().symbols;
      return documentSymbols(document, open.parsed, ctx, { resultLimit, onResultLimitExceeded: () => notifier.resultLimitReached(document.uri, 'outline', resultLimit, ctx.locale) });
    }),
  );

  connection.onWorkspaceSymbol((params, token) => runner.run('workspaceSymbol', token, [], () => workspaceSymbols(params.query, context())));

  connection.onFoldingRanges((params, token) =>
    withDocument('foldingRange', params.textDocument.uri, token, [], (open, document) => {
      const rangeLimit = itemLimits().folding;
      return foldingRanges(document, open.parsed, { rangeLimit, onRangeLimitExceeded: () => notifier.resultLimitReached(document.uri, 'folding', rangeLimit, context().locale) });
    }),
  );

  connection.onSelectionRanges((params, token) =>
    withDocument('selectionRange', params.textDocument.uri, token, [], (open, document) => selectionRanges(document, open.parsed, params.positions.map((p) => clamp(document, p)))),
  );

  // The last tokens given for each open document (its text object lives as long as it is open), by parts, for the next delta.
  const tokensGiven = new WeakMap<TextDocument, { resultId: string; placed: PlacedTokens }>();
  let tokenResults = 0;
  const giveTokens = (document: TextDocument, placed: PlacedTokens): string => {
    const resultId = String(++tokenResults);
    tokensGiven.set(document, { resultId, placed });
    return resultId;
  };
  connection.languages.semanticTokens.on((params, token) =>
    withDocument<SemanticTokens>('semanticTokens', params.textDocument.uri, token, { data: [] }, (open, document) => {
      const placed = placedTokens(document, open.parsed);
      return { resultId: giveTokens(document, placed), data: placedTokensData(placed) };
    }),
  );
  connection.languages.semanticTokens.onDelta((params, token) =>
    withDocument<SemanticTokens | SemanticTokensDelta>('semanticTokensDelta', params.textDocument.uri, token, { data: [] }, (open, document) => {
      const previous = tokensGiven.get(document);
      const placed = placedTokens(document, open.parsed);
      const resultId = giveTokens(document, placed);
      if (previous?.resultId !== params.previousResultId) return { resultId, data: placedTokensData(placed) };
      return { resultId, edits: semanticTokensDelta(previous.placed, placed) };
    }),
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    withDocument('semanticTokensRange', params.textDocument.uri, token, { data: [] }, (open, document) => semanticTokensRange(document, open.parsed, params.range)),
  );

  const refuseFormatting = (open: OpenDocument): void => {
    const refusal = formatRefusal(open.parsed, context().locale);
    if (refusal) notifier.warn(refusal);
  };

  connection.onDocumentFormatting((params, token) =>
    withDocument('formatting', params.textDocument.uri, token, [], (open, document) => {
      refuseFormatting(open);
      return formatDocumentEdits(document, open.parsed);
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    withDocument('rangeFormatting', params.textDocument.uri, token, [], (open, document) => {
      refuseFormatting(open);
      return formatRangeEdits(document, open.parsed, params.range);
    }),
  );

  connection.onCodeAction((params, token) =>
    withDocument('codeAction', params.textDocument.uri, token, [], (open, document) => codeActions(document, open.parsed, params.range, params.context.diagnostics, context())),
  );

  connection.languages.inlayHint.on((params, token) =>
    withDocument('inlayHint', params.textDocument.uri, token, [], (open, document) => inlayHints(document, open.parsed, params.range, context())),
  );

  connection.onCodeLens((params, token) =>
    withDocument('codeLens', params.textDocument.uri, token, [], (open, document) => codeLenses(document, open.parsed, context(), { reportCommand: GENERATE_REPORT_COMMAND })),
  );

  connection.onReferences((params, token) =>
    withDocument('references', params.textDocument.uri, token, [], (open, document) =>
      references(document, open.parsed, clamp(document, params.position), context(), params.context.includeDeclaration),
    ),
  );

  // Refusals reach the user as the request's error message ("cannot rename here" and why).
  const refusal = (message: { zh: string; en: string }, locale: Locale) => new ResponseError(ErrorCodes.InvalidRequest, localize(message, locale));

  connection.onPrepareRename((params, token) => {
    const result = withDocument('prepareRename', params.textDocument.uri, token, undefined, (open, document) =>
      prepareRename(document, open.parsed, clamp(document, params.position), context()),
    );
    if (result === undefined) return null;
    if (result === null) return refusal(renameNotAllowed, context().locale);
    return 'error' in result ? refusal(result.error, context().locale) : result;
  });

  connection.onRenameRequest((params, token) => {
    const result = withDocument('rename', params.textDocument.uri, token, null, (open, document) =>
      rename(document, open.parsed, clamp(document, params.position), params.newName, context()),
    );
    if (result && 'error' in result) return refusal(result.error, context().locale);
    return result;
  });
}
