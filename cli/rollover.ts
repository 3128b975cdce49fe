/**
 * `ttab rollover FILE [-o OUT] [--force]`: next year's table from this one (service/features/
 * rollover.ts), with the earlier years found in the workspace or the git history (node/history.ts)
 * for 前三年均值. OUT defaults to the file's name with the year replaced, beside it; an existing
 * OUT is replaced only with --force, and only once the new table is completely written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bilingual, UserError } from '../node/errors';
import { readTable, writeFileAtomic } from '../node/files';
import { findHistory, nextYearPath } from '../node/history';
import { rolloverReport, rolloverTable } from '../service/index';
import { analyzeFile } from './analyze';
import { parseArguments, pickLang, say, usageError, type Command, type Io } from './command';
import { formatFinding } from './output';

const USAGE = 'ttab rollover FILE [-o OUT] [--force] [--lang zh|en]             下一年的目标表 / next year\'s table from this one';

function run(args: string[], io: Io): number {
  const { values, positionals } = parseArguments(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, lang: { type: 'string' } }, USAGE);
  const lang = pickLang(values.lang, io.env);
  if (positionals.length !== 1) throw usageError('rollover 只接受一个文件', 'rollover takes exactly one file', USAGE);
  const file = positionals[0]!;
  const absolute = path.resolve(io.cwd, file);
  const text = readTable(file, io.cwd);
  const { parsed } = analyzeFile(file, text, io.cwd);
  const errors = parsed.errors.filter((e) => e.severity === 'error');
  if (errors.length) {
    io.stderr(`ttab: ${bilingual(`${file} 有语法错误，未生成下一年的表`, `${file} has syntax errors; no table for next year was written`)}\n`);
    for (const e of errors) io.stderr(`${formatFinding(file, e, 'text', lang)}\n`);
    return 1;
  }
  const table = parsed.ast;
  const year = Number(table.year?.text);
  const department = table.department?.text ?? '';
  const history = Number.isInteger(year) ? findHistory(absolute, department, year) : [];
  const result = rolloverTable(text, parsed, { source: path.basename(file), history });
  if (!result.ok) throw new UserError(bilingual(`${file}：${result.error.zh}`, `${file}: ${result.error.en}`));

  const target = values.output !== undefined ? path.resolve(io.cwd, values.output) : nextYearPath(absolute, department, year);
  const shown = path.relative(io.cwd, target) || target;
  if (fs.existsSync(target) && !values.force) throw new UserError(bilingual(`${shown} 已存在；加 --force 覆盖`, `${shown} already exists; add --force to replace it`));
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UserError(bilingual(`${shown} 是文件夹，请给出文件名`, `${shown} is a folder; give a file name`));
  writeFileAtomic(target, result.text);
  io.stdout(`${bilingual('已生成', 'wrote')} ${shown}\n`);
  for (const line of rolloverReport(result.summary)) io.stdout(`  ${say(line, lang)}\n`);
  return 0;
}

export const rollover: Command = { usage: USAGE, run };
