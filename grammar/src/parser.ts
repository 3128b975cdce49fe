/**
 * The .ttab grammar (Chevrotain CstParser; one shared instance).
 *
 * Nesting is carried by keywords: 职责 opens a duty, 事项 a sub-duty, 目标 an
 * objective, 指标 an indicator; a keyword closes every deeper open level.
 * The grammar is total: every token sequence is accepted, because each level
 * also takes the field lines that do not belong there as `stray` lines (the
 * AST builder reports them as TT003/TT012). So a misplaced line never makes
 * the parser drop the rest of the table, and error recovery is only a safety
 * net.
 */
import { CstParser, type CstNode, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  Continuation,
  DutyKw,
  HeaderKw,
  IndicatorFieldKw,
  IndicatorKw,
  InheritedKw,
  ItemKw,
  NumberKw,
  ObjectiveKw,
  Text,
} from './tokens';

class TtabParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public table = this.RULE('table', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.headerField) },
        { ALT: () => this.SUBRULE(this.duty) },
        { ALT: () => this.SUBRULE(this.strayField) },
      ]);
    });
  });

  private headerField = this.RULE('headerField', () => {
    this.CONSUME(HeaderKw);
    this.fieldRest();
  });

  /**
   * The text of a field line and its continuation lines, inlined into every
   * rule that has a field line (rather than a rule of its own) so each field
   * costs one CST node, not two: fewer allocations on large tables. The
   * `Text`s land in one array with the `Continuation` marks; the builder
   * pairs them by offset.
   */
  private fieldRest(): void {
    this.OPTION9(() => this.CONSUME9(Text));
    this.MANY9(() => {
      this.CONSUME8(Continuation);
      this.OPTION8(() => this.CONSUME7(Text));
    });
  }

  /** A field line standing where its keyword does not belong. */
  private strayField = this.RULE('strayField', () => {
    this.OR([
      { ALT: () => this.CONSUME(ItemKw) },
      { ALT: () => this.CONSUME(ObjectiveKw) },
      { ALT: () => this.CONSUME(IndicatorKw) },
      { ALT: () => this.CONSUME(IndicatorFieldKw) },
      { ALT: () => this.CONSUME(InheritedKw) },
      { ALT: () => this.CONSUME(NumberKw) },
      { ALT: () => this.CONSUME(Continuation) },
    ]);
    this.fieldRest();
  });

  /** Fields of duty, 事项 and objective: inherited ones and 序号, and stray header/indicator fields. */
  private blockField = this.RULE('blockField', () => {
    this.OR([
      { ALT: () => this.CONSUME(InheritedKw) },
      { ALT: () => this.CONSUME(IndicatorFieldKw) },
      { ALT: () => this.CONSUME(NumberKw) },
      { ALT: () => this.CONSUME(HeaderKw) },
    ]);
    this.fieldRest();
  });

  private duty = this.RULE('duty', () => {
    this.CONSUME(DutyKw);
    this.fieldRest();
    this.MANY(() => this.SUBRULE(this.blockField));
    this.MANY2(() => this.SUBRULE(this.objective));
    this.MANY3(() => this.SUBRULE(this.item));
  });

  private item = this.RULE('item', () => {
    this.CONSUME(ItemKw);
    this.fieldRest();
    this.MANY(() => this.SUBRULE(this.blockField));
    this.MANY2(() => this.SUBRULE(this.objective));
  });

  private objective = this.RULE('objective', () => {
    this.CONSUME(ObjectiveKw);
    this.fieldRest();
    this.MANY(() => this.SUBRULE(this.blockField));
    this.MANY2(() => this.SUBRULE(this.indicator));
  });

  private indicator = this.RULE('indicator', () => {
    this.CONSUME(IndicatorKw);
    this.fieldRest();
    // The same alternatives as blockField; here indicator fields are in place.
    this.MANY(() => this.SUBRULE(this.blockField));
  });
}

/** The one shared parser instance (Chevrotain parsers are reusable; build once). */
export const ttabParser = new TtabParser();

export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: typeof ttabParser.errors } {
  ttabParser.input = tokens;
  const cst = ttabParser.table();
  return { cst, errors: ttabParser.errors };
}

export type { TokenType };
