// The phone web app through dist/Code.js: doGet's page or refusal, each role's registers on the phone, and a form sent twice recorded once.
import { as, cells, CLERK, DEPT, MANAGER, ok, rpc, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR, violation, type Result } from './book';
import type { Quirk } from '../../src/local/host';

const quirks = (process.env.ESTATE_HOST_QUIRKS ?? '').split(',').filter(Boolean) as Quirk[];
/**
 * Under the webapp-no-active quirk Google gives the web app no spreadsheet, and only an office that
 * grants the full spreadsheets scope (and opened the sidebar once, recording the id) has a phone page:
 * the suite runs that office. The refusal under the manifest's own scope is tested in selfcheck.test.
 */
const noActive = quirks.includes('webapp-no-active');
const book = () => {
  const host = setUpBook({ now: '2026-11-25T22:00:00+08:00', quirks, scopes: noActive ? ['https://www.googleapis.com/auth/spreadsheets'] : undefined });
  if (noActive) as(host, MANAGER, () => host.call('showSidebar'));
  return host;
};
/** A call from the phone page: it runs as the web app does. */
const phone = (host: ReturnType<typeof setUpBook>, user: string, fn: string, ...args: unknown[]) => as(host, user, () => host.asWebApp(() => rpc(host, fn, ...args))) as Result;
const page = (host: ReturnType<typeof setUpBook>, user: string) =>
  as(host, user, () => host.asWebApp(() => host.call('doGet', { parameter: {} }))) as { getContent(): string; getTitle(): string; metaTags: { name: string; content: string }[] };
const visitor = { visitor: '周先生', id_number: '440301199001011234', unit: '3-1-502', purpose: '探亲' };
const ID = '0f4a8c2e-7b1d-4e59-9a3c-5d2e8f6b1a70';

describe('phone web app', () => {
  it('serves the sidebar laid out for a phone to staff, with the viewport set', () => {
    const host = book();
    const out = page(host, SECURITY);
    expect(out.getContent()).toContain('<meta name="er-view" content="mobile">');
    expect(out.getContent()).toContain('id="app"');
    expect(out.metaTags).toContainEqual({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
    expect(out.getTitle()).toBe('物业台账（手机）');
  });

  it('shows someone outside the Roles tab a refusal and nothing else', () => {
    const host = book();
    const html = page(host, STRANGER).getContent();
    expect(html).toContain('您不在人员权限表中，请联系管理处经理');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('er-view');
  });

  it('offers each role only its registers; the sidebar keeps offering all it may read', () => {
    const host = book();
    const keys = (user: string, view?: string) => {
      const r = view ? phone(host, user, 'getRegisters', view) : as(host, user, () => rpc(host, 'getRegisters'));
      return ok(r).registers ? (r.registers as { key: string }[]).map((x) => x.key).sort() : [];
    };
    // Security: its rounds, the gate and the duty log (issue 15 gives guards the duty log; SPEC gave it to clerks only).
    expect(keys(SECURITY, 'mobile')).toEqual(['duty_log', 'outings', 'release_passes', 'requests', 'violations', 'visitors']);
    expect(keys(SECURITY)).toContain('emergency_entries');
    for (const user of [CLERK, SUPERVISOR, MANAGER, DEPT]) expect(keys(user, 'mobile')).toEqual(keys(user));
    expect(keys(CLERK, 'mobile')).toEqual(expect.arrayContaining(['duty_log', 'complaints', 'violations', 'visitors']));
    expect(phone(host, STRANGER, 'getRegisters', 'mobile')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('records a form sent twice with the same client id once, and answers the replay with the first record', () => {
    const host = book();
    const first = ok(phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', visitor));
    const after = snapshot(host);
    const again = ok(phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', visitor));
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(snapshot(host)).toBe(after);
    expect(cells(host, '来访登记').filter((r) => r.includes('周先生'))).toHaveLength(1);
    // Another form gets another record.
    const other = ok(phone(host, SECURITY, 'submitOffline', ID.replace('0f4a', '1f4a'), 'record', 'visitors', visitor));
    expect(other.id).not.toBe(first.id);
  });

  it('forgets a refused send so the corrected form can go with the same id; a duplicate duty entry is written once', () => {
    const host = book();
    const before = snapshot(host);
    const bad = phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', { visitor: '周先生' }) as Result;
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(bad.fieldErrors).toHaveProperty('unit');
    expect(snapshot(host)).toBe(before);
    ok(phone(host, SECURITY, 'submitOffline', ID, 'record', 'violations', violation({ category: 'fire', description: '消防通道堆放杂物' })));

    const entry = { kind: 'entry', text: '22:10 巡查 3 栋地下车库，消防通道畅通' };
    const duty = ok(phone(host, CLERK, 'submitOffline', ID.replace('0f', 'aa'), 'duty', 'duty_log', entry));
    const replay = ok(phone(host, CLERK, 'submitOffline', ID.replace('0f', 'aa'), 'duty', 'duty_log', entry));
    expect(replay).toMatchObject({ seq: duty.seq, duplicate: true });
    expect(cells(host, '值班记录').filter((r) => r.some((c) => String(c).includes('消防通道畅通')))).toHaveLength(1);
  });

  it('tells a duplicate arriving while the first is being written to wait, and takes over a claim left by a stopped run', () => {
    const host = book();
    // As a run that claimed the id and was stopped by Google before writing leaves it.
    host.workbook.properties.document['phone.sent'] = JSON.stringify({ [ID]: { at: Date.parse('2026-11-25T22:00:00+08:00'), result: null } });
    const before = snapshot(host);
    expect(phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', visitor)).toMatchObject({ ok: false, code: 'busy', message: '台账正忙，请稍后再试' });
    expect(snapshot(host)).toBe(before);
    host.setNow('2026-11-25T22:07:00+08:00');
    const sent = ok(phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', visitor));
    expect(phone(host, SECURITY, 'submitOffline', ID, 'record', 'visitors', visitor)).toMatchObject({ ok: true, id: sent.id, duplicate: true });
    expect(JSON.stringify(host.workbook.properties.document['phone.sent'])).not.toContain('周先生');
  });

  it('refuses on the server what the phone does not offer the role, and a made-up client id', () => {
    const host = book();
    const before = snapshot(host);
    expect(phone(host, SECURITY, 'submitOffline', ID, 'record', 'emergency_entries', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(phone(host, DEPT, 'submitOffline', ID, 'duty', 'duty_log', { kind: 'entry', text: '巡查' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(phone(host, STRANGER, 'submitOffline', ID, 'record', 'visitors', visitor)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(phone(host, SECURITY, 'submitOffline', '=HYPERLINK("x")', 'record', 'visitors', visitor)).toMatchObject({ ok: false, code: 'invalid' });
    expect(snapshot(host)).toBe(before);
  });
});
