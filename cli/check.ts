/** `ttab check [--format text|json|github] [--lang zh|en] PATH...`: the findings the editor shows, for files and folders. */
import { bilingual, UserError } from '../node/errors';
import { collectTtabFiles, readTable } from '../node/files';
import { hasErrors, type Finding } from '../service/index';
import { analyzeFile } from './analyze';
import { choose, parseArguments, pickLang, requirePaths, type Command, type Io } from './command';
import { formatFinding } from './output';

const USAGE = 'ttab check [--format text|json|github] [--lang zh|en] PATH...   检查表格 / check tables';

function run(args: string[], io: Io): number {
  const { values, positionals } = parseArguments(args, { format: { type: 'string', default: 'text' }, lang: { type: 'string' } }, USAGE);
  const format = choose(values.format, ['text', 'json', 'github'], '--format', USAGE);
  const lang = pickLang(values.lang, io.env);
  requirePaths(positionals, 'check', USAGE);
  const files = collectTtabFiles(positionals, io.cwd);
  let exit = 0;
  const json: unknown[] = [];
  for (const file of files) {
    let findings: Finding[];
    try {
      findings = analyzeFile(file, readTable(file, io.cwd), io.cwd).findings;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      io.stderr(`ttab: ${e.message}\n`);
      exit = 2;
      continue;
    }
    if (hasErrors(findings) && exit === 0) exit = 1;
    if (format === 'json') {
      json.push({
        file,
        findings: findings.map((f) => ({
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          severity: f.severity,
          code: f.code,
          message: f.message,
          ...(f.related?.length ? { related: f.related.map((r) => ({ line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
        })),
      });
    } else {
      for (const f of findings) io.stdout(`${formatFinding(file, f, format, lang)}\n`);
    }
  }
  if (format === 'json') io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  if (format === 'text' && files.length === 0) io.stderr(`ttab: ${bilingual('没有找到 .ttab 文件', 'no .ttab files found')}\n`);
  return exit;
}

export const check: Command = { usage: USAGE, run };
