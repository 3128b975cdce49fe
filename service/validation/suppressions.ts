/**
 * What the user turned down: severity settings (`.ttab/rules.json`, the
 * editor's settings) and disable comments in the file. Syntax errors (TT0xx)
 * are never lowered or silenced.
 */
import type { Comment } from '../../grammar/src/index';
import type { ServiceSettings } from '../context';
import { firstStartingOnOrAfter } from '../ranges';
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

/** What one directive comment says, or null for an ordinary comment. */
function directive(comment: Comment): { nextLine: boolean; codes: Set<string> | 'all' } | null {
  const m = DIRECTIVE.exec(comment.text.trim());
  if (!m) return null;
  const codes = new Set<string>();
  for (const word of (m[2] ?? '').split(/[\s,，、]+/)) {
    if (!CODE.test(word)) break;
    codes.add(word.toUpperCase());
  }
  return { nextLine: m[1] !== undefined, codes: codes.size > 0 ? codes : 'all' };
}

/** The first line after `line` that holds no comment (comments sorted by line, one per line at most). */
function nextNonComment(comments: readonly Comment[], line: number): number {
  // The comments on the lines right after `line` are consecutive in the list, with consecutive lines.
  const first = firstStartingOnOrAfter(comments, line + 1);
  if (first >= comments.length || comments[first]!.range.start.line !== line + 1) return line + 1;
  // The last index of the run: comments[i].line - comments[first].line === i - first.
  let lo = first;
  let hi = comments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (comments[mid]!.range.start.line - comments[first]!.range.start.line === mid - first) lo = mid;
    else hi = mid - 1;
  }
  return comments[lo]!.range.start.line + 1;
}

/**
 * `# ttab-disable-next-line TT101 TT109` silences those codes on the next line that is not a
 * comment; `# ttab-disable TT109` silences a code in the whole file. With no code: everything.
 * Codes are separated by spaces or commas; words after them are a free reason.
 */
export function suppressions(comments: readonly Comment[]): Suppressions {
  return new DisableComments(comments).suppressions(comments);
}

/**
 * The disable comments of a table, kept up to date from the comments an edit replaced (see
 * grammar/src/incremental.ts), so a table of 100,000 comments is not read again on every edit.
 */
export class DisableComments {
  private readonly directives = new Set<Comment>();

  constructor(comments: readonly Comment[]) {
    for (const c of comments) if (directive(c)) this.directives.add(c);
  }

  update(removed: readonly Comment[], added: readonly Comment[]): void {
    for (const c of removed) this.directives.delete(c);
    for (const c of added) if (directive(c)) this.directives.add(c);
  }

  /** What the disable comments silence; `comments` are the table's, sorted (for what "the next line" is). */
  suppressions(comments: readonly Comment[]): Suppressions {
    const result: Suppressions = { file: new Set(), lines: new Map() };
    for (const comment of this.directives) {
      const d = directive(comment)!;
      if (d.nextLine) {
        const line = nextNonComment(comments, comment.range.start.line);
        result.lines.set(line, mergeCodes(result.lines.get(line), d.codes));
      } else {
        result.file = mergeCodes(result.file, d.codes);
      }
    }
    return result;
  }
}

/** Whether no severity setting and no disable comment applies: every finding is shown as it is. */
function turnsDownNothing(settings: ServiceSettings, silence: Suppressions): boolean {
  if (silence.file === 'all' || silence.file.size > 0 || silence.lines.size > 0) return false;
  for (const _ in settings.rules) return false;
  return true;
}

function silenced(codes: Set<string> | 'all' | undefined, code: string): boolean {
  return codes === 'all' || (codes !== undefined && codes.has(code));
}

/**
 * Severity overrides ('off' drops the finding) and disable comments, for domain findings only:
 * syntax errors (TT0xx) are never lowered or silenced.
 */
export function applySettings(findings: readonly Finding[], settings: ServiceSettings, silence: Suppressions): readonly Finding[] {
  // Mostly nothing is turned down, and this runs on every objective a line-adding edit moved: no copy then.
  if (turnsDownNothing(settings, silence)) return findings;
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
