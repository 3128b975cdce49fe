/**
 * The parts of a zip (an XLSX workbook), read the bounded way: the central directory gives every
 * part with the size it declares, and a part is inflated a slice of its compressed bytes at a
 * time (fflate), so a part that inflates past what it declares is stopped within a bounded
 * amount of output, and no Node API is needed (the importer runs in the browser too).
 *
 * Only what XLSX writers produce is read: stored and deflated parts, no encryption, no ZIP64
 * (an import is limited to far less than 4 GB); anything else is a reading error.
 */
import { Inflate } from 'fflate';

export interface ZipPart {
  /** The part's path in the zip, as written (forward slashes). */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The size the zip declares for the part once inflated. */
  declaredSize: number;
  /** Where the part's local header starts. */
  localOffset: number;
}

/** Not a zip, or one this reader does not read. */
export class ZipError extends Error {}

/** The part inflated past its declared size (a lying zip bomb, or damage). */
export class ZipSizeMismatch extends Error {
  constructor(readonly part: string) {
    super(`${part} inflates to more than it declares`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end-of-central-directory record is at most 22 bytes + a 65,535-byte comment from the end. */
const EOCD_SEARCH = 22 + 0xffff;
/** Compressed bytes given to the inflater at a time: deflate expands at most ~1,032×, so one step writes at most ~16 MB. */
const INFLATE_STEP = 16 * 1024;

const utf8 = new TextDecoder('utf-8');

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The number of parts the zip declares, and where its central directory is; throws ZipError. */
function endRecord(bytes: Uint8Array): { count: number; offset: number; size: number } {
  const v = view(bytes);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - EOCD_SEARCH); i--) {
    if (v.getUint32(i, true) !== EOCD) continue;
    const count = v.getUint16(i + 10, true);
    const size = v.getUint32(i + 12, true);
    const offset = v.getUint32(i + 16, true);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('ZIP64 archives are not read');
    if (offset + size > i) throw new ZipError('the central directory lies outside the file');
    return { count, offset, size };
  }
  throw new ZipError('not a zip file (no end of central directory record)');
}

/** How many parts the zip declares, before any of them is listed. */
export function declaredPartCount(bytes: Uint8Array): number {
  return endRecord(bytes).count;
}

/** Every part of the central directory, in order; throws ZipError on a damaged directory. */
export function zipParts(bytes: Uint8Array): ZipPart[] {
  const v = view(bytes);
  const { count, offset, size } = endRecord(bytes);
  const end = offset + size;
  const parts: ZipPart[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || v.getUint32(p, true) !== CENTRAL) throw new ZipError('a damaged central directory');
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const compressedSize = v.getUint32(p + 20, true);
    const declaredSize = v.getUint32(p + 24, true);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const localOffset = v.getUint32(p + 42, true);
    if (p + 46 + nameLength > end) throw new ZipError('a damaged central directory');
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipError(`${name} uses compression method ${method}`);
    // 0xffffffff sizes are read as written (4 GiB): far over any import limit, so a ZIP64 part is refused by the limits
    parts.push({ name, method, compressedSize, declaredSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** The part's compressed bytes, found through its local header. */
function compressedBytes(bytes: Uint8Array, part: ZipPart): Uint8Array {
  const v = view(bytes);
  const at = part.localOffset;
  if (at + 30 > bytes.length || v.getUint32(at, true) !== LOCAL) throw new ZipError(`${part.name}: a damaged local header`);
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  if (start + part.compressedSize > bytes.length) throw new ZipError(`${part.name}: the data lies outside the file`);
  return bytes.subarray(start, start + part.compressedSize);
}

/**
 * Inflates a part and hands its bytes to `onChunk` as they come (it may throw to stop); throws
 * ZipSizeMismatch the moment the output passes the declared size, ZipError when the data is damaged.
 */
export function inflatePart(bytes: Uint8Array, part: ZipPart, onChunk: (chunk: Uint8Array) => void): void {
  const data = compressedBytes(bytes, part);
  let written = 0;
  const take = (chunk: Uint8Array): void => {
    written += chunk.length;
    if (written > part.declaredSize) throw new ZipSizeMismatch(part.name);
    if (chunk.length > 0) onChunk(chunk);
  };
  if (part.method === 0) {
    for (let i = 0; i < data.length; i += INFLATE_STEP) take(data.subarray(i, Math.min(data.length, i + INFLATE_STEP)));
    return;
  }
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += INFLATE_STEP) inflater.push(data.subarray(i, Math.min(data.length, i + INFLATE_STEP)), i + INFLATE_STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipSizeMismatch || !(e instanceof Error) || e.constructor !== Error) throw e;
    // fflate's own errors (invalid block type, unexpected EOF …): damaged data
    throw new ZipError(`${part.name}: ${e.message}`);
  }
}
