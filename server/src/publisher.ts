/**
 * Validating an open document and telling the client: diagnostics pushed
 * (or answered when the client pulls them), the table's statistics for the
 * status bar, the work behind it for `--timing`, and, after the diagnostics
 * are written, the document's names for the workspace index.
 */
import { DocumentDiagnosticReportKind, type Connection, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver';
import { countTargets } from '../../grammar/src/index';
import type { Finding, WorkspaceIndex } from '../../service/index';
import type { ServerConfiguration } from './configuration';
import { DiagnosticBuilder } from './diagnostics';
import type { DocumentStore, OpenDocument } from './documents';
import type { ServerHost } from './host';
import { TABLE_STATS_NOTIFICATION, TIMING_NOTIFICATION, type TableStats, type WorkTiming } from './protocol';
import type { SafeRunner } from './runner';
import type { ValidationScheduler } from './scheduler';

export class Publisher {
  private readonly diagnostics = new DiagnosticBuilder();
  /** The client pulls diagnostics (textDocument/diagnostic) instead of receiving them. */
  pull = false;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly store: DocumentStore,
    private readonly index: WorkspaceIndex,
    private readonly config: ServerConfiguration,
    private readonly runner: SafeRunner,
    private readonly timing: boolean,
  ) {}

  /** Validate the current version and publish; a version superseded meanwhile is simply not the one validated. */
  validateNow(uri: string, scheduler: ValidationScheduler): void {
    const open = this.store.get(uri);
    if (!open) return;
    const validateStart = performance.now();
    const findings = this.runner.run('validation', undefined, [] as Finding[], () => this.store.findings(open));
    const validateMs = performance.now() - validateStart;
    const work = scheduler.takePending(uri);
    if (!this.pull) {
      const written = this.connection.sendDiagnostics({ uri, version: open.document.version, diagnostics: this.toDiagnostics(findings) });
      if (this.timing && work) {
        void Promise.resolve(written).then(() => {
          const timing: WorkTiming = {
            uri,
            version: open.document.version,
            parseMs: work.parseMs,
            validateMs,
            // Receipt of the change to diagnostics written, minus the debounce wait.
            workMs: performance.now() - work.receivedAt - (validateStart - work.receivedAt - work.parseMs),
            heapUsedMiB: this.host.heapUsedMiB(),
          };
          void this.connection.sendNotification(TIMING_NOTIFICATION, timing);
        });
      }
    }
    this.sendStats(uri, open, findings);
    // Off the diagnostics path (after the diagnostics are written): other files' completion sees this one's names on the next request.
    this.host.defer(() => this.runner.run('index', undefined, undefined, () => this.index.update(uri, open.parsed.ast)));
  }

  /** textDocument/diagnostic: the findings of the current version. */
  answerPull(params: DocumentDiagnosticParams): DocumentDiagnosticReport {
    const open = this.store.get(params.textDocument.uri);
    if (!open) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const findings = this.store.findings(open);
    this.sendStats(params.textDocument.uri, open, findings);
    return { kind: DocumentDiagnosticReportKind.Full, items: this.toDiagnostics(findings) };
  }

  /** A closed document shows no problems (its file is the workspace's again). */
  clear(uri: string): void {
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private toDiagnostics(findings: readonly Finding[]): Diagnostic[] {
    return this.diagnostics.build(findings, this.config.locale, this.config.maxNumberOfProblems);
  }

  private sendStats(uri: string, open: OpenDocument, findings: readonly Finding[]): void {
    const count = (s: Finding['severity']) => findings.reduce((n, f) => n + (f.severity === s ? 1 : 0), 0);
    const stats: TableStats = { uri, ...countTargets(open.parsed.ast), errors: count('error'), warnings: count('warning'), infos: count('info') };
    void this.connection.sendNotification(TABLE_STATS_NOTIFICATION, stats);
  }
}
