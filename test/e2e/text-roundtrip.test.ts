// Nothing lost, nothing silently changed: hostile text and times either read back exactly as typed (also after the .xlsx is saved and reopened) or are refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, CLERK, CODE, complaint, MANAGER, ok, rpc, Result, setUpBook, sheetNamed } from './book';
import { createHost, Host } from '../../src/local/host';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';

/** Texts Sheets would otherwise turn into numbers or dates, or that stress the .xlsx: all must come back as sent. */
const KEPT = [
  '0755-1234',
  '０７５５',
  'Jan 5',
  '5 March 2026',
  '5/1',
  '1e3',
  '12%',
  '1,000',
  '$5',
  '(5)',
  '＄5',
  '_x0041_',
  '_x000D_ 与 _x005F_',
  '22:10 巡查',
  "O'Brien 的包裹",
  '表情 😀 和 tab\t在中间',
  'TRUE',
];

/** Texts that cannot read back as typed: refused with a field error, nothing written. */
const REFUSED: [string, string][] = [
  ['U+FFFF', 'a\uFFFFb'],
  ['U+FFFE', '\uFFFE'],
  ['a C0 control', 'bell\u0007'],
  ['a vertical tab', 'a\u000Bb'],
  ['NUL', 'a\u0000b'],
  ['a lone high surrogate', 'x\uD83D'],
  ['a lone low surrogate', '\uDE00x'],
  ['a carriage return', '第一行\r第二行'],
  ['a leading apostrophe', "'0755"],
  ['a leading apostrophe before plain words', "'引号开头"],
];

const ERRORS = {
  bad_chars: /无法保存/,
  leading_apostrophe: /单引号/,
};

async function reopen(host: Host): Promise<Host> {
  const file = join(mkdtempSync(join(tmpdir(), 'roundtrip-')), 'book.xlsx');
  await saveWorkbook(host.workbook, file);
  const workbook = await loadWorkbook(file);
  return createHost({ codePath: CODE, workbook, user: MANAGER, now: '2026-11-25T09:00:00+08:00' });
}

const subjectOf = (host: Host, id: string) => ((ok(rpc(host, 'getRecord', 'complaints', id)).record as { fields: Record<string, unknown> }).fields.subject);
const detailsOf = (host: Host, id: string) => ((ok(rpc(host, 'getRecord', 'complaints', id)).record as { fields: Record<string, unknown> }).fields.details);

describe('text reads back exactly as typed', () => {
  const host = setUpBook();
  const ids = new Map<string, string>();

  it('keeps every such text in a one-line and a free-text field', () => {
    for (const text of KEPT) {
      const r = ok(rpc(host, 'createRecord', 'complaints', complaint({ subject: text, details: text })));
      ids.set(text, r.id as string);
      expect([subjectOf(host, r.id as string), detailsOf(host, r.id as string)]).toEqual([text, text]);
    }
  });

  it('keeps them in the duty log, whose chain verifies', () => {
    for (const text of KEPT) ok(as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text })));
    expect(ok(rpc(host, 'verifyDutyLog'))).toMatchObject({ intact: true, entries: KEPT.length });
  });

  it('still has them after the workbook is saved and reopened, and the chain still verifies', async () => {
    const again = await reopen(host);
    for (const text of KEPT) expect([subjectOf(again, ids.get(text)!), detailsOf(again, ids.get(text)!)]).toEqual([text, text]);
    expect(ok(rpc(again, 'verifyDutyLog'))).toMatchObject({ intact: true, entries: KEPT.length });
  });
});

describe('text that could not read back as typed is refused', () => {
  const host = setUpBook();
  const before = () => JSON.stringify(host.workbook.sheets.map((s) => [s.name, s.rows]));

  it.each(REFUSED)('refuses %s in a record, with a field error and nothing written', (_name, text) => {
    const was = before();
    const r: Result = rpc(host, 'createRecord', 'complaints', complaint({ details: text }));
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.fieldErrors!.details).toMatch(text.startsWith("'") ? ERRORS.leading_apostrophe : ERRORS.bad_chars);
    expect(before()).toBe(was);
  });

  it.each(REFUSED)('refuses %s in the duty log, so it never has an entry it would later call edited', (_name, text) => {
    const was = before();
    const r: Result = as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text }));
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.fieldErrors!.text).toBeTruthy();
    expect(before()).toBe(was);
  });

  it('says so in the other office languages too', () => {
    const lang = sheetNamed(host, '设置').rows.find((r) => r && r[0] === 'lang')!;
    try {
      lang[1] = 'en';
      expect(rpc(host, 'createRecord', 'complaints', complaint({ details: "'x" })).fieldErrors!.details).toMatch(/apostrophe/);
      expect(rpc(host, 'createRecord', 'complaints', complaint({ details: 'a\uFFFF' })).fieldErrors!.details).toMatch(/cannot be saved/);
      lang[1] = 'zh-Hant';
      expect(rpc(host, 'createRecord', 'complaints', complaint({ details: "'x" })).fieldErrors!.details).toMatch(/單引號/);
    } finally {
      lang[1] = 'zh-Hans';
    }
  });

  it('does not take spaces alone for a required field', () => {
    for (const blank of ['   ', '\u3000', ' \n\t ']) {
      const r: Result = rpc(host, 'createRecord', 'complaints', complaint({ subject: blank }));
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
      expect(Object.keys(r.fieldErrors!)).toEqual(['subject']);
      const d: Result = as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text: blank }));
      expect(d).toMatchObject({ ok: false, code: 'invalid' });
      expect(Object.keys(d.fieldErrors!)).toEqual(['text']);
    }
  });

  it('refuses clock readings that do not exist and times before 1901', () => {
    for (const at of ['2026-11-24T24:00+08:00', '2026-11-24T24:00:00+08:00', '2026-11-24T23:60:00+08:00', '2026-11-24T23:59:60+08:00', '2026-11-24T09:00:00+15:00', '1900-06-01T09:00:00+08:00', '1899-12-30T00:00:00+08:00']) {
      const r: Result = rpc(host, 'createRecord', 'complaints', complaint({ received_at: at }));
      expect([at, r.ok, Object.keys(r.fieldErrors ?? {})]).toEqual([at, false, ['received_at']]);
    }
    const kept = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '1901-01-01T08:00:00+08:00' })));
    const got = ok(rpc(host, 'getRecord', 'complaints', kept.id)).record as { fields: Record<string, unknown> };
    expect(got.fields.received_at).toBe('1901-01-01T08:00:00+08:00');
  });

  it('refuses a calendar date before 1901', () => {
    const r: Result = rpc(host, 'createRecord', 'passes', { holder: '何阿姨', role: 'nanny', unit: '1-1', issued_on: '1900-11-01', expires_on: '1900-12-01' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys(r.fieldErrors!).sort()).toEqual(['expires_on', 'issued_on']);
  });

  it('leaves a workbook that saves and reopens', async () => {
    const again = await reopen(host);
    expect(sheetNamed(again, '投诉').rows.length).toBe(sheetNamed(host, '投诉').rows.length);
  });
});
