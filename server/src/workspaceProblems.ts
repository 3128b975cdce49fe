/**
 * The problems of every table of the workspace, open or not, as `ttab check`
 * gives them — when `targetTable.diagnostics.scope` is `workspace`.
 *
 * Closed tables are validated in the background as the workspace scan reads
 * them (workspaceScan.ts: one file at a time, yielding between files), and
 * only their diagnostics and a result id are kept. The client pulls them with
 * `workspace/diagnostic` every few seconds; a table whose result id it
 * already has is left out of the answer, so an unchanged workspace costs
 * nothing. Open tables are answered from their current version (the client
 * prefers its own document pulls for those it shows). A client that cannot
 * pull gets the closed tables' diagnostics pushed instead.
 *
 * With the scope `openFiles`, only open tables are reported, and what the
 * workspace scope showed is cleared.
 */
import { DocumentDiagnosticReportKind, type Connection, type Diagnostic, type PreviousResultId, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import type { ParseResult } from '../../grammar/src/index';
import { mostSevere, validate } from '../../service/index';
import type { ServerConfiguration } from './configuration';
import { sameDiagnostics } from './diagnostics';
import type { DocumentStore } from './documents';
import type { Publisher } from './publisher';

/** The result id of "no problems, and none will come": a table that is gone, or no longer reported. */
const NONE = 'none';

export class WorkspaceProblems {
  private readonly files = new Map<string, { diagnostics: Diagnostic[]; resultId: string }>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly publisher: Publisher,
    private readonly config: ServerConfiguration,
  ) {}

  get enabled(): boolean {
    return this.config.diagnosticsScope === 'workspace';
  }

  /** A table read from disk (not open): validated and kept, when the workspace's problems are shown. */
  read(uri: string, parsed: ParseResult): void {
    if (!this.enabled) return;
    const findings = validate(parsed, { settings: this.config.settings, units: this.config.catalogs.units });
    const max = this.config.maxNumberOfProblems;
    const diagnostics = this.publisher.diagnostics.build(mostSevere(findings, max), findings.length, this.config.locale, max, uri);
    const before = this.files.get(uri);
    if (before && sameDiagnostics(before.diagnostics, diagnostics)) return;
    this.files.set(uri, { diagnostics, resultId: this.publisher.newResultId() });
    if (!this.publisher.pull) void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** A table that is gone, or open in an editor now (its document reports it). */
  forget(uri: string): void {
    if (!this.files.delete(uri)) return;
    if (!this.publisher.pull && !this.store.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The scope changed to open tables only: what the workspace showed goes. */
  clear(): void {
    for (const uri of [...this.files.keys()]) this.forget(uri);
  }

  /** workspace/diagnostic: the reports the client does not have yet (by result id). */
  report(previous: readonly PreviousResultId[]): WorkspaceDocumentDiagnosticReport[] {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const open of this.store.all()) {
      const uri = open.document.uri;
      if (!uri.startsWith('file:')) continue;
      const { diagnostics, resultId } = this.publisher.given(uri, open);
      if (known.get(uri) !== resultId) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: open.document.version, resultId, items: diagnostics });
    }
    for (const [uri, { diagnostics, resultId }] of this.files) {
      if (!this.store.get(uri) && known.get(uri) !== resultId) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnostics });
    }
    // What the client still shows of tables no longer reported (gone, or the scope changed): cleared once.
    for (const [uri, value] of known) {
      if (value !== NONE && !this.files.has(uri) && !this.store.get(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: NONE, items: [] });
    }
    return items;
  }
}
