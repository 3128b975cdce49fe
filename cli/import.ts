/**
 * `ttab import FILE [-o OUT.ttab | -o DIR] [--force]`: tables from a spreadsheet (.xlsx, .csv,
 * .tsv) or pasted text (.txt) → one .ttab per table, named `<部门>-<年度>.ttab`, beside the input
 * or where -o says. Nothing is written unless every table can be written: an unreadable input, an
 * input beyond the import limits (import/limits.ts) or an existing file (without --force)
 * stops the import with exit code 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeProblem, IMPORT_LIMITS, importTables, limitProblems, tableFileName, type ImportedTableResult, type ImportProblem } from '../import/index';
import { bilingual, UserError } from '../node/errors';
import { pathExists, writeFileAtomic } from '../node/files';
import { parseArguments, usageError, type Command, type Io } from './command';

const USAGE =
  'ttab import FILE [-o OUT.ttab | -o DIR] [--force]                导入 .xlsx/.csv/.tsv/粘贴文本 / import tables from a spreadsheet or pasted text';

/** The output file of each table: `-o x.ttab` for a single table, else `<部门>-<年度>.ttab` in the folder. */
function targets(tables: readonly ImportedTableResult[], input: string, output: string | undefined, cwd: string): string[] {
  const stem = path.basename(input).replace(/\.[^.]*$/, '') || 'table';
  if (output !== undefined && output.toLowerCase().endsWith('.ttab')) {
    if (tables.length !== 1) {
      throw new UserError(
        bilingual(
          `${input} 含有 ${tables.length} 张表，-o 需要是一个文件夹`,
          `${input} holds ${tables.length} tables: -o must name a folder`,
        ),
      );
    }
    return [path.resolve(cwd, output)];
  }
  const dir = output !== undefined ? path.resolve(cwd, output) : path.dirname(path.resolve(cwd, input));
  const used = new Set<string>();
  return tables.map((t) => {
    const name = tableFileName(t, stem);
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = name.replace(/\.ttab$/, `-${n}.ttab`);
    used.add(candidate);
    return path.join(dir, candidate);
  });
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArguments(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } }, USAGE);
  if (positionals.length !== 1) throw usageError('import 需要一个输入文件', 'import takes exactly one input file', USAGE);
  const input = positionals[0]!;
  const cannotImport = (errors: readonly ImportProblem[]): UserError => {
    const lines = errors.map((p) => {
      const m = describeProblem(p);
      return `${input}${p.line !== undefined ? `:${p.line}` : ''}: ${bilingual(m.zh, m.en)}`;
    });
    return new UserError(`${bilingual('无法导入，未写入任何文件', 'cannot import; nothing was written')}\n${lines.join('\n')}`);
  };
  let bytes: Uint8Array;
  try {
    // what is not a regular file (/dev/zero, a FIFO) or is over the limit is not read at all
    const stat = fs.statSync(path.resolve(io.cwd, input));
    if (!stat.isFile()) throw cannotImport([limitProblems.notAFile()]);
    if (stat.size > IMPORT_LIMITS.maxInputBytes) throw cannotImport([limitProblems.inputTooLarge(stat.size, IMPORT_LIMITS)]);
    bytes = fs.readFileSync(path.resolve(io.cwd, input));
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UserError(bilingual(`无法读取 ${input}（${code}）`, `cannot read ${input} (${code || (e as Error).message})`));
  }
  const result = await importTables({ name: input, bytes });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || result.tables.length === 0) throw cannotImport(errors);
  for (const p of result.problems) {
    const m = describeProblem(p);
    io.stderr(`ttab: ${input}${p.line !== undefined ? `:${p.line}` : ''}: ${bilingual(m.zh, m.en)}\n`);
  }
  const files = targets(result.tables, input, values.output, io.cwd);
  if (!values.force) {
    const existing = files.filter((f) => pathExists(f));
    if (existing.length > 0) {
      const names = existing.map((f) => path.relative(io.cwd, f) || f).join(', ');
      throw new UserError(bilingual(`文件已存在：${names}（用 --force 覆盖；未写入任何文件）`, `already exists: ${names} (use --force to overwrite; nothing was written)`));
    }
  }
  for (const file of new Set(files.map((f) => path.dirname(f)))) fs.mkdirSync(file, { recursive: true });
  const totals = { duties: 0, indicators: 0, cellsPlaced: 0, cellsForReview: 0 };
  result.tables.forEach((table, i) => {
    const file = files[i]!;
    writeFileAtomic(file, table.text, path.relative(io.cwd, file) || file);
    const s = table.summary;
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
    io.stdout(
      `${bilingual('已导入', 'imported')} ${path.relative(io.cwd, file) || file}: ` +
        `${s.duties} 职责 duties, ${s.indicators} 指标 indicators, ${s.cellsPlaced} 格已放置 cells placed, ${s.cellsForReview} 格待核对 cells for review\n`,
    );
  });
  io.stdout(
    `${bilingual('合计', 'total')}: ${result.tables.length} 表 tables, ${totals.duties} 职责 duties, ${totals.indicators} 指标 indicators, ` +
      `${totals.cellsPlaced} 格已放置 cells placed, ${totals.cellsForReview} 格待核对 cells for review` +
      (totals.cellsForReview > 0 ? ` (${bilingual('见文件中的「# 待核对」注释', 'see the "# 待核对" comments in the files')})` : '') +
      '\n',
  );
  return 0;
}

export const importCommand: Command = { usage: USAGE, run };
