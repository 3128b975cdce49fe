/**
 * A workbook checked before exceljs reads it (issue 14). exceljs inflates every part of the zip
 * whole, trusts the sizes the zip declares, builds an object per XML element and expands merged
 * ranges, data validations and defined names cell by cell — so a 1.5 KB file can ask for billions
 * of cells. Here every part is inflated once as a stream (yauzl, which stops a part that inflates
 * past its declared size) and its XML read with saxes (the parser exceljs uses) counting elements
 * and cells, so nothing exceljs is then given can cost more than the limits allow.
 *
 * The scan also records, per sheet, its merged ranges (exceljs is told to skip them and the
 * grid fills them, clipped to the cells that hold values) and where sheets live in the zip.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import * as yauzl from 'yauzl';
import { columnName, Deadline, LimitExceeded, limitProblems, parseAddress, type ImportLimits } from './limits';

/** A merged range, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface WorkbookScan {
  /** Merged ranges of each sheet, by the sheet's name. */
  merges: Map<string, CellRange[]>;
}

/**
 * The parts of a worksheet exceljs is told not to read: nothing the import needs, and some of
 * them expand a range cell by cell (mergeCells, dataValidations) or column by column (cols).
 */
export const SKIPPED_SHEET_PARTS = [
  'dimension',
  'sheetViews',
  'cols',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

const XML_PART = /\.(xml|rels|vml)$/i;
const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** What a part's XML events do (besides being counted). */
interface Handlers {
  open(tag: SaxesTagPlain): void;
  text(text: string): void;
  close(tag: SaxesTagPlain): void;
  /** Nothing more to learn from this part: its XML is no longer read (its bytes are still counted). */
  done?: boolean;
}

/** What the scan learns from the parts that say which sheet is which. */
interface Names {
  /** Sheet name → relationship id (workbook.xml). */
  sheets: { name: string; rId: string }[];
  /** Relationship id → part path (workbook.xml.rels). */
  targets: Map<string, string>;
  /** Sheet part path → merged ranges. */
  merges: Map<string, CellRange[]>;
  /** The first cell with a value outside the limits; reported once the sheet's name is known (workbook.xml may come later in the zip). */
  outside?: { part: string; row: number; column: number };
}

/** Counts and limits shared by every part. */
class Budget {
  bytes = 0;
  elements = 0;
  cells = 0;
  constructor(
    readonly limits: ImportLimits,
    readonly deadline: Deadline,
  ) {}
  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxUncompressedBytes) throw new LimitExceeded(limitProblems.uncompressedTooLarge(this.limits));
  }
  addElement(): void {
    if (++this.elements > this.limits.maxXmlElements) throw new LimitExceeded(limitProblems.tooManyElements(this.limits));
  }
  addCell(): void {
    if (++this.cells > this.limits.maxCells) throw new LimitExceeded(limitProblems.tooManyCells(this.limits));
  }
}

/**
 * A sheet's cells as saxes reports them: where each cell with a value is (an explicit `r` or the
 * next column), checked against the row and column limits, and its merged ranges.
 */
function sheetHandlers(part: string, budget: Budget, names: Names): Handlers {
  const merges: CellRange[] = [];
  names.merges.set(part, merges);
  let row = 0;
  let column = 0;
  let inCell = false;
  let valueElement = 0; // depth inside <v>, <t> or <f> of the current cell
  let hasValue = false;
  const handlers: Handlers = {
    open(tag: SaxesTagPlain): void {
      const name = localName(tag.name);
      if (name === 'row') {
        const r = Number(tag.attributes.r);
        row = Number.isInteger(r) && r > 0 ? r : row + 1;
        column = 0;
      } else if (name === 'c') {
        budget.addCell();
        const at = typeof tag.attributes.r === 'string' ? parseAddress(tag.attributes.r) : undefined;
        if (at) {
          row = at.row;
          column = at.column;
        } else {
          column++;
        }
        inCell = true;
        hasValue = false;
      } else if (inCell && (name === 'v' || name === 't' || name === 'f')) {
        valueElement++;
      } else if (name === 'mergeCell' && typeof tag.attributes.ref === 'string') {
        const [from, to = from] = tag.attributes.ref.split(':');
        const a = parseAddress(from ?? '');
        const b = parseAddress(to ?? '');
        if (a && b) merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) });
      }
    },
    text(text: string): void {
      if (valueElement > 0 && text !== '') hasValue = true;
    },
    close(tag: SaxesTagPlain): void {
      const name = localName(tag.name);
      if (name === 'c') {
        inCell = false;
        valueElement = 0;
        const { maxRows, maxColumns } = budget.limits;
        if (hasValue && (row > maxRows || column > maxColumns)) {
          names.outside ??= { part, row, column };
          handlers.done = true;
        }
      } else if (inCell && (name === 'v' || name === 't' || name === 'f')) {
        valueElement--;
      }
    },
  };
  return handlers;
}

/** workbook.xml: the sheets and their relationship ids; defined names, which exceljs expands cell by cell. */
function workbookHandlers(budget: Budget, names: Names): Handlers {
  let definedName: string | undefined;
  let text = '';
  return {
    open(tag: SaxesTagPlain): void {
      const name = localName(tag.name);
      if (name === 'sheet') {
        const rId = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id')?.[1];
        if (typeof tag.attributes.name === 'string' && typeof rId === 'string') names.sheets.push({ name: tag.attributes.name, rId });
      } else if (name === 'definedName') {
        definedName = typeof tag.attributes.name === 'string' ? tag.attributes.name : '';
        text = '';
      }
    },
    text(t: string): void {
      if (definedName !== undefined) text += t;
    },
    close(tag: SaxesTagPlain): void {
      if (localName(tag.name) !== 'definedName' || definedName === undefined) return;
      // exceljs (defined-names.js) creates an object for every cell of each `$A$1:$B$2` range
      let cells = 0;
      for (const range of text.split(',')) {
        const m = /[$](\w+)[$](\d+)(?::[$](\w+)[$](\d+))?/.exec(range.split('!').pop() ?? '');
        if (!m) continue;
        const a = parseAddress(`${m[1]}${m[2]}`);
        const b = m[3] !== undefined ? parseAddress(`${m[3]}${m[4]}`) : a;
        if (a && b) cells += (Math.abs(b.row - a.row) + 1) * (Math.abs(b.column - a.column) + 1);
      }
      if (cells > budget.limits.maxCells) throw new LimitExceeded(limitProblems.definedNameTooLarge(definedName, cells, budget.limits));
      definedName = undefined;
    },
  };
}

function relationshipHandlers(names: Names): Handlers {
  return {
    open(tag: SaxesTagPlain): void {
      if (localName(tag.name) !== 'Relationship') return;
      const { Id, Target } = tag.attributes;
      // exceljs resolves a sheet's target as `xl/` + the target without a leading `/xl/`
      if (typeof Id === 'string' && typeof Target === 'string') names.targets.set(Id, `xl/${Target.replace(/^(\s|\/xl\/)+/, '')}`);
    },
    text(): void {},
    close(): void {},
  };
}

/** Every part inflated as a stream, counted, its XML read; throws LimitExceeded or a reading error. */
function scanParts(zip: yauzl.ZipFile, budget: Budget, names: Names): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(e);
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!failed) resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        budget.deadline.check();
        const part = entry.fileName.replace(/^\//, '');
        if (part.endsWith('/')) return zip.readEntry();
        // the declared size first: a part that says it is too big is not inflated at all
        if (entry.uncompressedSize > budget.limits.maxUncompressedBytes - budget.bytes) throw new LimitExceeded(limitProblems.uncompressedTooLarge(budget.limits));
        let handlers: Handlers | undefined;
        if (SHEET_PART.test(part)) handlers = sheetHandlers(part, budget, names);
        else if (part === 'xl/workbook.xml') handlers = workbookHandlers(budget, names);
        else if (part === 'xl/_rels/workbook.xml.rels') handlers = relationshipHandlers(names);
        const xml = XML_PART.test(part) ? new SaxesParser() : undefined;
        let xmlBroken = false;
        if (xml) {
          xml.on('opentag', (tag) => {
            budget.addElement();
            handlers?.open(tag as SaxesTagPlain);
          });
          xml.on('text', (t) => handlers?.text(t));
          xml.on('closetag', (tag) => handlers?.close(tag as SaxesTagPlain));
          // Malformed XML: exceljs stops at the same place with its own error; nothing more to count here.
          xml.on('error', () => {
            xmlBroken = true;
          });
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error) return fail(error);
          const decoder = new TextDecoder('utf-8');
          stream.on('data', (chunk: Buffer) => {
            try {
              budget.deadline.check();
              budget.addBytes(chunk.length);
              if (xml && !xmlBroken && !handlers?.done) xml.write(decoder.decode(chunk, { stream: true }));
            } catch (e) {
              stream.destroy();
              fail(e);
            }
          });
          // yauzl stops a part the moment it inflates past its declared size
          stream.on('error', (e: Error) => fail(/too many bytes/.test(e.message) ? new LimitExceeded(limitProblems.sizeMismatch(part)) : e));
          stream.on('end', () => {
            try {
              if (xml && !xmlBroken && !handlers?.done) xml.write(decoder.decode()).close();
            } catch (e) {
              if (e instanceof LimitExceeded) return fail(e);
            }
            if (!failed) zip.readEntry();
          });
        });
      } catch (e) {
        fail(e);
      }
    });
    zip.readEntry();
  });
}

/**
 * Checks a workbook against the limits before exceljs reads it, and returns each sheet's merged
 * ranges. Throws LimitExceeded (a problem to show) or an Error when the bytes are not a zip.
 */
export async function scanWorkbook(bytes: Uint8Array, limits: ImportLimits, deadline: Deadline): Promise<WorkbookScan> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  if (zip.entryCount > limits.maxParts) {
    zip.close();
    throw new LimitExceeded(limitProblems.tooManyParts(zip.entryCount, limits));
  }
  const names: Names = { sheets: [], targets: new Map(), merges: new Map() };
  await scanParts(zip, new Budget(limits, deadline), names);
  const sheetOf = (part: string) => names.sheets.find((s) => names.targets.get(s.rId) === part)?.name;
  if (names.outside) {
    const { part, row, column } = names.outside;
    throw new LimitExceeded(limitProblems.cellOutside(`${columnName(column)}${row}`, row, limits, sheetOf(part)));
  }
  const merges = new Map<string, CellRange[]>();
  for (const sheet of names.sheets) {
    const part = names.targets.get(sheet.rId);
    merges.set(sheet.name, (part !== undefined ? names.merges.get(part) : undefined) ?? []);
  }
  return { merges };
}
