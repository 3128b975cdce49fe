/**
 * `ttab diff`: the semantic diff of two tables, or of the tables changed in git.
 *
 *   ttab diff [--format text|md|json] [--lang zh|en] [--exit-code] OLD NEW
 *   ttab diff --git REV [PATH...]          the working tree against REV
 *   ttab diff --git REV..REV2 [PATH...]    REV against REV2
 *   ttab diff --textconv FILE              the canonical view git compares (diff.ttab.textconv)
 *
 * git is run through execFile (no shell), with revisions resolved to commits first. A side that
 * is missing (a new or deleted table) is an empty table; a side with syntax errors is diffed as
 * far as it parses, with a note. Exit 0 whether or not there are changes (1 with --exit-code
 * when there are); 2 only for usage and I/O errors, after printing what could be diffed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type Message, type ParseResult } from '../grammar/src/index';
import { canonicalText, diffTables, hasChanges, renderJson, renderMarkdown, renderText, type FileDiff } from '../diff/index';
import { analyzeFile } from './analyze';
import { bilingual, UserError } from '../node/errors';
import { readTable } from '../node/files';
import { choose, parseArguments, pickLang, usageError, type Command, type Io, type Lang } from './command';

type Format = 'text' | 'md' | 'json';

const USAGE =
  'ttab diff [--format text|md|json] [--lang zh|en] [--exit-code] OLD NEW | --git REV[..REV2] [PATH...]   语义差异 / semantic diff';
/** How git calls it (diff.ttab.textconv), shown with usage errors only. */
const FULL_USAGE = `${USAGE}\n  ttab diff --textconv FILE`;

function run(args: string[], io: Io): number {
  const { values, positionals } = parseArguments(
    args,
    {
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      'exit-code': { type: 'boolean', default: false },
      git: { type: 'string' },
      textconv: { type: 'boolean', default: false },
      label: { type: 'string', multiple: true },
    },
    FULL_USAGE,
  );
  if (values.textconv) {
    if (positionals.length !== 1) throw usageError('--textconv 只接受一个文件', '--textconv takes exactly one file', FULL_USAGE);
    return textconv(positionals[0]!, io);
  }
  const format = choose(values.format, ['text', 'md', 'json'], '--format', FULL_USAGE);
  const lang = pickLang(values.lang, io.env);
  const problems: string[] = [];
  let files: FileDiff[];
  if (values.git !== undefined) {
    files = gitDiffs(values.git, positionals, io, problems);
  } else {
    if (positionals.length !== 2) throw usageError('diff 需要两个文件（旧、新），或 --git REV', 'diff needs two files (old, new), or --git REV', FULL_USAGE);
    const [oldFile, newFile] = positionals as [string, string];
    const labels = values.label ?? [];
    files = [fileDiff(labels[0] ?? oldFile, labels[1] ?? newFile, parseFile(oldFile, readTable(oldFile, io.cwd), io.cwd), parseFile(newFile, readTable(newFile, io.cwd), io.cwd))];
  }
  for (const p of problems) io.stderr(`ttab: ${p}\n`);
  io.stdout(render(files, format, lang));
  if (problems.length) return 2;
  return values['exit-code'] && files.some((f) => hasChanges(f.diff)) ? 1 : 0;
}

function render(files: FileDiff[], format: Format, lang: Lang): string {
  if (format === 'json') return renderJson(files);
  if (files.length === 0) {
    const none = lang === 'zh' ? '没有 .ttab 文件变化' : 'no .ttab files changed';
    return format === 'md' ? `${renderMarkdown([], lang)}\n_${none}_\n` : `${none}\n`;
  }
  return format === 'md' ? renderMarkdown(files, lang) : renderText(files, lang);
}

/** Parse with the catalogs of the file's workspace (its units decide what a value means). */
function parseFile(file: string, text: string, cwd: string): ParseResult {
  return analyzeFile(file, text, cwd).parsed;
}

function fileDiff(oldLabel: string, newLabel: string, oldParsed: ParseResult, newParsed: ParseResult, note?: Message): FileDiff {
  return { old: oldLabel, new: newLabel, note, diff: diffTables(oldParsed, newParsed) };
}

/** `git diff` textconv: never fails on content — a table that does not parse still shows what did. */
function textconv(file: string, io: Io): number {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.resolve(io.cwd, file));
  } catch (e) {
    throw new UserError(bilingual(`无法读取 ${file}`, `cannot read ${file}`) + ` (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const text = new TextDecoder('utf-8').decode(buf);
  io.stdout(buf.includes(0) ? text : canonicalText(parse(text)));
  return 0;
}

// ---------------------------------------------------------------------------
// git

interface Git {
  root: string;
  run(args: string[], cwd?: string): Buffer;
}

function git(io: Io): Git {
  const run = (args: string[], cwd = io.cwd): Buffer =>
    execFileSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], env: { ...io.env, GIT_OPTIONAL_LOCKS: '0' } as NodeJS.ProcessEnv });
  let root: string;
  try {
    root = run(['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw missing
      ? new UserError(bilingual('找不到 git 命令', 'the git command was not found'))
      : new UserError(bilingual(`${io.cwd} 不在 git 仓库中`, `${io.cwd} is not in a git repository`));
  }
  return { root, run };
}

function stderrOf(e: unknown): string {
  const err = (e as { stderr?: Buffer }).stderr;
  return err ? err.toString('utf8').trim().split('\n')[0] ?? '' : (e as Error).message;
}

/** The commit a revision names; a clear error when it names none. */
function resolveCommit(g: Git, rev: string): string {
  try {
    return g.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new UserError(bilingual(`git 中没有修订版本「${rev}」`, `there is no revision '${rev}' in git`));
  }
}

interface Change {
  status: string;
  oldPath: string | null;
  newPath: string | null;
}

/** `git diff --name-status -z` → changes, paths relative to the repository root. */
function changedFiles(g: Git, revs: string[], pathspecs: string[]): Change[] {
  let out: string;
  try {
    out = g.run(['diff', '--name-status', '-z', '-M', '--no-ext-diff', ...revs, '--', ...pathspecs]).toString('utf8');
  } catch (e) {
    throw new UserError(bilingual(`git diff 失败：${stderrOf(e)}`, `git diff failed: ${stderrOf(e)}`));
  }
  const parts = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < parts.length; ) {
    const status = parts[i++]!;
    if (status === '') break;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      changes.push({ status: status[0]!, oldPath: from, newPath: to });
    } else {
      const p = parts[i++]!;
      changes.push({ status: status[0]!, oldPath: status === 'A' ? null : p, newPath: status === 'D' ? null : p });
    }
  }
  return changes.filter((c) => (c.newPath ?? c.oldPath ?? '').endsWith('.ttab') || (c.oldPath ?? '').endsWith('.ttab'));
}

function blob(g: Git, commit: string, file: string): string | null {
  try {
    return g.run(['cat-file', 'blob', `${commit}:${file}`]).toString('utf8');
  } catch {
    return null;
  }
}

function tracked(g: Git, commit: string, file: string): boolean {
  try {
    g.run(['cat-file', '-e', `${commit}:${file}`]);
    return true;
  } catch {
    return false;
  }
}

function gitDiffs(spec: string, paths: string[], io: Io, problems: string[]): FileDiff[] {
  if (spec.includes('...')) throw usageError(`不支持「...」：请写 REV..REV2（${spec}）`, `'...' is not supported: write REV..REV2 (${spec})`, FULL_USAGE);
  const g = git(io);
  const [fromRev, toRev] = spec.includes('..') ? (spec.split('..', 2) as [string, string]) : [spec, null];
  const from = resolveCommit(g, fromRev || 'HEAD');
  const to = toRev === null ? null : resolveCommit(g, toRev || 'HEAD');
  const fromLabel = fromRev || 'HEAD';
  const toLabel = toRev === null ? null : toRev || 'HEAD';

  // Paths as the user wrote them, relative to the current folder, become pathspecs; by default every *.ttab of the repository (as git diff).
  const pathspecs = paths.length ? paths.map((p) => `:(top,literal)${toRepoPath(g, io, p)}`) : [':(top,glob)**/*.ttab'];
  const changes = changedFiles(g, to === null ? [from] : [from, to], pathspecs);

  // A named table that git does not list: untracked (added), or nowhere at all (an error).
  const listed = new Set(changes.flatMap((c) => [c.oldPath, c.newPath]).filter((p): p is string => p !== null));
  const notes = new Map<string, Message>();
  for (const p of paths) {
    const repoPath = toRepoPath(g, io, p);
    if (!repoPath.endsWith('.ttab') || listed.has(repoPath)) continue;
    const inFrom = tracked(g, from, repoPath);
    const inTo = to === null ? fs.existsSync(path.join(g.root, repoPath)) : tracked(g, to, repoPath);
    if (inFrom && inTo) continue; // unchanged
    if (!inFrom && inTo) {
      changes.push({ status: 'A', oldPath: null, newPath: repoPath });
      notes.set(repoPath, { zh: `${p} 不在 ${fromLabel} 中：视为新增的表格`, en: `${p} is not in ${fromLabel}: shown as a new table` });
    } else if (inFrom && !inTo) {
      changes.push({ status: 'D', oldPath: repoPath, newPath: null });
    } else {
      problems.push(
        bilingual(
          `${p} 既不在 ${fromLabel} 中，也不在${toLabel ? ` ${toLabel} 中` : '工作区中'}`,
          `${p} is neither in ${fromLabel} nor in ${toLabel ?? 'the working tree'}`,
        ),
      );
    }
  }

  const files: FileDiff[] = [];
  for (const change of changes) {
    const oldText = change.oldPath === null ? '' : blob(g, from, change.oldPath);
    let newText: string | null = '';
    if (change.newPath !== null) {
      if (to !== null) newText = blob(g, to, change.newPath);
      else {
        try {
          newText = readTable(path.join(g.root, change.newPath), io.cwd);
        } catch (e) {
          problems.push(e instanceof UserError ? e.message : String(e));
          newText = null;
        }
      }
    }
    if (oldText === null || newText === null) {
      if (oldText === null) problems.push(bilingual(`无法读取 ${fromLabel}:${change.oldPath}`, `cannot read ${fromLabel}:${change.oldPath}`));
      if (newText === null && to !== null) problems.push(bilingual(`无法读取 ${toLabel}:${change.newPath}`, `cannot read ${toLabel}:${change.newPath}`));
      continue;
    }
    // The table's workspace (its .ttab/ catalogs) is found from where it lives in the working tree.
    const where = path.relative(io.cwd, path.join(g.root, change.newPath ?? change.oldPath!)) || '.';
    const oldLabel = change.oldPath === null ? '/dev/null' : `${fromLabel}:${change.oldPath}`;
    const newLabel = change.newPath === null ? '/dev/null' : toLabel === null ? where : `${toLabel}:${change.newPath}`;
    const note =
      notes.get(change.newPath ?? '') ??
      (change.status === 'A'
        ? { zh: `新增的表格（${fromLabel} 中没有）`, en: `a new table (not in ${fromLabel})` }
        : change.status === 'D'
          ? { zh: `删除的表格（${toLabel ?? '工作区'}中没有）`, en: `a deleted table (not in ${toLabel ?? 'the working tree'})` }
          : change.status === 'R'
            ? { zh: `由 ${change.oldPath} 改名`, en: `renamed from ${change.oldPath}` }
            : undefined);
    try {
      files.push(fileDiff(oldLabel, newLabel, parseFile(where, oldText, io.cwd), parseFile(where, newText, io.cwd), note));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push(e.message);
    }
  }
  return files;
}

/** A path as the user wrote it (relative to the current folder) → relative to the repository root, '/'-separated. */
function toRepoPath(g: Git, io: Io, p: string): string {
  const abs = path.resolve(io.cwd, p);
  let real = abs;
  try {
    // the root git reports is a real path; resolve symlinks of the part that exists
    real = path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
  } catch {
    /* a path that does not exist here is kept as written */
  }
  const relative = path.relative(g.root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UserError(bilingual(`${p} 不在 git 仓库 ${g.root} 中`, `${p} is outside the git repository ${g.root}`));
  }
  return relative.split(path.sep).join('/');
}

export const diff: Command = { usage: USAGE, run };
