/**
 * `ttab report --kind form|review --format html|xlsx|md|csv [-o OUT] [--force] PATH...`:
 * the official form or the review report of one or more tables, from the same
 * report module as the editor. Several tables make one report (a section, or
 * an XLSX sheet, per table). Without -o a text format goes to stdout; an
 * existing OUT is replaced only with --force, and only once the new file is
 * completely written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bilingual, UserError } from '../node/errors';
import { collectTtabFiles, pathExists, readTable, writeFileAtomic } from '../node/files';
import { buildReportModel, fileUrl, renderReport, REPORT_FORMATS, REPORT_KINDS, type ReportInput } from '../report/index';
import { analyzeFile } from './analyze';
import { choose, parseArguments, pickLang, requirePaths, type Command, type Io } from './command';

const USAGE = 'ttab report [--kind form|review] [--format html|xlsx|md|csv] [-o OUT] [--force] [--lang zh|en] PATH...   报表 / the official form or a review report';

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArguments(
    args,
    {
      kind: { type: 'string', default: 'form' },
      format: { type: 'string', default: 'html' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    USAGE,
  );
  const kind = choose(values.kind, REPORT_KINDS, '--kind', USAGE);
  if (kind === 'review' && !(REPORT_FORMATS.review as readonly string[]).includes(values.format) && (REPORT_FORMATS.form as readonly string[]).includes(values.format)) {
    throw new UserError(bilingual(`审核报告只有 html 和 md 格式，没有 ${values.format}`, `the review report is html or md, not ${values.format}`));
  }
  const format = choose(values.format, REPORT_FORMATS[kind], '--format', USAGE);
  const locale = pickLang(values.lang, io.env);
  requirePaths(positionals, 'report', USAGE);
  const output = values.output;
  if (output === undefined && format === 'xlsx') throw new UserError(bilingual('XLSX 报表需要用 -o 指定输出文件', 'an XLSX report needs an output file: -o OUT'));
  const target = output === undefined ? undefined : path.resolve(io.cwd, output);
  if (target !== undefined) checkTarget(target, output!, values.force);

  const files = collectTtabFiles(positionals, io.cwd);
  if (files.length === 0) throw new UserError(bilingual('没有找到 .ttab 文件', 'no .ttab files found'));
  const inputs: ReportInput[] = files.map((file) => {
    const text = readTable(file, io.cwd);
    const { parsed, findings } = analyzeFile(file, text, io.cwd);
    return { file, text, parsed, findings };
  });
  const model = buildReportModel(inputs);
  // Links to `file:line` must work from where the report is read: beside OUT, or the working folder.
  const base = target === undefined ? io.cwd : path.dirname(target);
  const link = (file: string, line: number): string => fileUrl(path.relative(base, path.resolve(io.cwd, file)) || file, line);
  const content = await renderReport(model, kind, format, { locale, link });

  if (target === undefined) io.stdout(content as string);
  else {
    writeFileAtomic(target, content, output);
    io.stdout(`${bilingual('已生成', 'wrote')} ${output}\n`);
  }
  return model.tables.some((t) => t.errorCount > 0) ? 1 : 0;
}

/** Refuse, before any work, an output that is a folder, or an existing path (a dangling link too) without --force. */
function checkTarget(target: string, shown: string, force: boolean): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new UserError(bilingual(`${shown} 是文件夹，请给出文件名`, `${shown} is a folder; give a file name`));
  if (pathExists(target) && !force) throw new UserError(bilingual(`${shown} 已存在；加 --force 覆盖`, `${shown} already exists; add --force to replace it`));
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new UserError(bilingual(`无法写入 ${shown}：文件夹 ${dir} 不存在`, `cannot write ${shown}: the folder ${dir} does not exist`));
}

export const report: Command = { usage: USAGE, run };
