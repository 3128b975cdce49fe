/**
 * Workspace symbols (Ctrl+T): the duties, 事项, objectives and indicators of
 * every table in the workspace index whose name contains the query, with the
 * same names and kinds as the outline.
 */
import type { WorkspaceSymbol } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import { SYMBOL_KINDS, symbolName } from '../symbols';

/** Enough to find a symbol by typing; more only slows the picker down. */
export const WORKSPACE_SYMBOL_LIMIT = 256;

export function workspaceSymbols(query: string, ctx: ServiceContext): WorkspaceSymbol[] {
  try {
    return ctx.workspace.findSymbols(query.trim(), WORKSPACE_SYMBOL_LIMIT).map((symbol) => ({
      name: symbolName(symbol.name, symbol.kind, ctx.locale),
      kind: SYMBOL_KINDS[symbol.kind],
      // The title line, not the whole block: picking the symbol puts the cursor on its name.
      location: { uri: symbol.uri, range: symbol.selectionRange },
      ...(symbol.container !== null ? { containerName: symbolName(symbol.container, symbol.kind === 'indicator' ? 'objective' : 'duty', ctx.locale) } : {}),
    }));
  } catch {
    return [];
  }
}
