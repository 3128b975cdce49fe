/**
 * Tokens of the .ttab lexer. The format is line-oriented, so the lexer has
 * two modes:
 *  - `line`: at the start of a line (indentation skipped). A line starts with
 *    a keyword, a continuation mark `+`, or a comment `#`; anything else is an
 *    unknown line (kept aside in its own group, reported as TT002).
 *  - `rest`: after a keyword or `+`, the text runs to the end of the line as a
 *    single Text token; the line break returns to `line` mode.
 * One token per keyword and one for the text keeps lexing cheap: a line of
 * 40 characters is two tokens.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { ALL_KEYWORDS, keywordForms } from './keywords';
import type { AnyFieldKey } from './ast';
import type { FieldRole } from './keywords';

const SPACE = '[ \\t\\u3000]';
/** A keyword ends at whitespace or at the end of the line. */
const KEYWORD_END = '(?![^ \\t\\u3000\\r\\n])';

// Categories: the grammar consumes a category; the concrete token names the field.
export const HeaderKw = createToken({ name: 'HeaderKw', pattern: Lexer.NA });
export const IndicatorFieldKw = createToken({ name: 'IndicatorFieldKw', pattern: Lexer.NA });
export const InheritedKw = createToken({ name: 'InheritedKw', pattern: Lexer.NA });
export const NumberKw = createToken({ name: 'NumberKw', pattern: Lexer.NA });
/** Any keyword, for completion and semantic tokens. */
export const AnyKeyword = createToken({ name: 'AnyKeyword', pattern: Lexer.NA });

const CATEGORY_OF_ROLE: Record<FieldRole, TokenType | null> = {
  header: HeaderKw,
  level: null,
  indicator: IndicatorFieldKw,
  inherited: InheritedKw,
  number: NumberKw,
  // The lines of a monitoring point stand among an indicator's fields: the builder groups them.
  monitor: IndicatorFieldKw,
  monitoring: IndicatorFieldKw,
};

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** Token type → field key, filled as the keyword tokens are made. */
export const FIELD_KEY_OF_TOKEN = new Map<TokenType, AnyFieldKey>();
export const TOKEN_OF_FIELD_KEY = new Map<AnyFieldKey, TokenType>();

function keywordToken(key: AnyFieldKey, forms: readonly string[], role: FieldRole): TokenType {
  const categories = [AnyKeyword];
  const category = CATEGORY_OF_ROLE[role];
  if (category) categories.push(category);
  const token = createToken({
    name: `Kw_${key}`,
    pattern: new RegExp(`(?:${forms.map(escapeRegExp).join('|')})${KEYWORD_END}`),
    start_chars_hint: [...new Set(forms.map((form) => form[0]!))],
    categories,
    push_mode: 'rest',
  });
  FIELD_KEY_OF_TOKEN.set(token, key);
  TOKEN_OF_FIELD_KEY.set(key, token);
  return token;
}

const keywordTokens = ALL_KEYWORDS.map((k) => keywordToken(k.key, keywordForms(k), k.role));
const tokenOf = (key: AnyFieldKey): TokenType => TOKEN_OF_FIELD_KEY.get(key)!;

export const DutyKw = tokenOf('duty');
export const ItemKw = tokenOf('item');
export const ObjectiveKw = tokenOf('objective');
export const IndicatorKw = tokenOf('indicator');

export const Continuation = createToken({ name: 'Continuation', pattern: /\+/, push_mode: 'rest' });

export const Comment = createToken({
  name: 'Comment',
  pattern: /#[^\r\n]*/,
  group: 'comments',
});

/**
 * Start characters of "anything but whitespace": Chevrotain cannot analyse
 * complement sets, and without a hint it would give up its first-character
 * optimisation for the whole mode. Above 255 it buckets char codes by 255, so
 * one code per bucket is enough.
 */
const ANY_VISIBLE_START: number[] = (() => {
  const codes: number[] = [];
  for (let c = 0; c < 256; c++) if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) codes.push(c);
  for (let c = 256; c < 65536; c += 255) codes.push(c);
  codes.push(65535);
  return codes;
})();

/** A line that starts with none of the above: reported as TT002, not given to the parser. */
export const UnknownLine = createToken({
  name: 'UnknownLine',
  pattern: /[^ \t\u3000\uFEFF\r\n][^\r\n]*/,
  start_chars_hint: ANY_VISIBLE_START,
  group: 'unknown',
});

const Indent = createToken({ name: 'Indent', pattern: /[ \t\u3000\uFEFF]+/, group: Lexer.SKIPPED });
const LineBreak = createToken({ name: 'LineBreak', pattern: /\r\n|\r|\n/, group: Lexer.SKIPPED, line_breaks: true });

export const Text = createToken({ name: 'Text', pattern: /[^ \t\u3000\r\n][^\r\n]*/, start_chars_hint: ANY_VISIBLE_START });
const Spacing = createToken({ name: 'Spacing', pattern: /[ \t\u3000]+/, group: Lexer.SKIPPED });
const EndOfLine = createToken({
  name: 'EndOfLine',
  pattern: /\r\n|\r|\n/,
  group: Lexer.SKIPPED,
  line_breaks: true,
  pop_mode: true,
});

export const allTokens: TokenType[] = [
  HeaderKw,
  IndicatorFieldKw,
  InheritedKw,
  NumberKw,
  AnyKeyword,
  ...keywordTokens,
  Continuation,
  Comment,
  UnknownLine,
  Indent,
  LineBreak,
  Text,
  Spacing,
  EndOfLine,
];

export const ttabLexer = new Lexer(
  {
    modes: {
      line: [LineBreak, Indent, Comment, ...keywordTokens, Continuation, UnknownLine],
      rest: [EndOfLine, Spacing, Text],
    },
    defaultMode: 'line',
  },
  { positionTracking: 'full', ensureOptimizations: true },
);
