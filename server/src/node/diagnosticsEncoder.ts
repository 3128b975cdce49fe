/**
 * The JSON of the messages the server writes to a stream (stdio), with each diagnostic's JSON
 * made once. A large table shows up to 1,000 problems, and every edit that changes one of them
 * sends them all again (LSP has no partial update of a document's diagnostics): serialising
 * the 300 KB list was most of the work of such an edit. Diagnostics are built once per finding
 * and reused across versions (../diagnostics.ts), so the bytes of each are kept with it and the
 * list is put together from them; everything else is JSON.stringify, as vscode-jsonrpc does it.
 */
import type { ContentTypeEncoder, Diagnostic, Message, Range } from 'vscode-languageserver';
import { sameRange } from '../../../service/index';

/** Below this many, the list is serialised as usual (caching would cost more than it saves). */
const CACHED_FROM = 32;
const SLOT = '\u0000diagnostics\u0000';
const SLOT_JSON = JSON.stringify(SLOT);

interface Encoded {
  bytes: Buffer;
  /** The range when it was encoded: a diagnostic whose range object was since moved is encoded again. */
  range: Range;
}

export function diagnosticsJsonEncoder(): ContentTypeEncoder {
  const cache = new WeakMap<Diagnostic, Encoded>();
  // Each kept with the comma that separates it from the one before (the first drops it): half as many pieces to join.
  const bytesOf = (d: Diagnostic): Buffer => {
    let encoded = cache.get(d);
    if (!encoded || !sameRange(encoded.range, d.range)) cache.set(d, (encoded = { bytes: Buffer.from(`,${JSON.stringify(d)}`, 'utf8'), range: { start: { ...d.range.start }, end: { ...d.range.end } } }));
    return encoded.bytes;
  };
  return {
    name: 'application/json',
    encode: (msg, options) => {
      try {
        const list = diagnosticsIn(msg);
        if (!list || list.length < CACHED_FROM) return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
        const text = JSON.stringify(msg, (_key, value: unknown) => (value === list ? SLOT : value));
        const at = text.indexOf(SLOT_JSON);
        const parts: Buffer[] = [Buffer.from(`${text.slice(0, at)}[`, 'utf8')];
        list.forEach((d, i) => parts.push(i === 0 ? bytesOf(d).subarray(1) : bytesOf(d)));
        parts.push(Buffer.from(`]${text.slice(at + SLOT_JSON.length)}`, 'utf8'));
        return Promise.resolve(Buffer.concat(parts));
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
