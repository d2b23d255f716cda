// 自检 through dist/Code.js: one row per assumption about Google, saved to a hidden tab; under each host quirk it names that quirk.
import { as, CLERK, ok, rpc, setUpBook, sheetNamed, STRANGER, SUPERVISOR, type Result } from './book';
import { QUIRK_NAMES, type Quirk } from '../../src/local/host';

interface Row {
  key: string;
  label: string;
  result: string;
  ok: boolean;
  behaviour: string;
  detail: string;
}
const KEYS = ['intl', 'apostrophe', 'conversion', 'pdf', 'docImages', 'triggers', 'email', 'lock', 'mail', 'sharing', 'webapp'];
/** Which row finds each quirk. */
const ROW_OF: Record<Quirk, string> = {
  'apostrophe-kept': 'apostrophe',
  'no-longoffset': 'intl',
  'no-intl-tz': 'intl',
  'export-string': 'pdf',
  'clock-triggers-unbound': 'triggers',
  'empty-email': 'email',
  'no-document-lock': 'lock',
  'locale-conversion': 'conversion',
  'webapp-no-active': 'webapp',
  'doc-drops-images': 'docImages',
};
/** A row the add-on cannot make pass by itself: without an active spreadsheet the web app needs a scope the manifest does not ask for. */
const UNHANDLED: Quirk[] = ['webapp-no-active'];

/** Someone opens the phone page once (as the office would before 自检), then the sidebar runs the check. */
const openPhonePage = (host: ReturnType<typeof setUpBook>) =>
  as(host, SUPERVISOR, () => host.asWebApp(() => host.call('doGet', { parameter: {} }))) as { getContent(): string };

const check = (quirks: Quirk[], opts: { scopes?: string[]; phone?: boolean } = {}) => {
  const host = setUpBook({ quirks, scopes: opts.scopes });
  if (opts.phone !== false) openPhonePage(host);
  const r = ok(as(host, SUPERVISOR, () => rpc(host, 'selfCheck'))) as Result & { rows: Row[]; passed: boolean };
  return { host, r, row: (k: string) => r.rows.find((x) => x.key === k)! };
};

describe('自检', () => {
  it('passes on the local host, one row per assumption, each saying 通过', () => {
    const { r } = check([]);
    expect(r.rows.map((x) => x.key)).toEqual(KEYS);
    for (const row of r.rows) expect({ key: row.key, ok: row.ok, behaviour: row.behaviour, result: row.result }).toEqual({ key: row.key, ok: true, behaviour: 'expected', result: '通过' });
    expect(r.passed).toBe(true);
  });

  it.each(QUIRK_NAMES.filter((q) => !UNHANDLED.includes(q)).map((q) => [q]))('under the %s quirk names it on its row and still passes', (quirk) => {
    const { r, row } = check([quirk as Quirk]);
    const found = row(ROW_OF[quirk as Quirk]);
    expect(found).toMatchObject({ ok: true, behaviour: quirk, result: '另一种行为，已适配' });
    expect(r.rows.filter((x) => x !== found).every((x) => x.behaviour === 'expected')).toBe(true);
  });

  it('says the phone page cannot reach the workbook when Google gives it no spreadsheet, and the page says so in words', () => {
    const { host, r, row } = check(['webapp-no-active']);
    expect(row('webapp')).toMatchObject({ ok: false, behaviour: 'webapp-no-active', result: '未通过' });
    expect(row('webapp').detail).toMatch(/openById|workbook id/);
    expect(r.passed).toBe(false);
    const page = openPhonePage(host).getContent();
    expect(page).toContain('手机网页版打不开台账');
    expect(page).not.toContain('<script');
    // The sidebar recorded the id, but openById needs the full spreadsheets scope the manifest does not grant.
    as(host, SUPERVISOR, () => host.call('showSidebar'));
    openPhonePage(host);
    expect(ok(as(host, SUPERVISOR, () => rpc(host, 'selfCheck'))).rows).toContainEqual(expect.objectContaining({ key: 'webapp', ok: false, detail: expect.stringContaining('auth/spreadsheets') }));
  });

  it('with the full spreadsheets scope granted, the web app opens the workbook by the id the sidebar recorded', () => {
    const { host, row } = check(['webapp-no-active'], { scopes: ['https://www.googleapis.com/auth/spreadsheets'], phone: false });
    expect(row('webapp')).toMatchObject({ ok: true, behaviour: 'untested' });
    as(host, SUPERVISOR, () => host.call('showSidebar'));
    expect(openPhonePage(host).getContent()).toContain('er-view');
    const again = ok(as(host, SUPERVISOR, () => rpc(host, 'selfCheck'))) as Result & { rows: Row[] };
    expect(again.rows.find((x) => x.key === 'webapp')).toMatchObject({ ok: true, behaviour: 'webapp-no-active', result: '另一种行为，已适配' });
  });

  it('asks for the phone page to be opened once before it can say how it reaches the workbook', () => {
    const { row } = check([], { phone: false });
    expect(row('webapp')).toMatchObject({ ok: true, behaviour: 'untested', result: '未测' });
    expect(row('webapp').detail).toContain('/exec');
  });

  it('saves the report to a hidden tab and leaves no scratch Doc, file or trigger behind', () => {
    const { host } = check([]);
    const tab = sheetNamed(host, '_自检');
    expect(tab.hidden).toBe(true);
    expect(tab.rows[0]).toEqual(['检查项', '结果', '发现', '详情']);
    expect(tab.rows.slice(1, 1 + KEYS.length).map((r) => r?.[1])).toEqual(KEYS.map(() => '通过'));
    expect(host.workbook.drive.items.filter((i) => /自检/.test(i.name))).toEqual([]);
    expect(host.workbook.triggers).toEqual([]);
  });

  it('the menu item shows the report as a dialog, with Google text escaped', () => {
    const host = setUpBook({ quirks: [] });
    as(host, SUPERVISOR, () => host.call('selfCheckFromMenu'));
    const dialog = host.ui.dialogs.at(-1)!;
    expect(dialog).toMatchObject({ title: '物业台账自检', modal: true });
    expect(dialog.content).toContain('<td>时区换算（Intl 与 Utilities）</td><td>通过</td>');
    expect(dialog.content).not.toMatch(/<script/i);
  });

  it('is for supervisors and the manager only', () => {
    const host = setUpBook({ quirks: [] });
    expect(as(host, CLERK, () => rpc(host, 'selfCheck'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, STRANGER, () => rpc(host, 'selfCheck'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(host.workbook.sheets.some((s) => s.name === '_自检')).toBe(false);
  });
});
