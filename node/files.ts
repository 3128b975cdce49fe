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

/** Whether anything is at `file`, a dangling symbolic link included (fs.existsSync follows links and says no). */
export function pathExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Where writing `file` lands: the end of its chain of symbolic links (which need not exist yet). */
function linkTarget(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw e;
    }
    if (!stat.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** No write permission for anyone (`chmod a-w`: read-only even to root), or none for us. */
function isReadOnly(file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, done);
}

/**
 * Overwrite the file itself (its inode), for a file with several hard links or an owner we cannot
 * give a new file: renaming a new file into place would cut the other links or change the owner.
 * The content is complete before the file is touched; if the write fails (a full disk), the old
 * content is written back, which cannot need more room than it had. What this cannot protect
 * against is a crash during the write itself.
 */
function overwriteInPlace(target: string, bytes: Uint8Array): void {
  const fd = fs.openSync(target, 'r+');
  try {
    const old = fs.readFileSync(fd);
    try {
      writeAll(fd, bytes);
      fs.ftruncateSync(fd, bytes.length);
      fs.fsyncSync(fd);
    } catch (e) {
      try {
        writeAll(fd, old);
        fs.ftruncateSync(fd, old.length);
        fs.fsyncSync(fd);
      } catch {
        /* nothing more can be done; the first error is what the user needs to see */
      }
      throw e;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A temporary file beside `target`, with the old file's mode and owner, renamed over it. Returns
 * false, having touched nothing, when the owner cannot be kept (not running as root).
 */
function replaceByRename(target: string, bytes: Uint8Array, old: fs.Stats | undefined): boolean {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // A new file gets the usual mode (0666 less the umask); an old file's mode is set exactly below.
  const fd = fs.openSync(tmp, 'wx', old ? 0o600 : 0o666);
  try {
    try {
      if (old) {
        const made = fs.fstatSync(fd);
        if (made.uid !== old.uid || made.gid !== old.gid) {
          try {
            fs.fchownSync(fd, old.uid, old.gid);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EPERM') return false;
            throw e;
          }
        }
        fs.fchmodSync(fd, old.mode & 0o7777); // after chown, which clears set-user-ID bits
      }
      writeAll(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    return true;
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* renamed into place, or never made */
    }
  }
}

/**
 * Replace a file only once the new content is completely written, keeping what makes it the
 * user's file: written through symbolic links to their target (the link stays a link), with its
 * mode and owner, hard links kept (written in place, see overwriteInPlace). A read-only file or one
 * that is not a regular file is refused with a clear message and left untouched. `shown` names the
 * file in messages (as the user gave it).
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, shown = file): void {
  try {
    const target = linkTarget(file);
    let old: fs.Stats | undefined;
    try {
      old = fs.statSync(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (old && !old.isFile()) throw new UserError(bilingual(`${shown} 不是普通文件，未写入`, `${shown} is not a regular file; nothing was written`));
    if (old && isReadOnly(target, old)) {
      throw new UserError(bilingual(`${shown} 是只读文件，未改动（如需修改，先取消只读，例如 chmod u+w）`, `${shown} is read-only; left untouched (make it writable first, e.g. chmod u+w)`));
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (old && old.nlink > 1) overwriteInPlace(target, bytes);
    else if (!replaceByRename(target, bytes, old)) overwriteInPlace(target, bytes);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(bilingual(`无法写入 ${shown}：${(e as Error).message}`, `cannot write ${shown}: ${(e as Error).message}`));
  }
}
