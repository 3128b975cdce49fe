/**
 * The earlier years of a table, for next year's 前三年均值 (service/features/rollover.ts): the
 * tables of the same 部门 for the wanted years found in the workspace (the nearest `.ttab/` root,
 * the git work tree, or the table's folder), else in the git history of the table's own file
 * (renames followed) — the newest version of each year there, which holds that year's actuals.
 * Bounded: at most MAX_FILES tables read in the workspace and MAX_COMMITS versions in git.
 * Node-only (fs, git through child_process); a machine without git just finds less.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type Table } from '../grammar/src/index';
import { nextYearFileName, type HistoryTable } from '../service/index';
import { findWorkspaceRoot } from './workspaceConfig';

const MAX_FILES = 2000;
const MAX_COMMITS = 200;
/** Tables larger than this are no earlier year of a table (the language server's limit, TT005). */
const MAX_BYTES = 20 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.vscode-test', 'out']);

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    // core.quotePath=false: paths with Chinese characters come out as written, not octal-escaped
    return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** The year and 部门 of a table text, when it parses into both. */
function tableOf(text: string): { table: Table; year: number; department: string } | undefined {
  const table = parse(text).ast;
  const year = table.year?.text ?? '';
  if (!/^\d{4}$/.test(year) || !table.department) return undefined;
  return { table, year: Number(year), department: table.department.text };
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= MAX_FILES) return;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), out);
    else if (entry.isFile() && entry.name.endsWith('.ttab')) out.push(path.join(dir, entry.name));
  }
}

function readSmall(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > MAX_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Tables of the department and years wanted among the workspace's files (file names with the year first). */
function fromWorkspace(root: string, self: string, department: string, years: ReadonlySet<number>, found: Map<number, HistoryTable>): void {
  const files: string[] = [];
  walk(root, files);
  const named = (f: string) => [...years].some((y) => path.basename(f).includes(String(y)));
  files.sort((a, b) => Number(named(b)) - Number(named(a)) || a.localeCompare(b));
  for (const file of files) {
    if (path.resolve(file) === self) continue;
    const text = readSmall(file);
    const read = text === undefined ? undefined : tableOf(text);
    if (!read || read.department !== department || !years.has(read.year) || found.has(read.year)) continue;
    found.set(read.year, { year: read.year, table: read.table, origin: path.relative(path.dirname(self), file) || path.basename(file) });
  }
}

/** The newest version of each wanted year in the git history of the table's file. */
function fromGit(self: string, department: string, years: ReadonlySet<number>, found: Map<number, HistoryTable>): void {
  const dir = path.dirname(self);
  const top = git(dir, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) return;
  const relative = path.relative(top, self).split(path.sep).join('/');
  const log = git(top, ['log', '--follow', `-n${MAX_COMMITS}`, '--format=%x00%H', '--name-only', '--', relative]);
  if (!log) return;
  for (const entry of log.split('\0').slice(1)) {
    const [sha, ...names] = entry.trim().split('\n');
    const name = names.find((n) => n.trim() !== '')?.trim();
    if (!sha || !name) continue;
    const text = git(top, ['show', `${sha}:${name}`]);
    const read = text === undefined ? undefined : tableOf(text);
    if (!read || read.department !== department || !years.has(read.year) || found.has(read.year)) continue;
    found.set(read.year, { year: read.year, table: read.table, origin: `git ${sha.slice(0, 7)}:${name}` });
    if ([...years].every((y) => found.has(y))) return;
  }
}

/** The tables of `department` for the years before `year` that an average needs (year − 1, year − 2). */
export function findHistory(file: string, department: string, year: number): HistoryTable[] {
  const self = path.resolve(file);
  const years = new Set([year - 1, year - 2]);
  const found = new Map<number, HistoryTable>();
  const dir = path.dirname(self);
  const root = findWorkspaceRoot(dir) ?? git(dir, ['rev-parse', '--show-toplevel'])?.trim() ?? dir;
  fromWorkspace(root, self, department, years, found);
  if (found.size < years.size) fromGit(self, department, years, found);
  return [...found.values()].sort((a, b) => b.year - a.year);
}

/** Where next year's table goes by default: the file name with the year replaced, else `<部门>-<年度>.ttab`, beside this one. */
export function nextYearPath(file: string, department: string, year: number): string {
  return path.join(path.dirname(file), nextYearFileName(path.basename(file), department, year));
}
