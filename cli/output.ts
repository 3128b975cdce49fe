/** Findings as `ttab` prints them: `file:line:col severity code message`, or GitHub workflow annotations; the places a finding relates to are said in words after its message. */
import { relatedInWords, type Finding } from '../service/index';
import { say, type Lang } from './command';

function githubEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

export function formatFinding(file: string, f: Finding, format: 'text' | 'github', lang: Lang): string {
  const line = f.range.start.line + 1;
  const col = f.range.start.character + 1;
  if (format === 'github') {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = `file=${githubEscape(file, true)},line=${line},col=${col},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1},title=${githubEscape(f.code, true)}`;
    return `::${level} ${props}::${githubEscape(`${f.code} ${say(f.message, lang)}${relatedInWords(f, lang)}`)}`;
  }
  return `${file}:${line}:${col} ${f.severity} ${f.code} ${say(f.message, lang)}${relatedInWords(f, lang)}`;
}
