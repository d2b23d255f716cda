// Hundreds of hostile payloads: each is refused with a field error or stored as inert text; no existing row changes.
import { complaint, formulas, ok, rpc, Result, setUpBook, sheetNamed, violation } from './book';

const FORMULA_STARTS = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠A1', '=IMPORTXML("http://x.example","//a")', '=HYPERLINK("http://x.example","click")', '=IMAGE("http://x.example/a.png")', '=cmd|"/c calc"!A1'];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>'];
const HUGE = 'x'.repeat(100 * 1024);
/** Text that could not read back as typed (the .xlsx cannot hold it, or Sheets drops the apostrophe): refused. */
const UNSAVABLE = ['\uFFFF', 'a\uFFFEb', 'nul\u0000', 'bell\u0007', 'x\uD800', '\uDC00x', '第一行\r第二行', "'0755", "'=1+1", "'引号"];
const WRONG_TYPES: unknown[] = [42, true, null, [], {}, ['a'], { $gt: '' }, 1e400, -0];

type Payload = { name: string; fn: 'createRecord' | 'updateRecord' | 'transition' | 'appendDutyLog'; args: (ids: Ids) => unknown[] };
interface Ids {
  complaint: string;
  version: number;
  violation: string;
}

function payloads(): Payload[] {
  const out: Payload[] = [];
  const create = (name: string, register: unknown, fields: unknown) => out.push({ name, fn: 'createRecord', args: () => [register, fields] });
  const update = (name: string, fields: unknown, id?: unknown, version?: unknown) =>
    out.push({ name, fn: 'updateRecord', args: (ids) => ['complaints', id ?? ids.complaint, version ?? ids.version, fields] });
  const act = (name: string, action: unknown, fields: unknown, register = 'complaints') =>
    out.push({ name, fn: 'transition', args: (ids) => [register, register === 'complaints' ? ids.complaint : ids.violation, ids.version, action, fields] });

  for (const field of ['complainant', 'subject', 'details', 'unit', 'phone', 'department']) {
    for (const v of [...FORMULA_STARTS, ...HTML]) create(`create ${field}=${JSON.stringify(v)}`, 'complaints', complaint({ [field]: v }));
    for (const v of WRONG_TYPES) create(`create ${field} wrong type ${JSON.stringify(v)}`, 'complaints', complaint({ [field]: v }));
    create(`create ${field} 100 KB`, 'complaints', complaint({ [field]: HUGE }));
  }
  for (const field of ['subject', 'details']) for (const v of UNSAVABLE) create(`create ${field} unsavable ${JSON.stringify(v)}`, 'complaints', complaint({ [field]: v }));
  for (const v of ['   ', '\u3000', '\t\n']) create(`create subject blank ${JSON.stringify(v)}`, 'complaints', complaint({ subject: v }));
  for (const v of ['2026-11-24T24:00:00+08:00', '2026-11-24T24:00+08:00', '2026-11-24T12:60:00+08:00', '1900-12-31T23:59:00+08:00']) create(`create received_at=${JSON.stringify(v)}`, 'complaints', complaint({ received_at: v }));
  for (const field of ['received_at', 'complainant', 'subject', 'class']) create(`create missing ${field}`, 'complaints', complaint({ [field]: undefined }));
  for (const v of ['2026-11-25T09:00:01+08:00', '2030-01-01T00:00:00Z', '2026-13-01T00:00:00+08:00', '2026-02-30T08:00:00+08:00', 'yesterday', '2026-11-25', 1764032400000, '']) {
    create(`create received_at=${JSON.stringify(v)}`, 'complaints', complaint({ received_at: v }));
  }
  for (const v of ['urgent', 'MAJOR', '重大', '', 7]) create(`create class=${JSON.stringify(v)}`, 'complaints', complaint({ class: v }));
  for (const register of ['nope', '', null, 42, 'duty_log', 'household_changes', '__proto__', 'constructor']) create(`create register ${JSON.stringify(register)}`, register, complaint());
  for (const fields of [null, 'text', 42, [], [complaint()]]) create(`create fields ${JSON.stringify(fields)}`, 'complaints', fields);
  for (const extra of ['id', 'version', 'created_by', 'status', 'dispatched_at', 'hash', 'evil', '__proto__']) create(`create extra ${extra}`, 'complaints', { ...complaint(), [extra]: 'x' });
  for (const v of [...FORMULA_STARTS, ...HTML]) create(`create violation description ${JSON.stringify(v)}`, 'violations', violation({ description: v }));
  for (const v of ['2027-01-01T00:00:00+08:00', 'soon']) create(`create violation found_at ${v}`, 'violations', violation({ found_at: v }));
  for (const v of [['tenant', 'dragon'], 'dragon', [], [1]]) create(`create household categories ${JSON.stringify(v)}`, 'households', { unit: '1-1', occupant: '甲', categories: v });
  for (const [issued, expires] of [['2026-11-01', '2027-02-02'], ['2026-11-01', '2026-10-31'], ['2026-11-31', '2026-12-01'], ['11/01/2026', '2026-12-01']]) {
    create(`create pass ${issued}..${expires}`, 'passes', { holder: '何阿姨', role: 'nanny', unit: '1-1', issued_on: issued, expires_on: expires });
  }
  create('create roles by non-manager', 'roles', { email: 'not-an-email', roles: ['god'] });

  for (const v of [...FORMULA_STARTS, ...HTML]) update(`update details ${JSON.stringify(v)}`, { details: v });
  for (const v of WRONG_TYPES) update(`update subject ${JSON.stringify(v)}`, { subject: v });
  for (const f of ['status', 'resolved_at', 'id', 'created_by', 'version', 'nope']) update(`update system field ${f}`, { [f]: 'x' });
  update('update blanks a required field', { subject: '' });
  update('update 100 KB', { details: HUGE + HUGE });
  update('update future time', { received_at: '2026-12-25T09:00:00+08:00' });
  for (const id of ['C-2026-9999', '', null, 42, { id: 1 }]) update(`update id ${JSON.stringify(id)}`, { details: 'x' }, id);
  for (const version of [0, 99, '1', null, -1]) update(`update version ${JSON.stringify(version)}`, { details: 'x' }, undefined, version);

  for (const action of ['explode', '', null, 42, 'cut', 'constructor', 'toString']) act(`transition action ${JSON.stringify(action)}`, action, {});
  act('transition dispatch without department', 'dispatch', {});
  for (const v of [...FORMULA_STARTS, ...HTML]) act(`transition dispatch department ${JSON.stringify(v)}`, 'dispatch', { department: v });
  for (const at of ['2026-11-26T09:00:00+08:00', 'now', 42, '2026-11-25T25:00:00+08:00']) act(`transition at ${JSON.stringify(at)}`, 'start', { at });
  act('transition fields not an object', 'start', 'x');
  act('transition extra field', 'start', { class: 'major' });
  act('transition cut without notice', 'cut', {}, 'violations');
  act('transition serve_cut_notice too soon', 'serve_cut_notice', { cut_planned_at: '2026-11-26T09:00:00+08:00' }, 'violations');
  act('transition rectify without date', 'order_rectification', {}, 'violations');

  const duty = (name: string, entry: unknown) => out.push({ name, fn: 'appendDutyLog', args: () => [entry] });
  for (const v of [...FORMULA_STARTS, ...HTML]) duty(`duty entry text ${JSON.stringify(v)}`, { kind: 'entry', text: v });
  for (const v of WRONG_TYPES) duty(`duty entry text wrong type ${JSON.stringify(v)}`, { kind: 'entry', text: v });
  for (const kind of ['', 'erase', null, 3, 'signoff']) duty(`duty kind ${JSON.stringify(kind)}`, { kind, text: '巡查' });
  duty('duty entry 100 KB', { kind: 'entry', text: HUGE });
  for (const v of [...UNSAVABLE, '   ']) duty(`duty entry unsavable ${JSON.stringify(v)}`, { kind: 'entry', text: v });
  duty('duty entry in the future', { kind: 'entry', text: '巡查', at: '2026-11-26T09:00:00+08:00' });
  duty('duty entry unknown field', { kind: 'entry', text: '巡查', hash: '0'.repeat(64) });
  duty('duty correction of nothing', { kind: 'correction', text: '更正', corrects: 999 });
  duty('duty correction not a whole number', { kind: 'correction', text: '更正', corrects: 1.5 });
  duty('duty handover without incoming', { kind: 'handover', openItems: ['电梯待修'] });
  duty('duty open items not text', { kind: 'handover', incoming: '赵师傅', openItems: [{ x: 1 }] });
  duty('duty not an object', '巡查');
  return out;
}

describe('bad input', () => {
  const host = setUpBook();
  const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ subject: '原有记录' })));
  const v = ok(rpc(host, 'createRecord', 'violations', violation()));
  const ids: Ids = { complaint: c.id as string, version: 1, violation: v.id as string };
  const all = payloads();
  const existingRows = () => {
    const sheet = sheetNamed(host, '投诉');
    const row = sheet.rows.find((r) => r && r.includes(ids.complaint));
    return JSON.stringify([row, sheetNamed(host, '违章').rows.find((r) => r && r.includes(ids.violation))]);
  };

  it('has at least 200 payloads', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });

  it.each(all.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const before = existingRows();
    const r: Result = rpc(host, p.fn, ...p.args(ids));
    if (r.ok) {
      // Accepted: it must be stored as inert text and read back exactly as sent.
      expect(formulas(host)).toEqual([]);
      const sent = p.args(ids).find((a) => a && typeof a === 'object' && !Array.isArray(a)) as Record<string, unknown>;
      const stored = (r.record ?? {}) as Record<string, unknown>;
      // One-line fields are trimmed like any form; free text is kept byte for byte.
      for (const [k, val] of Object.entries(sent ?? {})) {
        if (typeof val === 'string' && Object.prototype.hasOwnProperty.call(stored, k) && !k.endsWith('_at')) expect(stored[k]).toBe(k === 'details' || k === 'description' ? val : val.trim());
      }
      if (p.fn === 'updateRecord') ids.version = r.version as number;
    } else {
      expect(typeof r.code).toBe('string');
      expect(r.message).toBeTruthy();
      expect(r.fieldErrors).toBeDefined();
      if (r.code === 'invalid') expect(Object.keys(r.fieldErrors!).length).toBeGreaterThan(0);
      // A refused write changes no existing row.
      expect(existingRows()).toBe(before);
    }
  });

  it('leaves no formula anywhere in the workbook', () => {
    expect(formulas(host)).toEqual([]);
  });

  it('kept the original complaint’s subject and every other record intact', () => {
    const got = ok(rpc(host, 'getRecord', 'complaints', ids.complaint)).record as { fields: Record<string, unknown> };
    expect(got.fields.subject).toBe('原有记录');
    expect(got.fields.complainant).toBe('王女士');
  });
});
