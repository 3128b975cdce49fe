/**
 * The JSON of the messages the server writes to a stream (stdio), with the JSON of the large lists
 * an edit sends again made once per object:
 * - Diagnostics. A large table shows up to 1,000 problems, and every edit that changes one of them
 *   sends them all again (LSP has no partial update of a document's diagnostics): serialising the
 *   300 KB list was most of the work of such an edit. Diagnostics are built once per finding and
 *   reused across versions (../diagnostics.ts), so the bytes of each are kept with it.
 * - The outline. The editor asks for it after every keystroke (outline, breadcrumbs, sticky
 *   scroll), and LSP has no delta for it: up to 5,000 symbols (targetTable.maxItemsComputed), over
 *   1 MB of JSON that took 15 ms to write at 10,000 indicators. The symbols of the blocks an edit did
 *   not touch are the same objects (../../../service/features/documentSymbols.ts), so each symbol's
 *   own fields' bytes are kept and the lists are put together from them.
 * Either list's objects never change but for their ranges, which an edit above moves in place: kept
 * bytes are written while the ranges are where they were when they were made. Everything else is
 * JSON.stringify, as vscode-jsonrpc does it.
 */
import type { ContentTypeEncoder, Diagnostic, DocumentSymbol, Message, Range } from 'vscode-languageserver';
import { sameRange } from '../../../service/index';

/** Below this many, a list of diagnostics is serialised as usual (caching would cost more than it saves). */
const CACHED_FROM = 32;
const SLOT = '\u0000kept\u0000';
const SLOT_JSON = JSON.stringify(SLOT);
const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const CHILDREN = Buffer.from(',"children":[');
const CLOSE_CHILDREN = Buffer.from(']}');
const CLOSE_SYMBOL = Buffer.from('}');

interface Encoded {
  bytes: Buffer;
  /** The range when it was encoded: a diagnostic whose range object was since moved is encoded again. */
  range: Range;
}

/** A symbol's bytes but its children and closing brace, and what they were made from. */
interface EncodedSymbol {
  bytes: Buffer;
  name: string;
  detail: string | undefined;
  kind: DocumentSymbol['kind'];
  range: Range;
  selectionRange: Range;
}

const copyOf = (r: Range): Range => ({ start: { ...r.start }, end: { ...r.end } });

export function jsonMessageEncoder(): ContentTypeEncoder {
  const diagnostics = new WeakMap<Diagnostic, Encoded>();
  // Each kept with the comma that separates it from the one before (the first drops it): half as many pieces to join.
  const diagnosticBytes = (d: Diagnostic): Buffer => {
    let encoded = diagnostics.get(d);
    if (!encoded || !sameRange(encoded.range, d.range)) diagnostics.set(d, (encoded = { bytes: Buffer.from(`,${JSON.stringify(d)}`, 'utf8'), range: copyOf(d.range) }));
    return encoded.bytes;
  };
  // Keyed by the selection range object: an outline cut to its limit holds copies of the kept symbols
  // with fewer children (documentSymbols' breadthFirst), whose own fields are the kept one's, in its
  // order (a spread): their values are compared here, their order and the fields our symbols never
  // have when the bytes are made.
  const symbols = new WeakMap<Range, EncodedSymbol>();
  const symbolBytes = (s: DocumentSymbol, out: Buffer[]): void => {
    let encoded = symbols.get(s.selectionRange);
    if (!encoded || encoded.name !== s.name || encoded.detail !== s.detail || encoded.kind !== s.kind || !sameRange(encoded.range, s.range) || !sameRange(encoded.selectionRange, s.selectionRange)) {
      if (s.tags !== undefined || s.deprecated !== undefined || (s.children !== undefined && (!Array.isArray(s.children) || Object.keys(s).at(-1) !== 'children'))) {
        out.push(Buffer.from(JSON.stringify(s), 'utf8')); // not an outline of ours: as it is
        return;
      }
      const json = JSON.stringify({ ...s, children: undefined });
      encoded = { bytes: Buffer.from(json.slice(0, -1), 'utf8'), name: s.name, detail: s.detail, kind: s.kind, range: copyOf(s.range), selectionRange: copyOf(s.selectionRange) };
      symbols.set(s.selectionRange, encoded);
    }
    out.push(encoded.bytes);
    if (!s.children) {
      out.push(CLOSE_SYMBOL);
      return;
    }
    out.push(CHILDREN);
    s.children.forEach((child, i) => {
      if (i > 0) out.push(COMMA);
      symbolBytes(child, out);
    });
    out.push(CLOSE_CHILDREN);
  };
  /** The message's JSON with `list` at its place, written by `write`. */
  const around = (msg: Message, list: readonly unknown[], write: (parts: Buffer[]) => void): Buffer => {
    const text = JSON.stringify(msg, (_key, value: unknown) => (value === list ? SLOT : value));
    const at = text.indexOf(SLOT_JSON);
    const parts: Buffer[] = [Buffer.from(text.slice(0, at), 'utf8'), OPEN];
    write(parts);
    parts.push(CLOSE, Buffer.from(text.slice(at + SLOT_JSON.length), 'utf8'));
    return Buffer.concat(parts);
  };
  /** The message's bytes from kept ones, or undefined: it carries no list kept, or one not as ours are (written as usual then). */
  const fromKept = (msg: Message): Buffer | undefined => {
    try {
      const list = diagnosticsIn(msg);
      if (list && list.length >= CACHED_FROM) return around(msg, list, (parts) => list.forEach((d, i) => parts.push(i === 0 ? diagnosticBytes(d).subarray(1) : diagnosticBytes(d))));
      const outline = outlineIn(msg);
      if (!outline) return undefined;
      return around(msg, outline, (parts) =>
        outline.forEach((s, i) => {
          if (i > 0) parts.push(COMMA);
          symbolBytes(s, parts);
        }),
      );
    } catch {
      return undefined;
    }
  };
  return {
    name: 'application/json',
    encode: (msg, options) => {
      try {
        return Promise.resolve(fromKept(msg) ?? Buffer.from(JSON.stringify(msg), options.charset));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

/** The diagnostics a message carries: a pull report's items, or a publishDiagnostics notification's. */
function diagnosticsIn(msg: Message): readonly Diagnostic[] | undefined {
  const m = msg as { result?: { kind?: unknown; items?: unknown }; method?: string; params?: { diagnostics?: unknown } };
  if (m.result && m.result.kind === 'full' && Array.isArray(m.result.items)) return m.result.items as Diagnostic[];
  if (m.method === 'textDocument/publishDiagnostics' && Array.isArray(m.params?.diagnostics)) return m.params.diagnostics as Diagnostic[];
  return undefined;
}

/** The document symbols a response carries (only they have a selection range at the top of the result's items). */
function outlineIn(msg: Message): readonly DocumentSymbol[] | undefined {
  const result = (msg as { result?: unknown }).result;
  if (!Array.isArray(result) || result.length === 0) return undefined;
  const first = result[0] as Partial<DocumentSymbol> | null;
  return first && typeof first === 'object' && first.selectionRange && first.range && typeof first.name === 'string' ? (result as DocumentSymbol[]) : undefined;
}
