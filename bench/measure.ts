/**
 * Timing helpers shared by the benchmark sections (parse, and later lsp,
 * report …): warm-up runs, then timed repetitions; the median is reported.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MeasureOptions {
  /** Untimed runs first, so the JIT has compiled the hot paths. */
  warmup: number;
  /** Timed runs; the median is reported. */
  reps: number;
}

export interface Timing {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Every timed run, in order, in milliseconds. */
  samplesMs: number[];
}

/**
 * A full-GC function, so that one timed run does not pay for the garbage of
 * the one before: `global.gc` under --expose-gc, else enabled at run time
 * (V8 lets a script turn the flag on and fetch `gc` from a new context).
 */
const gc: (() => void) | undefined = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timing(samplesMs: number[]): Timing {
  return { medianMs: median(samplesMs), minMs: Math.min(...samplesMs), maxMs: Math.max(...samplesMs), samplesMs };
}

function timeOnce(fn: () => unknown): number {
  gc?.();
  const t0 = performance.now();
  blackhole = fn();
  return performance.now() - t0;
}

/** Time `fn` `reps` times after `warmup` untimed runs, with a full GC before each run. */
export function measure(fn: () => unknown, opts: MeasureOptions): Timing {
  return measureAll({ fn }, opts).fn!;
}

/**
 * Time several functions that are to be compared: all are warmed up first,
 * then the timed runs are interleaved (a, b, c, a, b, c …), so that a slow
 * patch of the machine (other processes, thermal) hits all of them alike and
 * the ratios stay meaningful.
 */
export function measureAll<K extends string>(fns: Record<K, () => unknown>, opts: MeasureOptions): Record<K, Timing> {
  const keys = Object.keys(fns) as K[];
  for (const k of keys) for (let i = 0; i < opts.warmup; i++) blackhole = fns[k]();
  const samples = {} as Record<K, number[]>;
  for (const k of keys) samples[k] = [];
  for (let r = 0; r < Math.max(1, opts.reps); r++) for (const k of keys) samples[k].push(timeOnce(fns[k]));
  const out = {} as Record<K, Timing>;
  for (const k of keys) out[k] = timing(samples[k]);
  return out;
}

/** The last result of a measured function, kept so its work cannot be optimized away. */
export let blackhole: unknown;

/** 1 MB = 10^6 bytes. */
export function mbPerSec(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1e3);
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Render rows as an aligned plain-text table (first row = header). */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  const width = (s: string): number => {
    // CJK characters take two columns in a terminal.
    let w = 0;
    for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return w;
  };
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return i === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows.slice(1)) out.push(line(row));
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Latency and memory of a server process (the lsp section and its peer)

export interface LatencyStats {
  median: number;
  p95: number;
  runs: number;
}

export function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

export function stats(values: readonly number[]): LatencyStats {
  return { median: round(median(values), 2), p95: round(p95(values), 2), runs: values.length };
}

export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: round(kb('VmRSS') / 1024, 1), peak: round(kb('VmHWM') / 1024, 1) };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

