/**
 * CST → AST, in one visitor. Also the model checks that need the tree:
 * misplaced fields (TT003/TT004/TT012), duplicate single-valued fields
 * (TT010) and the year (TT011).
 */
import type { CstNode, IToken, TokenType } from 'chevrotain';
import type {
  AnyFieldKey,
  Comment,
  Duty,
  Field,
  FieldKey,
  Indicator,
  Item,
  MonitorPoint,
  Objective,
  ParseError,
  Range,
  Table,
  ValueField,
  Message,
} from './ast';
import { ALL_KEYWORDS, KEYWORD_BY_KEY, MONITORING_POINT_KEYS, type KeywordInfo } from './keywords';
import { messages, SYNTAX_RULES, type SyntaxCode } from './messages';
import { ttabParser } from './parser';
import { FIELD_KEY_OF_TOKEN, Continuation, ItemKw, ObjectiveKw, IndicatorKw } from './tokens';
import { parseValue } from './values';
import type { UnitCatalog } from './units';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

/** The range of a token (or of its first `length` characters); `lineBase` is added to its line. */
export function tokenRange(token: IToken, length = token.image.length, lineBase = 0): Range {
  const line = token.startLine! - 1 + lineBase;
  const character = token.startColumn! - 1;
  return { start: { line, character }, end: { line, character: character + length } };
}

/** A comment as the tree keeps it, from its image (from '#' to the line's end) at a position: the text after '#' and the range, trailing whitespace left out. */
export function commentAt(image: string, line: number, character: number): Comment {
  const trimmed = image.trimEnd();
  return { text: trimmed.slice(1), range: { start: { line, character }, end: { line, character: character + trimmed.length } } };
}

function span(from: Range, to: Range): Range {
  return { start: from.start, end: to.end };
}

/** The text without trailing spaces, tabs or ideographic spaces (the lexer already skipped leading ones). */
export function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

const NO_RANGES: readonly Range[] = Object.freeze([]);
/** Most indicators have no monitoring point: they share one empty list. */
const NO_MONITORS: readonly MonitorPoint[] = Object.freeze([]);
const POINT_KEYS: ReadonlySet<AnyFieldKey> = new Set(MONITORING_POINT_KEYS);
export const VALUE_KEYS: ReadonlySet<AnyFieldKey> = new Set(ALL_KEYWORDS.filter((k) => k.isValue).map((k) => k.key));

const DUTY_NUMBER = /^(\d+)(?:[ \t\u3000]+|$)/;

/**
 * The keyword (or `+`) token of a field-line node: the first child consumed
 * (children keep insertion order), since every such rule starts with it.
 */
function keywordOf(children: Children): IToken {
  for (const key in children) return (children[key] as IToken[])[0] as IToken;
  throw new Error('field line without keyword');
}

/** Where a top-level node starts: its rule begins with a token of its own (keyword or `+`). */
function startOffset(node: CstNode): number {
  return keywordOf(node.children as Children).startOffset;
}

const BaseVisitor = ttabParser.getBaseCstVisitorConstructorWithDefaults();

/** Which stray lines an orphan level line covers (so one mistake gives one error). */
const COVERED_BY_ORPHAN = new Map<TokenType, number>([
  [ItemKw, 1],
  [ObjectiveKw, 2],
  [IndicatorKw, 3],
]);

export class AstBuilder extends BaseVisitor {
  errors: ParseError[] = [];

  /**
   * @param lineBase added to every line: the text being built is a slice of a
   *   larger document starting at that line (incremental reparse).
   */
  constructor(
    private readonly units: UnitCatalog | undefined,
    private readonly lineBase = 0,
  ) {
    super();
    this.validateVisitor();
  }

  private rangeOf(token: IToken, length = token.image.length): Range {
    return tokenRange(token, length, this.lineBase);
  }

  private report(code: SyntaxCode, message: Message, range: Range): void {
    this.errors.push({ code, severity: SYNTAX_RULES[code].severity, message, range });
  }

  /** Build a field from its keyword token and the Text/Continuation tokens of its node. */
  private field(keywordToken: IToken, children: Children): Field {
    const key = FIELD_KEY_OF_TOKEN.get(keywordToken.tokenType)!;
    const keywordRange = this.rangeOf(keywordToken);
    const texts = children.Text as IToken[] | undefined;
    const marks = children.Continuation as IToken[] | undefined;
    let text = '';
    let textRange: Range = { start: keywordRange.end, end: keywordRange.end };
    let end = keywordRange;
    let textIndex = 0;
    const first = texts?.[0];
    if (first && (!marks || first.startOffset < marks[0]!.startOffset)) {
      text = trimEnd(first.image);
      textRange = this.rangeOf(first, text.length);
      end = textRange;
      textIndex = 1;
    }
    let continuationRanges: readonly Range[] = NO_RANGES;
    if (marks) {
      const ranges: Range[] = [];
      for (let m = 0; m < marks.length; m++) {
        const mark = marks[m]!;
        const next = texts?.[textIndex];
        const nextMark = marks[m + 1];
        let lineText = '';
        let lineRange: Range;
        if (next && next.startOffset > mark.startOffset && (!nextMark || next.startOffset < nextMark.startOffset)) {
          lineText = trimEnd(next.image);
          lineRange = this.rangeOf(next, lineText.length);
          textIndex++;
        } else {
          const afterMark = this.rangeOf(mark).end;
          lineRange = { start: afterMark, end: afterMark };
        }
        text += `\n${lineText}`;
        ranges.push(lineRange);
        end = lineRange;
      }
      continuationRanges = ranges;
    }
    // One object shape for every field (value undefined where the field holds none) keeps property access monomorphic.
    return {
      key,
      keyword: keywordToken.image,
      keywordRange,
      text,
      textRange,
      continuationRanges,
      range: { start: keywordRange.start, end: end.end },
      value: VALUE_KEYS.has(key) ? parseValue(text, this.units) : undefined,
    };
  }

  /** The field line that opens a level (or a header field). */
  private levelField(children: Children, tokenName: string): Field {
    return this.field((children[tokenName] as IToken[])[0]!, children);
  }

  private blockFields(children: Children): Field[] {
    const nodes = children.blockField as CstNode[] | undefined;
    if (!nodes) return [];
    const out: Field[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const c = nodes[i]!.children as Children;
      const token = ((c.InheritedKw ?? c.IndicatorFieldKw ?? c.NumberKw ?? c.HeaderKw) as IToken[])[0]!;
      out[i] = this.field(token, c);
    }
    return out;
  }

  /**
   * Attach the fields of a duty, item or objective; indicator fields and header fields are misplaced here
   * (reported, not part of the tree: blockRange relies on it).
   */
  private attachBlockFields(block: Duty | Item | Objective, children: Children): void {
    for (const field of this.blockFields(children)) {
      const role = KEYWORD_BY_KEY[field.key].role;
      if (role === 'inherited') {
        block[field.key as 'activity' | 'project' | 'office'].push(field);
        block.fields.push(field);
      } else if (role === 'number') {
        if (block.kind === 'duty') {
          this.report('TT003', messages.numberOnDuty(field.keyword), field.keywordRange);
        } else if (block.number) {
          this.report('TT010', messages.numberRepeated(field.keyword), field.keywordRange);
        } else {
          block.number = field;
          block.fields.push(field);
        }
      } else if (role === 'header') {
        this.report('TT012', messages.headerAfterDuty(field.keyword), field.keywordRange);
      } else {
        this.report('TT003', messages.fieldNeedsIndicator(field.keyword), field.keywordRange);
      }
    }
  }

  table(ctx: Children): Table {
    const table: Table = {
      kind: 'table',
      fields: [],
      duties: [],
      comments: [],
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    };
    // Children of different kinds come in separate arrays; restore source order.
    const nodes = [
      ...((ctx.headerField ?? []) as CstNode[]),
      ...((ctx.duty ?? []) as CstNode[]),
      ...((ctx.strayField ?? []) as CstNode[]),
    ].sort((a, b) => startOffset(a) - startOffset(b));
    let orphanDepth = 0;
    for (const node of nodes) {
      if (node.name === 'duty') {
        orphanDepth = 0;
        table.duties.push(this.visit(node) as Duty);
      } else if (node.name === 'headerField') {
        orphanDepth = 0;
        const c = node.children as Children;
        const field = this.levelField(c, 'HeaderKw');
        this.header(table, field);
      } else {
        orphanDepth = this.stray(node.children as Children, orphanDepth);
      }
    }
    return table;
  }

  private header(table: Table, field: Field): void {
    const key = field.key as 'department' | 'year';
    if (table.duties.length > 0) {
      this.report('TT012', messages.headerAfterDuty(field.keyword), field.keywordRange);
      return;
    }
    const existing = table[key];
    if (existing) {
      this.report('TT012', messages.headerRepeated(field.keyword, existing.range.start.line + 1), field.keywordRange);
      return;
    }
    table[key] = field;
    table.fields.push(field);
    if (key === 'year' && !/^\d{4}$/.test(field.text)) {
      const range = field.text ? field.textRange : field.keywordRange;
      this.report('TT011', messages.invalidYear(field.text), range);
    }
  }

  /** A line at the top level that belongs deeper. Returns the new orphan depth. */
  private stray(c: Children, orphanDepth: number): number {
    const token = keywordOf(c);
    const depth = COVERED_BY_ORPHAN.get(token.tokenType);
    if (depth !== undefined) {
      // A level line is covered by an orphan level above it (e.g. 指标 under an orphan 目标).
      if (orphanDepth === 0 || depth <= orphanDepth) {
        const parent = depth === 1 ? '职责' : depth === 2 ? '职责/事项' : '目标';
        this.report('TT003', messages.levelNeedsParent(token.image, parent), this.rangeOf(token));
      }
      return orphanDepth === 0 ? depth : Math.min(orphanDepth, depth);
    }
    if (orphanDepth > 0) return orphanDepth;
    if (token.tokenType === Continuation) {
      this.report('TT004', messages.continuationAlone(), this.rangeOf(token));
    } else if (FIELD_KEY_OF_TOKEN.get(token.tokenType) && KEYWORD_BY_KEY[FIELD_KEY_OF_TOKEN.get(token.tokenType)!].role === 'inherited') {
      this.report('TT003', messages.inheritedNeedsLevel(token.image), this.rangeOf(token));
    } else if (FIELD_KEY_OF_TOKEN.get(token.tokenType) === 'number') {
      this.report('TT003', messages.numberOnDuty(token.image), this.rangeOf(token));
    } else {
      this.report('TT003', messages.fieldNeedsIndicator(token.image), this.rangeOf(token));
    }
    return 0;
  }

  duty(ctx: Children): Duty {
    const title = this.levelField(ctx, 'Kw_duty');
    const duty: Duty = {
      kind: 'duty',
      title,
      fields: [],
      objectives: [],
      items: [],
      activity: [],
      project: [],
      office: [],
      range: title.range,
    };
    const numberMatch = DUTY_NUMBER.exec(title.text);
    if (numberMatch) {
      const numberText = numberMatch[1]!;
      const start = title.textRange.start;
      duty.number = {
        text: numberText,
        value: Number(numberText),
        range: { start, end: { line: start.line, character: start.character + numberText.length } },
      };
      const skip = numberMatch[0].length;
      title.text = title.text.slice(skip);
      title.textRange = {
        start: { line: start.line, character: start.character + skip },
        end: title.textRange.end,
      };
    }
    this.attachBlockFields(duty, ctx);
    for (const node of (ctx.objective ?? []) as CstNode[]) duty.objectives.push(this.visit(node) as Objective);
    for (const node of (ctx.item ?? []) as CstNode[]) duty.items.push(this.visit(node) as Item);
    duty.range = blockRange(duty);
    return duty;
  }

  item(ctx: Children): Item {
    const title = this.levelField(ctx, 'Kw_item');
    const item: Item = { kind: 'item', title, fields: [], objectives: [], activity: [], project: [], office: [], range: title.range };
    this.attachBlockFields(item, ctx);
    for (const node of (ctx.objective ?? []) as CstNode[]) item.objectives.push(this.visit(node) as Objective);
    item.range = blockRange(item);
    return item;
  }

  objective(ctx: Children): Objective {
    const title = this.levelField(ctx, 'Kw_objective');
    const objective: Objective = {
      kind: 'objective',
      title,
      fields: [],
      indicators: [],
      activity: [],
      project: [],
      office: [],
      range: title.range,
    };
    this.attachBlockFields(objective, ctx);
    for (const node of (ctx.indicator ?? []) as CstNode[]) objective.indicators.push(this.visit(node) as Indicator);
    objective.range = blockRange(objective);
    return objective;
  }

  indicator(ctx: Children): Indicator {
    const name = this.levelField(ctx, 'Kw_indicator');
    const indicator: Indicator = { kind: 'indicator', name, fields: [], activity: [], project: [], office: [], monitors: NO_MONITORS, range: name.range };
    /** The monitoring point open above, until a field it does not hold closes it. */
    let point: MonitorPoint | undefined;
    for (const field of this.blockFields(ctx)) {
      const role = KEYWORD_BY_KEY[field.key].role;
      if (role === 'header') {
        this.report('TT012', messages.headerAfterDuty(field.keyword), field.keywordRange);
        continue;
      }
      if (role === 'monitor') {
        point = { kind: 'monitor', title: field, fields: [], range: field.range };
        if (indicator.monitors === NO_MONITORS) indicator.monitors = [];
        (indicator.monitors as MonitorPoint[]).push(point);
      } else if (point && POINT_KEYS.has(field.key)) {
        this.attachToPoint(point, field);
      } else if (role === 'monitoring') {
        this.report('TT003', messages.monitoringNeedsPoint(field.keyword), field.keywordRange);
        continue;
      } else {
        point = undefined;
        this.attachToIndicator(indicator, field, role);
      }
      indicator.fields.push(field);
    }
    indicator.range = blockRange(indicator);
    return indicator;
  }

  private attachToIndicator(indicator: Indicator, field: Field, role: KeywordInfo['role']): void {
    if (role === 'inherited') {
      indicator[field.key as 'activity' | 'project' | 'office'].push(field);
      return;
    }
    const slot = indicator as unknown as Record<string, Field | undefined>;
    if (slot[field.key]) this.report('TT010', messages.duplicateField(field.keyword), field.keywordRange);
    else slot[field.key] = field;
  }

  private attachToPoint(point: MonitorPoint, field: Field): void {
    point.fields.push(field);
    point.range = span(point.title.range, field.range);
    const slot = point as unknown as Record<string, Field | undefined>;
    if (slot[field.key]) this.report('TT010', messages.duplicateInPoint(field.keyword), field.keywordRange);
    else slot[field.key] = field;
  }

  /** The blocks of a run rule (parser.ts), for the incremental reparse. */
  itemRun(ctx: Children): Item[] {
    return ((ctx.item ?? []) as CstNode[]).map((node) => this.visit(node) as Item);
  }

  objectiveRun(ctx: Children): Objective[] {
    return ((ctx.objective ?? []) as CstNode[]).map((node) => this.visit(node) as Objective);
  }

  indicatorRun(ctx: Children): Indicator[] {
    return ((ctx.indicator ?? []) as CstNode[]).map((node) => this.visit(node) as Indicator);
  }
}

/**
 * A block's range: from its title to the end of its last child (事项 after objectives), else of its
 * last field kept, else of its title. A misplaced line is reported, not part of the tree, so every
 * position in a block's range belongs to a field of the tree. The range shares its positions with
 * the title and the last child (incremental.ts moves each position once and relies on it).
 */
export function blockRange(block: Duty | Item | Objective | Indicator): Range {
  let title: Field;
  let child: { range: Range } | undefined;
  switch (block.kind) {
    case 'duty':
      title = block.title;
      child = block.items[block.items.length - 1] ?? block.objectives[block.objectives.length - 1];
      break;
    case 'item':
      title = block.title;
      child = block.objectives[block.objectives.length - 1];
      break;
    case 'objective':
      title = block.title;
      child = block.indicators[block.indicators.length - 1];
      break;
    case 'indicator':
      title = block.name;
      break;
  }
  return span(title.range, (child ?? block.fields[block.fields.length - 1] ?? title).range);
}
