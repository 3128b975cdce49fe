/** `ttab fmt [--check] PATH...`: canonical layout, in place; a file is replaced only once the new content is complete. */
import * as path from 'node:path';
import { bilingual, UserError } from '../node/errors';
import { collectTtabFiles, readTable, writeFileAtomic } from '../node/files';
import { formatTable } from '../service/index';
import { analyzeFile } from './analyze';
import { parseArguments, pickLang, requirePaths, type Command, type Io } from './command';
import { formatFinding } from './output';

const USAGE = 'ttab fmt [--check] PATH...                                      格式化 / format in place';

function run(args: string[], io: Io): number {
  const { values, positionals } = parseArguments(args, { check: { type: 'boolean', default: false }, lang: { type: 'string' } }, USAGE);
  const lang = pickLang(values.lang, io.env);
  requirePaths(positionals, 'fmt', USAGE);
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

export const fmt: Command = { usage: USAGE, run };
