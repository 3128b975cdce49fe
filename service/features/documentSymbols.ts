/**
 * The outline (and breadcrumbs): the header fields, then duty → 事项 →
 * objective → indicator.
 *
 * Symbol kinds — chosen so each level has its own icon and the nesting reads
 * like a program's:
 *   header field (部门, 年度) → Property   (a setting of the whole table)
 *   职责 duty              → Module     (the top-level unit of the form)
 *   事项 sub-duty          → Package    (a part of a duty)
 *   目标 objective         → Class      (groups its indicators as members)
 *   指标 indicator         → Field      (a member holding a value; detail = its target)
 * Workspace symbols use the same kinds and names (../symbols).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Duty, Field, Indicator, Item, Message, Objective, ParseResult } from '../../grammar/src/index';
import { dutyName } from '../../grammar/src/index';
import { localize, type Locale, type ServiceContext } from '../context';
import { oneLine, SYMBOL_KINDS, symbolName } from '../symbols';

function indicatorSymbol(indicator: Indicator, locale: Locale): DocumentSymbol {
  const target = indicator.target ? oneLine(indicator.target.text) : '';
  return {
    name: symbolName(indicator.name.text, 'indicator', locale),
    ...(target ? { detail: target } : {}),
    kind: SYMBOL_KINDS.indicator,
    range: indicator.range,
    selectionRange: indicator.name.range,
  };
}

function objectiveSymbol(objective: Objective, locale: Locale): DocumentSymbol {
  return {
    name: symbolName(objective.title.text, 'objective', locale),
    kind: SYMBOL_KINDS.objective,
    range: objective.range,
    selectionRange: objective.title.range,
    children: objective.indicators.map((indicator) => indicatorSymbol(indicator, locale)),
  };
}

function itemSymbol(item: Item, locale: Locale): DocumentSymbol {
  return {
    name: symbolName(item.title.text, 'item', locale),
    kind: SYMBOL_KINDS.item,
    range: item.range,
    selectionRange: item.title.range,
    children: item.objectives.map((objective) => keptSymbol(objective, locale, objectiveSymbol)),
  };
}

function dutySymbol(duty: Duty, locale: Locale): DocumentSymbol {
  return {
    name: symbolName(dutyName(duty), 'duty', locale),
    kind: SYMBOL_KINDS.duty,
    range: duty.range,
    selectionRange: duty.title.range,
    children: [...duty.objectives.map((o) => keptSymbol(o, locale, objectiveSymbol)), ...duty.items.map((i) => itemSymbol(i, locale))],
  };
}

/** 部门 / 年度: the keyword as written, with the value as detail. */
function headerSymbol(field: Field): DocumentSymbol {
  const text = oneLine(field.text);
  return {
    name: field.keyword,
    ...(text ? { detail: text } : {}),
    kind: SymbolKind.Property,
    range: field.range,
    selectionRange: field.keywordRange,
  };
}

/**
 * Each duty's and objective's symbol, in the locale it was made in. A block object never changes,
 * and a symbol holds the tree's own ranges, which an edit above moves in place: the editor asks for
 * the outline after every keystroke, and the blocks it did not touch are not walked again (an
 * objective's, for a keystroke in a duty of 5,000 indicators).
 */
const keptSymbols = new WeakMap<Duty | Objective, { locale: Locale; symbol: DocumentSymbol }>();

function keptSymbol<B extends Duty | Objective>(block: B, locale: Locale, make: (block: B, locale: Locale) => DocumentSymbol): DocumentSymbol {
  const kept = keptSymbols.get(block);
  if (kept?.locale === locale) return kept.symbol;
  const symbol = make(block, locale);
  keptSymbols.set(block, { locale, symbol });
  return symbol;
}

/** How many symbols one holds, itself included (kept with the symbol, which never changes). */
const symbolCounts = new WeakMap<DocumentSymbol, number>();

function countOf(symbol: DocumentSymbol): number {
  let count = symbolCounts.get(symbol);
  if (count === undefined) {
    count = 1;
    for (const child of symbol.children ?? []) count += countOf(child);
    symbolCounts.set(symbol, count);
  }
  return count;
}

/**
 * At most `limit` of the symbols, breadth first (as vscode-json-languageservice limits its outline):
 * each level of nesting whole before the next (the header and the duties, then what the duties
 * hold, …), the level that does not fit whole from the top of the table; a symbol whose children
 * did not fit has none.
 */
function breadthFirst(symbols: readonly DocumentSymbol[], limit: number): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const queue: { from: readonly DocumentSymbol[]; to: DocumentSymbol[] }[] = [{ from: symbols, to: out }];
  let room = limit;
  for (let next = 0; next < queue.length && room > 0; next++) {
    const { from, to } = queue[next]!;
    for (const symbol of from) {
      if (room === 0) break;
      room--;
      if (!symbol.children?.length) {
        to.push(symbol);
        continue;
      }
      const copy = { ...symbol, children: [] };
      to.push(copy);
      queue.push({ from: symbol.children, to: copy.children });
    }
  }
  return out;
}

export interface DocumentSymbolsOptions {
  /** The most symbols to give (targetTable.maxItemsComputed); past it, the outline is cut breadth first. */
  resultLimit?: number;
  /** Called when the outline was cut. */
  onResultLimitExceeded?: () => void;
}

export function documentSymbols(_document: TextDocument, parsed: ParseResult, ctx: ServiceContext, options: DocumentSymbolsOptions = {}): DocumentSymbol[] {
  try {
    const { ast } = parsed;
    const symbols = [...ast.fields.map(headerSymbol), ...ast.duties.map((duty) => keptSymbol(duty, ctx.locale, dutySymbol))];
    const limit = options.resultLimit ?? Number.POSITIVE_INFINITY;
    // Counting reads each duty's kept count: a table under the limit is not walked.
    let total = 0;
    for (const symbol of symbols) if ((total += countOf(symbol)) > limit) break;
    if (total <= limit) return symbols;
    options.onResultLimitExceeded?.();
    return breadthFirst(symbols, limit);
  } catch {
    return [];
  }
}
