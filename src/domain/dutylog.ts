// The duty log (值班记录) as a tamper-evident hash chain: building entries, verifying and classifying breaks, handovers, sign-off and archiving.
//
// Seed 001 第2篇 4.1.8: pages may not be torn out and records may not be altered. Every row
// stores prev_hash and hash = SHA-256(prev_hash + canonical JSON of what a person sees and
// can edit). The canonical form is computed from the cells' meaning, not their formatting,
// so Sheets turning a date-time into a Date, a serial number or text, or a seq into "12",
// never breaks the chain, while any real edit does.
//
// Canonical JSON, keys in this order:
//   {"seq":12,"at":"2026-11-24T17:30:00+08:00","officer":"张三","kind":"entry","text":"…","corrects":null}
// - seq, corrects: integers (corrects null when blank); a cell that is not an integer is kept as its text.
// - at: ISO 8601 in the office zone at whole seconds (rounded to the nearest second, which
//   absorbs the floating-point error of Sheets' serial dates).
// - officer, text: exactly as stored, NOT trimmed (adding a space is an edit), except that
//   CRLF and lone CR become LF: line endings are invisible and change with copy-paste
//   between Windows and the web, so they are not an edit a person could see. Likewise the
//   apostrophe that keeps "=…" or "22:10 …" as typed text ("'=…" reads as "=…").
// - kind: the option key; a localised label ("交接班") means the same key, so switching the
//   workbook language does not break the chain.
// The first entry's prev_hash is 64 zeros, or the archived head after an archive.
// What the canonical form cannot undo: Sheets parsing typed text ("1.50" → 1.5, "2026-11-24"
// → a date). The app keeps officer, text, prev_hash and hash as plain-text columns ('@').
import { momentOfWall, offsetMinutes } from './zone';
import { addDaysYmd, addMonthsIn, dateStart, dayKey, parseIsoIn, splitYmd } from './calendar';
import { optionFromLabel } from './labels';
import { quotedInLog } from './neutralise';
import { sha256Hex } from './sha256';
import { Cell, FieldValue, L, L10n, Lang } from './types';

export const DUTY_KINDS = ['entry', 'handover', 'signoff', 'correction'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** The prev_hash of the very first entry. */
export const ZERO_HASH = '0'.repeat(64);

/** A point on the chain: an entry's seq and its hash (the head kept in document properties, an archive cut). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export type HashFn = (s: string) => string;

/** What a cell or a record field may hold when a row is read back. */
export type DutyCell = Cell | FieldValue | null | undefined;

/** A duty-log row keyed by field (seq, at, officer, kind, text, corrects, prev_hash, hash); other keys are ignored. */
export type DutyRecord = { readonly [field: string]: DutyCell };

/** A row as the app writes it (a type, not an interface, so it is also a DutyRecord). */
export type DutyRow = {
  seq: number;
  at: Date;
  officer: string;
  kind: DutyKind;
  text: string;
  corrects: number | null;
  prev_hash: string;
  hash: string;
};

export interface DutyInput {
  at: Date;
  officer: string;
  kind: DutyKind;
  text: string;
  corrects?: number | null;
}

export type ChainProblem = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'head_mismatch' | 'bad_hash';

export interface ChainReport {
  intact: boolean;
  /** Entries in the log (blank rows not counted). */
  entries: number;
  /** The seq of the first wrong row, or of the first missing one for a deletion or truncation. */
  firstBad: number | null;
  /** Index in `rows` of the row where the break was found (for a link to it); null when none or past the end. */
  firstBadRow: number | null;
  problem: ChainProblem | null;
  message: L10n;
  /** The last entry of the log when it is intact (what the next entry chains to). */
  last: ChainPoint | null;
}

// ---------- canonical form ----------

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const SECOND = 1000;
const pad = (n: number): string => String(n).padStart(2, '0');

const isBlank = (v: DutyCell): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const roundToSecond = (ms: number): Date => new Date(Math.round(ms / SECOND) * SECOND);

const wallToMoment = momentOfWall;

function wallOf(ymd: string, h: number, m: number, s: number, tz: string): Date {
  const [y, mo, d] = ymd.split('-').map(Number);
  return wallToMoment(Date.UTC(y, mo - 1, d, h, m, s), tz);
}

/** ISO 8601 with the zone's offset at whole seconds (the moment is already rounded). */
function isoIn(d: Date, tz: string): string {
  const off = offsetMinutes(tz, d.getTime());
  const w = new Date(d.getTime() + off * 60_000);
  const abs = Math.abs(off);
  return (
    `${String(w.getUTCFullYear()).padStart(4, '0')}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}` +
    `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** A Sheets serial number (days since 1899-12-30, wall-clock in the sheet's zone) as a moment. */
function fromSerial(serial: number, tz: string): Date | null {
  // 1 = 1899-12-31, 2958465 = 9999-12-31; anything else is not a date a sheet would give.
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  return wallToMoment(SERIAL_EPOCH_MS + Math.round(serial * 86400) * SECOND, tz);
}

const LOOSE_DATETIME = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时時点點]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?\s*秒?)?$/;

/** Date-times people type or Sheets shows as text: 2026/11/24 7:30, 2026年11月24日 17:30:05. */
function parseLoose(s: string, tz: string): Date | null {
  const hit = LOOSE_DATETIME.exec(s);
  if (!hit) return null;
  const ymd = `${hit[1]}-${pad(Number(hit[2]))}-${pad(Number(hit[3]))}`;
  if (!splitYmd(ymd)) return null;
  const h = Number(hit[4] ?? 0);
  const m = Number(hit[5] ?? 0);
  const sec = Number(hit[6] ?? 0);
  if (h > 23 || m > 59 || sec > 59) return null;
  return wallOf(ymd, h, m, sec, tz);
}

/** The moment an `at` cell means, at whole seconds; null when it is blank or unreadable. */
export function atMoment(v: DutyCell, tz: string): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : roundToSecond(v.getTime());
  if (typeof v === 'number') {
    const d = fromSerial(v, tz);
    return d && roundToSecond(d.getTime());
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) {
    const d = fromSerial(Number(s), tz);
    return d && roundToSecond(d.getTime());
  }
  const d = parseLoose(s, tz) ?? parseIsoIn(s, tz);
  return d && roundToSecond(d.getTime());
}

/** `at` in canonical form: 2026-11-24T17:30:00+08:00; null when the cell cannot be read as a moment. */
export function canonicalAt(v: DutyCell, tz: string): string | null {
  const d = atMoment(v, tz);
  return d && isoIn(d, tz);
}

/** An integer cell (seq, corrects): 12, "12", " 12 ", "12.0" and 12.0000000001 are all 12; null otherwise. */
export function integerOf(v: DutyCell): number | null {
  if (typeof v === 'number') {
    const r = Math.round(v);
    return Number.isFinite(v) && Math.abs(v - r) < 1e-6 ? r : null;
  }
  if (typeof v !== 'string') return null;
  const hit = /^\s*\+?(\d+)(?:\.0*)?\s*$/.exec(v);
  return hit ? Number(hit[1]) : null;
}

/** Text as stored, with line endings unified; numbers and booleans read back as Sheets shows them. */
export function canonicalText(v: DutyCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

/**
 * Officer and text cells. The app writes text that Sheets would run as a formula or read as
 * a number or date behind a leading apostrophe (see neutralise); Sheets hides it, but a
 * plain-text column may keep it. Either way the person sees the same words, so "'=x" and
 * "=x", or "'22:10 巡查" and "22:10 巡查", mean the same entry. Other apostrophes count.
 */
export function canonicalWords(v: DutyCell): string {
  const s = canonicalText(v);
  if (s.length < 2 || s[0] !== "'") return s;
  const rest = s.slice(1);
  return quotedInLog(rest) ? rest : s;
}

// Label lookups normalise Unicode, which is slow next to hashing; a log has only a handful of distinct kind cells.
const kindCache = new Map<string, string>();

function canonicalKind(v: DutyCell): string {
  const s = canonicalText(v);
  if ((DUTY_KINDS as readonly string[]).includes(s)) return s;
  let key = kindCache.get(s);
  if (key === undefined) {
    key = optionFromLabel('duty_log', 'kind', s) ?? s;
    if (kindCache.size > 1000) kindCache.clear();
    kindCache.set(s, key);
  }
  return key;
}

/** A hash cell: lowercase hex. Sheets may turn 64 zeros into the number 0 when the column is not plain text. */
export function hashCell(v: DutyCell): string {
  if (v === 0) return ZERO_HASH;
  const s = canonicalText(v).trim().toLowerCase();
  return /^0+$/.test(s) ? ZERO_HASH : s;
}

interface Canon {
  seq: number | string;
  at: string | null;
  officer: string;
  kind: string;
  text: string;
  corrects: number | string | null;
}

function canonOf(rec: DutyRecord, tz: string): Canon {
  const seq = integerOf(rec.seq);
  const corrects = isBlank(rec.corrects) ? null : integerOf(rec.corrects) ?? canonicalText(rec.corrects);
  return {
    seq: seq ?? canonicalText(rec.seq),
    at: canonicalAt(rec.at, tz) ?? (isBlank(rec.at) ? null : canonicalText(rec.at)),
    officer: canonicalWords(rec.officer),
    kind: canonicalKind(rec.kind),
    text: canonicalWords(rec.text),
    corrects,
  };
}

function canonJson(c: Canon): string {
  // Built field by field so the key order is fixed whatever the caller's object looks like.
  return JSON.stringify({ seq: c.seq, at: c.at, officer: c.officer, kind: c.kind, text: c.text, corrects: c.corrects });
}

/** The canonical JSON of a row's visible fields (what the hash covers, after prev_hash). */
export function canonicalEntry(rec: DutyRecord, tz: string): string {
  return canonJson(canonOf(rec, tz));
}

/** The hash a row should carry given the previous hash. */
export function entryHash(prevHash: string, rec: DutyRecord, tz: string, hash: HashFn = sha256Hex): string {
  return hash(prevHash + canonicalEntry(rec, tz));
}

// ---------- writing ----------

/**
 * The next row of the chain. `prev` is the chain's head (null for an empty log with no
 * archive). `at` is cut to whole seconds, because that is all the canonical form keeps.
 */
export function buildEntry(prev: ChainPoint | null, input: DutyInput, tz: string, hash: HashFn = sha256Hex): DutyRow {
  const row: DutyRow = {
    seq: prev ? prev.seq + 1 : 1,
    at: new Date(Math.floor(input.at.getTime() / SECOND) * SECOND),
    officer: canonicalWords(input.officer),
    kind: input.kind,
    text: canonicalWords(input.text),
    corrects: input.kind === 'correction' && input.corrects !== undefined ? input.corrects : null,
    prev_hash: prev ? prev.hash : ZERO_HASH,
    hash: '',
  };
  row.hash = entryHash(row.prev_hash, row, tz, hash);
  return row;
}

const isBlankRow = (r: DutyRecord): boolean =>
  isBlank(r.seq) && isBlank(r.at) && isBlank(r.officer) && isBlank(r.kind) && isBlank(r.text) && isBlank(r.corrects) && isBlank(r.prev_hash) && isBlank(r.hash);

/** The last non-blank row as a chain point (what the next entry links to), without verifying. */
export function lastPoint(rows: readonly DutyRecord[]): ChainPoint | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    if (isBlankRow(rows[i])) continue;
    const seq = integerOf(rows[i].seq);
    return seq === null ? null : { seq, hash: hashCell(rows[i].hash) };
  }
  return null;
}

// ---------- verifying ----------

interface Item {
  /** Index in the caller's rows. */
  index: number;
  seq: number | null;
  prev: string;
  hash: string;
  canon: Canon;
  computed: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

const REPORT_TEXT: Record<ChainProblem | 'intact' | 'intact_no_head' | 'deleted_many', L10n> = {
  intact: L('值班记录完整：共 {n} 条，校验无误。', '值班記錄完整：共 {n} 條，校驗無誤。', 'The duty log is intact: {n} entries checked.'),
  intact_no_head: L(
    '值班记录各行前后相符（共 {n} 条），但系统中没有保存最后一条的校验值，无法确认末尾是否被删除。',
    '值班記錄各行前後相符（共 {n} 條），但系統中沒有保存最後一條的校驗值，無法確認末尾是否被刪除。',
    'The {n} entries link up, but no head was saved, so removal of the last entries cannot be ruled out.',
  ),
  edited: L(
    '第 {seq} 条记录写入后被改动过。值班记录不得涂改，如需更正请另写一条更正记录。',
    '第 {seq} 條記錄寫入後被改動過。值班記錄不得塗改，如需更正請另寫一條更正記錄。',
    'Entry {seq} was changed after it was written. Entries may not be altered; write a correction instead.',
  ),
  bad_hash: L(
    '第 {seq} 条记录的校验值被改动过（记录内容本身与原来相符）。',
    '第 {seq} 條記錄的校驗值被改動過（記錄內容本身與原來相符）。',
    'The check value of entry {seq} was changed (the entry itself still matches).',
  ),
  deleted: L('第 {seq} 条记录被删除了。值班记录不得撕页删除。', '第 {seq} 條記錄被刪除了。值班記錄不得撕頁刪除。', 'Entry {seq} was deleted. Entries may not be removed.'),
  deleted_many: L(
    '第 {seq} 至 {to} 条记录被删除了。值班记录不得撕页删除。',
    '第 {seq} 至 {to} 條記錄被刪除了。值班記錄不得撕頁刪除。',
    'Entries {seq} to {to} were deleted. Entries may not be removed.',
  ),
  inserted: L(
    '第 {seq} 条的位置有一行不是系统写入的记录（插入或伪造）。',
    '第 {seq} 條的位置有一行不是系統寫入的記錄（插入或偽造）。',
    'At entry {seq} there is a row the system did not write (inserted or forged).',
  ),
  reordered: L('从第 {seq} 条起记录的先后顺序被调换过。', '從第 {seq} 條起記錄的先後順序被調換過。', 'The order of the entries was changed from entry {seq} on.'),
  truncated: L(
    '末尾的记录被删除了：应有到第 {head} 条的记录，现在只到第 {last} 条（自第 {seq} 条起缺失）。',
    '末尾的記錄被刪除了：應有到第 {head} 條的記錄，現在只到第 {last} 條（自第 {seq} 條起缺失）。',
    'The last entries were removed: the log should reach entry {head} but ends at entry {last} (missing from entry {seq}).',
  ),
  head_mismatch: L(
    '第 {seq} 条记录与系统保存的最后校验值不符，可能被整条改写过。',
    '第 {seq} 條記錄與系統保存的最後校驗值不符，可能被整條改寫過。',
    'Entry {seq} does not match the check value the system saved; it may have been rewritten.',
  ),
};

function fill(text: L10n, params: Record<string, number>): L10n {
  const one = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return L(one(text['zh-Hans']), one(text['zh-Hant']), one(text.en));
}

function report(problem: ChainProblem, firstBad: number, firstBadRow: number | null, entries: number, params: Record<string, number> = {}): ChainReport {
  const key = problem === 'deleted' && params.to !== undefined && params.to > firstBad ? 'deleted_many' : problem;
  return {
    intact: false,
    entries,
    firstBad,
    firstBadRow,
    problem,
    message: fill(REPORT_TEXT[key], { seq: firstBad, ...params }),
    last: null,
  };
}

function itemsOf(rows: readonly DutyRecord[], tz: string, hash: HashFn): Item[] {
  const items: Item[] = [];
  rows.forEach((rec, index) => {
    if (isBlankRow(rec)) return;
    const canon = canonOf(rec, tz);
    const prev = hashCell(rec.prev_hash);
    items.push({ index, seq: integerOf(rec.seq), prev, hash: hashCell(rec.hash), canon, computed: hash(prev + canonJson(canon)) });
  });
  return items;
}

/**
 * Checks the duty log. `rows` are in sheet order; blank rows are ignored (so a row whose
 * cells were cleared shows up as a deletion). `head` is the chain head saved in document
 * properties; `base` the archive cut the visible rows continue from.
 *
 * Problems, at the first break:
 * - edited: a visible cell (seq, at, officer, kind, text, corrects) changed; firstBad = that entry.
 *   Also an entry rewritten together with its own hash, seen at the next row, which still
 *   vouches for the original.
 * - bad_hash: only a hash or prev_hash cell changed, the entry's content still matches.
 * - deleted: seq jumps and the link is broken, the missing seqs appear nowhere; firstBad = first missing.
 * - inserted: a row the chain does not account for (duplicated seq, a row the next one links
 *   past, rows beyond the saved head); firstBad = the seq at which it sits.
 * - reordered: genuine rows in the wrong order; firstBad = the first seq out of place.
 * - truncated: the chain is fine but the saved head is further on; firstBad = first missing seq.
 * - head_mismatch: the saved head has the same seq as the last row but another hash.
 */
export function verifyChain(
  rows: readonly DutyRecord[],
  head: ChainPoint | null,
  base: ChainPoint | null | undefined,
  tz: string,
  hash: HashFn = sha256Hex,
): ChainReport {
  const items = itemsOf(rows, tz, hash);
  const start: ChainPoint = base ?? { seq: 0, hash: ZERO_HASH };
  let link = start.hash;
  let lastSeq = start.seq;
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (r.seq === lastSeq + 1 && r.prev === link && r.hash === r.computed) {
      link = r.hash;
      lastSeq = r.seq;
      continue;
    }
    return classifyBreak(items, i, { seq: lastSeq, hash: link }, start, head, hash);
  }
  return checkHead(items, { seq: lastSeq, hash: link }, start, head);
}

function checkHead(items: Item[], end: ChainPoint, start: ChainPoint, head: ChainPoint | null): ChainReport {
  const n = items.length;
  const intact = (key: 'intact' | 'intact_no_head'): ChainReport => ({
    intact: true,
    entries: n,
    firstBad: null,
    firstBadRow: null,
    problem: null,
    message: fill(REPORT_TEXT[key], { n }),
    last: n > 0 || start.seq > 0 ? end : null,
  });
  if (!head) return intact('intact_no_head');
  if (head.seq > end.seq) return report('truncated', end.seq + 1, null, n, { head: head.seq, last: end.seq });
  if (head.seq === end.seq) {
    return hashCell(head.hash) === end.hash ? intact('intact') : report('head_mismatch', end.seq, n > 0 ? items[n - 1].index : null, n);
  }
  // Rows beyond the saved head: written straight into the sheet, unless the head itself is off.
  const at = head.seq === start.seq ? start : findBySeq(items, head.seq);
  const headHash = hashCell(head.hash);
  if (at && at.hash === headHash) {
    const firstExtra = items.find((it) => it.seq === head.seq + 1);
    return report('inserted', head.seq + 1, firstExtra ? firstExtra.index : null, n);
  }
  const row = items.find((it) => it.seq === head.seq);
  return report('head_mismatch', head.seq, row ? row.index : null, n);
}

function findBySeq(items: Item[], seq: number): ChainPoint | null {
  const hit = items.find((it) => it.seq === seq);
  return hit ? { seq, hash: hit.hash } : null;
}

/** Works out what happened at the first row that does not continue the chain. */
function classifyBreak(items: Item[], i: number, good: ChainPoint, start: ChainPoint, head: ChainPoint | null, hash: HashFn): ChainReport {
  const r = items[i];
  const next = items[i + 1];
  const expected = good.seq + 1;
  const n = items.length;
  const seqOk = r.seq === expected;
  const linkOk = r.prev === good.hash;
  const selfOk = r.hash === r.computed;
  const at = (problem: ChainProblem, seq: number, params?: Record<string, number>) => report(problem, seq, r.index, n, params);

  // The true successor of the last good row appears later (or, at the end, the saved head is
  // the last good row): everything in between was slipped in.
  const linksPast = (): boolean =>
    items.slice(i + 1).some((it) => it.prev === good.hash && it.seq === expected) ||
    (head !== null && head.seq === good.seq && hashCell(head.hash) === good.hash);

  if (seqOk && linkOk) {
    // Only this row's own hash disagrees: either its content or its hash cell changed.
    if (!HEX64.test(r.hash)) return at('bad_hash', expected);
    const vouched = next ? next.prev === r.computed : head !== null && head.seq === expected && hashCell(head.hash) === r.computed;
    return at(vouched ? 'bad_hash' : 'edited', expected);
  }
  if (seqOk) {
    if (!selfOk && hash(good.hash + canonJson(r.canon)) === r.hash) return at('bad_hash', expected);
    if (linksPast()) return at('inserted', expected);
    if (selfOk && i > 0) {
      // This row is intact but vouches for another version of the row before: that one was rewritten with its hash.
      return report('edited', good.seq, items[i - 1].index, n);
    }
    return at(i === 0 && selfOk ? 'bad_hash' : 'edited', expected);
  }
  if (linkOk && hash(r.prev + canonJson({ ...r.canon, seq: expected })) === r.hash) return at('edited', expected);
  if (r.seq !== null && r.seq > expected && isGenuine(items, r, start, head) && items.slice(i + 1).some((it) => it.seq === expected)) {
    return at('reordered', expected);
  }
  if (linksPast()) return at('inserted', expected);
  if (r.seq !== null && r.seq < expected) {
    const duplicate = items.slice(0, i).some((it) => it.seq === r.seq);
    return duplicate ? at('inserted', r.seq) : at('reordered', expected);
  }
  if (r.seq !== null && r.seq > expected && !linkOk) return at('deleted', expected, { to: r.seq - 1 });
  return at(linkOk ? 'edited' : 'inserted', expected);
}

/** A row that is a real member of the chain, only out of place: self-consistent, unique, linked to its predecessor's hash. */
function isGenuine(items: Item[], r: Item, start: ChainPoint, head: ChainPoint | null): boolean {
  if (r.hash !== r.computed || r.seq === null) return false;
  if (head && r.seq > head.seq) return false;
  if (items.filter((it) => it.seq === r.seq).length !== 1) return false;
  if (r.seq - 1 === start.seq) return r.prev === start.hash;
  const before = items.filter((it) => it.seq === r.seq! - 1);
  return before.length === 1 && before[0].hash === r.prev;
}

// ---------- entry rules ----------

const FIELD_TEXT = {
  kind: L('类型须为值班记录、交接班、主管签阅或更正', '類型須為值班記錄、交接班、主管簽閱或更正', 'Kind must be entry, handover, sign-off or correction'),
  text: L('请填写内容', '請填寫內容', 'Please write the entry'),
  officer: L('请填写值班人', '請填寫值班人', 'Please give the duty officer'),
  at: L('时间格式不对', '時間格式不對', 'Not a valid date and time'),
  future: L('不能晚于当前时间', '不能晚於當前時間', 'Cannot be in the future'),
  corrects_required: L('更正记录须写明更正第几条', '更正記錄須寫明更正第幾條', 'A correction must name the entry it corrects'),
  corrects_missing: L('第 {seq} 条记录不存在，不能更正', '第 {seq} 條記錄不存在，不能更正', 'There is no entry {seq} to correct'),
  corrects_not_allowed: L('只有更正记录才填写“更正序号”', '只有更正記錄才填寫「更正序號」', 'Only a correction names an entry to correct'),
  handover_format: L(
    '交接班记录须写明交班人和接班人（可用“交接班”表单生成）',
    '交接班記錄須寫明交班人和接班人（可用「交接班」表單產生）',
    'A handover must name the outgoing and the incoming officer (use the handover form)',
  ),
  handover_same: L('交班人和接班人不能是同一人', '交班人和接班人不能是同一人', 'The outgoing and incoming officers must be different people'),
} satisfies Record<string, L10n>;

/** A new entry's field errors (empty when it may be written), in the user's language. */
export function validateEntry(
  input: { at?: unknown; officer?: unknown; kind?: unknown; text?: unknown; corrects?: unknown },
  rows: readonly DutyRecord[],
  lang: Lang,
  now?: Date,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const kind = typeof input.kind === 'string' && (DUTY_KINDS as readonly string[]).includes(input.kind) ? (input.kind as DutyKind) : null;
  if (!kind) errors.kind = FIELD_TEXT.kind[lang];
  if (typeof input.text !== 'string' || input.text.trim() === '') errors.text = FIELD_TEXT.text[lang];
  if (typeof input.officer !== 'string' || input.officer.trim() === '') errors.officer = FIELD_TEXT.officer[lang];
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) errors.at = FIELD_TEXT.at[lang];
  else if (now && input.at.getTime() > now.getTime()) errors.at = FIELD_TEXT.future[lang];

  const corrects = input.corrects;
  const hasCorrects = corrects !== undefined && corrects !== null && corrects !== '';
  if (kind === 'correction') {
    const seq = hasCorrects ? integerOf(corrects as DutyCell) : null;
    if (seq === null) errors.corrects = FIELD_TEXT.corrects_required[lang];
    else if (!rows.some((r) => integerOf(r.seq) === seq)) errors.corrects = FIELD_TEXT.corrects_missing[lang].replace('{seq}', String(seq));
  } else if (hasCorrects) {
    errors.corrects = FIELD_TEXT.corrects_not_allowed[lang];
  }

  if (kind === 'handover' && typeof input.text === 'string' && !errors.text) {
    const h = parseHandover(input.text);
    if (!h || !h.outgoing.trim() || !h.incoming.trim()) errors.text = FIELD_TEXT.handover_format[lang];
    else if (h.outgoing.trim() === h.incoming.trim()) errors.text = FIELD_TEXT.handover_same[lang];
  }
  return errors;
}

// ---------- handover ----------

export interface Handover {
  outgoing: string;
  incoming: string;
  openItems: string[];
}

const HANDOVER_LABELS: Record<Lang, { outgoing: string; incoming: string; open: string; none: string; colon: string }> = {
  'zh-Hans': { outgoing: '交班人', incoming: '接班人', open: '未完事项', none: '无', colon: '：' },
  'zh-Hant': { outgoing: '交班人', incoming: '接班人', open: '未完事項', none: '無', colon: '：' },
  en: { outgoing: 'Outgoing', incoming: 'Incoming', open: 'Open items', none: 'none', colon: ': ' },
};

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * A handover entry's text: who hands over, who takes over, and what is still open, one
 * item a numbered line. Kept as plain text so it reads naturally in the sheet and on paper;
 * parseHandover reads it back in any of the three languages.
 */
export function handoverText(h: Handover, lang: Lang): string {
  const t = HANDOVER_LABELS[lang];
  const items = h.openItems.map(oneLine).filter((s) => s !== '');
  const lines = [`${t.outgoing}${t.colon}${oneLine(h.outgoing)}`, `${t.incoming}${t.colon}${oneLine(h.incoming)}`];
  if (items.length === 0) lines.push(`${t.open}${t.colon}${t.none}`);
  else lines.push(`${t.open}${t.colon.trimEnd()}`, ...items.map((s, k) => `${k + 1}. ${s}`));
  return lines.join('\n');
}

const labelRe = (pick: (t: (typeof HANDOVER_LABELS)[Lang]) => string): RegExp => {
  const words = [...new Set(Object.values(HANDOVER_LABELS).map(pick))].join('|');
  return new RegExp(`^\\s*(?:${words})\\s*[:：]\\s*(.*)$`, 'i');
};
const OUTGOING_RE = labelRe((t) => t.outgoing);
const INCOMING_RE = labelRe((t) => t.incoming);
const OPEN_RE = labelRe((t) => t.open);
const NONE_RE = /^(无|無|none|-|—)?$/i;
const ITEM_MARK = /^\s*(?:\d+\s*[.、)）]|[-•·*])\s*/;

/** Reads a handover text back; null when it does not name both officers. */
export function parseHandover(text: string): Handover | null {
  let outgoing: string | null = null;
  let incoming: string | null = null;
  let items: string[] | null = null;
  for (const line of text.split(/\r\n?|\n/)) {
    const out = OUTGOING_RE.exec(line);
    const inc = INCOMING_RE.exec(line);
    const open = OPEN_RE.exec(line);
    if (items === null && out) outgoing = out[1].trim();
    else if (items === null && inc) incoming = inc[1].trim();
    else if (items === null && open) {
      const rest = open[1].trim();
      items = NONE_RE.test(rest) ? [] : [rest.replace(ITEM_MARK, '')];
    } else if (items !== null && line.trim() !== '') items.push(line.replace(ITEM_MARK, '').trim());
  }
  if (outgoing === null || incoming === null) return null;
  return { outgoing, incoming, openItems: items ?? [] };
}

// ---------- sign-off ----------

/**
 * The entries a supervisor's sign-off covers: those whose time falls on the `days` office-zone
 * calendar days before `now`'s day (1 = yesterday; the app may pass more after a weekend).
 */
export function entriesForSignoff<T extends DutyRecord>(rows: readonly T[], now: Date, tz: string, days = 1): T[] {
  const today = dayKey(now, tz);
  const from = dateStart(addDaysYmd(today, -days), tz).getTime();
  const to = dateStart(today, tz).getTime();
  return rows.filter((r) => {
    const at = atMoment(r.at, tz);
    return at !== null && at.getTime() >= from && at.getTime() < to;
  });
}

// ---------- archiving ----------

const ARCHIVE_TEXT = {
  broken: L(
    '值班记录校验未通过，不能归档：{detail}',
    '值班記錄校驗未通過，不能歸檔：{detail}',
    'The duty log does not verify, so it cannot be archived: {detail}',
  ),
  not_prefix: L(
    '只能按顺序归档最早的记录，不能从中间抽取。',
    '只能按順序歸檔最早的記錄，不能從中間抽取。',
    'Only the oldest entries may be archived, in order; rows cannot be taken from the middle.',
  ),
} satisfies Record<string, L10n>;

export type ArchivePlan =
  | { ok: true; count: number; base: ChainPoint | null; cutoff?: Date }
  | { ok: false; message: L10n };

/**
 * Which leading rows are past retention (older than `retentionYears` before `now`, same
 * wall-clock time in the office zone) and may move to the archive. Only a prefix moves: an
 * old row after a newer one stays. `base` is the new archive cut to keep (the last moved
 * entry; the old base, or null, when nothing moves). Refused when the rows to move do
 * not verify, because archiving them would hide the break.
 */
export function archiveCut(
  rows: readonly DutyRecord[],
  now: Date,
  retentionYears: number,
  tz: string,
  base: ChainPoint | null = null,
  hash: HashFn = sha256Hex,
): ArchivePlan {
  const cutoff = addMonthsIn(now, -12 * retentionYears, tz);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    if (isBlankRow(rows[i])) continue;
    const at = atMoment(rows[i].at, tz);
    if (at === null || at.getTime() >= cutoff.getTime()) break;
    count = i + 1;
  }
  if (count === 0) return { ok: true, count: 0, base, cutoff };
  const plan = settleCut(rows, count, base, tz, hash);
  return plan.ok ? { ...plan, cutoff } : plan;
}

/**
 * Checks rows about to be archived against the log as it is now (re-read under the lock):
 * they must be exactly its leading rows and verify from the old base. Gives the new base.
 */
export function checkArchive(
  rows: readonly DutyRecord[],
  moving: readonly DutyRecord[],
  base: ChainPoint | null,
  tz: string,
  hash: HashFn = sha256Hex,
): ArchivePlan {
  const same = (a: DutyRecord, b: DutyRecord) =>
    canonicalEntry(a, tz) === canonicalEntry(b, tz) && hashCell(a.hash) === hashCell(b.hash) && hashCell(a.prev_hash) === hashCell(b.prev_hash);
  if (moving.length > rows.length || moving.some((m, i) => !same(m, rows[i]))) return { ok: false, message: ARCHIVE_TEXT.not_prefix };
  return settleCut(rows, moving.length, base, tz, hash);
}

function refusal(detail: L10n): ArchivePlan {
  const one = (lang: Lang) => ARCHIVE_TEXT.broken[lang].replace('{detail}', detail[lang]);
  return { ok: false, message: L(one('zh-Hans'), one('zh-Hant'), one('en')) };
}

/** The new base after moving rows[0, count), refused if those rows, or the row that vouches for the last of them, do not verify. */
function settleCut(rows: readonly DutyRecord[], count: number, base: ChainPoint | null, tz: string, hash: HashFn): ArchivePlan {
  const moving = verifyChain(rows.slice(0, count), null, base, tz, hash);
  if (!moving.intact) return refusal(moving.message);
  const newBase = moving.last ?? base;
  let next = count;
  while (next < rows.length && isBlankRow(rows[next])) next++;
  if (next < rows.length && newBase) {
    // A last moved row rewritten together with its hash only shows against the row after it.
    const window = verifyChain(rows.slice(0, next + 1), null, base, tz, hash);
    if (!window.intact && window.firstBad !== null && window.firstBad <= newBase.seq) return refusal(window.message);
  }
  return { ok: true, count, base: newBase };
}
