/**
 * Findings → LSP diagnostics: in the user's language, at most
 * `targetTable.maxNumberOfProblems` of them (the most severe first; a list of
 * thousands helps nobody and costs every edit), with one line saying how many
 * are not shown. A finding lives as long as the block it is about is
 * unchanged, so its diagnostic is built once and reused across versions (built
 * again when its range moved: a table rule's finding lies on the tree's own
 * ranges): an unchanged list of diagnostics is the same objects, which is how
 * the publisher knows there is nothing new to tell the client.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { findingToDiagnostic, localize, sameRange, sharedEnds, type Finding, type Locale } from '../../service/index';

export class DiagnosticBuilder {
  private cache = new WeakMap<Finding, Built>();
  private cacheLocale: Locale | undefined;
  private hiddenLine: { key: string; diagnostic: Diagnostic } | undefined;
  private related = false;
  /** Per document, what its last build showed: the findings (a copy), their diagnostics, and its lineMoves then. */
  private readonly lastBuilt = new Map<string, { shown: readonly Finding[]; diagnostics: readonly Diagnostic[]; lineMoves: number }>();

  /**
   * Whether the client shows related information (VS Code does): a finding's related places are
   * given as links then, and said in its message otherwise.
   */
  set relatedInformation(supported: boolean) {
    if (supported !== this.related) {
      this.cache = new WeakMap();
      this.lastBuilt.clear();
    }
    this.related = supported;
  }

  /**
   * The diagnostics of the findings shown (chosen among `total`, see mostSevere) of the document
   * `uri`. `lineMoves` (OpenDocument.lineMoves): when it is what it was at the document's last
   * build, nothing kept moved since, and the findings both lists share at their ends keep their
   * diagnostics without a look at each (a keystroke in a large table shows a thousand of them).
   */
  build(shown: readonly Finding[], total: number, locale: Locale, maxNumberOfProblems: number, uri: string, lineMoves?: number): Diagnostic[] {
    if (this.cacheLocale !== locale) {
      this.cache = new WeakMap();
      this.lastBuilt.clear();
      this.cacheLocale = locale;
    }
    // A finding belongs to one document's validation, so the cache needs no key but the finding.
    const relatedIn = this.related ? uri : undefined;
    const last = this.lastBuilt.get(uri);
    let diagnostics: Diagnostic[];
    if (last && lineMoves !== undefined && last.lineMoves === lineMoves) {
      const { head, tail } = sharedEnds(last.shown, shown);
      diagnostics = last.diagnostics.slice(0, head);
      for (let i = head; i < shown.length - tail; i++) diagnostics.push(this.diagnosticOf(shown[i]!, locale, relatedIn));
      for (let i = last.shown.length - tail; i < last.shown.length; i++) diagnostics.push(last.diagnostics[i]!);
    } else {
      diagnostics = shown.map((f) => this.diagnosticOf(f, locale, relatedIn));
    }
    // A copy of the list shown: the validation's own list is updated in place by the next one.
    if (lineMoves !== undefined) this.lastBuilt.set(uri, { shown: shown.slice(), diagnostics, lineMoves });
    if (shown.length < total) diagnostics = [...diagnostics, this.hidden(total - shown.length, locale, maxNumberOfProblems)];
    return diagnostics;
  }

  /** Forgets what was last built for a document (closed). */
  forget(uri: string): void {
    this.lastBuilt.delete(uri);
  }

  private diagnosticOf(f: Finding, locale: Locale, relatedIn: string | undefined): Diagnostic {
    let b = this.cache.get(f);
    // A table rule's finding lies on the tree's ranges, which move with the lines: the same
    // finding moved is a new diagnostic.
    if (!b || !stillAt(f, b)) {
      b = built(f, locale, relatedIn);
      this.cache.set(f, b);
    }
    return b.diagnostic;
  }

  /** The line saying how many problems are not shown (the same object while it says the same). */
  private hidden(hidden: number, locale: Locale, maxNumberOfProblems: number): Diagnostic {
    const key = `${hidden} ${locale} ${maxNumberOfProblems}`;
    if (this.hiddenLine?.key === key) return this.hiddenLine.diagnostic;
    const diagnostic: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'ttab',
      message: localize(
        {
          zh: `另有 ${hidden} 个问题未显示（上限由 targetTable.maxNumberOfProblems 设置，目前为 ${maxNumberOfProblems}）`,
          en: `${hidden} more problems not shown (the limit is targetTable.maxNumberOfProblems, now ${maxNumberOfProblems})`,
        },
        locale,
      ),
    };
    this.hiddenLine = { key, diagnostic };
    return diagnostic;
  }
}

/** A finding's diagnostic, with where its related places were when it was built (the diagnostic holds its range). */
interface Built {
  diagnostic: Diagnostic;
  related: Range[] | undefined;
}

function built(f: Finding, locale: Locale, relatedIn: string | undefined): Built {
  return { diagnostic: findingToDiagnostic(f, locale, relatedIn), related: f.related?.map((r) => ({ start: { ...r.range.start }, end: { ...r.range.end } })) };
}

/** Whether the finding is where it was when its diagnostic was built (compared without allocating: a thousand per keystroke). */
function stillAt(f: Finding, b: Built): boolean {
  if (!sameRange(f.range, b.diagnostic.range)) return false;
  const related = f.related;
  if (!related) return true;
  if (related.length !== b.related!.length) return false;
  for (let i = 0; i < related.length; i++) if (!sameRange(related[i]!.range, b.related![i]!)) return false;
  return true;
}

/**
 * Whether two lists say the same: mostly the same objects (what an edit did not touch), and where
 * not, the same content (an indicator validated again that has the same problems).
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameDiagnostic(a[i]!, b[i]!)) return false;
  return true;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.severity === b.severity &&
    a.message === b.message &&
    sameRange(a.range, b.range) &&
    JSON.stringify(a.relatedInformation) === JSON.stringify(b.relatedInformation) &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}
