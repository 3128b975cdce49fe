/**
 * The `ttab` command line: the table of subcommands (one file each) and the
 * dispatch. Every subcommand calls the same language service as the server,
 * so findings are the same everywhere. Nothing imports this file but the
 * entry (index.ts) and the tests.
 */
import { bilingual, UserError } from '../node/errors';
import { check } from './check';
import type { Command, Io } from './command';
import { diff } from './diff';
import { exportCommand } from './export';
import { fmt } from './fmt';
import { importCommand } from './import';
import { report } from './report';
import { rollover } from './rollover';

export type { Io } from './command';

const VERSION = '0.1.0';

/** The subcommands, in the order the usage lists them. Each new command adds one entry here. */
const COMMANDS: Readonly<Record<string, Command>> = { check, fmt, export: exportCommand, report, diff, import: importCommand, rollover };

const USAGE_FOOTER = `
PATH: .ttab 文件或文件夹（递归查找 *.ttab） / .ttab files or folders (searched for *.ttab)
退出码 / exit codes: 0 无错误 no errors · 1 发现错误 errors found · 2 用法或读写错误 usage or I/O error
`;

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `用法 / usage:\n${lines.join('\n')}\n  ttab --help | --version\n${USAGE_FOOTER}`;
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
