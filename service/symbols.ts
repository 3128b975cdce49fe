/**
 * How a duty, 事项, objective or indicator shows as a symbol — its kind (icon)
 * and its name — in the outline and in workspace symbols alike.
 */
import { SymbolKind } from 'vscode-languageserver-types';
import type { Message } from '../grammar/src/index';
import { localize, type Locale } from './context';
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
export function oneLine(text: string): string {
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
