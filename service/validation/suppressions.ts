/**
 * What the user turned down: severity settings (`.ttab/rules.json`, the
 * editor's settings) and disable comments in the file. Syntax errors (TT0xx)
 * are never lowered or silenced.
 */
import type { Comment } from '../../grammar/src/index';
import type { ServiceSettings } from '../context';
import type { Finding } from './findings';
import { isSyntaxCode } from './registry';

/** Codes silenced by disable comments: for the whole file, and per line. 'all' = every domain finding. */
export interface Suppressions {
  file: Set<string> | 'all';
  lines: Map<number, Set<string> | 'all'>;
}

const DIRECTIVE = /^ttab-disable(-next-line)?(?:[\s,，]+(.*))?$/;
const CODE = /^TT\d{3}$/i;

function mergeCodes(into: Set<string> | 'all' | undefined, codes: Set<string> | 'all'): Set<string> | 'all' {
  if (into === 'all' || codes === 'all') return 'all';
  if (!into) return codes;
  for (const c of codes) into.add(c);
  return into;
}

/**
 * `# ttab-disable-next-line TT101 TT109` silences those codes on the next line that is not a
 * comment; `# ttab-disable TT109` silences a code in the whole file. With no code: everything.
 * Codes are separated by spaces or commas; words after them are a free reason.
 */
export function suppressions(comments: readonly Comment[]): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (comments.length === 0) return result;
  const commentLines = new Set(comments.map((c) => c.range.start.line));
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text.trim());
    if (!m) continue;
    const codes = new Set<string>();
    for (const word of (m[2] ?? '').split(/[\s,，、]+/)) {
      if (!CODE.test(word)) break;
      codes.add(word.toUpperCase());
    }
    const silenced = codes.size > 0 ? codes : 'all';
    if (m[1]) {
      let line = comment.range.start.line + 1;
      while (commentLines.has(line)) line++;
      result.lines.set(line, mergeCodes(result.lines.get(line), silenced));
    } else {
      result.file = mergeCodes(result.file, silenced);
    }
  }
  return result;
}

function silenced(codes: Set<string> | 'all' | undefined, code: string): boolean {
  return codes === 'all' || (codes !== undefined && codes.has(code));
}

/**
 * Severity overrides ('off' drops the finding) and disable comments, for domain findings only:
 * syntax errors (TT0xx) are never lowered or silenced.
 */
export function applySettings(findings: readonly Finding[], settings: ServiceSettings, silence: Suppressions): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (isSyntaxCode(f.code)) {
      out.push(f);
      continue;
    }
    if (silenced(silence.file, f.code) || silenced(silence.lines.get(f.range.start.line), f.code)) continue;
    const setting = settings.rules[f.code];
    if (setting === 'off') continue;
    out.push(setting === 'error' || setting === 'warning' || setting === 'info' ? { ...f, severity: setting } : f);
  }
  return out;
}
