// Where Google may behave either way (triggers listed, the signed-in email, the document lock), the add-on is right under both.
import vm from 'node:vm';
import { as, cells, CLERK, CODE, complaint, ok, rpc, setUpBook, snapshot, SUPERVISOR, type Result } from './book';
import { createHost, newWorkbook, type Host, type Quirk } from '../../src/local/host';

const NOW = '2026-11-25T09:00:00+08:00';
const scanTriggers = (host: Host) => host.workbook.triggers.filter((t) => t.handler === 'runOverdueScan');

describe.each<[string, Quirk[]]>([
  ['as the host has it', []],
  ['when getUserTriggers leaves out clock triggers', ['clock-triggers-unbound']],
])('安装提醒 %s', (_name, quirks) => {
  it('run twice leaves exactly one hourly trigger, and 卸载提醒 removes it', () => {
    const host = setUpBook({ quirks });
    as(host, SUPERVISOR, () => {
      ok(rpc(host, 'installTriggers'));
      ok(rpc(host, 'installTriggers'));
    });
    expect(scanTriggers(host)).toHaveLength(1);
    expect(scanTriggers(host)[0]).toMatchObject({ owner: SUPERVISOR, eventType: 'CLOCK' });
    // …and exactly one on-edit trigger (表格直接修改), removed with it.
    expect(host.workbook.triggers.filter((t) => t.eventType === 'ON_EDIT')).toHaveLength(1);
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'uninstallTriggers')))).toMatchObject({ removed: 2 });
    expect(host.workbook.triggers).toEqual([]);
  });
});

describe('the signed-in email', () => {
  it('hidden by getActiveUser, the effective user (the same person in a sidebar call) still records under their own name', () => {
    const host = setUpBook({ quirks: ['empty-email'] });
    const made = as(host, CLERK, () => ok(rpc(host, 'createRecord', 'complaints', complaint())));
    const row = cells(host, '投诉').find((r) => r[0] === made.id);
    expect(row).toContain(CLERK);
  });

  it('hidden altogether, the user is told what to do in the office language and nothing is written', () => {
    const host = setUpBook({ quirks: ['empty-email'] });
    const before = snapshot(host);
    const r = as(host, '', () => rpc(host, 'createRecord', 'complaints', complaint()));
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(r.message).toContain('Workspace');
    expect(r.message).toContain('管理处经理');
    expect(as(host, '', () => rpc(host, 'appendDutyLog', { kind: 'entry', text: '巡查' }))).toMatchObject({ ok: false, message: r.message });
    expect(snapshot(host)).toBe(before);
  });

  it('hidden when setting up a new workbook: no tabs are made, so no one is locked out of a workbook with no manager', () => {
    const host = createHost({ codePath: CODE, workbook: newWorkbook(), user: '', now: NOW, quirks: ['empty-email'] });
    const before = snapshot(host);
    const r = host.callFromClient('setupWorkbook', ['zh-Hans']) as Result;
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(r.message).toContain('Workspace');
    expect(snapshot(host)).toBe(before);
  });
});

describe.each<[string, boolean]>([
  ['as the host has it', false],
  ['when only the trigger gets no document lock', true],
])('the lock %s', (_name, triggerWithoutDocumentLock) => {
  /** Runs the hourly scan as a trigger in another execution and, once it holds its lock, a clerk's sidebar write. */
  function writeDuringScan(): { during: Result | null; before: string; after: string; host: Host } {
    const host = setUpBook({ quirks: [] });
    let during: Result | null = null;
    let before = '';
    let busyProbe = false;
    const trigger = createHost({
      codePath: CODE,
      workbook: host.workbook,
      user: SUPERVISOR,
      now: NOW,
      onCall: (name) => {
        if (during || busyProbe || !name.startsWith('SpreadsheetApp.Range.')) return;
        busyProbe = true;
        const holds = vm.runInContext('LockService.getScriptLock().hasLock() || (LockService.getDocumentLock() || { hasLock: function () { return false; } }).hasLock()', trigger.context) as boolean;
        busyProbe = false;
        if (!holds) return;
        before = snapshot(host);
        during = as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint()));
      },
    });
    // The worst mix: a time-driven trigger with no current document while the sidebar has one.
    if (triggerWithoutDocumentLock) vm.runInContext('LockService.getDocumentLock = function () { return null; }', trigger.context);
    ok(trigger.callAsTrigger('runOverdueScan', { triggerUid: 'x' }) as Result);
    return { during, before, after: snapshot(host), host };
  }

  it('a sidebar write while the hourly trigger runs is told the workbook is busy; afterwards it goes through', () => {
    const { during, host } = writeDuringScan();
    expect(during).toMatchObject({ ok: false, code: 'busy' });
    expect(JSON.stringify(host.workbook.sheets.find((s) => s.name === '投诉')?.rows)).not.toContain('楼道灯不亮');
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint())));
  });
});
