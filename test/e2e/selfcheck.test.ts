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
const KEYS = ['intl', 'apostrophe', 'conversion', 'pdf', 'triggers', 'email', 'lock', 'mail', 'sharing'];
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
};

const check = (quirks: Quirk[]) => {
  const host = setUpBook({ quirks });
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

  it.each(QUIRK_NAMES.map((q) => [q]))('under the %s quirk names it on its row and still passes', (quirk) => {
    const { r, row } = check([quirk as Quirk]);
    const found = row(ROW_OF[quirk as Quirk]);
    expect(found).toMatchObject({ ok: true, behaviour: quirk, result: '另一种行为，已适配' });
    expect(r.rows.filter((x) => x !== found).every((x) => x.behaviour === 'expected')).toBe(true);
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
