/**
 * Validation: the findings of one table. For now the syntax and model
 * problems the parser reports; the domain rules (brief §5) plug in here, so
 * `ttab check` and the language server report exactly the same findings.
 */
import type { Message, ParseResult, Range, Severity } from '../../../grammar/src/index';

export interface Finding {
  code: string;
  severity: Severity;
  message: Message;
  range: Range;
}

export function validate(parsed: ParseResult): Finding[] {
  return parsed.errors.map((e) => ({ code: e.code, severity: e.severity, message: e.message, range: e.range }));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
