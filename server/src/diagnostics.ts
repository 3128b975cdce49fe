/**
 * Findings → LSP diagnostics: in the user's language, at most
 * `targetTable.maxNumberOfProblems` of them (the most severe first; a list of
 * thousands helps nobody and costs every edit), with one line saying how many
 * are not shown. A finding lives as long as the block it is about is
 * unchanged, so its diagnostic is built once and reused across versions: an
 * unchanged list of diagnostics is the same objects, which is how the
 * publisher knows there is nothing new to tell the client.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { findingToDiagnostic, localize, sameRange, type Finding, type Locale } from '../../service/index';

export class DiagnosticBuilder {
  private cache = new WeakMap<Finding, Diagnostic>();
  private cacheLocale: Locale | undefined;
  private hiddenLine: { key: string; diagnostic: Diagnostic } | undefined;

  /** The diagnostics of the findings shown (chosen among `total`, see mostSevere). */
  build(shown: readonly Finding[], total: number, locale: Locale, maxNumberOfProblems: number): Diagnostic[] {
    if (this.cacheLocale !== locale) {
      this.cache = new WeakMap();
      this.cacheLocale = locale;
    }
    const diagnostics = shown.map((f) => {
      let d = this.cache.get(f);
      if (!d) {
        d = findingToDiagnostic(f, locale);
        this.cache.set(f, d);
      }
      return d;
    });
    if (shown.length < total) diagnostics.push(this.hidden(total - shown.length, locale, maxNumberOfProblems));
    return diagnostics;
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
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}
