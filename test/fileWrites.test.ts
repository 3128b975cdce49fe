/**
 * Replacing a user's file (`ttab fmt`, `ttab report -o`, `ttab import --force`) as a user runs
 * the CLI: through symbolic links to their target, hard links kept, mode and owner kept, read-only
 * and special files refused with a clear message, a dangling link treated as an existing path, and
 * on a full disk (a tiny tmpfs, when the tests run as root) the old content kept.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'bin', 'ttab.js');
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-writes-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function ttab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function at(name: string): string {
  return path.join(dir, name);
}

function write(name: string, content: string): string {
  const file = at(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const read = (name: string) => fs.readFileSync(at(name), 'utf8');

const UNFORMATTED = '部门 甲\n年度 2022\n职责 1 乙\n目标 丙\n指标 丁\n指标值 5次\n标准值 5次\n标准来源 年度工作计划\n';
const FORMATTED = '部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 5次\n      标准值 5次\n      标准来源 年度工作计划\n';

/** What must not change when a file is refused: content, mode, inode. */
function snapshot(name: string): { content: string; mode: number; ino: number } {
  const stat = fs.statSync(at(name));
  return { content: read(name), mode: stat.mode, ino: stat.ino };
}

describe('ttab fmt writes through links and keeps permissions', () => {
  it('through a chain of symbolic links (relative ones too): the target is formatted, the links stay links', () => {
    write('real/table.ttab', UNFORMATTED);
    fs.symlinkSync('real/table.ttab', at('middle.ttab'));
    fs.symlinkSync(at('middle.ttab'), at('link.ttab'));
    const r = ttab('fmt', 'link.ttab');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(read('real/table.ttab')).toBe(FORMATTED);
    expect(fs.lstatSync(at('link.ttab')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(at('middle.ttab')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(at('middle.ttab'))).toBe('real/table.ttab');
    expect(fs.readdirSync(at('real'))).toEqual(['table.ttab']); // no temporary file left
  });

  it('a hard-linked table: both names see the formatted text, still one file', () => {
    write('a.ttab', UNFORMATTED);
    fs.linkSync(at('a.ttab'), at('b.ttab'));
    const inode = fs.statSync(at('a.ttab')).ino;
    expect(ttab('fmt', 'a.ttab').status).toBe(0);
    expect(read('a.ttab')).toBe(FORMATTED);
    expect(read('b.ttab')).toBe(FORMATTED);
    expect(fs.statSync(at('b.ttab'))).toMatchObject({ ino: inode, nlink: 2 });
  });

  it.each([0o664, 0o600, 0o2775 & 0o777, 0o640])('keeps the mode %o, whatever the umask', (mode) => {
    write('t.ttab', UNFORMATTED);
    fs.chmodSync(at('t.ttab'), mode);
    expect(ttab('fmt', 't.ttab').status).toBe(0);
    expect(read('t.ttab')).toBe(FORMATTED);
    expect(fs.statSync(at('t.ttab')).mode & 0o7777).toBe(mode);
  });

  it.runIf(isRoot)('keeps the owner and group when run as root', () => {
    write('t.ttab', UNFORMATTED);
    fs.chownSync(at('t.ttab'), 4242, 4343);
    fs.chmodSync(at('t.ttab'), 0o644);
    expect(ttab('fmt', 't.ttab').status).toBe(0);
    expect(read('t.ttab')).toBe(FORMATTED);
    expect(fs.statSync(at('t.ttab'))).toMatchObject({ uid: 4242, gid: 4343 });
    expect(fs.statSync(at('t.ttab')).mode & 0o7777).toBe(0o644);
  });

  it('refuses a read-only table (even to root), directly or through a link: a clear message, exit 2, the file untouched', () => {
    write('ro.ttab', UNFORMATTED);
    fs.chmodSync(at('ro.ttab'), 0o444);
    fs.symlinkSync('ro.ttab', at('ro-link.ttab'));
    write('ok.ttab', UNFORMATTED);
    const before = snapshot('ro.ttab');
    const r = ttab('fmt', 'ro.ttab', 'ro-link.ttab', 'ok.ttab');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ttab: ro.ttab 是只读文件，未改动（如需修改，先取消只读，例如 chmod u+w） / ro.ttab is read-only; left untouched (make it writable first, e.g. chmod u+w)\n');
    expect(r.stderr).toContain('ro-link.ttab is read-only; left untouched');
    expect(snapshot('ro.ttab')).toEqual(before);
    expect(read('ok.ttab')).toBe(FORMATTED); // the other files are still formatted
  });
});

describe('ttab report -o writes through links, and an existing path needs --force', () => {
  it('onto a dangling symbolic link: refused without --force; with it, the link’s target is written and the link kept', () => {
    write('t.ttab', FORMATTED);
    fs.symlinkSync('out/report.md', at('report.md'));
    fs.mkdirSync(at('out'));
    const refused = ttab('report', '--format', 'md', '-o', 'report.md', 't.ttab');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('report.md already exists; add --force to replace it');
    expect(fs.readdirSync(at('out'))).toEqual([]);
    const forced = ttab('report', '--format', 'md', '-o', 'report.md', '--force', 't.ttab');
    expect(forced.status).toBe(0);
    expect(fs.lstatSync(at('report.md')).isSymbolicLink()).toBe(true);
    expect(read('out/report.md')).toContain('甲部门预算整体绩效目标表（2022年度）');
  });

  it('onto a link to an existing file, and onto a hard-linked file: the file itself is replaced, links kept', () => {
    write('t.ttab', FORMATTED);
    write('old/report.csv', 'old\n');
    fs.symlinkSync('old/report.csv', at('link.csv'));
    expect(ttab('report', '--format', 'csv', '-o', 'link.csv', '--force', 't.ttab').status).toBe(0);
    expect(fs.lstatSync(at('link.csv')).isSymbolicLink()).toBe(true);
    expect(read('old/report.csv')).toContain('甲');
    write('h1.html', 'old\n');
    fs.linkSync(at('h1.html'), at('h2.html'));
    expect(ttab('report', '-o', 'h1.html', '--force', 't.ttab').status).toBe(0);
    expect(read('h2.html')).toMatch(/^<!DOCTYPE html>/);
    expect(fs.statSync(at('h2.html')).nlink).toBe(2);
  });

  it('refuses a read-only file and a file that is not a regular file, even with --force', () => {
    write('t.ttab', FORMATTED);
    write('ro.html', 'old\n');
    fs.chmodSync(at('ro.html'), 0o444);
    const readOnly = ttab('report', '-o', 'ro.html', '--force', 't.ttab');
    expect(readOnly.status).toBe(2);
    expect(readOnly.stderr).toContain('ro.html is read-only; left untouched');
    expect(read('ro.html')).toBe('old\n');
    expect(spawnSync('mkfifo', [at('pipe.html')]).status).toBe(0);
    const fifo = ttab('report', '-o', 'pipe.html', '--force', 't.ttab');
    expect(fifo.status).toBe(2);
    expect(fifo.stderr).toContain('pipe.html is not a regular file; nothing was written');
    expect(fs.statSync(at('pipe.html')).isFIFO()).toBe(true);
  });
});

describe('ttab import --force', () => {
  it('writes through a symbolic link named like the table', () => {
    write('in.tsv', ['# 甲局部门预算整体绩效目标表（2022年度）', '职责序号\t部门职责\t职责目标\t绩效指标\t年度指标值', '1\t职责\t目标\t指标\t5次'].join('\n'));
    write('tables/甲局-2022.ttab', 'old\n');
    fs.symlinkSync('tables/甲局-2022.ttab', at('甲局-2022.ttab'));
    expect(ttab('import', 'in.tsv').status).toBe(2); // exists: needs --force
    expect(ttab('import', 'in.tsv', '--force').status).toBe(0);
    expect(fs.lstatSync(at('甲局-2022.ttab')).isSymbolicLink()).toBe(true);
    expect(read('tables/甲局-2022.ttab')).toContain('部门 甲局');
  });
});

/** A 64 KiB tmpfs filled up to the last block, or null where it cannot be mounted (not root, no tmpfs). */
function fullDisk(): { mount: string; unmount: () => void } | null {
  if (!isRoot || process.platform !== 'linux') return null;
  const mount = at('disk');
  fs.mkdirSync(mount);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]).status !== 0) return null;
  return { mount, unmount: () => void spawnSync('umount', [mount]) };
}

function fillUp(folder: string): void {
  const fd = fs.openSync(path.join(folder, 'filler'), 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(512));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

describe('on a full disk the old content is kept', () => {
  // 300 indicators without indentation (about 15 KB): formatting adds over 6 KB, more than the
  // slack of the file's last 4 KB page, and the full disk has no page to give
  const big = UNFORMATTED + Array.from({ length: 300 }, (_, i) => `指标 戊${i}\n指标值 5次\n标准值 5次\n标准来源 年度工作计划\n`).join('');

  it.for(['a plain file (a temporary file renamed into place)', 'a hard-linked file (written in place)'])('%s', (kind, context) => {
    const disk = fullDisk();
    if (!disk) return context.skip();
    try {
      fs.writeFileSync(path.join(disk.mount, 't.ttab'), big);
      if (kind.startsWith('a hard-linked')) fs.linkSync(path.join(disk.mount, 't.ttab'), path.join(disk.mount, 'u.ttab'));
      fillUp(disk.mount);
      const r = ttab('fmt', path.join('disk', 't.ttab'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot write .*t\.ttab: .*ENOSPC/);
      expect(fs.readFileSync(path.join(disk.mount, 't.ttab'), 'utf8')).toBe(big);
      expect(fs.readdirSync(disk.mount).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });
});
