/**
 * What every subcommand stands on: its input and output (Io), the user's
 * language, and the one way arguments are read and usage errors reported.
 * Subcommands import this file; main.ts imports the subcommands; nothing
 * imports main.ts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Message } from '../grammar/src/index';
import { bilingual, UserError } from '../node/errors';

export type Lang = 'zh' | 'en';

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

type Options = NonNullable<ParseArgsConfig['options']>;

/** A usage error: the problem in both languages, then how the command is used. */
export function usageError(zh: string, en: string, usage: string): UserError {
  return new UserError(`${bilingual(zh, en)}\n\n用法 / usage:\n  ${usage}`);
}

/** The command's options and paths, typed by the options it declares; unknown options are usage errors. */
export function parseArguments<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(`参数错误：${(e as Error).message}`, `bad arguments: ${(e as Error).message}`, usage);
  }
}

/** An option that takes one of a few words. */
export function choose<T extends string>(value: string, allowed: readonly T[], option: string, usage: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const zh = allowed.length > 1 ? `${allowed.slice(0, -1).join('、')} 或 ${allowed.at(-1)}` : allowed[0]!;
  const en = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0]!;
  throw usageError(`${option} 只能是 ${zh}，而不是 ${value}`, `${option} must be ${en}, not ${value}`, usage);
}

/** At least one path. */
export function requirePaths(positionals: readonly string[], command: string, usage: string): void {
  if (positionals.length === 0) throw usageError(`${command} 需要至少一个路径`, `${command} needs at least one path`, usage);
}

/** `--lang zh|en`, else the locale of the environment (LANG=zh_CN.UTF-8 → zh). */
export function pickLang(value: string | undefined, env: Io['env']): Lang {
  if (value === 'zh' || value === 'en') return value;
  if (value !== undefined) throw new UserError(bilingual(`--lang 只能是 zh 或 en，而不是 ${value}`, `--lang must be zh or en, not ${value}`));
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function say(message: Message, lang: Lang): string {
  return lang === 'zh' ? message.zh : message.en;
}
