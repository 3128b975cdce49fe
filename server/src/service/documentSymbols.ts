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
 * Workspace symbols use the same kinds (SYMBOL_KINDS).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Duty, Field, Indicator, Item, Message, Objective, ParseResult } from '../../../grammar/src/index';
import { dutyName } from '../../../grammar/src/index';
import { localize, type Locale, type ServiceContext } from './context';
import type { SymbolKindName } from './workspaceIndex';

export const SYMBOL_KINDS: Readonly<Record<SymbolKindName, SymbolKind>> = {
  duty: SymbolKind.Module,
  item: SymbolKind.Package,
  objective: SymbolKind.Class,
  indicator: SymbolKind.Field,
};

const UNNAMED: Readonly<Record<SymbolKindName, Message>> = {
  duty: { zh: '（未命名职责）', en: '(unnamed duty)' },
  item: { zh: '（未命名事项）', en: '(unnamed sub-duty)' },
  objective: { zh: '（未命名目标）', en: '(unnamed objective)' },
  indicator: { zh: '（未命名指标）', en: '(unnamed indicator)' },
};

/** A text on one line: continuation lines joined with a space. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** The name a symbol shows: its text on one line, or a placeholder (VS Code rejects empty names). */
export function symbolName(text: string, kind: SymbolKindName, locale: Locale): string {
  return oneLine(text) || localize(UNNAMED[kind], locale);
}


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
    children: item.objectives.map((objective) => objectiveSymbol(objective, locale)),
  };
}

function dutySymbol(duty: Duty, locale: Locale): DocumentSymbol {
  return {
    name: symbolName(dutyName(duty), 'duty', locale),
    kind: SYMBOL_KINDS.duty,
    range: duty.range,
    selectionRange: duty.title.range,
    children: [...duty.objectives.map((o) => objectiveSymbol(o, locale)), ...duty.items.map((i) => itemSymbol(i, locale))],
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

export function documentSymbols(_document: TextDocument, parsed: ParseResult, ctx: ServiceContext): DocumentSymbol[] {
  try {
    const { ast } = parsed;
    return [...ast.fields.map(headerSymbol), ...ast.duties.map((duty) => dutySymbol(duty, ctx.locale))];
  } catch {
    return [];
  }
}
