/**
 * Zip files and XLSX workbooks written byte by byte, for the tests of hostile workbooks: parts
 * that lie about their size (zip bombs), sheets with cells and merges anywhere, any number of parts.
 */
// fflate, not node:zlib: the web worker e2e suite (test/e2e/suite/web.ts) bundles this for the browser
import { deflateSync, strToU8 } from 'fflate';

export interface ZipPart {
  name: string;
  data: string | Uint8Array;
  /** The uncompressed size the zip declares (default: the real one). */
  declaredSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A little-endian record of `size` bytes with the given fields: [offset, value, bytes]. */
function record(size: number, fields: ReadonlyArray<readonly [number, number, 2 | 4]>): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (const [offset, value, width] of fields) {
    if (width === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
  }
  return bytes;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function zip(parts: readonly ZipPart[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = strToU8(part.name);
    const data = typeof part.data === 'string' ? strToU8(part.data) : part.data;
    const compressed = deflateSync(data); // raw deflate, as zip method 8 stores it
    const size = part.declaredSize ?? data.length;
    const crc = crc32(data);
    // 0x0800: UTF-8 names; method 8: deflate
    const local = record(30, [[0, 0x04034b50, 4], [4, 20, 2], [6, 0x0800, 2], [8, 8, 2], [14, crc, 4], [18, compressed.length, 4], [22, size, 4], [26, name.length, 2]]);
    locals.push(local, name, compressed);
    const central = record(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [8, 0x0800, 2], [10, 8, 2], [16, crc, 4], [20, compressed.length, 4], [24, size, 4], [28, name.length, 2], [42, offset, 4]]);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = concat(centrals);
  const end = record(22, [[0, 0x06054b50, 4], [8, parts.length, 2], [10, parts.length, 2], [12, directory.length, 4], [16, offset, 4]]);
  return concat([...locals, directory, end]);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<c r="B2" t="inlineStr"><is><t>text</t></is></c>` */
export function inlineCell(address: string, text: string): string {
  return `<c r="${address}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
}

/** A row of inline-string cells, by address. */
export function row(number: number, cells: Record<string, string>): string {
  return `<row r="${number}">${Object.entries(cells)
    .map(([column, text]) => inlineCell(`${column}${number}`, text))
    .join('')}</row>`;
}

export interface WorkbookParts {
  /** The inside of <sheetData>. */
  sheetData: string;
  /** After </sheetData>: <mergeCells>, <dataValidations>… */
  afterSheetData?: string;
  /** Inside <workbook> after <sheets>: <definedNames>… */
  definedNames?: string;
  sheetName?: string;
  /** More parts (media, shared strings…). */
  extra?: ZipPart[];
}

/** A minimal workbook of one sheet, as Excel would write it, with whatever the test needs inside. */
export function workbook(parts: WorkbookParts): ZipPart[] {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets><sheet name="${escapeXml(parts.sheetName ?? 'Sheet1')}" sheetId="1" r:id="rId1"/></sheets>${parts.definedNames ?? ''}</workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    },
    {
      name: 'xl/styles.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>${parts.sheetData}</sheetData>${parts.afterSheetData ?? ''}</worksheet>`,
    },
    ...(parts.extra ?? []),
  ];
}
