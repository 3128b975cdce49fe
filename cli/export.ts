/** `ttab export --format json FILE`: the model as JSON (schemas/ttab-export.schema.json). */
import { readTable } from '../node/files';
import { exportTable, hasErrors, scoringOf } from '../service/index';
import { analyzeFile, settingsFor } from './analyze';
import { parseArguments, usageError, type Command, type Io } from './command';

const USAGE = 'ttab export --format json FILE                                  导出模型 / export the model as JSON';

function run(args: string[], io: Io): number {
  const { values, positionals } = parseArguments(args, { format: { type: 'string' } }, USAGE);
  if (values.format !== 'json') throw usageError('export 需要 --format json', 'export needs --format json', USAGE);
  if (positionals.length !== 1) throw usageError('export 只接受一个文件', 'export takes exactly one file', USAGE);
  const file = positionals[0]!;
  const { parsed, findings } = analyzeFile(file, readTable(file, io.cwd), io.cwd);
  io.stdout(`${JSON.stringify(exportTable(parsed.ast, findings, file, scoringOf(settingsFor(file, io.cwd))), null, 2)}\n`);
  return hasErrors(findings) ? 1 : 0;
}

export const exportCommand: Command = { usage: USAGE, run };
