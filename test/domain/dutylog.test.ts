// The duty log's hash chain: canonical form, 500 seeded tamperings all caught and classified, entry rules, sign-off and archiving.
import {
  archiveCut,
  buildEntry,
  canonicalAt,
  canonicalEntry,
  ChainPoint,
  ChainProblem,
  checkArchive,
  DUTY_KINDS,
  DutyCell,
  DutyKind,
  DutyRecord,
  DutyRow,
  entriesForSignoff,
  entryHash,
  handoverText,
  integerOf,
  lastPoint,
  parseHandover,
  validateEntry,
  verifyChain,
  ZERO_HASH,
} from '../../src/domain/dutylog';
import { sha256Hex } from '../../src/domain/sha256';
import { LANGS } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
type Rec = Record<string, DutyCell>;

/** mulberry32: a small seeded PRNG so every failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

const OFFICERS = ['张三', '李四', '王五', '赵六 ', 'Chen Wei'];
const TEXTS = [
  '3栋2单元电梯异响，已通知工程部值班电工。',
  '22:10 住户来电反映楼上噪音，已上门劝导。',
  '巡查地下车库，消防通道畅通。',
  'Water leak at B-1203 reported; maintenance on the way.',
  '凌晨 01:20 门岗报告可疑人员，秩序维护部已到场核实。\n处理完毕。',
  '=SUM(A1:A3) 住户留言原样记录',
];

/** A log of n entries written by buildEntry, starting after `base`, one entry every 20–200 minutes. */
function makeLog(n: number, seed: number, start = new Date('2026-01-01T17:30:00+08:00'), base: ChainPoint | null = null): DutyRow[] {
  const rnd = prng(seed);
  const rows: DutyRow[] = [];
  let t = start.getTime();
  let prev = base;
  for (let i = 0; i < n; i++) {
    t += int(rnd, 20, 200) * 60_000 + int(rnd, 0, 59_999);
    let kind: DutyKind = pick(rnd, ['entry', 'entry', 'entry', 'handover', 'signoff', 'correction'] as const);
    if (kind === 'correction' && rows.length === 0) kind = 'entry';
    const text = kind === 'handover' ? handoverText({ outgoing: pick(rnd, OFFICERS), incoming: '李四', openItems: ['门禁待修'] }, 'zh-Hans') : pick(rnd, TEXTS);
    const corrects = kind === 'correction' ? rows[int(rnd, 0, rows.length - 1)].seq : null;
    const row = buildEntry(prev, { at: new Date(t), officer: pick(rnd, OFFICERS), kind, text, corrects }, TZ);
    rows.push(row);
    prev = { seq: row.seq, hash: row.hash };
  }
  return rows;
}

const headOf = (rows: readonly DutyRow[]): ChainPoint => ({ seq: rows[rows.length - 1].seq, hash: rows[rows.length - 1].hash });
const copy = (rows: readonly DutyRecord[]): Rec[] => rows.map((r) => ({ ...r, at: r.at instanceof Date ? new Date(r.at.getTime()) : r.at }));

/** Sheets' serial number for a moment, wall-clock in Shanghai (UTC+8, no DST since 1991). */
const serialOf = (d: Date): number => (d.getTime() + 8 * 3_600_000 - Date.UTC(1899, 11, 30)) / 86_400_000;

// ---------- canonical form ----------

describe('canonicalAt reads every form Sheets may give back for 2026-11-24 17:30:00 in Shanghai', () => {
  const want = '2026-11-24T17:30:00+08:00';
  test.each<[string, DutyCell]>([
    ['Date', new Date('2026-11-24T09:30:00Z')],
    ['Date with 400 ms (rounds down)', new Date('2026-11-24T09:30:00.400Z')],
    ['Date with 600 ms before (rounds up)', new Date('2026-11-24T09:29:59.600Z')],
    ['serial number', 46350.729166666664],
    ['serial number with float noise', 46350.729166666664 + 3e-9],
    ['serial number as text', '46350.729166666664'],
    ['ISO with offset', '2026-11-24T17:30:00+08:00'],
    ['ISO in UTC', '2026-11-24T09:30:00Z'],
    ['ISO with milliseconds', '2026-11-24T17:30:00.000+08:00'],
    ['wall-clock text', '2026-11-24 17:30:00'],
    ['wall-clock text without seconds', '2026-11-24 17:30'],
    ['slashes, single-digit month', '2026/11/24 17:30'],
    ['Chinese date', '2026年11月24日 17:30'],
    ['padded text', '  2026-11-24 17:30:00  '],
  ])('%s', (_name, cell) => {
    expect(canonicalAt(cell, TZ)).toBe(want);
  });

  test.each<[string, DutyCell]>([
    ['blank', ''],
    ['null', null],
    ['not a date', '昨晚'],
    ['impossible date', '2026-02-30 10:00'],
    ['invalid Date', new Date(NaN)],
  ])('%s gives null', (_name, cell) => {
    expect(canonicalAt(cell, TZ)).toBeNull();
  });

  test('formats in the office zone, not the machine zone', () => {
    expect(canonicalAt(new Date('2026-11-24T09:30:00Z'), 'Europe/London')).toBe('2026-11-24T09:30:00+00:00');
    expect(canonicalAt('2026-07-01 12:00', 'Europe/London')).toBe('2026-07-01T12:00:00+01:00');
  });
});

describe('canonicalEntry', () => {
  const base: Rec = { seq: 7, at: new Date('2026-11-24T09:30:00Z'), officer: '张三', kind: 'entry', text: '巡查完毕', corrects: null };

  test('has a fixed key order whatever the record looks like', () => {
    const shuffled: Rec = { text: '巡查完毕', corrects: '', kind: 'entry', officer: '张三', at: '2026-11-24 17:30:00', seq: '7', prev_hash: 'x' };
    const json = '{"seq":7,"at":"2026-11-24T17:30:00+08:00","officer":"张三","kind":"entry","text":"巡查完毕","corrects":null}';
    expect(canonicalEntry(base, TZ)).toBe(json);
    expect(canonicalEntry(shuffled, TZ)).toBe(json);
  });

  test.each<[string, Rec, boolean]>([
    ['seq as text', { seq: '7' }, true],
    ['seq as 7.0 text', { seq: '7.0' }, true],
    ['kind as its Chinese label', { kind: '值班记录' }, true],
    ['kind as its English label', { kind: 'Entry' }, true],
    ['CRLF line endings', { text: '巡查完毕' }, true],
    ['corrects blank string', { corrects: '' }, true],
    ['a space added to the text', { text: '巡查完毕 ' }, false],
    ['a space added to the officer', { officer: ' 张三' }, false],
    ['another kind', { kind: 'handover' }, false],
    ['one second later', { at: new Date('2026-11-24T09:30:01Z') }, false],
    ['another seq', { seq: 8 }, false],
    ['corrects set', { corrects: 3 }, false],
  ])('%s → same canonical form: %s', (_name, change, same) => {
    expect(canonicalEntry({ ...base, ...change }, TZ) === canonicalEntry(base, TZ)).toBe(same);
  });

  test('the apostrophe that keeps a formula-like text as text is not an edit; other apostrophes are', () => {
    const eq = { ...base, text: '=3+4 号房漏水' };
    expect(canonicalEntry({ ...eq, text: "'=3+4 号房漏水" }, TZ)).toBe(canonicalEntry(eq, TZ));
    expect(canonicalEntry({ ...base, officer: "'-张三" }, TZ)).toBe(canonicalEntry({ ...base, officer: '-张三' }, TZ));
    expect(canonicalEntry({ ...base, text: "'22:10 巡查" }, TZ)).toBe(canonicalEntry({ ...base, text: '22:10 巡查' }, TZ));
    expect(canonicalEntry({ ...base, text: "'巡查完毕" }, TZ)).not.toBe(canonicalEntry(base, TZ));
  });

  test('CRLF and LF texts hash alike, other whitespace does not', () => {
    const lf = { ...base, text: '第一行\n第二行' };
    expect(canonicalEntry({ ...lf, text: '第一行\r\n第二行' }, TZ)).toBe(canonicalEntry(lf, TZ));
    expect(canonicalEntry({ ...lf, text: '第一行\n\n第二行' }, TZ)).not.toBe(canonicalEntry(lf, TZ));
  });

  test.each<[DutyCell, number | null]>([
    [12, 12],
    ['12', 12],
    [' 12 ', 12],
    ['12.0', 12],
    [12.0000000001, 12],
    [12.5, null],
    ['12a', null],
    ['', null],
    [null, null],
  ])('integerOf(%p) = %p', (cell, want) => {
    expect(integerOf(cell)).toBe(want);
  });
});

// ---------- building ----------

describe('buildEntry', () => {
  test('the first entry links to 64 zeros and numbers from 1; the next links to it', () => {
    const a = buildEntry(null, { at: new Date('2026-11-24T09:30:00.789Z'), officer: '张三', kind: 'entry', text: '接班' }, TZ);
    expect(a.seq).toBe(1);
    expect(a.prev_hash).toBe(ZERO_HASH);
    expect(a.at.toISOString()).toBe('2026-11-24T09:30:00.000Z');
    expect(a.hash).toBe(sha256Hex(ZERO_HASH + '{"seq":1,"at":"2026-11-24T17:30:00+08:00","officer":"张三","kind":"entry","text":"接班","corrects":null}'));
    const b = buildEntry({ seq: a.seq, hash: a.hash }, { at: new Date('2026-11-24T10:00:00Z'), officer: '张三', kind: 'correction', text: '更正', corrects: 1 }, TZ);
    expect(b.seq).toBe(2);
    expect(b.prev_hash).toBe(a.hash);
    expect(b.corrects).toBe(1);
    expect(b.hash).toBe(entryHash(a.hash, b, TZ));
  });

  test('continues from an archived head', () => {
    const row = buildEntry({ seq: 4100, hash: 'ab'.repeat(32) }, { at: new Date('2026-11-24T10:00:00Z'), officer: '李四', kind: 'entry', text: '巡查' }, TZ);
    expect(row.seq).toBe(4101);
    expect(row.prev_hash).toBe('ab'.repeat(32));
  });

  test('uses the hash function it is given (the Apps Script adapter passes Utilities.computeDigest)', () => {
    const seen: string[] = [];
    const row = buildEntry(null, { at: new Date('2026-11-24T10:00:00Z'), officer: '李四', kind: 'entry', text: '巡查' }, TZ, (s) => {
      seen.push(s);
      return 'f'.repeat(64);
    });
    expect(row.hash).toBe('f'.repeat(64));
    expect(seen[0].startsWith(ZERO_HASH + '{"seq":1,')).toBe(true);
  });

  test('lastPoint gives what the next entry links to, skipping blank rows', () => {
    const log = makeLog(5, 1);
    expect(lastPoint([...log, { seq: '', at: '', hash: '' }])).toEqual(headOf(log));
    expect(lastPoint([])).toBeNull();
  });
});

// ---------- verifying untouched logs ----------

describe('verifyChain on untouched logs', () => {
  const log = makeLog(300, 42);
  const head = headOf(log);

  /** The same log as Sheets may hand it back. */
  const forms: [string, (r: DutyRow, i: number) => Rec][] = [
    ['as written', (r) => ({ ...r })],
    ['at as serial numbers with float noise', (r, i) => ({ ...r, at: serialOf(r.at) + (i % 2 ? 4e-9 : -4e-9) })],
    ['at as wall-clock text, seq and corrects as text', (r) => ({ ...r, at: canonicalAt(r.at, TZ)!.slice(0, 19).replace('T', ' '), seq: String(r.seq), corrects: r.corrects === null ? '' : String(r.corrects) })],
    ['at as ISO text in UTC', (r) => ({ ...r, at: r.at.toISOString() })],
    ['kind as Chinese labels, CRLF text, upper-case hashes', (r) => ({
      ...r,
      kind: { entry: '值班记录', handover: '交接班', signoff: '主管签阅', correction: '更正' }[r.kind],
      text: r.text.replace(/\n/g, '\r\n'),
      hash: r.hash.toUpperCase(),
    })],
    ['first prev_hash read back as the number 0, extra columns', (r) => ({ ...r, prev_hash: r.seq === 1 ? 0 : r.prev_hash, id: 'x', note: '备注' })],
  ];

  test.each(forms)('%s', (_name, form) => {
    const rows = log.map(form);
    const res = verifyChain(rows, head, null, TZ);
    expect(res).toMatchObject({ intact: true, entries: 300, firstBad: null, problem: null, last: head });
    expect(res.message.en).toContain('300');
  });

  test('blank rows in between are ignored', () => {
    const rows: Rec[] = [...log.slice(0, 10), { seq: '', at: '', officer: '', kind: '', text: '', corrects: '', prev_hash: '', hash: '' }, ...log.slice(10)];
    expect(verifyChain(rows, head, null, TZ).intact).toBe(true);
  });

  test('an empty log with no head is intact', () => {
    expect(verifyChain([], null, null, TZ)).toMatchObject({ intact: true, entries: 0, last: null });
  });

  test('without a saved head the rows still verify, and the message says the end cannot be checked', () => {
    const res = verifyChain(log, null, null, TZ);
    expect(res.intact).toBe(true);
    expect(res.message['zh-Hans']).toContain('没有保存');
  });

  test('verifies 10,000 entries quickly', () => {
    const big = makeLog(10_000, 9);
    const t0 = Date.now();
    const res = verifyChain(big, headOf(big), null, TZ);
    const ms = Date.now() - t0;
    console.log(`verifyChain: 10,000 entries in ${ms} ms`);
    expect(res.intact).toBe(true);
    expect(ms).toBeLessThan(3000);
  });
});

// ---------- tampering ----------

interface Tampered {
  rows: Rec[];
  head: ChainPoint;
  problem: ChainProblem;
  firstBad: number;
  what: string;
}

const randomHex = (rnd: () => number): string => Array.from({ length: 64 }, () => '0123456789abcdef'[int(rnd, 0, 15)]).join('');

/** One random tampering of a fresh copy of the log, with what verifyChain must report. */
function tamper(log: readonly DutyRow[], rnd: () => number): Tampered {
  const rows = copy(log);
  const n = rows.length;
  const head = headOf(log);
  const r = int(rnd, 0, n - 1);
  const seq = log[r].seq;
  const edited = (what: string): Tampered => ({ rows, head, problem: 'edited', firstBad: seq, what });
  const linkBefore = (i: number): string => (i === 0 ? ZERO_HASH : log[i - 1].hash);
  const kind = pick(rnd, [
    'text', 'officer', 'at', 'kind', 'corrects', 'seq', 'hash', 'prev_hash', 'rehash', 'delete', 'delete_many', 'clear',
    'insert', 'swap', 'truncate', 'head',
  ] as const);
  switch (kind) {
    case 'text':
      rows[r].text = pick(rnd, [`${log[r].text} `, `${log[r].text}已处理。`, log[r].text.slice(1), '无异常']);
      if (rows[r].text === log[r].text) rows[r].text += '。';
      return edited('text');
    case 'officer':
      rows[r].officer = pick(rnd, OFFICERS.filter((o) => o !== log[r].officer));
      return edited('officer');
    case 'at': {
      const shifted = new Date(log[r].at.getTime() + pick(rnd, [-1, 1]) * int(rnd, 1, 600) * 60_000);
      rows[r].at = pick(rnd, [shifted, canonicalAt(shifted, TZ)!.slice(0, 16).replace('T', ' '), serialOf(shifted)]);
      return edited('at');
    }
    case 'kind':
      rows[r].kind = pick(rnd, DUTY_KINDS.filter((k) => k !== log[r].kind));
      return edited('kind');
    case 'corrects':
      rows[r].corrects = log[r].corrects === null ? int(rnd, 1, n) : pick(rnd, ['', log[r].corrects + 1]);
      return edited('corrects');
    case 'seq':
      rows[r].seq = pick(rnd, [seq + int(rnd, 1, 5), Math.max(0, seq - int(rnd, 1, 5)), 'x', '', seq * 10]);
      if (integerOf(rows[r].seq) === seq) rows[r].seq = seq + 1;
      return edited('seq');
    case 'hash':
      rows[r].hash = pick(rnd, [randomHex(rnd), 'deadbeef', '']);
      return { rows, head, problem: 'bad_hash', firstBad: seq, what: 'hash' };
    case 'prev_hash':
      rows[r].prev_hash = pick(rnd, [randomHex(rnd), log[int(rnd, 0, n - 1)].hash === log[r].prev_hash ? randomHex(rnd) : log[int(rnd, 0, n - 1)].hash]);
      if (rows[r].prev_hash === log[r].prev_hash) rows[r].prev_hash = randomHex(rnd);
      return { rows, head, problem: 'bad_hash', firstBad: seq, what: 'prev_hash' };
    case 'rehash': {
      // Edit the text and recompute this row's own hash, as a careful forger would.
      rows[r].text = `${log[r].text}（补记）`;
      rows[r].hash = entryHash(String(rows[r].prev_hash), rows[r], TZ);
      return r === n - 1 ? { rows, head, problem: 'head_mismatch', firstBad: seq, what: 'rehash last' } : edited('rehash');
    }
    case 'delete':
      rows.splice(r, 1);
      return r === n - 1 ? { rows, head, problem: 'truncated', firstBad: seq, what: 'delete last' } : { rows, head, problem: 'deleted', firstBad: seq, what: 'delete' };
    case 'delete_many': {
      const count = Math.min(int(rnd, 2, 5), n - r);
      rows.splice(r, count);
      const what = r + count === n ? 'truncated' : 'deleted';
      return { rows, head, problem: what, firstBad: seq, what: `delete ${count}` };
    }
    case 'clear':
      rows[r] = { seq: '', at: '', officer: '', kind: '', text: '', corrects: '', prev_hash: '', hash: '' };
      return { rows, head, problem: r === n - 1 ? 'truncated' : 'deleted', firstBad: seq, what: 'clear' };
    case 'insert': {
      const p = int(rnd, 0, n); // insert before index p (p = n: after the last row)
      const at = seqAt(log, p);
      const variant = pick(rnd, ['linked', 'random_prev', 'random_seq', 'copy'] as const);
      let forged: Rec;
      if (variant === 'copy') {
        forged = { ...log[int(rnd, 0, n - 1)] };
      } else {
        const prev = variant === 'linked' ? linkBefore(p) : randomHex(rnd);
        const fseq = variant === 'random_seq' ? at + int(rnd, 2, 5000) : at;
        forged = { seq: fseq, at: new Date((p === 0 ? log[0].at : log[p - 1].at).getTime() + 60_000), officer: '王五', kind: 'entry', text: '补写一条记录', corrects: null, prev_hash: prev };
        forged.hash = entryHash(prev, forged, TZ);
      }
      rows.splice(p, 0, forged);
      return { rows, head, problem: 'inserted', firstBad: at, what: `insert ${variant} at ${p}` };
    }
    case 'swap': {
      let b = int(rnd, 0, n - 1);
      while (b === r) b = int(rnd, 0, n - 1);
      const [lo, hi] = r < b ? [r, b] : [b, r];
      [rows[lo], rows[hi]] = [rows[hi], rows[lo]];
      return { rows, head, problem: 'reordered', firstBad: log[lo].seq, what: `swap ${lo} ${hi}` };
    }
    case 'truncate': {
      const k = int(rnd, 1, 10);
      rows.splice(n - k, k);
      return { rows, head, problem: 'truncated', firstBad: n - k + 1, what: `truncate ${k}` };
    }
    case 'head':
      if (rnd() < 0.5) return { rows, head: { seq: head.seq, hash: randomHex(rnd) }, problem: 'head_mismatch', firstBad: head.seq, what: 'head hash' };
      return { rows, head: { seq: head.seq + int(rnd, 1, 3), hash: head.hash }, problem: 'truncated', firstBad: head.seq + 1, what: 'head seq' };
  }
}

/** The seq a row inserted before index p sits at. */
const seqAt = (log: readonly DutyRow[], p: number): number => (p < log.length ? log[p].seq : log[log.length - 1].seq + 1);

describe('verifyChain catches tampering', () => {
  const log = makeLog(1000, 2026);
  const rnd = prng(20261124);
  const cases = Array.from({ length: 500 }, () => tamper(log, rnd));

  test('the seeded tamperings cover every kind of change', () => {
    const kinds = new Set(cases.map((c) => c.what.split(' ')[0]));
    for (const k of ['text', 'officer', 'at', 'kind', 'corrects', 'seq', 'hash', 'prev_hash', 'rehash', 'delete', 'clear', 'insert', 'swap', 'truncate', 'head']) {
      expect(kinds).toContain(k);
    }
  });

  test('all 500 are detected with the right problem and first bad entry', () => {
    const wrong = cases
      .map((c, i) => ({ i, c, res: verifyChain(c.rows, c.head, null, TZ) }))
      .filter(({ c, res }) => res.intact || res.problem !== c.problem || res.firstBad !== c.firstBad)
      .map(({ i, c, res }) => `#${i} ${c.what}: want ${c.problem}@${c.firstBad}, got ${res.intact ? 'intact' : `${res.problem}@${res.firstBad}`}`);
    expect(wrong).toEqual([]);
  });

  test('the untouched original still verifies after all that copying', () => {
    expect(verifyChain(log, headOf(log), null, TZ).intact).toBe(true);
  });

  // Hand-picked cases, so each classification is shown on its own.
  const small = makeLog(10, 7);
  const h = headOf(small);
  test.each<[string, (rows: Rec[]) => Rec[], ChainPoint, ChainProblem, number, number | null]>([
    ['text of entry 4 edited', (rows) => ((rows[3].text = `${rows[3].text}!`), rows), h, 'edited', 4, 3],
    ['hash of entry 4 replaced', (rows) => ((rows[3].hash = 'a'.repeat(64)), rows), h, 'bad_hash', 4, 3],
    ['entry 4 deleted', (rows) => (rows.splice(3, 1), rows), h, 'deleted', 4, 3],
    ['entries 4 and 5 swapped', (rows) => ([rows[3], rows[4]] = [rows[4], rows[3]], rows), h, 'reordered', 4, 3],
    ['last two entries removed', (rows) => rows.slice(0, 8), h, 'truncated', 9, null],
    ['head hash differs', (rows) => rows, { seq: 10, hash: 'b'.repeat(64) }, 'head_mismatch', 10, 9],
    ['a well-formed entry 11 appended outside the app', (rows) => [...rows, buildEntry(h, { at: new Date(), officer: '王五', kind: 'entry', text: '补记' }, TZ)], h, 'inserted', 11, 10],
  ])('%s', (_name, change, head, problem, firstBad, firstBadRow) => {
    const res = verifyChain(change(copy(small)), head, null, TZ);
    expect(res).toMatchObject({ intact: false, problem, firstBad, firstBadRow });
    for (const lang of LANGS) expect(res.message[lang]).toContain(String(firstBad));
  });

  test('a deletion of several entries names the range', () => {
    const rows = copy(small);
    rows.splice(2, 3);
    const res = verifyChain(rows, h, null, TZ);
    expect(res).toMatchObject({ problem: 'deleted', firstBad: 3 });
    expect(res.message['zh-Hans']).toBe('第 3 至 5 条记录被删除了。值班记录不得撕页删除。');
  });
});

// ---------- entry rules ----------

describe('validateEntry', () => {
  const rows = makeLog(5, 3);
  const now = new Date('2026-11-24T12:00:00+08:00');
  const ok = { at: new Date('2026-11-24T11:00:00+08:00'), officer: '张三', kind: 'entry', text: '巡查完毕' };
  const handover = handoverText({ outgoing: '张三', incoming: '李四', openItems: [] }, 'zh-Hans');
  test.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a plain entry', {}, {}],
    ['a correction of entry 3', { kind: 'correction', corrects: 3 }, {}],
    ['a correction naming seq as text', { kind: 'correction', corrects: '2' }, {}],
    ['a correction without corrects', { kind: 'correction' }, { corrects: '更正记录须写明更正第几条' }],
    ['a correction of a missing entry', { kind: 'correction', corrects: 9 }, { corrects: '第 9 条记录不存在，不能更正' }],
    ['a correction of a later entry', { kind: 'correction', corrects: 6 }, { corrects: '第 6 条记录不存在，不能更正' }],
    ['an entry that names corrects', { corrects: 2 }, { corrects: '只有更正记录才填写“更正序号”' }],
    ['an unknown kind', { kind: 'note' }, { kind: '类型须为值班记录、交接班、主管签阅或更正' }],
    ['blank text', { text: '   ' }, { text: '请填写内容' }],
    ['no officer', { officer: '' }, { officer: '请填写值班人' }],
    ['a future time', { at: new Date('2026-11-24T12:00:01+08:00') }, { at: '不能晚于当前时间' }],
    ['not a time', { at: 'tonight' }, { at: '时间格式不对' }],
    ['a handover naming both officers', { kind: 'handover', text: handover }, {}],
    ['a handover in free text', { kind: 'handover', text: '交班了' }, { text: '交接班记录须写明交班人和接班人（可用“交接班”表单生成）' }],
    ['a handover to oneself', { kind: 'handover', text: handoverText({ outgoing: '张三', incoming: '张三', openItems: [] }, 'zh-Hans') }, { text: '交班人和接班人不能是同一人' }],
  ])('%s', (_name, change, errors) => {
    expect(validateEntry({ ...ok, ...change }, rows, 'zh-Hans', now)).toEqual(errors);
  });

  test('messages follow the language', () => {
    expect(validateEntry({ ...ok, kind: 'correction', corrects: 9 }, rows, 'en', now)).toEqual({ corrects: 'There is no entry 9 to correct' });
    expect(validateEntry({ ...ok, text: '' }, rows, 'zh-Hant', now)).toEqual({ text: '請填寫內容' });
  });
});

describe('handover text', () => {
  const h = { outgoing: '张三', incoming: '李四', openItems: ['3栋电梯异响，已报工程部', '2单元门禁\n待修'] };

  test('reads naturally in each language', () => {
    expect(handoverText(h, 'zh-Hans')).toBe('交班人：张三\n接班人：李四\n未完事项：\n1. 3栋电梯异响，已报工程部\n2. 2单元门禁 待修');
    expect(handoverText(h, 'zh-Hant')).toBe('交班人：张三\n接班人：李四\n未完事項：\n1. 3栋电梯异响，已报工程部\n2. 2单元门禁 待修');
    expect(handoverText({ ...h, openItems: [] }, 'en')).toBe('Outgoing: 张三\nIncoming: 李四\nOpen items: none');
    expect(handoverText({ ...h, openItems: [] }, 'zh-Hans')).toBe('交班人：张三\n接班人：李四\n未完事项：无');
  });

  test.each(LANGS)('round-trips in %s', (lang) => {
    expect(parseHandover(handoverText(h, lang))).toEqual({ outgoing: '张三', incoming: '李四', openItems: ['3栋电梯异响，已报工程部', '2单元门禁 待修'] });
    expect(parseHandover(handoverText({ ...h, openItems: [] }, lang))).toEqual({ outgoing: '张三', incoming: '李四', openItems: [] });
  });

  test('reads a hand-typed handover with ASCII colons and bullets', () => {
    expect(parseHandover('交班人: 张三\r\n接班人:李四\r\n未完事项:\r\n- 门禁待修\r\n3、 热水器报修')).toEqual({ outgoing: '张三', incoming: '李四', openItems: ['门禁待修', '热水器报修'] });
  });

  test('is null without both officers', () => {
    expect(parseHandover('接班人：李四')).toBeNull();
    expect(parseHandover('今晚无事')).toBeNull();
  });
});

// ---------- sign-off ----------

describe('entriesForSignoff', () => {
  const at = (iso: string, text: string): Rec => ({ seq: 1, at: new Date(iso), officer: '张三', kind: 'entry', text });
  const rows: Rec[] = [
    at('2026-11-23T23:59:59+08:00', 'day before yesterday, last second'),
    at('2026-11-24T00:00:00+08:00', 'yesterday, first second'),
    { ...at('2026-11-24T08:00:00+08:00', 'yesterday morning, as text'), at: '2026-11-24 08:00:00' },
    { ...at('2026-11-24T12:00:00+08:00', 'yesterday noon, as a serial number'), at: 46350.5 },
    at('2026-11-24T23:59:59+08:00', 'yesterday, last second'),
    at('2026-11-25T00:00:00+08:00', 'today, first second'),
    at('2026-11-25T08:30:00+08:00', 'today'),
    { ...at('2026-11-24T12:00:00+08:00', 'unreadable time'), at: '昨天' },
  ];
  const texts = (xs: Rec[]) => xs.map((r) => r.text);

  test.each([
    ['at 09:00 the morning after', '2026-11-25T09:00:00+08:00'],
    // 00:30 in Shanghai is still the 24th in UTC: the office day must decide, not the machine's.
    ['at 00:30 just after midnight', '2026-11-25T00:30:00+08:00'],
    ['at 23:59 the same day', '2026-11-25T23:59:59+08:00'],
  ])('covers the previous office day %s', (_name, now) => {
    expect(texts(entriesForSignoff(rows, new Date(now), TZ))).toEqual([
      'yesterday, first second',
      'yesterday morning, as text',
      'yesterday noon, as a serial number',
      'yesterday, last second',
    ]);
  });

  test('after a weekend, the app may ask for more days', () => {
    expect(texts(entriesForSignoff(rows, new Date('2026-11-25T09:00:00+08:00'), TZ, 2))).toEqual([
      'day before yesterday, last second',
      'yesterday, first second',
      'yesterday morning, as text',
      'yesterday noon, as a serial number',
      'yesterday, last second',
    ]);
  });

  test('in another office zone the day boundary moves with it', () => {
    // 2026-11-24T23:59:59+08:00 is 15:59:59 on the 24th in London; 2026-11-25T00:00+08:00 is still the 24th there.
    const got = texts(entriesForSignoff(rows, new Date('2026-11-25T09:00:00Z'), 'Europe/London'));
    expect(got).toContain('today, first second');
    expect(got).not.toContain('day before yesterday, last second');
  });
});

// ---------- archiving ----------

describe('archiving', () => {
  // About 3.4 years of entries, one every 20–200 minutes, starting 2023-06-01.
  const log = makeLog(15_000, 11, new Date('2023-06-01T17:30:00+08:00'));
  const head = headOf(log);
  const now = new Date('2026-11-25T09:00:00+08:00');
  const cutoff = new Date('2023-11-25T09:00:00+08:00');

  test('moves exactly the entries older than the retention years, and the rest keeps verifying', () => {
    const plan = archiveCut(log, now, 3, TZ);
    if (!plan.ok) throw new Error(plan.message.en);
    const expected = log.findIndex((r) => r.at.getTime() >= cutoff.getTime());
    expect(plan.count).toBe(expected);
    expect(plan.cutoff).toEqual(cutoff);
    expect(plan.base).toEqual({ seq: log[expected - 1].seq, hash: log[expected - 1].hash });
    const rest = log.slice(plan.count);
    expect(verifyChain(rest, head, plan.base, TZ)).toMatchObject({ intact: true, entries: log.length - expected });
    // The archived rows verify on their own, ending at the cut.
    expect(verifyChain(log.slice(0, plan.count), plan.base, null, TZ).intact).toBe(true);
    // Without the cut, the remaining rows do not verify: the base is what vouches for them.
    expect(verifyChain(rest, head, null, TZ).intact).toBe(false);
    // A new entry continues the chain after archiving.
    const more = [...rest, buildEntry(head, { at: now, officer: '张三', kind: 'entry', text: '巡查' }, TZ)];
    expect(verifyChain(more, headOf(more as DutyRow[]), plan.base, TZ).intact).toBe(true);
  });

  test('tampering after the cut is still caught', () => {
    const plan = archiveCut(log, now, 3, TZ);
    if (!plan.ok) throw new Error(plan.message.en);
    const rest = copy(log.slice(plan.count));
    rest[5].text = '改过';
    expect(verifyChain(rest, head, plan.base, TZ)).toMatchObject({ problem: 'edited', firstBad: plan.base!.seq + 6 });
    const cutFirst = copy(log.slice(plan.count + 1));
    expect(verifyChain(cutFirst, head, plan.base, TZ)).toMatchObject({ problem: 'deleted', firstBad: plan.base!.seq + 1 });
  });

  test('a second archive continues from the first cut', () => {
    const first = archiveCut(log, now, 3, TZ);
    if (!first.ok) throw new Error(first.message.en);
    const rest = log.slice(first.count);
    const second = archiveCut(rest, new Date('2027-06-01T09:00:00+08:00'), 3, TZ, first.base);
    if (!second.ok) throw new Error(second.message.en);
    expect(second.count).toBeGreaterThan(0);
    expect(verifyChain(rest.slice(second.count), head, second.base, TZ).intact).toBe(true);
  });

  test('nothing moves when nothing is old enough', () => {
    expect(archiveCut(log, new Date('2024-01-01T00:00:00+08:00'), 3, TZ)).toEqual({ ok: true, count: 0, base: null, cutoff: new Date('2021-01-01T00:00:00+08:00') });
  });

  test('only a prefix moves: an old entry after a newer one stays, and so does everything after it', () => {
    const rows = copy(log.slice(0, 20));
    rows[0].at = new Date('2025-01-01T00:00:00+08:00'); // (the edit breaks the chain too, but the cut stops first)
    const plan = archiveCut(rows, now, 3, TZ);
    expect(plan).toMatchObject({ ok: true, count: 0 });
  });

  test('an archive that is not a prefix is refused', () => {
    const rows = log.slice(0, 40);
    expect(checkArchive(rows, rows.slice(0, 10), null, TZ)).toEqual({ ok: true, count: 10, base: { seq: 10, hash: log[9].hash } });
    const gap = [...rows.slice(0, 10), rows[11]];
    expect(checkArchive(rows, gap, null, TZ)).toMatchObject({ ok: false, message: { en: 'Only the oldest entries may be archived, in order; rows cannot be taken from the middle.' } });
    const middle = rows.slice(5, 15);
    expect(checkArchive(rows, middle, null, TZ).ok).toBe(false);
    // Had the gap been archived anyway, the rest would not verify from its cut.
    const rest = rows.filter((_, i) => i >= 10 && i !== 11);
    expect(verifyChain(rest, headOf(rows), { seq: rows[11].seq, hash: rows[11].hash }, TZ).intact).toBe(false);
  });

  test('a broken stretch is not archived (that would hide the break)', () => {
    const rows = copy(log);
    rows[100].text = '改过';
    const plan = archiveCut(rows, now, 3, TZ);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message['zh-Hans']).toContain('不能归档');
    // Rewriting the last archived row together with its hash shows against the row after it.
    const ok = archiveCut(log, now, 3, TZ);
    if (!ok.ok) throw new Error(ok.message.en);
    const forged = copy(log);
    const last = forged[ok.count - 1];
    last.text = '改过';
    last.hash = entryHash(String(last.prev_hash), last, TZ);
    expect(archiveCut(forged, now, 3, TZ).ok).toBe(false);
  });
});
