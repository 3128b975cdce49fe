/**
 * Repairs the text of one cell as it comes out of a PDF or a narrow spreadsheet column:
 * LaTeX residue (`$\geq 10$` → `≥10`), words broken by stray spaces or line breaks
 * (`合法性 审核` → `合法性审核`, `≥12万 元` → `≥12万元`), control characters. It only removes
 * whitespace and rewrites LaTeX; every other character of the cell stays, so nothing is lost.
 */

const LATEX_SYMBOLS: Readonly<Record<string, string>> = {
  geq: '≥',
  ge: '≥',
  geqslant: '≥',
  leq: '≤',
  le: '≤',
  leqslant: '≤',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '~',
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  circ: '°',
  degree: '°',
  permil: '‰',
  '%': '%',
  '&': '&',
  '$': '$',
  '#': '#',
  '_': '_',
  '{': '{',
  '}': '}',
  ',': '',
  ';': '',
  ' ': '',
  quad: '',
  qquad: '',
};

/** Commands whose braced argument is kept as text: `\text{万元}` → `万元`. */
const LATEX_TEXT_COMMANDS = new Set(['text', 'mathrm', 'textrm', 'mathbf', 'textbf', 'mbox', 'rm', 'operatorname']);

/** `\geq`, `\text{…}`, `^{\circ}`, braces: the formula's plain text. */
function latexToText(formula: string): string {
  let out = '';
  for (let i = 0; i < formula.length; ) {
    const c = formula[i]!;
    if (c === '\\') {
      const word = /^\\([A-Za-z]+|.)/.exec(formula.slice(i));
      if (!word) {
        i++;
        continue;
      }
      const name = word[1]!;
      i += word[0].length;
      if (LATEX_TEXT_COMMANDS.has(name)) continue; // the braces that follow are dropped below, their text kept
      const symbol = LATEX_SYMBOLS[name];
      out += symbol ?? name;
      continue;
    }
    if (c === '{' || c === '}' || c === '^') {
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** `$…$` and `$$…$$` formulas, and bare comparison commands outside them. */
export function stripLatex(text: string): string {
  if (!text.includes('$') && !text.includes('\\')) return text;
  let out = text.replace(/\$\$([^$]*)\$\$|\$([^$]*)\$/g, (_m, a: string | undefined, b: string | undefined) => latexToText(a ?? b ?? ''));
  out = out.replace(/\\(geqslant|leqslant|geq|leq|neq|approx|times|pm|ge|le)(?![A-Za-z])\s*/g, (_m, name: string) => LATEX_SYMBOLS[name] ?? name);
  return out;
}

function isIdeograph(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Ideographs and CJK / full-width punctuation. */
function isCjkish(c: number): boolean {
  return isIdeograph(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014;
}

function isLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** ASCII punctuation after which a space is a real space (`接待, 机关`). */
function isSpacedPunctuation(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x29;
}

const SEGMENT_SEPARATORS = /[；;，,、。\n]/;
const LIST_START = /^(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十][、.．])/;

/**
 * Whether the whitespace between `before` (text so far) and `after` (the rest) is a break to
 * remove. Kept: between Latin words and numbers, after ASCII punctuation, and before a new
 * `label：quantity` part of a composite value (`公众号：300期 抖音：156条`).
 */
function isStrayBreak(before: string, after: string): boolean {
  if (before === '' || after === '') return true;
  const a = before.charCodeAt(before.length - 1);
  const b = after.charCodeAt(0);
  const cjkA = isCjkish(a);
  const cjkB = isCjkish(b);
  if (!cjkA && !cjkB && !(isDigit(a) && cjkB) && !(cjkA && isDigit(b))) return false;
  if ((cjkA && isLatin(b)) || (isLatin(a) && cjkB)) return false;
  if (isSpacedPunctuation(a) && !cjkA) return false;
  // a new labelled part: the current part already holds a number, the next word carries a colon
  const nextWord = /^\S+/.exec(after)?.[0] ?? '';
  if (/[：:]/.test(nextWord) && !/^[：:]/.test(nextWord)) {
    const parts = before.split(SEGMENT_SEPARATORS);
    if (/\d/.test(parts[parts.length - 1] ?? '')) return false;
  }
  return true;
}

/**
 * The cell's text repaired: trimmed; line breaks kept only before a list item (`2、…`);
 * stray spaces and breaks removed where isStrayBreak says so, other whitespace runs made one space.
 */
export function cleanCellText(raw: string): string {
  let text = raw.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  // control characters other than the line break would break the .ttab line structure
  text = text.replace(/[\u0000-\u0009\u000b-\u001f\u007f\u00a0\u3000]/g, ' ');
  text = unprotect(stripLatex(text).trim());
  if (!/\s/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n') {
      out += c;
      i++;
      continue;
    }
    let j = i;
    let hasBreak = false;
    while (j < text.length && (text[j] === ' ' || text[j] === '\n')) {
      if (text[j] === '\n') hasBreak = true;
      j++;
    }
    const rest = text.slice(j);
    if (hasBreak && LIST_START.test(rest)) out += '\n';
    else if (!isStrayBreak(out, rest)) out += ' ';
    i = j;
  }
  return out;
}

/** A spreadsheet's guard against formulas (`'=100%`, `'-3`, `'＝1+1`), as `ttab report` writes it: the text without it. */
function unprotect(text: string): string {
  return /^'[=+\-@＝＋－＠]/.test(text) ? text.slice(1) : text;
}

/**
 * A cell of a tidy sheet (a flat header: a spreadsheet kept by hand, `ttab report --format csv`):
 * its line breaks are real (one 科室 per line, a list), so only each line is trimmed.
 */
export function cleanTidyText(raw: string): string {
  const text = raw.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
  return unprotect(
    stripLatex(text)
      .split('\n')
      .map((l) => l.trim())
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  );
}

/**
 * A cell of a spreadsheet (XLSX) read in the official layout: each line repaired like a pasted
 * cell, but the line breaks kept — they were typed (alt+enter), not made by a PDF's wrapping.
 */
export function cleanSpreadsheetText(raw: string): string {
  return raw
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n')
    .map(cleanCellText)
    .filter((line) => line !== '')
    .join('\n');
}

/** Every whitespace removed: for comparing header words and texts that a PDF broke differently. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
