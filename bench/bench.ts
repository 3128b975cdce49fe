/**
 * Benchmark runner: `node dist/bench.js [--json] [--only=parse,…] [--size=MB]
 * [--reps=N] [--warmup=N] [--seed=N]` (`--reps`: the runs of each lsp table too).
 *
 * Each section lives in its own module and exports a `run…Bench()` that
 * returns a plain JSON-able object, plus a formatter for the readable output.
 * With --json, stdout holds exactly one JSON object, `{ "<section>": {…}, … }`;
 * progress goes to stderr. To add a section (lsp, report …), add an entry to
 * SECTIONS.
 */
import os from 'node:os';
import { formatLimitsSection, runLimitsBench } from './limits';
import { formatLspSection, runLspBench } from './lsp';
import { formatParseSection, runParseBench } from './parse';
import { formatReportSection, runReportBench } from './report';
import { formatStartupSection, runStartupBench } from './startup';

export interface CommonOptions {
  /** Size of the generated input, in bytes. */
  bytes?: number;
  seed?: number;
  warmup?: number;
  reps?: number;
  log: (message: string) => void;
}

export interface Section<T = unknown> {
  name: string;
  run(opts: CommonOptions): T | Promise<T>;
  format(result: T): string;
}

function section<T>(s: Section<T>): Section<unknown> {
  return s as Section<unknown>;
}

export const SECTIONS: Section[] = [
  section({ name: 'parse', run: (o) => runParseBench(o), format: formatParseSection }),
  section({ name: 'lsp', run: (o) => runLspBench({ seed: o.seed, log: o.log, runs: o.reps }), format: formatLspSection }),
  section({ name: 'report', run: (o) => runReportBench({ seed: o.seed, warmup: o.warmup, reps: o.reps, log: o.log }), format: formatReportSection }),
  section({ name: 'limits', run: (o) => runLimitsBench({ seed: o.seed, warmup: o.warmup, reps: o.reps, log: o.log }), format: formatLimitsSection }),
  section({ name: 'startup', run: (o) => runStartupBench({ seed: o.seed, log: o.log }), format: formatStartupSection }),
];

const USAGE = 'usage: bench [--json] [--only=parse,lsp,report,limits,startup] [--size=MB] [--reps=N] [--warmup=N] [--seed=N]';

interface Args {
  json: boolean;
  only?: string[];
  bytes?: number;
  seed?: number;
  warmup?: number;
  reps?: number;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) throw new UsageError(`${flag}: not a number`);
      return v;
    };
    switch (flag) {
      case '--json':
        args.json = true;
        break;
      case '--only':
        args.only = value().split(',').filter(Boolean);
        break;
      case '--size':
        args.bytes = Math.round(num() * 1e6);
        break;
      case '--seed':
        args.seed = num();
        break;
      case '--warmup':
        args.warmup = num();
        break;
      case '--reps':
        args.reps = Math.max(1, num());
        break;
      case '--help':
      case '-h':
        process.stderr.write(USAGE + '\n');
        process.exit(0);
      default:
        throw new UsageError(`unknown argument: ${a}`);
    }
  }
  return args;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const args = parseArgs(argv);
  const log = (message: string): void => void process.stderr.write(message + '\n');
  const sections = args.only ? SECTIONS.filter((s) => args.only!.includes(s.name)) : SECTIONS;
  if (args.only) for (const name of args.only) if (!SECTIONS.some((s) => s.name === name)) throw new UsageError(`unknown section: ${name}`);

  // In --json mode stdout is reserved for the one JSON object: anything a
  // library prints with console.log/info goes to stderr instead.
  const original = { log: console.log, info: console.info };
  if (args.json) console.log = console.info = (...a: unknown[]) => console.error(...a);

  const results: Record<string, unknown> = {};
  const texts: string[] = [];
  // The machine is shared: the load before and after says how far the figures can be trusted.
  const loadAtStart = os.loadavg();
  try {
    for (const s of sections) {
      const opts: CommonOptions = { log };
      if (args.bytes !== undefined) opts.bytes = args.bytes;
      if (args.seed !== undefined) opts.seed = args.seed;
      if (args.warmup !== undefined) opts.warmup = args.warmup;
      if (args.reps !== undefined) opts.reps = args.reps;
      const result = await s.run(opts);
      results[s.name] = result;
      texts.push(s.format(result));
    }
  } finally {
    console.log = original.log;
    console.info = original.info;
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const machine = { node: process.version, platform: `${process.platform}-${process.arch}`, cpu, cores: os.cpus().length, loadAtStart, loadAtEnd: os.loadavg() };
  if (args.json) {
    results.env = machine;
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    const header = `node ${process.version}, ${machine.platform}, ${cpu} × ${machine.cores}; load average (1 / 5 / 15 min): ${load(loadAtStart)} at the start, ${load(machine.loadAtEnd)} at the end`;
    process.stdout.write(`${header}\n\n${texts.join('\n\n')}\n`);
  }
}

main().catch((e: unknown) => {
  const detail = e instanceof UsageError ? `${e.message}\n${USAGE}` : e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`bench: ${detail}\n`);
  process.exitCode = 1;
});
