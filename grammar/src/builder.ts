/**
 * CST → AST, in one visitor. Also the model checks that need the tree:
 * misplaced fields (TT003/TT004/TT012), duplicate single-valued fields
 * (TT010) and the year (TT011).
 */
import type { CstNode, IToken, TokenType } from 'chevrotain';
import type {
  Duty,
  Field,
  FieldKey,
  Indicator,
  Inherited,
  Item,
  Objective,
  ParseError,
  Range,
  Table,
  ValueField,
  Message,
} from './ast';
import { KEYWORD_BY_KEY } from './keywords';
import { messages, SYNTAX_RULES, type SyntaxCode } from './messages';
import { ttabParser } from './parser';
import { FIELD_KEY_OF_TOKEN, Continuation, ItemKw, ObjectiveKw, IndicatorKw } from './tokens';
import { parseValue } from './values';
import type { UnitCatalog } from './units';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

export function tokenRange(token: IToken, length = token.image.length): Range {
  const line = token.startLine! - 1;
  const character = token.startColumn! - 1;
  return { start: { line, character }, end: { line, character: character + length } };
}

function span(from: Range, to: Range): Range {
  return { start: from.start, end: to.end };
}

function trimmedLength(s: string): number {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) break;
    end--;
  }
  return end;
}

const DUTY_NUMBER = /^(\d+)(?:[ \t\u3000]+|$)/;

/** The keyword (or `+`) token of a field-line node: its only child that is not the fieldRest. */
function keywordOf(children: Children): IToken {
  for (const key in children) {
    if (key !== 'fieldRest') return (children[key] as IToken[])[0]!;
  }
  throw new Error('field line without keyword');
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

  constructor(private readonly units: UnitCatalog | undefined) {
    super();
    this.validateVisitor();
  }

  private report(code: SyntaxCode, message: Message, range: Range): void {
    this.errors.push({ code, severity: SYNTAX_RULES[code].severity, message, range });
  }

  /** Build a field from its keyword token and the `fieldRest` node after it. */
  private field(keywordToken: IToken, rest: CstNode): Field {
    const key = FIELD_KEY_OF_TOKEN.get(keywordToken.tokenType)!;
    const keywordRange = tokenRange(keywordToken);
    const children = rest.children as Children;
    const texts = (children.Text ?? []) as IToken[];
    const marks = (children.Continuation ?? []) as IToken[];
    let textIndex = 0;
    let text = '';
    let textRange: Range = { start: keywordRange.end, end: keywordRange.end };
    let end = keywordRange;
    const first = texts[0];
    if (first && (marks.length === 0 || first.startOffset < marks[0]!.startOffset)) {
      text = first.image.slice(0, trimmedLength(first.image));
      textRange = tokenRange(first, text.length);
      end = textRange;
      textIndex = 1;
    }
    const continuationRanges: Range[] = [];
    for (let m = 0; m < marks.length; m++) {
      const mark = marks[m]!;
      const next = texts[textIndex];
      const nextMark = marks[m + 1];
      let lineText = '';
      let lineRange = tokenRange(mark);
      lineRange = { start: lineRange.end, end: lineRange.end };
      if (next && next.startOffset > mark.startOffset && (!nextMark || next.startOffset < nextMark.startOffset)) {
        lineText = next.image.slice(0, trimmedLength(next.image));
        lineRange = tokenRange(next, lineText.length);
        textIndex++;
      }
      text += `\n${lineText}`;
      continuationRanges.push(lineRange);
      end = lineRange;
    }
    const field: Field = {
      key,
      keyword: keywordToken.image,
      keywordRange,
      text,
      textRange,
      continuationRanges,
      range: span(keywordRange, end),
    };
    if (KEYWORD_BY_KEY[key].isValue) (field as ValueField).value = parseValue(text, this.units);
    return field;
  }

  /** Fields of a fieldRest-owning node: `[keywordToken, rest]`. */
  private levelField(children: Children, tokenName: string): Field {
    return this.field((children[tokenName] as IToken[])[0]!, (children.fieldRest as CstNode[])[0]!);
  }

  private blockFields(children: Children): { token: IToken; field: Field }[] {
    const out: { token: IToken; field: Field }[] = [];
    for (const node of (children.blockField ?? []) as CstNode[]) {
      const c = node.children as Children;
      const token = keywordOf(c);
      out.push({ token, field: this.field(token, (c.fieldRest as CstNode[])[0]!) });
    }
    return out;
  }

  /** Attach the fields of a duty, item or objective; indicator fields and header fields are misplaced here. */
  private attachBlockFields(block: Inherited & { fields: Field[] }, children: Children): Range | undefined {
    let last: Range | undefined;
    for (const { field } of this.blockFields(children)) {
      last = field.range;
      const role = KEYWORD_BY_KEY[field.key].role;
      if (role === 'inherited') {
        block[field.key as 'activity' | 'project' | 'office'].push(field);
        block.fields.push(field);
      } else if (role === 'header') {
        this.report('TT012', messages.headerAfterDuty(field.keyword), field.keywordRange);
      } else {
        this.report('TT003', messages.fieldNeedsIndicator(field.keyword), field.keywordRange);
      }
    }
    return last;
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
    ].sort((a, b) => a.location!.startOffset - b.location!.startOffset);
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
        this.report('TT003', messages.levelNeedsParent(token.image, parent), tokenRange(token));
      }
      return orphanDepth === 0 ? depth : Math.min(orphanDepth, depth);
    }
    if (orphanDepth > 0) return orphanDepth;
    if (token.tokenType === Continuation) {
      this.report('TT004', messages.continuationAlone(), tokenRange(token));
    } else if (FIELD_KEY_OF_TOKEN.get(token.tokenType) && KEYWORD_BY_KEY[FIELD_KEY_OF_TOKEN.get(token.tokenType)!].role === 'inherited') {
      this.report('TT003', messages.inheritedNeedsLevel(token.image), tokenRange(token));
    } else {
      this.report('TT003', messages.fieldNeedsIndicator(token.image), tokenRange(token));
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
    let last = this.attachBlockFields(duty, ctx) ?? title.range;
    for (const node of (ctx.objective ?? []) as CstNode[]) {
      const objective = this.visit(node) as Objective;
      duty.objectives.push(objective);
      last = objective.range;
    }
    for (const node of (ctx.item ?? []) as CstNode[]) {
      const item = this.visit(node) as Item;
      duty.items.push(item);
      last = item.range;
    }
    duty.range = span(title.range, last);
    return duty;
  }

  item(ctx: Children): Item {
    const title = this.levelField(ctx, 'Kw_item');
    const item: Item = { kind: 'item', title, fields: [], objectives: [], activity: [], project: [], office: [], range: title.range };
    let last = this.attachBlockFields(item, ctx) ?? title.range;
    for (const node of (ctx.objective ?? []) as CstNode[]) {
      const objective = this.visit(node) as Objective;
      item.objectives.push(objective);
      last = objective.range;
    }
    item.range = span(title.range, last);
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
    let last = this.attachBlockFields(objective, ctx) ?? title.range;
    for (const node of (ctx.indicator ?? []) as CstNode[]) {
      const indicator = this.visit(node) as Indicator;
      objective.indicators.push(indicator);
      last = indicator.range;
    }
    objective.range = span(title.range, last);
    return objective;
  }

  indicator(ctx: Children): Indicator {
    const name = this.levelField(ctx, 'Kw_indicator');
    const indicator: Indicator = { kind: 'indicator', name, fields: [], activity: [], project: [], office: [], range: name.range };
    let last = name.range;
    for (const { field } of this.blockFields(ctx)) {
      last = field.range;
      const role = KEYWORD_BY_KEY[field.key].role;
      if (role === 'header') {
        this.report('TT012', messages.headerAfterDuty(field.keyword), field.keywordRange);
        continue;
      }
      indicator.fields.push(field);
      if (role === 'inherited') {
        indicator[field.key as 'activity' | 'project' | 'office'].push(field);
        continue;
      }
      const key = field.key as Exclude<FieldKey, 'activity' | 'project' | 'office'>;
      const slot = indicator as unknown as Record<string, Field | undefined>;
      const existing = slot[key];
      if (existing) {
        this.report('TT010', messages.duplicateField(field.keyword, existing.range.start.line + 1), field.keywordRange);
      } else {
        slot[key] = field;
      }
    }
    indicator.range = span(name.range, last);
    return indicator;
  }
}
