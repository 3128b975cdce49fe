/** Finding and safely writing .ttab files for the CLI. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bilingual, UserError } from './errors';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.vscode-test']);

/** Expand files and folders (recursively, `*.ttab`) into a sorted list of files. */
export function collectTtabFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UserError(bilingual(`找不到路径 ${p}`, `no such file or folder: ${p}`));
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(abs, found);
      found.sort();
      out.push(...found.map((f) => path.relative(cwd, f) || f));
    } else {
      out.push(p);
    }
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(dir, entry.name), out);
    } else if (entry.isFile() && entry.name.endsWith('.ttab')) {
      out.push(path.join(dir, entry.name));
    }
  }
}

/** Read a table as text; a clear bilingual UserError when it cannot be read or is not text. */
export function readTable(file: string, cwd: string): string {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UserError(bilingual(`无法读取 ${file}（${code}）`, `cannot read ${file} (${code || (e as Error).message})`));
  }
  if (buf.includes(0)) throw new UserError(bilingual(`${file} 不是文本文件（含有 NUL 字节）`, `${file} is not a text file (it contains NUL bytes)`));
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return text;
}

/**
 * Replace a file only once the new content is completely written: write a
 * temporary file beside it, flush it, then rename over the original.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    mode = undefined;
  }
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o644);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* the temporary file was never made */
    }
    throw new UserError(bilingual(`无法写入 ${file}：${(e as Error).message}`, `cannot write ${file}: ${(e as Error).message}`));
  }
}
