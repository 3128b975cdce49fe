/**
 * The JSON grammar of Chevrotain's own examples
 * (examples/grammars/json/json.js in the chevrotain repository), unchanged
 * apart from types: a baseline for "how fast is a plain Chevrotain
 * lexer + CstParser on this machine". Default lexer configuration (full
 * position tracking), CST building on, one parser instance reused.
 */
import { createToken, CstParser, Lexer, type CstNode, type IToken } from 'chevrotain';

// ----------------- lexer -----------------
const True = createToken({ name: 'True', pattern: /true/ });
const False = createToken({ name: 'False', pattern: /false/ });
const Null = createToken({ name: 'Null', pattern: /null/ });
const LCurly = createToken({ name: 'LCurly', pattern: /{/ });
const RCurly = createToken({ name: 'RCurly', pattern: /}/ });
const LSquare = createToken({ name: 'LSquare', pattern: /\[/ });
const RSquare = createToken({ name: 'RSquare', pattern: /]/ });
const Comma = createToken({ name: 'Comma', pattern: /,/ });
const Colon = createToken({ name: 'Colon', pattern: /:/ });
const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^\\"]|\\(?:[bfnrtv"\\/]|u[0-9a-fA-F]{4}))*"/,
});
const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/,
});
const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\n\r]+/,
  group: Lexer.SKIPPED,
});

const allTokens = [
  WhiteSpace,
  NumberLiteral,
  StringLiteral,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  Comma,
  Colon,
  True,
  False,
  Null,
];

const JsonLexer = new Lexer(allTokens);

// ----------------- parser -----------------

class JsonParser extends CstParser {
  // Rules, declared for TypeScript; assigned by RULE() in the constructor.
  declare json: () => CstNode;
  declare object: () => CstNode;
  declare objectItem: () => CstNode;
  declare array: () => CstNode;
  declare value: () => CstNode;

  constructor() {
    super(allTokens);

    const $ = this;

    $.RULE('json', () => {
      $.OR([{ ALT: () => $.SUBRULE($.object) }, { ALT: () => $.SUBRULE($.array) }]);
    });

    $.RULE('object', () => {
      $.CONSUME(LCurly);
      $.OPTION(() => {
        $.SUBRULE($.objectItem);
        $.MANY(() => {
          $.CONSUME(Comma);
          $.SUBRULE2($.objectItem);
        });
      });
      $.CONSUME(RCurly);
    });

    $.RULE('objectItem', () => {
      $.CONSUME(StringLiteral);
      $.CONSUME(Colon);
      $.SUBRULE($.value);
    });

    $.RULE('array', () => {
      $.CONSUME(LSquare);
      $.OPTION(() => {
        $.SUBRULE($.value);
        $.MANY(() => {
          $.CONSUME(Comma);
          $.SUBRULE2($.value);
        });
      });
      $.CONSUME(RSquare);
    });

    $.RULE('value', () => {
      $.OR([
        { ALT: () => $.CONSUME(StringLiteral) },
        { ALT: () => $.CONSUME(NumberLiteral) },
        { ALT: () => $.SUBRULE($.object) },
        { ALT: () => $.SUBRULE($.array) },
        { ALT: () => $.CONSUME(True) },
        { ALT: () => $.CONSUME(False) },
        { ALT: () => $.CONSUME(Null) },
      ]);
    });

    // very important to call this after all the rules have been defined.
    this.performSelfAnalysis();
  }
}

// reuse the same parser instance.
const parser = new JsonParser();

export interface ChevrotainJsonResult {
  lexErrors: number;
  parseErrors: number;
}

/** Lex + parse (CST) `text` with the example JSON grammar. */
export function parseJsonWithChevrotain(text: string): ChevrotainJsonResult {
  const lexResult = JsonLexer.tokenize(text);
  // setting a new input will RESET the parser instance's state.
  parser.input = lexResult.tokens as IToken[];
  parser.json();
  return { lexErrors: lexResult.errors.length, parseErrors: parser.errors.length };
}
