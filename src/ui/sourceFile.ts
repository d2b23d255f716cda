// Reading an uploaded .xlsx or .csv in the sidebar itself: the file is never stored in Drive, only its rows go to the workbook.
import { decodeCsv, parseCsv } from '../domain/csv';

export type SourceCell = string | number | boolean | null;
export interface SourceSheet {
  name: string;
  rows: SourceCell[][];
}

export class SourceFileError extends Error {}

/** The sheets of an .xlsx (hidden ones left out) or the one table of a .csv. */
export async function readSourceFile(file: File): Promise<SourceSheet[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.csv')) return [{ name: file.name.replace(/\.csv$/i, ''), rows: parseCsv(decodeCsv(bytes)) }];
  if (!lower.endsWith('.xlsx') || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new SourceFileError('type');
  return readXlsx(await unzip(bytes));
}

// ---------------- zip (the container of an .xlsx) ----------------

type Entries = Map<string, () => Promise<string>>;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The zip's central directory: each part's name and a reader for its text (stored or deflated). */
async function unzip(b: Uint8Array): Promise<Entries> {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557) && end < 0; i--) if (u32(b, i) === 0x06054b50) end = i;
  if (end < 0) throw new SourceFileError('type');
  const entries: Entries = new Map();
  const names = new TextDecoder();
  let at = u32(b, end + 16);
  for (let n = u16(b, end + 10); n > 0; n--) {
    if (u32(b, at) !== 0x02014b50) throw new SourceFileError('type');
    const method = u16(b, at + 10);
    const size = u32(b, at + 20);
    const nameLen = u16(b, at + 28);
    const skip = nameLen + u16(b, at + 30) + u16(b, at + 32);
    const local = u32(b, at + 42);
    const name = names.decode(b.subarray(at + 46, at + 46 + nameLen));
    entries.set(name, async () => {
      const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
      const data = b.slice(start, start + size);
      if (method === 0) return new TextDecoder().decode(data);
      if (method !== 8) throw new SourceFileError('type');
      return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    });
    at += 46 + skip;
  }
  return entries;
}

// ---------------- the workbook's XML ----------------

const xml = (text: string): Document => new DOMParser().parseFromString(text, 'application/xml');
/** Elements by local name, whatever prefix the writer used (x:row and row alike). */
const all = (node: Document | Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS('*', name));

/** Number formats that show a date: Excel's built-in ids and any custom format with day, month or year parts. */
function dateStyles(styles: Document | null): boolean[] {
  if (!styles) return [];
  const custom = new Map(all(styles, 'numFmt').map((f) => [Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '']));
  const builtIn = (id: number) => (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
  const isDate = (id: number) => (custom.has(id) ? /[ymdhs年月日]/i.test(custom.get(id)!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')) : builtIn(id));
  const xfs = all(styles, 'cellXfs')[0];
  return xfs ? all(xfs, 'xf').map((xf) => isDate(Number(xf.getAttribute('numFmtId') ?? 0))) : [];
}

/** A date cell's serial as the office reads it: yyyy-mm-dd, with hh:mm when it has a time. */
function serialText(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  const iso = d.toISOString();
  if (serial < 1) return iso.slice(11, 16);
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const column = (ref: string): number => {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
};

async function readXlsx(parts: Entries): Promise<SourceSheet[]> {
  const text = async (name: string) => (parts.has(name) ? parts.get(name)!() : null);
  const book = await text('xl/workbook.xml');
  if (!book) throw new SourceFileError('type');
  const rels = xml((await text('xl/_rels/workbook.xml.rels')) ?? '<r/>');
  const targets = new Map(all(rels, 'Relationship').map((r) => [r.getAttribute('Id'), r.getAttribute('Target') ?? '']));
  const sharedXml = await text('xl/sharedStrings.xml');
  // A shared string's text is its <t> runs; phonetic guides (<rPh>) are not part of it.
  const shared = sharedXml ? all(xml(sharedXml), 'si').map((si) => all(si, 't').filter((t) => t.parentElement?.localName !== 'rPh').map((t) => t.textContent ?? '').join('')) : [];
  const stylesXml = await text('xl/styles.xml');
  const dates = dateStyles(stylesXml ? xml(stylesXml) : null);
  const sheets: SourceSheet[] = [];
  for (const s of all(xml(book), 'sheet')) {
    if (s.getAttribute('state') === 'hidden' || s.getAttribute('state') === 'veryHidden') continue;
    const rid = s.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ?? s.getAttribute('r:id');
    const target = (targets.get(rid) ?? '').replace(/^\/?(xl\/)?/, '');
    const body = await text(`xl/${target}`);
    if (body) sheets.push({ name: s.getAttribute('name') ?? target, rows: sheetRows(xml(body), shared, dates) });
  }
  if (!sheets.length) throw new SourceFileError('empty');
  return sheets;
}

/** A sheet's values as shown: a formula's cached result, shared and inline strings, dates as text. */
function sheetRows(doc: Document, shared: string[], dates: boolean[]): SourceCell[][] {
  const rows: SourceCell[][] = [];
  for (const r of all(doc, 'row')) {
    const at = Number(r.getAttribute('r') ?? rows.length + 1) - 1;
    const row: SourceCell[] = [];
    let next = 0;
    for (const c of all(r, 'c')) {
      const ref = c.getAttribute('r');
      const col = ref ? column(ref) : next;
      next = col + 1;
      const type = c.getAttribute('t') ?? 'n';
      const v = all(c, 'v')[0]?.textContent ?? null;
      let value: SourceCell = null;
      if (type === 's') value = v === null ? null : shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = all(c, 't').map((t) => t.textContent ?? '').join('');
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = v;
      else if (v !== null) value = dates[Number(c.getAttribute('s') ?? 0)] ? serialText(Number(v)) : Number(v);
      row[col] = value;
    }
    rows[at] = Array.from(row, (x) => x ?? null);
  }
  return Array.from(rows, (x) => x ?? []);
}
