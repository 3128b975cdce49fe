/**
 * Validating an open document and telling the client: diagnostics pushed, or
 * answered when the client pulls them (`textDocument/diagnostic`, with result
 * ids: a table whose diagnostics did not change is answered "unchanged", and
 * costs the client nothing); the table's statistics for the status bar; the
 * work behind it for `--timing`; and, after the diagnostics are written, the
 * document's names for the workspace index.
 *
 * The diagnostics of a version are built once; they are the same objects as
 * the previous version's where the findings are (diagnostics.ts), so telling
 * whether anything changed is a comparison of references. Pushed diagnostics
 * are sent only when they changed.
 */
import {
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import { prepareNearestNames, type Finding, type WorkspaceIndex } from '../../service/index';
import type { ServerConfiguration } from './configuration';
import { DiagnosticBuilder, sameDiagnostics } from './diagnostics';
import type { DocumentStore, OpenDocument } from './documents';
import type { ServerHost } from './host';
import { TABLE_STATS_NOTIFICATION, TIMING_NOTIFICATION, type TableStats, type WorkTiming } from './protocol';
import type { SafeRunner } from './runner';
import type { PendingWork, ValidationScheduler } from './scheduler';

/** How long one slice of making position lists may keep the server from a request. */
const LIST_SLICE_MS = 8;

/** What the client was last given for a document: the diagnostics and their result id. */
interface Given {
  diagnostics: Diagnostic[];
  resultId: string;
}

export class Publisher {
  readonly diagnostics = new DiagnosticBuilder();
  /** The client pulls diagnostics (textDocument/diagnostic) instead of receiving them. */
  pull = false;
  private readonly lastGiven = new Map<string, Given>();
  /** The documents whose duties' position lists are made, or being made, since they were opened. */
  private readonly listed = new Set<string>();
  private resultIds = 0;
  private published!: () => void;
  /** Settles when the first open table has its diagnostics (the workspace scan waits for it). */
  readonly firstDiagnostics = new Promise<void>((resolve) => (this.published = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly store: DocumentStore,
    private readonly index: WorkspaceIndex,
    private readonly config: ServerConfiguration,
    private readonly runner: SafeRunner,
    private readonly timing: boolean,
    private readonly afterWrites: (work: () => void) => void = (work) => work(),
  ) {}

  /** A new result id, for a report whose diagnostics changed (the workspace's share the sequence). */
  newResultId(): string {
    return String(++this.resultIds);
  }

  /** Validate the current version and publish; a version superseded meanwhile is simply not the one validated. */
  validateNow(uri: string, scheduler: ValidationScheduler): void {
    const open = this.store.get(uri);
    if (!open) return;
    this.findings(open);
    if (!this.pull) {
      const start = performance.now();
      const report = this.given(uri, open);
      const work = scheduler.takePending(uri);
      if (report.changed) {
        const written = this.connection.sendDiagnostics({ uri, version: open.document.version, diagnostics: report.diagnostics });
        void Promise.resolve(written).then(() => {
          this.prepareNames(open);
          this.reportTiming(uri, open, work, start, true);
        });
      } else {
        this.prepareNames(open);
        this.reportTiming(uri, open, work, start, false);
      }
    }
    this.sendStats(uri, open);
    this.published();
    this.listPositionsOnce(uri);
    // Off the diagnostics path (after the diagnostics are written): other files' completion sees this one's names on the next request.
    this.host.defer(() => this.runner.run('index', undefined, undefined, () => this.index.update(uri, open.parsed.ast, true)));
  }

  /** textDocument/diagnostic: the current version's diagnostics, or "unchanged" when the client has them. */
  answerPull(params: DocumentDiagnosticParams, scheduler: ValidationScheduler): DocumentDiagnosticReport {
    const uri = params.textDocument.uri;
    const open = this.store.get(uri);
    if (!open) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const start = performance.now();
    // Validated here (the pull came before the debounce ran): the time from `start` holds it already.
    const validatedHere = open.findings === undefined;
    const work = scheduler.takePending(uri);
    const report = this.given(uri, open);
    const unchanged = params.previousResultId === report.resultId;
    this.published();
    this.listPositionsOnce(uri);
    // The answer is handed to the transport when this returns, and encoded and written in a turn of the event
    // loop after that: the timing once it is written counts the encoding and the writing, and completion's names.
    this.host.defer(() =>
      this.afterWrites(() => {
        this.prepareNames(open);
        this.reportTiming(uri, open, work, start, !unchanged, validatedHere);
      }),
    );
    return unchanged
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  }

  /**
   * Completion's totals of the table's names, brought to the version whose diagnostics were just
   * written: summed when the table is opened (the first request after opening a large table would
   * sum them all; summing them before would delay the diagnostics), then moved by the 事项 each edit
   * changed. Counted in the edit's work (`--timing`); a request that comes first moves them itself.
   */
  private prepareNames(open: OpenDocument): void {
    this.runner.run('completionNames', undefined, undefined, () => prepareNearestNames(open.document, open.parsed, this.index));
  }

  /**
   * After a table's first diagnostics, in slices between the requests and edits that come (a
   * 50,000-indicator table's lists take 200 ms): the lists of positions its duties move by, so the
   * first Enter costs what the next ones do (DocumentStore.listPositions).
   */
  private listPositionsOnce(uri: string): void {
    if (this.listed.has(uri)) return;
    this.listed.add(uri);
    const slice = (from: number) =>
      this.host.defer(() => {
        const open = this.store.get(uri);
        if (!open || !this.listed.has(uri)) return;
        const next = this.runner.run('positions', undefined, -1, () => this.store.listPositions(open, from, LIST_SLICE_MS));
        if (next >= 0) slice(next);
      });
    slice(0);
  }

  /** A closed document shows no problems (its file is the workspace's again). */
  clear(uri: string): void {
    this.lastGiven.delete(uri);
    this.listed.delete(uri);
    this.diagnostics.forget(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The findings of an open document's current version (validated once per version). */
  findings(open: OpenDocument): Finding[] {
    return this.runner.run('validation', undefined, [] as Finding[], () => this.store.findings(open));
  }

  /** The version's diagnostics, its result id, and whether they differ from what the client was last given. */
  given(uri: string, open: OpenDocument): Given & { changed: boolean } {
    open.diagnostics ??= this.toDiagnostics(open);
    const given = this.lastGiven.get(uri);
    if (given && sameDiagnostics(given.diagnostics, open.diagnostics)) return { ...given, changed: false };
    const next = { diagnostics: open.diagnostics, resultId: this.newResultId() };
    this.lastGiven.set(uri, next);
    return { ...next, changed: true };
  }

  private toDiagnostics(open: OpenDocument): Diagnostic[] {
    const findings = this.findings(open);
    const max = this.config.maxNumberOfProblems;
    const shown = this.runner.run('validation', undefined, findings as readonly Finding[], () => this.store.shown(open, max));
    return this.diagnostics.build(shown, findings.length, this.config.locale, max, open.document.uri, open.lineMoves);
  }

  /** `--timing`: the server's work behind the diagnostics of a change (reparse, validation, diagnostics, writing them). */
  private reportTiming(uri: string, open: OpenDocument, work: PendingWork | undefined, start: number, sent: boolean, validatedSinceStart = false): void {
    if (!this.timing || !work) return;
    const timing: WorkTiming = {
      uri,
      version: open.document.version,
      parseMs: work.parseMs,
      validateMs: open.validateMs ?? 0,
      workMs: work.parseMs + (validatedSinceStart ? 0 : (open.validateMs ?? 0)) + (performance.now() - start),
      sent,
      heapUsedMiB: this.host.heapUsedMiB(),
    };
    void this.connection.sendNotification(TIMING_NOTIFICATION, timing);
  }

  private sendStats(uri: string, open: OpenDocument): void {
    const summary = this.store.summary(open);
    const stats: TableStats = { uri, ...summary };
    void this.connection.sendNotification(TABLE_STATS_NOTIFICATION, stats);
  }
}
