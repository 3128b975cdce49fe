/**
 * The `ttab` command line: check, fmt, export. It calls the same language
 * service as the server (parse → validate → format/export), so findings are
 * the same everywhere.
 */
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Message } from '../grammar/src/index';
import { bilingual, UserError } from './errors';
import { collectTtabFiles, readTable, writeFileAtomic } from './files';
import { analyzeFile, type Lang } from './analyze';
import { formatTable } from '../server/src/service/formatting';
import { exportTable } from '../server/src/service/export';
import { hasErrors, type Finding } from '../server/src/service/validation';
import { run as report } from './report';
import { run as diff, DIFF_USAGE } from './diff';
import { run as importCommand, IMPORT_USAGE } from './import';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A subcommand: its usage line and its implementation (exit code; may be async, e.g. writing XLSX). */
export interface Command {
  usage: string;
  run(args: string[], io: Io): number | Promise<number>;
}

export const USAGE_HEADER = '用法 / usage:';

export const USAGE_FOOTER = `
PATH: .ttab 文件或文件夹（递归查找 *.ttab） / .ttab files or folders (searched for *.ttab)
退出码 / exit codes: 0 无错误 no errors · 1 发现错误 errors found · 2 用法或读写错误 usage or I/O error
`;


const VERSION = '0.1.0';

export function pickLang(value: string | undefined, env: Io['env']): Lang {
  if (value === 'zh' || value === 'en') return value;
  if (value !== undefined) throw new UserError(bilingual(`--lang 只能是 zh 或 en，而不是 ${value}`, `--lang must be zh or en, not ${value}`));
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function say(message: Message, lang: Lang): string {
  return lang === 'zh' ? message.zh : message.en;
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(bilingual(`参数错误：${(e as Error).message}`, `bad arguments: ${(e as Error).message}`) + `\n\n${usage()}`);
  }
}

function requirePaths(positionals: string[], command: string): void {
  if (positionals.length === 0) throw new UserError(bilingual(`${command} 需要至少一个路径`, `${command} needs at least one path`) + `\n\n${usage()}`);
}

function githubEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

function formatFinding(file: string, f: Finding, format: 'text' | 'github', lang: Lang): string {
  const line = f.range.start.line + 1;
  const col = f.range.start.character + 1;
  if (format === 'github') {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = `file=${githubEscape(file, true)},line=${line},col=${col},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1},title=${githubEscape(f.code, true)}`;
    return `::${level} ${props}::${githubEscape(`${f.code} ${say(f.message, lang)}`)}`;
  }
  return `${file}:${line}:${col} ${f.severity} ${f.code} ${say(f.message, lang)}`;
}

function check(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' }, lang: { type: 'string' } });
  const format = values.format as string;
  if (format !== 'text' && format !== 'json' && format !== 'github') {
    throw new UserError(bilingual(`--format 只能是 text、json 或 github，而不是 ${format}`, `--format must be text, json or github, not ${format}`));
  }
  const lang = pickLang(values.lang as string | undefined, io.env);
  requirePaths(positionals, 'check');
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

function fmt(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { check: { type: 'boolean', default: false }, lang: { type: 'string' } });
  const lang = pickLang(values.lang as string | undefined, io.env);
  requirePaths(positionals, 'fmt');
  const files = collectTtabFiles(positionals, io.cwd);
  let exit = 0;
  for (const file of files) {
    try {
      const text = readTable(file, io.cwd);
      const { parsed } = analyzeFile(file, text, io.cwd);
      const result = formatTable(text, parsed);
      if (!result.ok) {
        io.stderr(`ttab: ${bilingual(`${file} 有语法错误，未格式化（文件未改动）`, `${file} has syntax errors; not formatted (file left untouched)`)}\n`);
        for (const e of result.errors) io.stderr(`${formatFinding(file, e, 'text', lang)}\n`);
        if (exit === 0) exit = 1;
        continue;
      }
      if (!result.changed) continue;
      if (values.check) {
        io.stdout(`${file}\n`);
        if (exit === 0) exit = 1;
      } else {
        writeFileAtomic(path.resolve(io.cwd, file), result.text, file);
        io.stdout(`${bilingual('已格式化', 'formatted')} ${file}\n`);
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      io.stderr(`ttab: ${e.message}\n`);
      exit = 2;
    }
  }
  return exit;
}

function exportCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  if (values.format !== 'json') {
    throw new UserError(bilingual('export 需要 --format json', 'export needs --format json') + `\n\n${usage()}`);
  }
  if (positionals.length !== 1) throw new UserError(bilingual('export 只接受一个文件', 'export takes exactly one file') + `\n\n${usage()}`);
  const file = positionals[0]!;
  const { parsed, findings } = analyzeFile(file, readTable(file, io.cwd), io.cwd);
  io.stdout(`${JSON.stringify(exportTable(parsed.ast, findings, file), null, 2)}\n`);
  return hasErrors(findings) ? 1 : 0;
}

/** The subcommands, in the order the usage lists them. Each new command adds one entry here. */
const COMMANDS: Record<string, Command> = {
  check: { usage: 'ttab check [--format text|json|github] [--lang zh|en] PATH...   检查表格 / check tables', run: check },
  fmt: { usage: 'ttab fmt [--check] PATH...                                      格式化 / format in place', run: fmt },
  export: { usage: 'ttab export --format json FILE                                  导出模型 / export the model as JSON', run: exportCommand },
  report: { usage: 'ttab report [--kind form|review] [--format html|xlsx|md|csv] [-o OUT] [--force] [--lang zh|en] PATH...   报表 / the official form or a review report', run: report },
  diff: { usage: DIFF_USAGE, run: diff },
  import: { usage: IMPORT_USAGE, run: importCommand },
};

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `${USAGE_HEADER}\n${lines.join('\n')}\n  ttab --help | --version\n${USAGE_FOOTER}`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--version' || name === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(usage());
      return 0;
    }
    if (name === undefined) {
      io.stderr(usage());
      return 2;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UserError(bilingual(`未知命令 ${name}`, `unknown command ${name}`) + `\n\n${usage()}`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(`ttab: ${e.message}\n`);
      return 2;
    }
    // A bug, not a user error: say so plainly, with the detail for a report.
    io.stderr(`ttab: ${bilingual('内部错误', 'internal error')}: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
