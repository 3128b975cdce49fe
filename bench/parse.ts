/**
 * The `parse` section of the benchmark: throughput of our parse() (lex +
 * parse + CST→AST incl. values) on a generated ~5 MB table, against two
 * baselines on the same table as JSON: JSON.parse, and Chevrotain's example
 * JSON grammar (the "plain Chevrotain" speed on this machine).
 */
import { parse } from '../grammar/src/index';
import { parseJsonWithChevrotain } from './chevrotain-json';
import { generateTableOfSize, utf8Length } from './generate';
import { mbPerSec, measureAll, round, textTable, type Timing } from './measure';

export interface ParseBenchOptions {
  /** Target size of the generated .ttab, in bytes (default 5,000,000). */
  bytes?: number;
  seed?: number;
  warmup?: number;
  reps?: number;
  /** Progress messages (to stderr by the runner). */
  log?: (message: string) => void;
}

export interface ParseSection {
  /** Our parse(): MB/s over the .ttab's UTF-8 bytes (1 MB = 10^6 bytes). */
  mbPerSec: number;
  /** mbPerSec ÷ chevrotainJsonMbPerSec. */
  ratioVsChevrotainJson: number;
  /** mbPerSec ÷ jsonParseMbPerSec. */
  ratioVsJsonParse: number;
  /** UTF-8 bytes of the .ttab text. */
  bytes: number;
  lines: number;
  indicators: number;
  /** Errors parse() reported on the generated text (should be 0). */
  errors: number;
  medianMs: number;
  /** UTF-8 bytes of JSON.stringify(data). */
  jsonBytes: number;
  chevrotainJsonMbPerSec: number;
  chevrotainJsonMedianMs: number;
  jsonParseMbPerSec: number;
  jsonParseMedianMs: number;
  seed: number;
  warmup: number;
  reps: number;
}

export function runParseBench(opts: ParseBenchOptions = {}): ParseSection {
  const bytesWanted = opts.bytes ?? 5_000_000;
  const seed = opts.seed ?? 1;
  const warmup = opts.warmup ?? 3;
  const reps = opts.reps ?? 7;
  const log = opts.log ?? (() => {});

  log(`parse: generating a ~${(bytesWanted / 1e6).toFixed(1)} MB table (seed ${seed})…`);
  const { text, data, indicators } = generateTableOfSize(bytesWanted, seed);
  const bytes = utf8Length(text);
  const json = JSON.stringify(data);
  const jsonBytes = utf8Length(json);

  const check = parse(text);
  if (check.errors.length > 0) {
    const e = check.errors[0]!;
    log(`parse: warning: ${check.errors.length} errors on the generated text, first ${e.code} at ${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message.en}`);
  }
  const cj = parseJsonWithChevrotain(json);
  if (cj.lexErrors + cj.parseErrors > 0) log(`parse: warning: chevrotain-json reported ${cj.lexErrors} lex / ${cj.parseErrors} parse errors`);

  log(`parse: timing ours, JSON.parse and chevrotain-json (${reps} interleaved runs each after ${warmup} warm-up)…`);
  const t = measureAll(
    {
      ours: () => parse(text),
      jsonParse: () => JSON.parse(json),
      chevJson: () => parseJsonWithChevrotain(json),
    },
    { warmup, reps },
  );
  const ours: Timing = t.ours;
  const jsonParse: Timing = t.jsonParse;
  const chevJson: Timing = t.chevJson;

  const oursMb = mbPerSec(bytes, ours.medianMs);
  const jsonMb = mbPerSec(jsonBytes, jsonParse.medianMs);
  const chevMb = mbPerSec(jsonBytes, chevJson.medianMs);
  return {
    mbPerSec: round(oursMb),
    ratioVsChevrotainJson: round(oursMb / chevMb, 3),
    ratioVsJsonParse: round(oursMb / jsonMb, 4),
    bytes,
    lines: text.split('\n').length - 1,
    indicators,
    errors: check.errors.length,
    medianMs: round(ours.medianMs, 1),
    jsonBytes,
    chevrotainJsonMbPerSec: round(chevMb),
    chevrotainJsonMedianMs: round(chevJson.medianMs, 1),
    jsonParseMbPerSec: round(jsonMb),
    jsonParseMedianMs: round(jsonParse.medianMs, 1),
    seed,
    warmup,
    reps,
  };
}

export function formatParseSection(s: ParseSection): string {
  const mb = (n: number): string => (n / 1e6).toFixed(2) + ' MB';
  return [
    `parse — ${mb(s.bytes)} .ttab, ${s.lines.toLocaleString('en')} lines, ${s.indicators.toLocaleString('en')} indicators, ${s.errors} errors; JSON of the same table ${mb(s.jsonBytes)}`,
    `        median of ${s.reps} runs after ${s.warmup} warm-up; 1 MB = 10^6 bytes`,
    '',
    textTable([
      ['', 'input', 'median ms', 'MB/s'],
      ['ttab parse() (lex+parse+AST+values)', mb(s.bytes), s.medianMs.toFixed(1), s.mbPerSec.toFixed(2)],
      ['chevrotain JSON example grammar', mb(s.jsonBytes), s.chevrotainJsonMedianMs.toFixed(1), s.chevrotainJsonMbPerSec.toFixed(2)],
      ['JSON.parse', mb(s.jsonBytes), s.jsonParseMedianMs.toFixed(1), s.jsonParseMbPerSec.toFixed(2)],
    ]),
    '',
    `ours ÷ chevrotain-json: ${s.ratioVsChevrotainJson.toFixed(3)}`,
    `ours ÷ JSON.parse:      ${s.ratioVsJsonParse.toFixed(4)}`,
  ].join('\n');
}
