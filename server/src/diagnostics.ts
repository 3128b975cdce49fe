/**
 * Findings → LSP diagnostics: in the user's language, at most
 * `targetTable.maxNumberOfProblems` of them (the most severe first; a list of
 * thousands helps nobody and costs every edit), with one line saying how many
 * are not shown. A finding lives as long as its duty is unchanged, so its
 * diagnostic is built once and reused across versions.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { findingToDiagnostic, localize, mostSevere, type Finding, type Locale } from '../../service/index';

export class DiagnosticBuilder {
  private cache = new WeakMap<Finding, Diagnostic>();
  private cacheLocale: Locale | undefined;

  build(findings: readonly Finding[], locale: Locale, maxNumberOfProblems: number): Diagnostic[] {
    if (this.cacheLocale !== locale) {
      this.cache = new WeakMap();
      this.cacheLocale = locale;
    }
    const shown = mostSevere(findings, maxNumberOfProblems);
    const diagnostics = shown.map((f) => {
      let d = this.cache.get(f);
      if (!d) {
        d = findingToDiagnostic(f, locale);
        this.cache.set(f, d);
      }
      return d;
    });
    if (shown.length < findings.length) {
      const hidden = findings.length - shown.length;
      diagnostics.push({
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
      });
    }
    return diagnostics;
  }
}
